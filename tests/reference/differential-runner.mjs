// The differential runner: generated requests through an engine and through the reference,
// compared on amounts and Kommune rows. Used by tests/node/differential.test.mjs (and by anything
// else that wants to compare an engine build, e.g. a soak run).

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allocate as referenceAllocate } from './allocate.mjs';
import { generateRequest } from './generate.mjs';

const MAX_WRITTEN = 100; // mismatch files written at most; a systematic bug would flood the disk
const MAX_PRINTED = 10;

/** Turns Maps (serde-wasm-bindgen's default for JSON objects) into plain objects, recursively. */
function plain(value) {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The compared part of an outcome: amounts and Kommune rows, or the error's code and path. */
function project(run) {
  try {
    const r = plain(run());
    const out = { total: r.total, payers: r.payers.map((p) => ({ id: p.id, amount: p.amount })) };
    if (r.kommunen) {
      out.kommunen = { landKeeps: r.kommunen.landKeeps, rows: r.kommunen.rows.map((k) => ({ ags: k.ags, amount: k.amount })) };
    }
    return out;
  } catch (e) {
    return { error: { code: e?.code ?? `thrown: ${e?.message ?? e}`, path: e?.path } };
  }
}

/** Human-readable lines for what differs between engine (a) and reference (b). */
function describeDiff(a, b) {
  if (a.error || b.error) return [`engine: ${JSON.stringify(a.error ?? 'ok')}`, `reference: ${JSON.stringify(b.error ?? 'ok')}`];
  const lines = [];
  if (a.total !== b.total) lines.push(`total: engine ${a.total}, reference ${b.total}`);
  const ids = (x) => x.payers.map((p) => p.id).join(',');
  if (ids(a) !== ids(b)) lines.push(`payer order: engine [${ids(a)}], reference [${ids(b)}]`);
  const ref = new Map(b.payers.map((p) => [p.id, p.amount]));
  for (const p of a.payers) {
    if (ref.get(p.id) !== p.amount) lines.push(`${p.id}: engine ${p.amount}, reference ${ref.get(p.id) ?? '(absent)'}`);
  }
  for (const p of b.payers) if (!a.payers.some((q) => q.id === p.id)) lines.push(`${p.id}: engine (absent), reference ${p.amount}`);
  const ka = a.kommunen;
  const kb = b.kommunen;
  if (Boolean(ka) !== Boolean(kb)) lines.push(`kommunen: engine ${ka ? 'present' : 'absent'}, reference ${kb ? 'present' : 'absent'}`);
  else if (ka) {
    if (ka.landKeeps !== kb.landKeeps) lines.push(`landKeeps: engine ${ka.landKeeps}, reference ${kb.landKeeps}`);
    const rows = new Map(kb.rows.map((r) => [r.ags, r.amount]));
    const differing = ka.rows.filter((r) => rows.get(r.ags) !== r.amount);
    for (const r of differing.slice(0, 10)) lines.push(`Kommune ${r.ags}: engine ${r.amount}, reference ${rows.get(r.ags) ?? '(absent)'}`);
    if (differing.length > 10) lines.push(`... ${differing.length - 10} more Kommune rows differ`);
    if (ka.rows.length !== kb.rows.length) lines.push(`Kommune rows: engine ${ka.rows.length}, reference ${kb.rows.length}`);
  }
  return lines;
}

/**
 * Runs `n` generated requests (seeds `seed`, `seed`+1, ...) through `engineAllocate` and the
 * reference. Mismatching requests go to `outDir` (a file URL) as mismatch-<seed>.json.
 * Returns { checked, mismatches: [{ seed, file, lines }] }.
 */
export function runDifferential(engineAllocate, { n, seed, outDir, log = console.log, gemeinde = null }) {
  const mismatches = [];
  for (let s = seed; s < seed + n; s++) {
    if (n >= 10_000 && s > seed && (s - seed) % 10_000 === 0) log(`differential: ${s - seed}/${n} checked`);
    const request = generateRequest(s);
    // With a GV100AD file, every fourth Kommune block asks for the Gemeinde level; each side
    // reads the file with its own reader.
    const useFile = gemeinde && request.kommunen && s % 4 === 0;
    if (useFile) request.kommunen.level = 'gemeinde';
    const json = JSON.stringify(request);
    // Each side gets its own copy, so neither can see what the other did to the request.
    const a = project(() => engineAllocate(JSON.parse(json), useFile ? gemeinde.engine : undefined));
    const b = project(() => referenceAllocate(JSON.parse(json), useFile ? { kommunen: gemeinde.reference } : {}));
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const lines = describeDiff(a, b);
    let file = null;
    if (mismatches.length < MAX_WRITTEN) {
      mkdirSync(outDir, { recursive: true });
      file = fileURLToPath(new URL(`mismatch-${s}.json`, outDir));
      writeFileSync(file, `${JSON.stringify(request, null, 1)}\n`);
    }
    if (mismatches.length < MAX_PRINTED) {
      log(`mismatch for seed ${s}${file ? `: ${file}` : ''}\n  ${(lines.length ? lines : ['(outputs differ in form)']).join('\n  ')}`);
    }
    mismatches.push({ seed: s, file, lines });
  }
  return { checked: n, mismatches };
}
