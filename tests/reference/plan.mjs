// Independent reference implementation of plans (contract version 1.1, "Plans (version 1.1)" in
// ../shared/contract/README.md), for differential testing against the Rust engine. Written from
// the contract text alone, on top of the version-1 reference (allocate.mjs): every entry is a
// version-1 request and goes through that reference unchanged; this module only reads the plan,
// sums exactly and compares with the ceilings. Where the contract is silent, the choice made is
// commented and listed in tests/reference/PLAN-NOTES.md.

import { LAENDER } from './laender.mjs';
import { allocate } from './allocate.mjs';
import { readPlanCsv, csvText } from './plan-csv.mjs';
import { ContractError, fail, parseDecimal, formatScaled, pow10 } from './exact.mjs';

const MAX_ENTRIES = 500;
const MAX_AMOUNT = pow10(13);
const NAMED_MODELS = ['alliance', 'itplr-2023-35', 'fitko'];
const LINES = ['fokus', 'foederal'];
// "ceilings ... optional; these are the defaults": 15 M EUR per line (Beschluss 2023/43).
const DEFAULT_CEILING = { int: 1_500_000_000n, scale: 2 };
const PLAN_FIELDS = ['title', 'compare', 'ceilings', 'entries'];
// "An entry is a version-1 request (every field of it except kommunen ...) plus service and line."
const ENTRY_FIELDS = ['service', 'line', 'year', 'costs', 'alliance', 'model', 'key', 'membership', 'rounding'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const chars = (s) => [...s].length;

// ---------------------------------------------------------------- reading

/**
 * The plan as JSON text or CSV text (or the bytes of either file). The contract lets one door take
 * both; it is JSON when the first non-blank character opens a JSON value ("{" or "["), which no
 * CSV header can start with, and CSV otherwise.
 */
function parseText(input) {
  const text = csvText(input);
  const body = text.replace(/^\uFEFF/, '');
  if (!/^\s*[{[]/.test(body)) return readPlanCsv(input);
  try {
    if (typeof input !== 'string') new TextDecoder('utf-8', { fatal: true }).decode(input);
    return JSON.parse(body);
  } catch {
    return fail('invalid_json', '');
  }
}

/** A ceiling: a non-negative decimal up to 10^13, like any amount of version 1. */
function readCeiling(value, path) {
  const d = parseDecimal(value);
  if (!d || d.int > MAX_AMOUNT * pow10(d.scale)) fail('invalid_amount', path);
  return d;
}

/** A compare model: "a named model" only (a custom model object is not a name). */
function readCompare(value, path) {
  if (!NAMED_MODELS.includes(value)) fail('unknown_model', path);
  return value;
}

function readTitle(value, path) {
  // "optional, 1..120 characters"; the contract names no code, invalid_plan is the plan's own.
  if (typeof value !== 'string' || chars(value) < 1 || chars(value) > 120) fail('invalid_plan', path);
  return value;
}

/**
 * Checks the plan's own fields and each entry's plan fields; returns
 * { title, compare, ceilings, entries: [{ index, service, line, request }] }.
 * The version-1 fields are checked later, by the version-1 reference, with the entry's path.
 */
export function readPlan(value, options = {}) {
  if (!isObject(value)) fail('invalid_plan', '');
  for (const k of Object.keys(value)) if (k !== 'plan') fail('unknown_field', k);
  if (value.plan === undefined) fail('missing_field', 'plan');
  const plan = value.plan;
  if (!isObject(plan)) fail('invalid_plan', 'plan');
  for (const k of Object.keys(plan)) if (!PLAN_FIELDS.includes(k)) fail('unknown_field', `plan.${k}`);

  // The caller's options win over the plan's own fields: for CSV they are the only source
  // ("title and compare come from the command line or the caller"), and a command-line flag
  // overriding the file is the usual reading. Options are checked with their own name as path.
  for (const k of Object.keys(options)) {
    if (k !== 'title' && k !== 'compare') fail('unknown_field', `options.${k}`);
  }
  let title;
  if (options.title !== undefined) title = readTitle(options.title, 'title');
  else if (plan.title !== undefined) title = readTitle(plan.title, 'plan.title');
  let compare;
  if (options.compare !== undefined) compare = readCompare(options.compare, 'compare');
  else if (plan.compare !== undefined) compare = readCompare(plan.compare, 'plan.compare');

  const ceilings = { fokus: DEFAULT_CEILING, foederal: DEFAULT_CEILING };
  if (plan.ceilings !== undefined) {
    if (!isObject(plan.ceilings)) fail('invalid_plan', 'plan.ceilings');
    for (const [k, v] of Object.entries(plan.ceilings)) {
      if (!LINES.includes(k)) fail('unknown_field', `plan.ceilings.${k}`);
      ceilings[k] = readCeiling(v, `plan.ceilings.${k}`);
    }
  }

  // "invalid_plan (not an object, no entries, more than 500)": a missing, non-list or empty
  // entries field is "no entries"; the count is checked before any entry is read.
  const list = plan.entries;
  if (!Array.isArray(list) || list.length === 0) fail('invalid_plan', 'plan.entries');
  if (list.length > MAX_ENTRIES) fail('invalid_plan', 'plan.entries');

  const entries = list.map((entry, index) => {
    const path = `plan.entries[${index}]`;
    if (!isObject(entry)) fail('invalid_request', path);
    for (const k of Object.keys(entry)) if (!ENTRY_FIELDS.includes(k)) fail('unknown_field', `${path}.${k}`);
    const { service, line, ...request } = entry;
    if (service === undefined) fail('missing_field', `${path}.service`);
    // "service: required, 1..64 characters"; no code is named, the version-1 code for a field of
    // the right kind but the wrong form is used.
    if (typeof service !== 'string' || chars(service) < 1 || chars(service) > 64) fail('invalid_request', `${path}.service`);
    if (line !== undefined && !LINES.includes(line)) fail('invalid_line', `${path}.line`);
    return { index, service, line, request };
  });
  return { title, compare, ceilings, entries };
}

// ---------------------------------------------------------------- allocation

/** Runs the version-1 reference; its error paths get the entry in front. */
function allocateEntry(request, index) {
  try {
    return allocate(structuredClone(request));
  } catch (e) {
    if (!(e instanceof ContractError)) throw e;
    const path = `plan.entries[${index}]${e.path ? `.${e.path}` : ''}`;
    throw new ContractError(e.code, path, e.message);
  }
}

/** "With compare, every entry is allocated a second time with model replaced by the named model
 * (its key, membership and costs unchanged; per-item models are replaced too)." */
function withModel(request, model) {
  const r = structuredClone(request);
  r.model = model;
  if (Array.isArray(r.costs)) {
    for (const item of r.costs) if (isObject(item) && item.model !== undefined) item.model = model;
  }
  return r;
}

/** A money string of a response → an integer count of 10^-scale (scale ≥ its decimals). */
function toScale(money, scale) {
  const neg = money.startsWith('-');
  const [int, frac = ''] = (neg ? money.slice(1) : money).split('.');
  const v = BigInt(int + frac) * pow10(scale - frac.length);
  return neg ? -v : v;
}

const decimalsOf = (money) => (money.includes('.') ? money.split('.')[1].length : 0);

/**
 * allocatePlan(plan object | JSON text | CSV text | CSV bytes, { compare, title }) → the plan
 * response of contract 1.1, or throws a ContractError { code, path }.
 */
export function allocatePlan(input, options = {}) {
  let value = input;
  if (typeof input === 'string' || input instanceof Uint8Array) value = parseText(input);
  const plan = readPlan(value, options);

  const computed = plan.entries.map((e) => {
    const response = allocateEntry(e.request, e.index);
    const compare = plan.compare === undefined ? null : allocateEntry(withModel(e.request, plan.compare), e.index);
    // "whose model is itplr-2023-35": the entry's own model field (default "alliance").
    const model = e.request.model ?? 'alliance';
    return { ...e, response, compare, model };
  });

  // "Sums over entries are exact decimal sums, written with the most decimals any entry's
  // rounding unit has." An entry's amounts carry exactly its unit's decimals.
  const scale = Math.max(...computed.map((c) => decimalsOf(c.response.total)));
  const money = (n) => formatScaled(n, scale);
  const years = [...new Set(computed.map((c) => c.response.year))].sort((a, b) => a - b);
  const yearMap = (f) => Object.fromEntries(years.map((y) => [String(y), money(f(y))]));

  // Payer sums: Map(id → Map(year → units)), original and comparison.
  const sums = (pick) => {
    const out = new Map();
    for (const c of computed) {
      const r = pick(c);
      if (!r) continue;
      for (const p of r.payers) {
        if (!out.has(p.id)) out.set(p.id, new Map());
        const byYear = out.get(p.id);
        byYear.set(r.year, (byYear.get(r.year) ?? 0n) + toScale(p.amount, scale));
      }
    }
    return out;
  };
  const own = sums((c) => c.response);
  const other = sums((c) => c.compare);
  const of = (m, id, y) => m.get(id)?.get(y) ?? 0n;
  const totalOf = (m, id) => years.reduce((s, y) => s + of(m, id, y), 0n);

  // "every payer of any entry (or of its comparison): Länder in AGS order, then BUND".
  const order = [...LAENDER.map((l) => ({ id: l.code, kind: 'land', name: l.name, ags: l.ags })),
    { id: 'BUND', kind: 'bund', name: 'Bund' }];
  const payers = order.filter((p) => own.has(p.id) || other.has(p.id)).map((p) => {
    const row = { ...p, years: yearMap((y) => of(own, p.id, y)), total: money(totalOf(own, p.id)) };
    if (plan.compare !== undefined) {
      row.compare = {
        years: yearMap((y) => of(other, p.id, y)),
        total: money(totalOf(other, p.id)),
        difference: money(totalOf(own, p.id) - totalOf(other, p.id)), // "total minus compare total"
      };
    }
    return row;
  });

  // "services keep the order in which each service first appears."
  const services = [...new Set(computed.map((c) => c.service))].map((service) => {
    const mine = computed.filter((c) => c.service === service);
    const inYear = (y) => mine.filter((c) => c.response.year === y).reduce((s, c) => s + toScale(c.response.total, scale), 0n);
    return { service, years: yearMap(inYear), total: money(years.reduce((s, y) => s + inYear(y), 0n)) };
  });

  const entries = computed.map((c) => {
    const row = { index: c.index, service: c.service };
    if (c.line !== undefined) row.line = c.line;
    row.year = c.response.year;
    row.total = c.response.total;
    row.payers = c.response.payers.map((p) => ({ id: p.id, amount: p.amount }));
    if (c.compare) row.compare = { payers: c.compare.payers.map((p) => ({ id: p.id, amount: p.amount })) };
    return row;
  });

  // "lines has one row for every line and year that any entry names ... sorted by line (fokus,
  // foederal) and year"; the amount counts only entries whose model is itplr-2023-35.
  const lines = [];
  const warnings = [];
  for (const line of LINES) {
    for (const year of years) {
      const named = computed.filter((c) => c.line === line && c.response.year === year);
      if (named.length === 0) continue;
      const amount = named.filter((c) => c.model === 'itplr-2023-35')
        .reduce((s, c) => s + toScale(c.response.total, scale), 0n);
      const ceiling = plan.ceilings[line];
      // Compared exactly, at whichever scale holds both.
      const common = Math.max(scale, ceiling.scale);
      const exceeded = amount * pow10(common - scale) > ceiling.int * pow10(common - ceiling.scale);
      lines.push({ line, year, amount: money(amount), ceiling: formatScaled(ceiling.int, ceiling.scale), exceeded });
      // "Above it, ... adds a warning ceiling_exceeded (path plan.ceilings.fokus ...); the
      // amounts are not cut."
      if (exceeded) warnings.push({ code: 'ceiling_exceeded', path: `plan.ceilings.${line}`, line, year });
    }
  }

  const response = { contractVersion: '1.1' };
  if (plan.title !== undefined) response.title = plan.title;
  Object.assign(response, {
    currency: 'EUR',
    years,
    total: money(computed.reduce((s, c) => s + toScale(c.response.total, scale), 0n)),
    payers,
    services,
    entries,
    lines,
    warnings,
  });
  return response;
}
