#!/usr/bin/env node
// Browser benchmark of the engine against plain-JavaScript baselines (issue 6; the second half of
// `make bench`, after `cargo bench --locked`).
//
//   node tests/bench/run.mjs              # full run (~1-2 min on 2 cores)
//   node tests/bench/run.mjs --quick      # fewer rounds, for trying things out
//   node tests/bench/run.mjs --profile    # also a CPU profile of the engine's cases (DevTools protocol)
//   options: --rounds N (≥ 30 for the record), --warmup N, --out FILE (default target/bench/results.json),
//            --pkg DIR (another engine build below the repository root, e.g. target/bench/proto; the
//            sizes and the demo page still use pkg/ and www/), --compare DIR[,DIR] (further engine
//            builds measured in the same page and rounds, as "engine DIR"), --own-server (use
//            tests/bench/static-server.mjs even where scripts/serve.mjs exists)
//
// One headless Chromium (Debian's, flags from ../shared/docs/toolchain.md), one page
// (tests/bench/bench.html) that loads the engine through its public WASM API and the baselines
// (BigInt, decimal.js, dinero.js, Number) from the same origin. Cases: 16 Länder under
// itplr-2023-35; Bayern's amount over its 2,221 Gemeinden; every Land over its Gemeinden
// (10,953 rows); parsing GV100AD. Also: .wasm and element bytes, the time from navigation
// start to the first `efa-result` on www/index.html, the element with Gemeinden at 4× CPU
// (element-bench.mjs), and the first results of both demo pages on a phone network, served
// gzip-compressed (phone-bench.mjs). Targets are goals: a miss is reported, and
// the run still exits 0. It exits non-zero only when it cannot measure (no pkg/, no browser, a
// page error) or when the engine and the exact BigInt baseline disagree on a cent.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { measureElement } from './element-bench.mjs';
import { measurePhone, phoneReport } from './phone-bench.mjs';
import { writeReadme } from './readme.mjs';
import { writePerformance } from './performance.mjs';
import { ELEMENT_CRITICAL_GZIP_BUDGET, elementCritical, fileSizes, staticImports } from './sizes.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
// EFA_SHARED_DATA only moves the existence check (to try the skip path); the page reads the file
// through the server's /shared-data/, which serves ../shared/data.
const SHARED_DATA = process.env.EFA_SHARED_DATA || path.resolve(ROOT, '..', 'shared', 'data');
const GV100AD = 'gv100ad/GV100AD_30112025.txt';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// (--expose-gc: the regression figures collect garbage between batches; nothing else calls gc())
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--expose-gc'];

// ---- options ---------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const QUICK = flag('--quick');
const ROUNDS = Number(option('--rounds', QUICK ? 10 : 40));
const WARMUP = Number(option('--warmup', QUICK ? 2 : 5));
const OUT = path.resolve(ROOT, option('--out', 'target/bench/results.json'));
const PROFILE = flag('--profile');
const PKG_DIR = option('--pkg', 'pkg').replace(/\/+$/, '');
const COMPARE_DIRS = option('--compare', '').split(',').map((d) => d.replace(/\/+$/, '')).filter(Boolean);
const FIRST_RESULT_LOADS = QUICK ? 2 : 5;
const PHONE_LOADS = Number(option('--phone-loads', QUICK ? 2 : 7));
if (flag('--help') || flag('-h')) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 9).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
if (!(ROUNDS >= 1 && WARMUP >= 0)) {
  console.error('bench: --rounds must be ≥ 1 and --warmup ≥ 0');
  process.exit(2);
}

// ---- targets (goals, not assertions) -----------------------------------------------------------

const KB = 1024;
const TARGETS = {
  allVsBigint: 2, // engine at least 2x faster than BigInt on 10,953 rows
  allVsDecimal: 5, // ... and 5x faster than decimal.js
  allVsFloat: 10, // ... and within 10x of the float floor
  laender16Ms: 0.1,
  parseMs: 30,
  firstResultMs: 300,
  wasmGzip: 110 * KB, // issue 16: one module, plans included
  elementGzip: ELEMENT_CRITICAL_GZIP_BUDGET,
  changeX4Ms: 70, // form change → paint, Bayern, 4× CPU (issue 16)
  changeX1Ms: 30,
  gemeindeFirstX4Ms: 700, // first built-in Gemeinde-level result, 4× CPU (issue 16)
};

const LABELS = {
  wasm: 'engine (WASM API)',
  bigint: 'JS BigInt, builds the row objects (exact)',
  'bigint~amounts': 'JS BigInt, amount strings only (exact)',
  decimal: 'decimal.js (exact)',
  dinero: 'dinero.js allocate',
  float: 'Number + Math.round',
  js: 'plain JS fixed-width parse (text)',
  'wasm~bytes': 'engine loadGv100ad(Uint8Array)',
};
const PARSE_LABELS = { wasm: 'engine loadGv100ad(text)' };
function label(c, id) {
  if (c === 'parse' && PARSE_LABELS[id]) return PARSE_LABELS[id];
  if (c === 'laender16' && id === 'bigint') return 'JS BigInt (exact)';
  if (LABELS[id]) return LABELS[id];
  const m = /^wasm(?::([^+]+))?(\+columns)?$/.exec(id);
  if (m) return `engine ${m[1] ?? ''}${m[2] ? ' (columns)' : ''}`.replace('  ', ' ');
  return id;
}

// ---- sizes -------------------------------------------------------------------------------------

function sizes() {
  const one = (file) => fileSizes(file, ROOT);
  const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
  const total = (xs) => ({ files: xs.length, raw: sum(xs, 'raw'), gzip: sum(xs, 'gzip'), brotli: sum(xs, 'brotli') }); // each file compressed on its own
  const pkgFile = (f) => path.join(ROOT, 'pkg', f);
  const out = { wasm: one(pkgFile('efa_rechner_bg.wasm')), glue: one(pkgFile('efa_rechner.js')) };
  // the glue's own imports (wasm-bindgen snippets): the engine's JS is the glue and these
  const glueDeps = staticImports(fs.readFileSync(pkgFile('efa_rechner.js'), 'utf8')).map((f) => one(path.join(ROOT, 'pkg', f)));
  out.engineJs = { ...total([out.glue, ...glueDeps]), perFile: [out.glue, ...glueDeps] };

  // The element as shipped: pkg/element/ (what a page loads; built from www/rechner/ and www/core/ by
  // scripts/build-pkg.sh). Critical path: the entry efa-rechner.js and the element files it imports
  // statically, transitively: all a page must download before the first result (besides the
  // engine). The rest are parts loaded on demand (import()).
  const shipped = pkgFile('element');
  if (fs.existsSync(path.join(shipped, 'efa-rechner.js'))) {
    const c = elementCritical(shipped, ROOT); // (sizes.mjs: the same count as the size gate of make test)
    const each = c.all;
    const crit = c.files;
    const onDemand = [...each.keys()].filter((f) => !c.names.includes(f)).map((f) => each.get(f));
    const english = onDemand.filter((x) => /locales-en/.test(x.file)); // needed first by an English element
    const builtAt = fs.statSync(path.join(shipped, 'efa-rechner.js')).mtimeMs;
    const stale = elementSources().some((f) => fs.statSync(f).mtimeMs > builtAt);
    out.element = {
      dir: path.relative(ROOT, shipped),
      stale, // older than www/rechner/ or www/core/: rebuild (make build, or bash scripts/build-pkg.sh --element)
      critical: { ...total(crit), names: c.names },
      criticalEnglish: total([...crit, ...english]),
      onDemand: total(onDemand),
      js: total([...each.values()]),
      perFile: [...each.values()].sort((a, b) => b.gzip - a.gzip),
    };
  }
  // The source, for comparison: every JS file under www/rechner/ and www/core/ (what the demo
  // served before the element was shipped bundled).
  const files = elementSources().filter((f) => /\.m?js$/.test(f)).map(one);
  if (files.length) out.elementSource = { dir: 'www/rechner/ and www/core/', js: total(files) };
  return out;
}

/** The calculator element's source files: www/rechner/ and www/core/, at any depth. */
function elementSources() {
  return ['rechner', 'core']
    .map((d) => path.join(ROOT, 'www', d))
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d, { recursive: true }).map((f) => path.join(d, f)))
    .filter((f) => fs.statSync(f).isFile())
    .sort();
}

// ---- server ------------------------------------------------------------------------------------

async function startServer({ gzip = false } = {}) {
  const serve = path.join(ROOT, 'scripts', 'serve.mjs');
  if (fs.existsSync(serve) && (gzip || !flag('--own-server'))) {
    const mod = await import(pathToFileURL(serve).href);
    if (typeof mod.start === 'function') return { ...(await mod.start({ port: 0, gzip })), via: `scripts/serve.mjs${gzip ? ' (gzip)' : ''}` };
  }
  if (gzip) return null;
  const mod = await import('./static-server.mjs');
  return { ...(await mod.start({ port: 0, root: ROOT, sharedData: SHARED_DATA })), via: 'tests/bench/static-server.mjs' };
}

// ---- first result on the demo page ------------------------------------------------------------

async function firstResult(browser, origin) {
  const url = `${origin}/www/index.html`;
  if (!fs.existsSync(path.join(ROOT, 'www', 'index.html'))) return { measured: false, reason: 'www/index.html is missing' };
  const watch = () => {
    window.__efaFirst = null;
    window.__efaError = null;
    addEventListener('efa-result', () => { if (window.__efaFirst === null) window.__efaFirst = performance.now(); }, true);
    addEventListener('efa-error', (e) => { if (window.__efaError === null) window.__efaError = e.detail?.code || 'error'; }, true);
  };
  const once = async (context, reload) => {
    const page = await context.newPage();
    await page.addInitScript(watch);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(url, { waitUntil: 'load' });
      if (reload) await page.reload({ waitUntil: 'load' });
      const handle = await page.waitForFunction(() => window.__efaFirst ?? window.__efaError, null, { timeout: 15000 }).catch(() => null);
      const got = await page.evaluate(() => ({
        first: window.__efaFirst,
        error: window.__efaError,
        defined: !!customElements.get('efa-rechner'),
        load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null,
        dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
      }));
      if (!handle || got.first === null) {
        const why = got.error ? `efa-error ${got.error}` : !got.defined ? '<efa-rechner> is not defined (element not ready)' : 'no efa-result within 15 s';
        return { ms: null, reason: why + (errors.length ? `; page errors: ${errors.join(' | ')}` : '') };
      }
      return { ms: got.first, load: got.load, dcl: got.dcl };
    } finally {
      await page.close();
    }
  };
  const cold = [];
  for (let i = 0; i < FIRST_RESULT_LOADS; i++) {
    const context = await browser.newContext(); // fresh: empty HTTP cache, no code cache
    try {
      cold.push(await once(context, false));
    } finally {
      await context.close();
    }
    if (cold.at(-1).ms === null) break; // not ready: do not wait 15 s four more times
  }
  const failed = cold.find((r) => r.ms === null);
  if (failed) return { measured: false, reason: failed.reason, url };
  const warm = [];
  const context = await browser.newContext();
  try {
    await once(context, false);
    for (let i = 0; i < Math.min(3, FIRST_RESULT_LOADS); i++) warm.push(await once(context, false));
  } finally {
    await context.close();
  }
  const med = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return {
    measured: true,
    url,
    coldMedianMs: med(cold.map((r) => r.ms)),
    coldMs: cold.map((r) => r.ms),
    coldLoadEventMs: med(cold.map((r) => r.load)),
    warmMedianMs: warm.length ? med(warm.map((r) => r.ms)) : null,
    warmMs: warm.map((r) => r.ms),
  };
}

// ---- CPU profile (optional) ------------------------------------------------------------------

async function profile(page, caseId, rounds) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.evaluate(([c, r]) => window.bench.run(c, { only: ['wasm'], rounds: r, warmup: 1, minBatchMs: 20 }), [caseId, rounds]);
  const { profile: p } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = p.timeDeltas;
  let total = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    const cf = n.callFrame;
    const file = cf.url ? cf.url.replace(/^.*\//, '') : '';
    const key = `${cf.functionName || '(anonymous)'}${file ? ` [${file}]` : ''}`;
    const d = (dt[i + 1] ?? dt[i]) / 1000;
    total += d;
    self.set(key, (self.get(key) || 0) + d);
  });
  const groups = { 'WASM code': 0, 'wasm-bindgen JS glue (efa_rechner.js)': 0, 'garbage collector': 0, 'harness/idle/other': 0 };
  for (const [k, v] of self) {
    if (/\.wasm\]|^\$|wasm-function|^wasm-to-js|^js-to-wasm/.test(k)) groups['WASM code'] += v;
    else if (/efa_rechner\.js\]/.test(k)) groups['wasm-bindgen JS glue (efa_rechner.js)'] += v;
    else if (/garbage collector/.test(k)) groups['garbage collector'] += v;
    else groups['harness/idle/other'] += v;
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([name, ms]) => ({ name, ms, share: ms / total }));
  return { case: caseId, totalMs: total, groups, top };
}

// ---- output -----------------------------------------------------------------------------------

const fmtMs = (x) => (x === null || x === undefined ? '—' : x < 0.1 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1));
const fmtBytes = (b) => `${(b / KB).toFixed(1)} KiB (${b} B)`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function centsText(check, id) {
  if (!check) return '—';
  if (id === 'wasm') return 'reference';
  if (check.equal && id.startsWith('wasm')) return 'equal';
  if (check.equal) return 'equal';
  const sum = check.sumOffCents ? `; sum off by ${check.sumOffCents} ct` : '; sum exact';
  return `${check.partsDiffer} of ${check.parts} differ (${check.centsOff} ct, max ${check.maxCentsOff}${sum})`;
}

// ---- main -------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  if (!fs.existsSync(path.join(ROOT, PKG_DIR, 'efa_rechner.js')) || !fs.existsSync(path.join(ROOT, PKG_DIR, 'efa_rechner_bg.wasm'))) {
    console.error(`bench: ${PKG_DIR}/ is not built; run \`make build\` (or \`bash scripts/build-pkg.sh\`) first`);
    process.exit(1);
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`bench: no browser at ${CHROMIUM}; run \`make setup\` (apt-get install chromium), or set CHROMIUM=...`);
    process.exit(1);
  }
  const haveShared = fs.existsSync(path.join(SHARED_DATA, GV100AD));
  if (!haveShared) console.log(`bench: skipping the GV100AD cases (Bayern, all Länder, parse): ${path.join(SHARED_DATA, GV100AD)} not found (../shared absent)`);

  const size = sizes();
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const out = {
    meta: {
      date: new Date().toISOString(),
      browser: `Chromium ${browser.version()}`,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      loadAverageAtStart: os.loadavg(),
      rounds: ROUNDS,
      warmup: WARMUP,
      server: server.via,
      enginePkg: PKG_DIR,
      gv100ad: haveShared ? GV100AD : null,
      note: 'times per call in ms (batches of k calls per round for sub-ms cases); ratioToEngine = implementation median / engine median (> 1: slower than the engine); cents compared to the engine\'s response',
    },
    results: [],
    sizes: size,
    firstResult: null,
    probes: null,
    profiles: null,
    targets: [],
    skipped: haveShared ? [] : ['bayern', 'allLaender', 'parse'],
  };
  let exit = 0;
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) pageErrors.push(`${r.status()} ${r.url()}`);
    });
    const query = new URLSearchParams();
    if (PKG_DIR !== 'pkg') query.set('pkg', '/' + PKG_DIR);
    if (COMPARE_DIRS.length) query.set('compare', COMPARE_DIRS.map((d) => '/' + d).join(','));
    const pkgQuery = query.size ? `?${query}` : '';
    await page.goto(`${server.origin}/tests/bench/bench.html${pkgQuery}`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 }).catch(() => {
      throw new Error(`bench page did not start: ${pageErrors.join(' | ') || 'timeout'}`);
    });
    const info = await page.evaluate((u) => window.bench.setup({ gv100adUrl: u }), haveShared ? `/shared-data/${GV100AD}` : null);
    out.meta.engineInitMs = info.initMs;
    out.meta.key = info.keyId;
    out.meta.gv100adRows = info.gv100ad;
    out.meta.engines = info.engines;
    const [load1] = out.meta.loadAverageAtStart; // (also recorded at the end: figures taken under load are noisy)
    if (load1 > out.meta.cpus) console.log(`bench: note: load average ${load1.toFixed(1)} on ${out.meta.cpus} CPUs; other processes compete, so expect noisy p95 values`);
    console.log(`bench: ${out.meta.browser}, ${out.meta.cpus} CPUs, engine ${PKG_DIR}/, ${WARMUP} warm-up + ${ROUNDS} timed rounds per case, served by ${server.via}`);

    const cases = ['laender16', ...(haveShared ? ['bayern', 'allLaender', 'parse'] : [])];
    const runs = {};
    for (const c of cases) {
      const t0 = Date.now();
      const r = await page.evaluate(([id, o]) => window.bench.run(id, o), [c, { rounds: ROUNDS, warmup: WARMUP }]);
      runs[c] = r;
      const engine = r.results.find((x) => x.id === 'wasm');
      for (const x of r.results) {
        out.results.push({
          implementation: label(c, x.id),
          implementationId: x.id,
          case: c,
          caseTitle: r.title,
          rows: r.rows,
          medianMs: x.medianMs,
          p95Ms: x.p95Ms,
          minMs: x.minMs,
          ratioToEngine: x.medianMs / engine.medianMs,
          centsEqualToEngine: x.check ? x.check.equal : null,
          partsDiffer: x.check?.partsDiffer ?? null,
          centsOff: x.check?.centsOff ?? null,
          maxCentsOff: x.check?.maxCentsOff ?? null,
          sumOffCents: x.check?.sumOffCents ?? null,
          batch: x.k,
          rounds: x.rounds,
        });
      }
      console.log(`bench: ${r.title}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    out.probes = await page.evaluate((o) => window.bench.probes(o), { rounds: QUICK ? 10 : 20 });
    if (haveShared && PKG_DIR === 'pkg') out.regression = await page.evaluate((o) => window.bench.regression(o), { rounds: QUICK ? 10 : 25 });
    if (PROFILE) {
      out.profiles = [];
      for (const c of ['laender16', ...(haveShared ? ['allLaender', 'parse'] : [])]) out.profiles.push(await profile(page, c, QUICK ? 5 : 15));
    }
    if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join(' | ')}`);
    await page.close();

    out.firstResult = await firstResult(browser, server.origin);
    // The element as a user meets it, with Gemeinden, under 4× CPU throttling (issue 12).
    // Primary: the built-in Gemeinde data, what a portal page gets out of the box (issue 11);
    // second: the same first result with a GV100AD file loaded by the page (kommunen-src).
    if (PKG_DIR === 'pkg') {
      const t0 = Date.now();
      out.element = await measureElement(browser, server.origin, { src: null, quick: QUICK });
      if (haveShared) out.elementFile = await measureElement(browser, server.origin, { src: `/shared-data/${GV100AD}`, quick: QUICK, only: [] });
      else out.skipped.push('element with a GV100AD file');
      console.log(`bench: the element with Gemeinden (4× and 1× CPU): done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } else out.skipped.push('element');
    // Both demo pages on a phone network (issue 16), from a server that compresses as a portal's.
    if (PKG_DIR === 'pkg') {
      const t0 = Date.now();
      const gz = await startServer({ gzip: true });
      if (gz) {
        try {
          out.phone = await measurePhone(browser, gz.origin, { loads: PHONE_LOADS });
          out.phone.server = gz.via;
        } finally {
          await gz.close();
        }
        console.log(`bench: the demo pages on a phone network: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } else out.skipped.push('phone network (needs scripts/serve.mjs with gzip)');
    }
    out.meta.loadAverageAtEnd = os.loadavg();
  } catch (e) {
    console.error(`bench: ${e.stack || e.message}`);
    exit = 1;
  } finally {
    await browser.close();
    await server.close();
  }

  // ---- table ----
  const widths = [50, 30, 11, 11, 10, 0];
  const line = (cols) => cols.map((c, i) => (i >= 2 && i <= 4 ? lpad(c, widths[i]) : pad(c, widths[i]))).join('  ');
  console.log('');
  console.log(line(['case', 'implementation', 'median ms', 'p95 ms', '× engine', 'cents vs engine']));
  console.log('-'.repeat(150));
  let lastCase = null;
  for (const r of out.results) {
    const title = r.case === lastCase ? '' : r.caseTitle;
    lastCase = r.case;
    const k = r.batch > 1 ? ` [k=${r.batch}]` : '';
    console.log(line([title, r.implementation, fmtMs(r.medianMs), fmtMs(r.p95Ms), r.ratioToEngine.toFixed(2), r.case === 'parse' ? '—' : centsText({ ...r, equal: r.centsEqualToEngine, parts: r.rows }, r.implementationId) + k]));
  }
  console.log('(× engine = implementation median / engine median: above 1 the engine is faster; k = calls per timed batch)');
  console.log('');
  console.log(`sizes: .wasm ${fmtBytes(size.wasm.raw)} raw, ${fmtBytes(size.wasm.gzip)} gzip, ${fmtBytes(size.wasm.brotli)} brotli; engine JS (glue + ${size.engineJs.files - 1} snippet) ${fmtBytes(size.engineJs.gzip)} gzip`);
  if (size.element) {
    const e = size.element;
    console.log(`       element as shipped, ${e.dir}/ (gzip: each file on its own, summed):${e.stale ? ' WARNING: older than www/rechner/ or www/core/, rebuild it (bash scripts/build-pkg.sh --element)' : ''}`);
    console.log(`         before the first result (${e.critical.names.join(' + ')}): ${fmtBytes(e.critical.raw)} raw, ${fmtBytes(e.critical.gzip)} gzip, ${fmtBytes(e.critical.brotli)} brotli; English element ${fmtBytes(e.criticalEnglish.gzip)} gzip`);
    console.log(`         parts loaded on demand (${e.onDemand.files} files): ${fmtBytes(e.onDemand.raw)} raw, ${fmtBytes(e.onDemand.gzip)} gzip`);
    console.log(`         all JavaScript (${e.js.files} files): ${fmtBytes(e.js.raw)} raw, ${fmtBytes(e.js.gzip)} gzip, ${fmtBytes(e.js.brotli)} brotli`);
    console.log(`         largest (gzip): ${e.perFile.slice(0, 5).map((x) => `${path.basename(x.file)} ${(x.gzip / KB).toFixed(1)} KiB`).join(', ')}`);
  }
  if (size.elementSource) console.log(`       element source ${size.elementSource.dir} (${size.elementSource.js.files} JS files, not minified): ${fmtBytes(size.elementSource.js.raw)} raw, ${fmtBytes(size.elementSource.js.gzip)} gzip`);
  const fr = out.firstResult;
  if (fr?.measured) console.log(`first efa-result on www/index.html: median ${fr.coldMedianMs.toFixed(1)} ms after navigation start (fresh profile each, ${fr.coldMs.map((x) => x.toFixed(0)).join('/')} ms; load event ${fr.coldLoadEventMs.toFixed(0)} ms); warm reloads ${fr.warmMs.map((x) => x.toFixed(0)).join('/')} ms`);
  else console.log(`first efa-result on www/index.html: not measured (${fr?.reason ?? 'run aborted'})`);
  if (out.probes) {
    console.log('');
    console.log('engine probes (median ms per call):');
    for (const [k, v] of Object.entries(out.probes)) console.log(`  ${pad(k, 66)} ${lpad(fmtMs(v), 9)}`);
  }
  if (out.profiles) {
    for (const p of out.profiles) {
      console.log('');
      console.log(`CPU profile of the engine, case ${p.case} (${p.totalMs.toFixed(0)} ms sampled):`);
      for (const [g, ms] of Object.entries(p.groups)) console.log(`  ${pad(g, 44)} ${lpad((100 * ms / p.totalMs).toFixed(1), 5)} %`);
      console.log('  top self time:');
      for (const t of p.top) console.log(`    ${lpad((100 * t.share).toFixed(1), 5)} %  ${t.name}`);
    }
  }

  // ---- targets ----
  const get = (c, id) => out.results.find((r) => r.case === c && r.implementationId === id);
  const target = (name, value, met, detail) => out.targets.push({ target: name, value, met, detail });
  const e16 = get('laender16', 'wasm');
  const eAll = get('allLaender', 'wasm');
  if (eAll) {
    const b = get('allLaender', 'bigint');
    const d = get('allLaender', 'decimal');
    const f = get('allLaender', 'float');
    target('10,953 rows: engine ≥ 2x faster than BigInt', b.medianMs / eAll.medianMs, b.medianMs / eAll.medianMs >= TARGETS.allVsBigint, `${(b.medianMs / eAll.medianMs).toFixed(2)}x (engine ${fmtMs(eAll.medianMs)} ms, BigInt ${fmtMs(b.medianMs)} ms)`);
    target('10,953 rows: engine ≥ 5x faster than decimal.js', d.medianMs / eAll.medianMs, d.medianMs / eAll.medianMs >= TARGETS.allVsDecimal, `${(d.medianMs / eAll.medianMs).toFixed(2)}x (decimal.js ${fmtMs(d.medianMs)} ms)`);
    target('10,953 rows: engine within 10x of the float floor', eAll.medianMs / f.medianMs, eAll.medianMs / f.medianMs <= TARGETS.allVsFloat, `${(eAll.medianMs / f.medianMs).toFixed(1)}x the float time (float ${fmtMs(f.medianMs)} ms)`);
    target('10,953 rows: identical cents to BigInt', b.centsEqualToEngine, b.centsEqualToEngine === true, b.centsEqualToEngine ? `all ${b.rows} rows equal` : `${b.partsDiffer} rows differ`);
    const col = get('allLaender', 'wasm+columns');
    if (col) {
      target('10,953 rows, columns option: ≥ 2x faster than BigInt', b.medianMs / col.medianMs, b.medianMs / col.medianMs >= TARGETS.allVsBigint, `${(b.medianMs / col.medianMs).toFixed(2)}x (${fmtMs(col.medianMs)} ms)`);
      target('10,953 rows, columns option: ≥ 5x faster than decimal.js', d.medianMs / col.medianMs, d.medianMs / col.medianMs >= TARGETS.allVsDecimal, `${(d.medianMs / col.medianMs).toFixed(2)}x`);
      target('10,953 rows, columns option: within 10x of float', col.medianMs / f.medianMs, col.medianMs / f.medianMs <= TARGETS.allVsFloat, `${(col.medianMs / f.medianMs).toFixed(1)}x the float time`);
    }
  } else {
    target('10,953-row targets', null, null, 'skipped: ../shared absent');
  }
  if (e16) target('16 Länder: engine < 0.1 ms', e16.medianMs, e16.medianMs < TARGETS.laender16Ms, `${fmtMs(e16.medianMs)} ms`);
  const eParse = get('parse', 'wasm');
  if (eParse) {
    target('GV100AD parse < 30 ms in the browser', eParse.medianMs, eParse.medianMs < TARGETS.parseMs, `${fmtMs(eParse.medianMs)} ms for loadGv100ad(text) (plain JS ${fmtMs(get('parse', 'js')?.medianMs)} ms)`);
    const eBytes = get('parse', 'wasm~bytes');
    if (eBytes) target('GV100AD parse < 30 ms, given bytes', eBytes.medianMs, eBytes.medianMs < TARGETS.parseMs, `${fmtMs(eBytes.medianMs)} ms for loadGv100ad(Uint8Array)`);
  }
  else target('GV100AD parse < 30 ms', null, null, 'skipped: ../shared absent');
  const el = out.element;
  if (el) {
    const by = el.change.bayern;
    const all = el.change.allLaender;
    console.log('');
    console.log(`element with Gemeinden (${el.source}), form change → next painted frame, median (p95):`);
    console.log(`  Bayern, ${by.rows} rows: ${fmtMs(by.x4.medianMs)} ms (${fmtMs(by.x4.p95Ms)}) at 4× CPU, ${fmtMs(by.x1.medianMs)} ms (${fmtMs(by.x1.p95Ms)}) unthrottled`);
    console.log(`  all Länder, ${all.rows} rows (16 elements): ${fmtMs(all.x4.medianMs)} ms (${fmtMs(all.x4.p95Ms)}) at 4× CPU, ${fmtMs(all.x1.medianMs)} ms (${fmtMs(all.x1.p95Ms)}) unthrottled`);
    console.log(`  navigation → first Gemeinde-level result at 4× CPU: ${fmtMs(el.firstResult.medianMs)} ms (${el.firstResult.ms.map((x) => x.toFixed(0)).join('/')})`);
    const ef = out.elementFile;
    if (ef) console.log(`  the same with a GV100AD file loaded by the page (${ef.source}): ${fmtMs(ef.firstResult.medianMs)} ms (${ef.firstResult.ms.map((x) => x.toFixed(0)).join('/')})`);
    console.log(`  JS heap after the Bayern result: ${(el.heap.usedBytes / 1024 / 1024).toFixed(2)} MiB used`);
    target(`form change → paint, Bayern 2,221 rows, 4× CPU ≤ ${TARGETS.changeX4Ms} ms`, by.x4.medianMs, by.x4.medianMs <= TARGETS.changeX4Ms, `${fmtMs(by.x4.medianMs)} ms median (p95 ${fmtMs(by.x4.p95Ms)})`);
    target(`form change → paint, Bayern 2,221 rows, unthrottled ≤ ${TARGETS.changeX1Ms} ms`, by.x1.medianMs, by.x1.medianMs <= TARGETS.changeX1Ms, `${fmtMs(by.x1.medianMs)} ms median`);
    target(`first built-in Gemeinde-level result ≤ ${TARGETS.gemeindeFirstX4Ms} ms at 4× CPU`, el.firstResult.medianMs, el.firstResult.medianMs <= TARGETS.gemeindeFirstX4Ms, `${fmtMs(el.firstResult.medianMs)} ms median (${el.source})`);
  }
  if (out.phone) {
    console.log('');
    for (const l of phoneReport(out.phone)) console.log(l);
    for (const p of Object.values(out.phone.pages)) target(`phone network: ${p.path} → first ${p.event} ≤ ${p.targetMs.toLocaleString('en')} ms`, p.medianMs, p.medianMs <= p.targetMs, `${p.medianMs.toFixed(0)} ms median (${p.ms.join('/')})`);
  }
  if (out.regression) console.log(`\nregression figures (ratios to the JS baseline, same page): engine 10,953 rows ${out.regression.engineToBaseline.toFixed(3)}, Kommune table Bayern ${out.regression.tableToBaseline.toFixed(3)}`);
  if (fr?.measured) target('first efa-result < 300 ms after navigation (localhost)', fr.coldMedianMs, fr.coldMedianMs < TARGETS.firstResultMs, `${fr.coldMedianMs.toFixed(0)} ms (median of ${fr.coldMs.length} fresh loads)`);
  else target('first efa-result < 300 ms after navigation', null, null, `not measured: ${fr?.reason ?? 'run aborted'}`);
  target('.wasm ≤ 110 KiB gzip', size.wasm.gzip, size.wasm.gzip <= TARGETS.wasmGzip, fmtBytes(size.wasm.gzip));
  if (size.element) {
    const e = size.element;
    target('element JS before the first result ≤ 20 KiB gzip', e.critical.gzip, e.critical.gzip <= TARGETS.elementGzip, `${fmtBytes(e.critical.gzip)} (${e.dir}/: ${e.critical.names.join(' + ')}); all ${e.js.files} files ${fmtBytes(e.js.gzip)}`);
  } else target('element JS before the first result ≤ 20 KiB gzip', null, null, 'pkg/element/ missing (make build)');
  console.log('');
  console.log('targets (goals; a miss does not fail the run):');
  for (const t of out.targets) console.log(`  ${t.met === true ? 'met   ' : t.met === false ? 'MISSED' : 'n/a   '}  ${pad(t.target, 56)} ${t.detail}`);
  const met = out.targets.filter((t) => t.met === true).length;
  const missed = out.targets.filter((t) => t.met === false).length;
  console.log(`  ${met} met, ${missed} missed, ${out.targets.length - met - missed} not measured`);

  // An exact baseline disagreeing with the engine is a correctness finding, not a timing one.
  const wrong = out.results.filter((r) => /^(bigint|decimal|wasm)/.test(r.implementationId) && r.centsEqualToEngine === false);
  if (wrong.length) {
    console.error(`bench: the engine and an exact baseline disagree: ${wrong.map((r) => `${r.case}/${r.implementationId} (${r.partsDiffer} parts)`).join(', ')}`);
    exit = 1;
  }

  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  out.meta.wallSeconds = (Date.now() - started) / 1000;
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  // A full run records the regression ratios (make test compares with them) and the figures in docs/performance.md.
  if (!QUICK && exit === 0 && OUT === path.resolve(ROOT, 'target/bench/results.json') && out.regression) {
    const record = { date: out.meta.date, machine: `${out.meta.cpus} × ${out.meta.cpuModel}`, loadAverageAtStart: out.meta.loadAverageAtStart, regression: out.regression, note: 'written by make bench; tests/node/bench-regression.test.mjs fails when a ratio is more than twice this one' };
    fs.writeFileSync(path.join(HERE, 'record.json'), JSON.stringify(record, null, 2) + '\n');
    writeReadme(path.join(ROOT, 'docs', 'performance.md'), out);
    writePerformance(path.join(ROOT, 'docs', 'performance.md'), out);
    console.log('bench: recorded tests/bench/record.json and the figures in docs/performance.md');
  }
  console.log(`\nbench: wrote ${path.relative(process.cwd(), OUT) || OUT} in ${out.meta.wallSeconds.toFixed(0)} s`);
  process.exit(exit);
}

main().catch((e) => {
  console.error(`bench: ${e.stack || e.message}`);
  process.exit(1);
});
