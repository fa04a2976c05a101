// The plan differential runner: generated plans (plan-generate.mjs) through an engine's
// allocatePlan and through the reference (plan.mjs), every form of each plan (JS object, JSON
// text, CSV with ";", CSV with ","; a Windows-1252 file as the text a browser decodes), compared
// on everything the contract fixes. Used by tests/node/plan-differential.test.mjs.

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allocatePlan as referencePlan } from './plan.mjs';
import { generatePlan } from './plan-generate.mjs';

const MAX_WRITTEN = 100;
const MAX_PRINTED = 10;

/** Turns Maps (serde-wasm-bindgen's default for JSON objects) into plain objects, recursively. */
function plain(value) {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** A decimal's value without its spelling ("2000000.00" → "2000000"): ceilings are given text. */
const value = (d) => (typeof d === 'string' && d.includes('.') ? d.replace(/\.?0+$/, '') : d);

const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

/** The compared part of an outcome: everything the contract fixes, or the error's code and path. */
export function projectPlan(run) {
  let r;
  try {
    r = plain(run());
  } catch (e) {
    return { error: { code: e?.code ?? `thrown: ${e?.message ?? e}`, path: e?.path } };
  }
  const payerList = (ps) => ps.map((p) => ({ id: p.id, amount: p.amount }));
  return {
    contractVersion: r.contractVersion,
    title: r.title,
    currency: r.currency,
    years: r.years,
    total: r.total,
    payers: r.payers.map((p) => pick(p, ['id', 'kind', 'name', 'ags', 'years', 'total', 'compare'])),
    services: r.services.map((s) => pick(s, ['service', 'years', 'total'])),
    entries: r.entries.map((e) => ({
      ...pick(e, ['index', 'service', 'line', 'year', 'total']),
      payers: payerList(e.payers),
      ...(e.compare ? { compare: { payers: payerList(e.compare.payers) } } : {}),
    })),
    lines: r.lines.map((l) => ({ ...pick(l, ['line', 'year', 'amount', 'exceeded']), ceiling: value(l.ceiling) })),
    warnings: (r.warnings ?? []).filter((w) => w.code === 'ceiling_exceeded').map((w) => ({ code: w.code, path: w.path })),
  };
}

/** Up to `max` lines naming the first differences between two projections. */
export function diffLines(a, b, max = 12) {
  const out = [];
  const walk = (x, y, path) => {
    if (out.length >= max) return;
    if (JSON.stringify(x) === JSON.stringify(y)) return;
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], Array.isArray(x) ? `${path}[${k}]` : `${path}.${k}`);
      return;
    }
    out.push(`${path || '.'}: engine ${JSON.stringify(x)?.slice(0, 200)}, reference ${JSON.stringify(y)?.slice(0, 200)}`);
  };
  walk(a, b, '');
  return out;
}

/** The input of one form of a generated plan; `bytesAsText` decodes a byte file as a browser would. */
export function inputOf(g, form) {
  if (form === 'object') return structuredClone(g.plan);
  if (form === 'json') return JSON.stringify(g.plan);
  if (form === 'bytes') return new TextDecoder('utf-8').decode(g.bytes);
  return g.csv[form.slice(3)];
}

/**
 * Runs `n` generated plans (seeds `seed` …) through `enginePlan(input, options)` and the
 * reference, every form of each. Mismatching inputs go to `outDir` as
 * plan-mismatch-<seed>-<form>.{json,csv} with the options beside them.
 * Returns { plans, runs, forms: {form: count}, mismatches: [{ seed, form, lines, file }] }.
 */
export function runPlanDifferential(enginePlan, { n, seed, outDir, log = console.log }) {
  const mismatches = [];
  const forms = {};
  let runs = 0;
  for (let s = seed; s < seed + n; s++) {
    if (n >= 2000 && s > seed && (s - seed) % 1000 === 0) log(`plan differential: ${s - seed}/${n} plans`);
    const g = generatePlan(s);
    for (const form of g.forms) {
      runs++;
      forms[form] = (forms[form] ?? 0) + 1;
      const options = { ...g.options };
      const a = projectPlan(() => enginePlan(inputOf(g, form), Object.keys(options).length ? options : undefined));
      const b = projectPlan(() => referencePlan(form === 'bytes' ? g.bytes : inputOf(g, form), { ...options }));
      // A stated defect must be what the reference says, or the generator and reference disagree.
      const stated = g.expect && !b.error ? ['reference: no error, generator stated', JSON.stringify(g.expect)]
        : g.expect && JSON.stringify(b.error) !== JSON.stringify(g.expect) ? [`reference ${JSON.stringify(b.error)}, generator stated ${JSON.stringify(g.expect)}`] : [];
      if (JSON.stringify(a) === JSON.stringify(b) && stated.length === 0) continue;
      const lines = [...stated, ...diffLines(a, b)];
      let file = null;
      if (mismatches.length < MAX_WRITTEN) {
        mkdirSync(outDir, { recursive: true });
        const ext = form.startsWith('csv') || form === 'bytes' ? 'csv' : 'json';
        file = fileURLToPath(new URL(`plan-mismatch-${s}-${form.replace(/\W/g, '') || 'semi'}.${ext}`, outDir));
        writeFileSync(file, form === 'bytes' ? g.bytes : form === 'object' || form === 'json' ? `${JSON.stringify(g.plan, null, 1)}\n` : inputOf(g, form));
        writeFileSync(`${file}.options.json`, `${JSON.stringify(g.options)}\n`);
      }
      if (mismatches.length < MAX_PRINTED) log(`plan mismatch for seed ${s} (${form})${file ? `: ${file}` : ''}\n  ${lines.join('\n  ')}`);
      mismatches.push({ seed: s, form, file, lines });
    }
  }
  return { plans: n, runs, forms, mismatches };
}
