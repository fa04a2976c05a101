// In-page benchmark harness (tests/bench/bench.html). The driver (run.mjs) calls
// window.bench.setup(...) once and window.bench.run(caseId, options) per case. Every
// implementation of a case runs in the same page on the same inputs; rounds are interleaved
// (rotating order) so that drift and GC pressure hit all of them alike.
// The engine package: /pkg by default (?pkg=/target/bench/x replaces it); ?compare=/a,/b adds
// other builds as further implementations ("wasm:a", "wasm:b"), measured in the same rounds.
const params = new URLSearchParams(location.search);
const PKG = params.get('pkg') || '/pkg';
const { default: init, allocate, loadGv100ad, metadata } = await import(`${PKG}/efa_rechner.js`);
const COMPARE = (params.get('compare') || '').split(',').filter(Boolean);

/**
 * The proposed columnar option for large Kommune tables (request `kommunen.format: "columns"`,
 * response `kommunen.columns: {ags[], population[], amount, exempt}`, amount as decimal strings
 * or, since issue 12, a BigUint64Array of units): measured as a further
 * implementation ("…+columns") when an engine build accepts it.
 */
function supportsColumns(engine) {
  try {
    const r = engine.allocate({ ...ITPLR_REQUEST, kommunen: { land: 'HB', level: 'kreis', format: 'columns' } }, undefined);
    const a = r.kommunen?.columns?.amount;
    return Array.isArray(a) || typeof a === 'string' || ArrayBuffer.isView(a);
  } catch {
    return false;
  }
}
import * as bigint from './split-bigint.mjs';
import * as decimal from './split-decimal.mjs';
import * as dinero from './split-dinero.mjs';
import * as float from './split-float.mjs';
import { parseGv100ad } from './gv100ad-parse.mjs';

export const IMPLEMENTATIONS = [
  { id: 'wasm', label: 'engine (WASM API)' },
  { id: 'bigint', label: 'JS BigInt (exact)', mod: bigint },
  { id: 'decimal', label: 'decimal.js (exact)', mod: decimal },
  { id: 'dinero', label: 'dinero.js allocate' },
  { id: 'float', label: 'Number + Math.round' },
  { id: 'js', label: 'plain JS fixed-width parse' },
];
const MODS = { bigint, decimal, dinero, float };

/** The 16-Land request: like ../shared/contract/examples/02-itplr-2023-35.json. */
export const ITPLR_REQUEST = Object.freeze({
  year: 2025,
  costs: '1000000.00',
  alliance: ['BY', 'HE', 'NW'],
  model: 'itplr-2023-35',
});

const state = { cases: {} };

/** Integer units of `unit` ("0.01") as a decimal string ("1234.50"). */
function unitsToDecimal(u, unit) {
  const dot = unit.indexOf('.');
  const scale = dot < 0 ? 0 : unit.length - dot - 1;
  const s = (u * BigInt(unit.replace('.', ''))).toString().padStart(scale + 1, '0');
  return scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s;
}
let sink = null; // keeps results alive so that no call is optimised away

const cents = (s) => {
  const dot = s.indexOf('.');
  return dot < 0 ? BigInt(s) * 100n : BigInt(s.slice(0, dot) + s.slice(dot + 1).padEnd(2, '0'));
};

/** Cent-by-cent comparison of two lists of decimal strings. */
function compare(reference, got, total) {
  let differ = 0;
  let absCents = 0n;
  let maxCents = 0n;
  let sum = 0n;
  for (let i = 0; i < reference.length; i++) {
    const d = cents(got[i]) - cents(reference[i]);
    sum += cents(got[i]);
    if (d !== 0n) {
      differ++;
      const a = d < 0n ? -d : d;
      absCents += a;
      if (a > maxCents) maxCents = a;
    }
  }
  return {
    parts: reference.length,
    equal: differ === 0 && got.length === reference.length,
    partsDiffer: differ,
    centsOff: Number(absCents),
    maxCentsOff: Number(maxCents),
    sumOffCents: total === undefined ? null : Number(sum - total),
  };
}

export async function setup({ gv100adUrl = null } = {}) {
  const t0 = performance.now();
  await init();
  const initMs = performance.now() - t0;
  const engines = [{ id: 'wasm', allocate, loadGv100ad }];
  for (const dir of COMPARE) {
    const m = await import(`${dir}/efa_rechner.js`);
    await m.default();
    engines.push({ id: `wasm:${dir.replace(/\/+$/, '').split('/').pop()}`, allocate: m.allocate, loadGv100ad: m.loadGv100ad });
  }
  for (const e of engines) e.columns = supportsColumns(e);

  // 16 Länder under itplr-2023-35.
  const res = allocate(ITPLR_REQUEST);
  const laender = res.payers.filter((p) => p.kind === 'land');
  const ksRes = allocate({ year: 2025, costs: '1.00', alliance: 'all', model: 'alliance', key: res.key.id });
  const weights = ksRes.payers.filter((p) => p.kind === 'land').map((p) => p.parts[0].weight);
  const input = {
    total: res.total,
    shares: res.tranches.map((t) => t.share),
    weights,
    alliance: laender.map((p, i) => (ITPLR_REQUEST.alliance.includes(p.id) ? i : -1)).filter((i) => i >= 0),
  };
  const engineAmounts = (r) => r.payers.map((p) => p.amount);
  state.cases.laender16 = {
    title: '16 Länder, itplr-2023-35 (alliance of 3)',
    rows: res.payers.length,
    total: cents(res.total),
    reference: engineAmounts(res),
    impls: {
      ...Object.fromEntries(engines.map((e) => [e.id, () => e.allocate(ITPLR_REQUEST, undefined)])),
      bigint: () => bigint.itplr(input),
      decimal: () => decimal.itplr(input),
      dinero: () => dinero.itplr(input),
      float: () => float.itplr(input),
    },
    output: Object.fromEntries(engines.map((e) => [e.id, engineAmounts])),
  };

  const info = { initMs, keyId: res.key.id, weights, gv100ad: null, engines: engines.map((e) => ({ id: e.id, columns: e.columns })) };
  if (!gv100adUrl) return info;

  const bytes = new Uint8Array(await (await fetch(gv100adUrl)).arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const parsed = parseGv100ad(text);
  const dataset = loadGv100ad(text);
  state.dataset = dataset;
  for (const e of engines) e.dataset = e.id === 'wasm' ? dataset : e.loadGv100ad(text);
  info.gv100ad = { chars: text.length, gemeinden: dataset.gemeinden, kreise: dataset.kreise, gebietsstand: dataset.gebietsstand, jsGemeinden: parsed.gemeinden.length, jsKreise: parsed.kreise.length };

  // Per Land: the engine's request, and the baselines' inputs (same weights, same amount).
  const perLand = [];
  for (const land of laender) {
    const request = { ...ITPLR_REQUEST, kommunen: { land: land.id, level: 'gemeinde', key: 'population' } };
    const r = allocate(request, dataset);
    const k = r.kommunen;
    const gem = parsed.gemeinden.filter((g) => g.ags.startsWith(land.ags));
    const same = gem.length === k.rows.length && gem.every((g, i) => g.ags === k.rows[i].ags && g.population === k.rows[i].population);
    if (!same) throw new Error(`bench: the JS parse of GV100AD and the engine disagree on the Gemeinden of ${land.id}`);
    const amount = bigint.formatUnits(cents(k.landAmount) - cents(k.landKeeps));
    perLand.push({ id: land.id, request, amount, populations: gem.map((g) => g.population), ags: gem.map((g) => g.ags), names: gem.map((g) => g.name), reference: k.rows.map((row) => row.amount) });
  }
  info.gv100ad.rowsPerLand = Object.fromEntries(perLand.map((l) => [l.id, l.populations.length]));
  const kommunenAmounts = (r) => r.kommunen.rows.map((row) => row.amount);
  const columnsAmounts = (r) => {
    const a = r.kommunen.columns.amount;
    if (typeof a === 'string') return a.split('\n'); // a packed column: one string, one amount a line
    // integer units of the response's `unit` (a BigUint64Array): to decimal strings for the check
    if (typeof a[0] === 'bigint') return Array.from(a, (u) => unitsToDecimal(u, r.unit));
    return a;
  };
  const asColumns = (request) => ({ ...request, kommunen: { ...request.kommunen, format: 'columns' } });
  /** The engines' implementations of a Kommune case: per engine, rows and (if offered) columns. */
  const engineImpls = (lands, many) => {
    const out = {};
    for (const e of engines) {
      const reqs = lands.map((l) => l.request);
      out[e.id] = many ? () => reqs.map((r) => e.allocate(r, e.dataset)) : () => e.allocate(reqs[0], e.dataset);
      if (e.columns) {
        const creqs = reqs.map(asColumns);
        out[`${e.id}+columns`] = many ? () => creqs.map((r) => e.allocate(r, e.dataset)) : () => e.allocate(creqs[0], e.dataset);
      }
    }
    return out;
  };
  const engineOutput = (many) => {
    const o = {};
    for (const e of engines) {
      o[e.id] = many ? (rs) => rs.flatMap(kommunenAmounts) : kommunenAmounts;
      o[`${e.id}+columns`] = many ? (rs) => rs.flatMap(columnsAmounts) : columnsAmounts;
    }
    return o;
  };

  const by = perLand.find((l) => l.id === 'BY');
  state.cases.bayern = {
    request: by.request,
    title: `Bayern: one Land amount over ${by.populations.length} Gemeinden`,
    rows: by.populations.length,
    total: cents(by.amount),
    reference: by.reference,
    impls: {
      ...engineImpls([by], false),
      ...Object.fromEntries(Object.entries(MODS).map(([id, m]) => [id, () => m.splitAmount(by.amount, by.populations)])),
      bigint: () => bigint.splitRows(by.amount, by.ags, by.names, by.populations),
      'bigint~amounts': () => bigint.splitAmount(by.amount, by.populations),
    },
    output: { ...engineOutput(false), bigint: (rows) => rows.map((r) => r.amount) },
  };

  const allRows = perLand.reduce((n, l) => n + l.populations.length, 0);
  state.cases.allLaender = {
    title: `all 16 Länder over their Gemeinden (${allRows} rows)`,
    rows: allRows,
    total: perLand.reduce((s, l) => s + cents(l.amount), 0n),
    reference: perLand.flatMap((l) => l.reference),
    impls: {
      ...engineImpls(perLand, true),
      ...Object.fromEntries(Object.entries(MODS).map(([id, m]) => [id, () => perLand.map((l) => m.splitAmount(l.amount, l.populations))])),
      bigint: () => perLand.map((l) => bigint.splitRows(l.amount, l.ags, l.names, l.populations)),
      'bigint~amounts': () => perLand.map((l) => bigint.splitAmount(l.amount, l.populations)),
    },
    output: { ...engineOutput(true), bigint: (rs) => rs.flat().map((r) => r.amount), default: (rs) => rs.flat() },
  };

  state.cases.parse = {
    title: `parse GV100AD (${(text.length / 1e6).toFixed(1)} M characters, ${dataset.gemeinden} Gemeinden)`,
    rows: dataset.gemeinden,
    reference: null,
    impls: {
      ...Object.fromEntries(
        engines.map((e) => [
          e.id,
          () => {
            const d = e.loadGv100ad(text);
            const n = d.gemeinden;
            d.free();
            return n;
          },
        ]),
      ),
      // The same file as bytes (what fetch/File give anyway): no JS string crosses the boundary.
      'wasm~bytes': () => {
        const d = loadGv100ad(bytes);
        const n = d.gemeinden;
        d.free();
        return n;
      },
      js: () => parseGv100ad(text).gemeinden.length,
    },
  };
  return info;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { medianMs: median, p95Ms: at(0.95), minMs: s[0], maxMs: s[s.length - 1] };
}

/**
 * Runs one case: warm-up rounds, then `rounds` timed rounds. A round times a batch of k calls
 * of each implementation (k chosen so that a batch takes ≥ minBatchMs; performance.now() is
 * coarse in a page that is not cross-origin isolated) and records the time per call.
 */
export async function run(caseId, { warmup = 5, rounds = 40, minBatchMs = 10, only = null } = {}) {
  const c = state.cases[caseId];
  if (!c) throw new Error(`bench: unknown or skipped case ${caseId}`);
  const ids = Object.entries(c.impls).filter(([id, f]) => f && (!only || only.includes(id))).map(([id]) => id);

  // Correctness first (one call each, untimed).
  const checks = {};
  for (const id of ids) {
    if (!c.reference) continue;
    const out = c.impls[id]();
    const conv = c.output?.[id] || (id.startsWith('wasm') ? c.output?.wasm : null) || c.output?.default || ((x) => x);
    checks[id] = compare(c.reference, conv(out), c.total);
  }

  // Warm each implementation up (JIT tiers, allocator), then calibrate k per implementation.
  const k = {};
  for (const id of ids) {
    const f = c.impls[id];
    const w0 = performance.now();
    for (let j = 0; j < 200 && (j < 3 || performance.now() - w0 < 100); j++) sink = f();
    await tick();
    let n = 1;
    for (;;) {
      const t0 = performance.now();
      for (let j = 0; j < n; j++) sink = f();
      const dt = performance.now() - t0;
      if (dt >= minBatchMs || n >= 1 << 16) {
        k[id] = n === 1 ? 1 : Math.max(1, Math.ceil((n * minBatchMs) / Math.max(dt, 1e-3)));
        break;
      }
      n *= 2;
    }
    await tick();
  }

  const times = Object.fromEntries(ids.map((id) => [id, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    for (let j = 0; j < ids.length; j++) {
      const id = ids[(r + j) % ids.length];
      const f = c.impls[id];
      const n = k[id];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) sink = f();
      const dt = (performance.now() - t0) / n;
      if (r >= warmup) times[id].push(dt);
      await tick();
    }
  }
  sink = null;
  return {
    case: caseId,
    title: c.title,
    rows: c.rows,
    results: ids.map((id) => ({ id, k: k[id], rounds, warmup, ...stats(times[id]), check: checks[id] ?? null })),
  };
}

/** Diagnostics for the report: where the engine's time goes (request in vs. response out). */
export async function probes({ rounds = 30 } = {}) {
  const out = {};
  const time = async (f) => {
    for (let i = 0; i < 5; i++) f();
    let n = 1;
    for (;;) {
      const t0 = performance.now();
      for (let j = 0; j < n; j++) sink = f();
      if (performance.now() - t0 >= 5 || n >= 1 << 16) break;
      n *= 2;
    }
    const ts = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      for (let j = 0; j < n; j++) sink = f();
      ts.push((performance.now() - t0) / n);
      await tick();
    }
    return stats(ts).medianMs;
  };
  const json = JSON.stringify(ITPLR_REQUEST);
  out['16 Länder: allocate(object)'] = await time(() => allocate(ITPLR_REQUEST));
  out['16 Länder: allocate(JSON text)'] = await time(() => allocate(json));
  const small = { year: 2025, costs: '1000000.00', alliance: ['BY'], model: 'alliance' };
  out['1 payer, model alliance: allocate(object)'] = await time(() => allocate(small));
  const resp = allocate(ITPLR_REQUEST);
  out['16 Länder: structuredClone(response) (JS object building alone)'] = await time(() => structuredClone(resp));
  if (state.dataset) {
    const by = state.cases.bayern;
    const kreis = { ...ITPLR_REQUEST, kommunen: { land: 'BY', level: 'kreis', key: 'population' } };
    out['Bayern Kreise (96 rows, embedded data)'] = await time(() => allocate(kreis));
    out['Bayern Gemeinden (2221 rows)'] = await time(by.impls.wasm);
    const byResp = by.impls.wasm();
    out['Bayern: structuredClone(response)'] = await time(() => structuredClone(byResp));
    out['Bayern: JSON.stringify(response)'] = await time(() => JSON.stringify(byResp));
    const byJson = JSON.stringify(byResp);
    out['Bayern: JSON.parse(response JSON)'] = await time(() => JSON.parse(byJson));
    const bremen = { ...ITPLR_REQUEST, kommunen: { land: 'HB', level: 'gemeinde', key: 'population' } };
    out['Bremen Gemeinden (2 rows)'] = await time(() => allocate(bremen, state.dataset));
  }
  sink = null;
  return out;
}

/**
 * The regression figures (issue 12), as ratios measured in this page so that the machine's speed
 * cancels out: the Gemeinde table through the engine's fast path (16 calls, 10,953 rows,
 * `format: "columns"`) and the element's Kommune table showing a new Bayern result (2,221 rows,
 * www/rechner/parts/kommunen.js), each divided by the JS BigInt baseline building the 10,953 row
 * objects. `make bench` records them (tests/bench/record.json); `make test` fails when one is
 * more than twice the recorded one (tests/node/bench-regression.test.mjs). Rounds interleave.
 */
export async function regression({ rounds = 25 } = {}) {
  const all = state.cases.allLaender;
  if (!all) throw new Error('bench: the regression figures need the GV100AD file');
  const { KommunenView } = await import('/www/rechner/parts/kommunen.js');
  const { Names } = await import('/www/core/names.js');
  const names = new Names(metadata(), 'de');
  const box = document.body.appendChild(document.createElement('div'));
  const view = new KommunenView();
  const by = state.cases.bayern;
  const responses = ['itplr-2023-35', 'fitko'].map((model) => allocate({ ...by.request, model, kommunen: { ...by.request.kommunen, format: 'columns' } }, state.dataset));
  let flip = 0;
  const table = () => {
    const res = responses[flip++ & 1];
    const root = view.render({ lang: 'de', names, k: res.kommunen, unit: res.unit, ids: 'reg' });
    if (root.parentNode !== box) box.append(root);
    return root;
  };
  const f = {
    engine: all.impls['wasm+columns'],
    table,
    baseline: all.impls.bigint,
  };
  if (!f.engine) throw new Error('bench: this engine build has no columns format');
  // Each batch starts after a full garbage collection where the page may ask for one (the driver
  // starts Chromium with --js-flags=--expose-gc), so that one function's garbage is not collected
  // in another's time; the figures are medians of the per-round ratios (robust against drift).
  const collect = () => globalThis.gc?.();
  const times = { engine: [], table: [], baseline: [] };
  const ratios = { engine: [], table: [] };
  const ids = Object.keys(f);
  for (const id of ids) for (let i = 0; i < 5; i++) sink = f[id]();
  for (let r = 0; r < rounds + 3; r++) {
    const t = {};
    for (let j = 0; j < ids.length; j++) {
      const id = ids[(r + j) % ids.length];
      const k = id === 'baseline' ? 2 : id === 'table' ? 16 : 8; // (batches: coarse timers)
      collect();
      await tick();
      const t0 = performance.now();
      for (let i = 0; i < k; i++) sink = f[id]();
      t[id] = (performance.now() - t0) / k;
    }
    if (r < 3) continue;
    for (const id of ids) times[id].push(t[id]);
    ratios.engine.push(t.engine / t.baseline);
    ratios.table.push(t.table / t.baseline);
  }
  box.remove();
  sink = null;
  const med = Object.fromEntries(ids.map((id) => [id, stats(times[id]).medianMs]));
  return {
    engineMs: med.engine,
    tableMs: med.table,
    baselineMs: med.baseline,
    engineToBaseline: stats(ratios.engine).medianMs,
    tableToBaseline: stats(ratios.table).medianMs,
    gc: typeof globalThis.gc === 'function',
    rounds,
  };
}

window.bench = { setup, run, probes, regression, IMPLEMENTATIONS };
window.benchReady = true;
