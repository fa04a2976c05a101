// The npm package as a user gets it: `npm pack`, installed into a fresh project, imported by its
// name in Node 20; every contract example gives the expected cents, bad requests give the same
// codes and paths as the CLI, and the TypeScript declarations accept a contract request and
// reject a wrong field. Size budgets of the package: the Gemeinde table, and the element JS a page
// loads before the first result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, cpSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELEMENT_CRITICAL_GZIP_BUDGET, WASM_GZIP_BUDGET, WASM_GZIP_LIMIT, elementCritical, gzipSize, staticImports } from '../bench/sizes.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const shared = resolve(root, '../shared');
const cli = [join(root, 'target/release/efa-rechner'), join(root, 'target/debug/efa-rechner')].find(existsSync);

function examples() {
  const dirs = [join(root, 'tests/fixtures/contract')];
  if (existsSync(join(shared, 'contract/examples'))) dirs.push(join(shared, 'contract/examples'));
  else console.log('# skipped ../shared/contract/examples: ../shared is not present');
  const out = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.json') || f.endsWith('.expected.json')) continue;
      const stem = f.slice(0, -5);
      const exp = join(dir, `${stem}.expected.json`);
      if (existsSync(exp)) out.push({ name: `${dir === dirs[0] ? 'own' : 'shared'}/${stem}`, request: join(dir, f), expected: exp });
    }
  }
  return out;
}

let project;
function installedPackage() {
  if (project) return project;
  assert.ok(existsSync(join(root, 'pkg/package.json')), 'pkg/ is built (make build)');
  const dir = mkdtempSync(join(tmpdir(), 'efa-pkg-'));
  const tarball = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', dir, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, tarball)], { cwd: dir });
  project = dir;
  return dir;
}

// Runs a script inside the consumer project, so `import 'efa-rechner'` resolves like a user's.
function runInProject(code) {
  const dir = installedPackage();
  const file = join(dir, `run-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const PRELUDE = `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, allocate, loadGv100ad, metadata } from 'efa-rechner';
const require = createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('efa-rechner/efa_rechner_bg.wasm')) });
const run = (req, ds) => { try { return allocate(req, ds); } catch (e) { return { error: { code: e.code, path: e.path, name: e.name, isError: e instanceof Error, de: e.messages?.de } }; } };
`;

test('the packed package holds what it promises', () => {
  const dir = installedPackage();
  const pkgDir = join(dir, 'node_modules/efa-rechner');
  const meta = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(meta.license, 'EUPL-1.2');
  assert.equal(meta.type, 'module');
  for (const f of ['efa_rechner.js', 'efa_rechner.d.ts', 'efa_rechner_bg.wasm', 'README.md', 'LICENSE']) {
    assert.ok(existsSync(join(pkgDir, f)), `${f} is in the tarball`);
  }
  assert.ok(readdirSync(join(pkgDir, 'snippets')).length > 0, 'the EfaError snippet is in the tarball');
  assert.ok(meta.exports['.'].browser.types && meta.exports['.'].node.import.types && meta.exports['.'].node.require.types, 'exports declare types for each condition');
});

test('one module serves every function: allocate, allocatePlan and the datasets from efa-rechner', () => {
  const got = runInProject(`${PRELUDE}
import * as engine from 'efa-rechner';
console.log(JSON.stringify(Object.fromEntries(['allocate', 'allocatePlan', 'allocatePlanCsv', 'loadGv100ad', 'loadGemeinden', 'metadata'].map((f) => [f, typeof engine[f]]))));`);
  assert.deepEqual(got, { allocate: 'function', allocatePlan: 'function', allocatePlanCsv: 'function', loadGv100ad: 'function', loadGemeinden: 'function', metadata: 'function' });
  const meta = JSON.parse(readFileSync(join(installedPackage(), 'node_modules/efa-rechner/package.json'), 'utf8'));
  assert.deepEqual(meta.files.filter((f) => f.endsWith('.wasm')), ['efa_rechner_bg.wasm'], 'one .wasm in the package');
});

test('size budget: the one .wasm stays at or below its limit on the way to 110 KiB gzip', () => {
  const wasm = readFileSync(join(root, 'pkg/efa_rechner_bg.wasm'));
  const gz = gzipSize(wasm);
  console.log(`# efa_rechner_bg.wasm: ${wasm.length} bytes, ${gz} bytes gzip (limit ${WASM_GZIP_LIMIT}, budget ${WASM_GZIP_BUDGET}: ${gz - WASM_GZIP_BUDGET} bytes to go)`);
  assert.ok(gz <= WASM_GZIP_LIMIT, `${gz} bytes gzip is above the limit of ${WASM_GZIP_LIMIT} (tests/bench/sizes.mjs): find what grew with twiggy (docs/performance.md, "Size of the WASM module")`);
});

test('size budget: the Gemeinde table is a separate file of at most 120 KB gzip, in the tarball', () => {
  const table = readFileSync(join(root, 'pkg/gemeinden.tsv'));
  const gz = gzipSync(table, { level: 9 }).length;
  console.log(`# gemeinden.tsv: ${table.length} bytes, ${gz} bytes gzip`);
  assert.ok(gz <= 120 * 1024, `${gz} bytes gzip is above the 120 KB budget`);
  assert.deepEqual(table, readFileSync(join(root, 'src/data/gemeinden.tsv')), 'the committed table, as it is');
  const dir = installedPackage();
  assert.ok(existsSync(join(dir, 'node_modules/efa-rechner/gemeinden.tsv')));
});

test('spreadsheet code loads only for a workbook: efa_sheet.js is imported on demand, never statically, and stays small', () => {
  const sheet = join(root, 'pkg/efa_sheet.js');
  assert.ok(existsSync(sheet), 'pkg/efa_sheet.js is built (make build)');
  const snippets = readdirSync(join(root, 'pkg/snippets'), { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => join(root, 'pkg/snippets', f));
  const engine = [join(root, 'pkg/efa_rechner.js'), ...snippets];
  for (const f of engine) assert.ok(!staticImports(readFileSync(f, 'utf8')).some((i) => i.includes('efa_sheet')), `${f} imports efa_sheet.js statically`);
  assert.ok(snippets.some((f) => readFileSync(f, 'utf8').includes("import('../../efa_sheet.js')")), 'the glue loads the reader on demand');
  const c = elementCritical(join(root, 'pkg/element'));
  assert.ok(c.names.every((n) => !n.includes('sheet')), c.names.join(', '));
  const gz = gzipSync(readFileSync(sheet), { level: 9 }).length;
  console.log(`# efa_sheet.js (the workbook reader, loaded when a workbook is opened): ${statSync(sheet).size} bytes, ${gz} bytes gzip`);
  assert.ok(gz <= 12 * 1024, `${gz} bytes gzip`);
});

test('size budget: element JS before the first result at most 20 KiB gzip (counted as make bench counts it)', () => {
  const dir = join(root, 'pkg/element');
  assert.ok(existsSync(join(dir, 'efa-rechner.js')), 'pkg/element/ is built (make build)');
  const builtAt = statSync(join(dir, 'efa-rechner.js')).mtimeMs;
  const sources = ['www/rechner', 'www/core'].flatMap((d) => readdirSync(join(root, d), { recursive: true }).map((f) => join(root, d, f))).filter((f) => f.endsWith('.js'));
  const newer = sources.filter((f) => statSync(f).mtimeMs > builtAt);
  assert.deepEqual(newer, [], 'pkg/element/ is older than its sources: run make build (or bash scripts/build-pkg.sh --element)');
  const c = elementCritical(dir);
  console.log(`# element JS before the first result (${c.names.join(' + ')}): ${c.raw} bytes, ${c.gzip} bytes gzip, ${ELEMENT_CRITICAL_GZIP_BUDGET - c.gzip} bytes left`);
  assert.ok(c.names.length >= 2, `the entry imports the element's code: ${c.names.join(', ')}`);
  assert.ok(c.gzip <= ELEMENT_CRITICAL_GZIP_BUDGET, `${c.gzip} bytes gzip is above the budget of ${ELEMENT_CRITICAL_GZIP_BUDGET} (${c.files.map((f) => `${f.file} ${f.gzip}`).join(', ')}): move what the first result does not need into a part loaded on demand`);
});

test('level gemeinde without a file: missing_gv100ad until loadGemeinden, then the cents of the CLI for five Länder', { skip: !cli && 'CLI not built' }, () => {
  const reqs = ['SH', 'HE', 'BY', 'BE', 'TH'].map((land) => ({ year: 2025, costs: '987654.32', model: 'fitko', kommunen: { land, level: 'gemeinde', landShare: '0.25', exemptBelow: 300 } }));
  const got = runInProject(`${PRELUDE}
import { loadGemeinden, gemeindenLoaded } from 'efa-rechner';
const reqs = ${JSON.stringify(reqs)};
const before = run(reqs[0]).error;
const loadedBefore = gemeindenLoaded();
const bad = (() => { try { loadGemeinden('# table: gemeinden'); return null; } catch (e) { return [e.code, e.path]; } })();
const info = loadGemeinden(readFileSync(require.resolve('efa-rechner/gemeinden.tsv')));
console.log(JSON.stringify({ before, loadedBefore, bad, info, loadedAfter: gemeindenLoaded(), results: reqs.map((r) => run(r)) }));`);
  assert.deepEqual([got.before.code, got.before.path], ['missing_gv100ad', 'kommunen.level']);
  assert.equal(got.loadedBefore, false);
  assert.deepEqual(got.bad, ['invalid_gv100ad', 'gemeinden']);
  assert.deepEqual(got.info, { edition: 'gv100ad-2025-11-30', gemeinden: 10953 });
  assert.equal(got.loadedAfter, true);
  reqs.forEach((req, i) => {
    const r = spawnSync(cli, ['allocate', '-', '--compact'], { input: JSON.stringify(req), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout);
    const want = JSON.parse(r.stdout);
    assert.deepEqual(got.results[i].kommunen, want.kommunen, req.kommunen.land);
    assert.equal(got.results[i].kommunen.source.id, 'gv100ad-2025-11-30-builtin');
  });
});

test('loadGv100ad reads a Blob, a Response and a ReadableStream chunk by chunk, with the same result and line numbers', () => {
  const gv = join(shared, 'data/gv100ad/GV100AD_30112025.txt');
  const fixture = join(root, 'tests/fixtures/gv100ad/valid-utf8.txt');
  const got = runInProject(`${PRELUDE}
const file = ${JSON.stringify(existsSync(gv) ? gv : fixture)};
const bytes = readFileSync(file);
const req = { year: 2025, costs: '1000.00', model: 'fitko', kommunen: { land: 'BY', level: 'gemeinde' } };
const sync = loadGv100ad(bytes);
const want = allocate(req, sync);
// A stream of odd-sized chunks (7 bytes to 64 KiB) to cut lines and UTF-8 characters anywhere.
const chunked = () => new ReadableStream({ start(c) { let at = 0, n = 7; while (at < bytes.length) { c.enqueue(bytes.subarray(at, at + n)); at += n; n = Math.min(n * 3, 65536); } c.close(); } });
const out = {};
for (const [name, make] of [['blob', () => new Blob([bytes])], ['response', () => new Response(chunked())], ['stream', chunked]]) {
  const p = loadGv100ad(make());
  const ds = await p;
  out[name] = { promise: p instanceof Promise, gemeinden: ds.gemeinden, same: JSON.stringify(allocate(req, ds).kommunen) === JSON.stringify(want.kommunen) };
  ds.free();
}
// A cut record in a stream: the same located error as the whole file gives.
const cut = bytes.subarray(0, 220 * 3 + 2 + 103);
const errOf = async (f) => { try { await f(); return null; } catch (e) { return [e.name, e.code, e.path]; } };
out.cutSync = await errOf(() => loadGv100ad(cut));
out.cutStream = await errOf(() => loadGv100ad(new Blob([cut])));
out.notFound = await errOf(() => loadGv100ad(new Response('x', { status: 404 })));
out.notBytes = await errOf(() => loadGv100ad(new ReadableStream({ start(c) { c.enqueue('text'); c.close(); } })));
out.failing = await errOf(() => loadGv100ad(new ReadableStream({ pull(c) { c.error(new Error('network down')); } })));
out.used = await errOf(async () => { const r = new Response(bytes); await r.arrayBuffer(); return loadGv100ad(r); });
console.log(JSON.stringify(out));`);
  for (const name of ['blob', 'response', 'stream']) {
    assert.deepEqual(got[name], { promise: true, gemeinden: existsSync(gv) ? 10953 : 9, same: true }, name);
  }
  assert.deepEqual(got.cutStream, got.cutSync);
  assert.deepEqual(got.cutSync, ['EfaError', 'invalid_gv100ad', 'gv100ad:4']);
  assert.deepEqual(got.notFound, ['EfaError', 'invalid_gv100ad', 'gv100ad']);
  assert.deepEqual(got.notBytes, ['EfaError', 'invalid_gv100ad', 'gv100ad']);
  assert.deepEqual(got.failing, ['EfaError', 'invalid_gv100ad', 'gv100ad']);
  assert.deepEqual(got.used, ['EfaError', 'invalid_gv100ad', 'gv100ad']);
});

test('every contract example gives the expected cents through the installed package', () => {
  const cases = examples();
  const gv = join(shared, 'data/gv100ad/GV100AD_30112025.txt');
  const results = runInProject(`${PRELUDE}
const cases = ${JSON.stringify(cases)};
const gv = ${JSON.stringify(existsSync(gv) ? gv : null)};
const ds = gv ? loadGv100ad(readFileSync(gv)) : undefined;
const out = {};
for (const c of cases) {
  const req = JSON.parse(readFileSync(c.request, 'utf8'));
  if (req.kommunen?.level === 'gemeinde' && !ds) { out[c.name] = 'skipped'; continue; }
  out[c.name] = run(req, ds);
}
console.log(JSON.stringify(out));`);
  for (const c of cases) {
    const got = results[c.name];
    if (got === 'skipped') { console.log(`# skipped ${c.name}: GV100AD file absent`); continue; }
    const exp = JSON.parse(readFileSync(c.expected, 'utf8'));
    if (exp.error) {
      assert.deepEqual([got.error?.code, got.error?.path], [exp.error.code, exp.error.path], c.name);
      assert.equal(got.error.name, 'EfaError');
      assert.equal(got.error.isError, true);
      continue;
    }
    assert.equal(got.total, exp.total, c.name);
    assert.deepEqual(got.payers.map((p) => [p.id, p.amount]), exp.payers.map((p) => [p.id, p.amount]).sort((a, b) => got.payers.findIndex((p) => p.id === a[0]) - got.payers.findIndex((p) => p.id === b[0])), c.name);
    if (exp.kommunen) {
      assert.equal(got.kommunen.landKeeps, exp.kommunen.landKeeps, c.name);
      assert.deepEqual(got.kommunen.rows.map((r) => [r.ags, r.amount]), exp.kommunen.rows.map((r) => [r.ags, r.amount]), c.name);
    }
  }
});

test('bad requests give the same codes and paths as the CLI, and the module stays usable', { skip: !cli && 'CLI not built' }, () => {
  const bad = [
    { year: 2025, costs: '1.00', alliance: ['BY'], colour: 1 },
    { year: 2025, costs: [{ amount: '-5.00' }], alliance: ['BY'] },
    { year: 2025, costs: '1,50', alliance: ['BY'] },
    { year: 2025, costs: '1.00', alliance: ['BY', 'XX'] },
    { year: 2025, costs: '1.00' },
    { year: 1999, costs: '1.00', alliance: ['BY'] },
    { year: 2025, costs: '1.00', alliance: [] },
    { year: 2025, costs: '1.00', alliance: 'alle' },
    { year: 2025, costs: '1.005', alliance: ['BY'] },
    { year: 2025, costs: '1.00', alliance: ['BY'], model: 'itplr' },
    { year: 2025, costs: '1.00', alliance: ['BY'], key: 'ks-2017' },
    { year: 2025, costs: '1.00', alliance: ['BY', 'HE'], key: { usage: { NW: '5' } } },
    { year: 2025, costs: '1.00', alliance: ['BY'], membership: { HE: { from: '2025-07-01' } } },
    { year: 2025, costs: '1.00', alliance: ['BY'], membership: { BY: { from: '2025-02-30' } } },
    { year: 2025, costs: '1.00', alliance: ['BY'], kommunen: { land: 'HE' } },
    { year: 2025, costs: '1.00', alliance: ['BY'], rounding: { unit: '0' } },
    { year: 2025, costs: '1.00', alliance: ['BY'], model: { tranches: [{ share: '0.5', payers: 'all' }] } },
  ];
  const viaWasm = runInProject(`${PRELUDE}
const bad = ${JSON.stringify(bad)};
const good = { year: 2025, costs: '100.00', alliance: ['BY', 'HE'] };
console.log(JSON.stringify(bad.map((b) => { const e = run(b); const after = run(good); return [e.error?.code, e.error?.path, after.total]; })));`);
  bad.forEach((b, i) => {
    const r = spawnSync(cli, ['allocate', '-', '--compact'], { input: JSON.stringify(b), encoding: 'utf8' });
    assert.equal(r.status, 2, JSON.stringify(b));
    const { error } = JSON.parse(r.stdout);
    assert.deepEqual(viaWasm[i].slice(0, 2), [error.code, error.path], JSON.stringify(b));
    assert.equal(viaWasm[i][2], '100.00', 'the module still works after a rejected call');
  });
});

test('metadata names the Länder, key editions and models', () => {
  const m = runInProject(`${PRELUDE} console.log(JSON.stringify(metadata()));`);
  assert.equal(m.laender.length, 16);
  assert.deepEqual(m.keyEditions.map((e) => e.id), ['ks-2014', 'ks-2015', 'ks-2016', 'ks-2019']);
  assert.ok(m.models.find((x) => x.id === 'itplr-2023-35').source.includes('2023/35'));
});

test('TypeScript: a contract request compiles, a wrong field and a wrong type do not', () => {
  const dir = installedPackage();
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  mkdirSync(join(dir, 'ts'), { recursive: true });
  for (const f of readdirSync(join(root, 'tests/types'))) cpSync(join(root, 'tests/types', f), join(dir, 'ts', f));
  const compile = (file) => spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,esnext.disposable,dom', join('ts', file)], { cwd: dir, encoding: 'utf8' });
  const ok = compile('sample.ts');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const wrongField = compile('wrong-field.ts');
  assert.notEqual(wrongField.status, 0, 'a wrong field must not compile');
  assert.match(wrongField.stdout, /alliances/);
  const wrongType = compile('wrong-type.ts');
  assert.notEqual(wrongType.status, 0, 'a string amount is not a number');
  const plan = compile('plan.ts');
  assert.equal(plan.status, 0, plan.stdout + plan.stderr);
  const planKommunen = compile('plan-wrong-kommunen.ts');
  assert.notEqual(planKommunen.status, 0, 'kommunen in a plan entry must not compile');
  assert.match(planKommunen.stdout, /kommunen/);
});

/** Every field `expected` names is in `got` with the same value (lists: same length and order). */
function assertSubset(expected, got, path = '') {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(got) && got.length === expected.length, `${path}: ${JSON.stringify(got)?.slice(0, 200)}`);
    expected.forEach((e, i) => assertSubset(e, got[i], `${path}[${i}]`));
  } else if (expected && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) assertSubset(v, got?.[k], `${path}.${k}`);
  } else {
    assert.equal(got, expected, path);
  }
}

test('plans through the installed package: object, JSON text, CSV text, options, errors', { skip: !cli && 'CLI not built' }, () => {
  const dir = join(root, 'tests/fixtures/plan');
  const dirs = [dir];
  if (existsSync(join(shared, 'contract/plan-examples'))) dirs.push(join(shared, 'contract/plan-examples'));
  else console.log('# skipped ../shared/contract/plan-examples: ../shared is not present');
  for (const d of dirs) {
    const p11 = join(d, '11-plan-portfolio.json');
    const p12 = join(d, '12-plan-german.csv');
    const got = runInProject(`${PRELUDE}
import { allocatePlan, allocatePlanCsv } from 'efa-rechner';
const plan = (input, options) => { try { return allocatePlan(input, options); } catch (e) { return { error: { code: e.code, path: e.path, name: e.name, de: e.messages?.de } }; } };
const text11 = readFileSync(${JSON.stringify(p11)}, 'utf8');
const csv12 = readFileSync(${JSON.stringify(p12)}, 'utf8');
const good = plan(csv12);
const xlsx13 = readFileSync(${JSON.stringify(join(d, '13-plan-libreoffice.xlsx'))});
console.log(JSON.stringify({
  object: plan(JSON.parse(text11)),
  json: plan(text11),
  csv: good,
  csvOptions: plan(csv12, { compare: 'alliance', title: 'Aus Excel' }),
  entryError: plan({ plan: { entries: [{ service: 'x', year: 2025, costs: '1.00', alliance: ['BY', 'HE', 'XX'] }] } }),
  csvError: plan('Dienst;Jahr;Kosten\\n"x;2025;1\\n'),
  optionError: plan(csv12, { compare: 'solidarisch' }),
  after: plan(csv12).total,
  excel: allocatePlanCsv(text11),
  // A file's bytes: UTF-8, Excel's plain CSV in Windows-1252 (with the warning), an ArrayBuffer;
  // a workbook's bytes and a Blob give a promise (the container reader loads on first use).
  bytes: plan(readFileSync(${JSON.stringify(p12)})),
  cp1252: plan(Buffer.from(csv12, 'latin1')),
  buffer: plan(new Uint8Array(readFileSync(${JSON.stringify(p12)})).slice().buffer),
  workbookIsPromise: plan(xlsx13) instanceof Promise,
  workbook: await plan(xlsx13),
  workbookBlob: await plan(new Blob([xlsx13]), { compare: 'alliance', title: 'Aus Excel' }),
  ods: await plan(new Uint8Array(readFileSync(${JSON.stringify(join(d, '14-plan-libreoffice.ods'))})).buffer),
  csvBlob: await plan(new Blob([readFileSync(${JSON.stringify(p12)})])),
  xlsBlob: await plan(new Blob([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])])).catch((e) => ({ error: { code: e.code, path: e.path, name: e.name, de: e.messages?.de } })),
}));`);
    const e11 = JSON.parse(readFileSync(join(d, '11-plan-portfolio.expected.json'), 'utf8'));
    const e12 = JSON.parse(readFileSync(join(d, '12-plan-german.expected.json'), 'utf8'));
    assertSubset(e11, got.object, '11 object');
    assertSubset(e11, got.json, '11 json');
    assert.equal(got.object.contractVersion, '1.1');
    assert.equal(got.object.title, 'Drei Dienste, zwei Jahre');
    assertSubset(e12, got.csv, '12 csv');
    assertSubset(e12, got.csvOptions, '12 csv with options');
    assert.equal(got.csvOptions.title, 'Aus Excel');
    assert.equal(got.csvOptions.payers.find((p) => p.id === 'HE').compare.difference.startsWith('-'), true);
    assert.deepEqual([got.entryError.error.code, got.entryError.error.path, got.entryError.error.name], ['unknown_land', 'plan.entries[0].alliance[2]', 'EfaError']);
    assert.deepEqual([got.csvError.error.code, got.csvError.error.path], ['invalid_csv', 'csv:2:1']);
    assert.deepEqual([got.optionError.error.code, got.optionError.error.path], ['unknown_model', 'compare']);
    assert.equal(got.after, '4550000.50', 'the module still works after a rejected plan');
    assertSubset(e12, got.bytes, '12 as bytes');
    assert.equal(got.bytes.warnings.some((w) => w.code === 'csv_windows_1252'), false);
    assertSubset(e12, got.cp1252, '12 in Windows-1252');
    assert.equal(got.cp1252.warnings[0].code, 'csv_windows_1252');
    assert.equal(got.cp1252.warnings[0].path, 'csv');
    assert.equal(got.cp1252.services[1].service, 'Kfz-Zulassung; online');
    assertSubset(e12, got.buffer, '12 as an ArrayBuffer');
    assert.equal(got.workbookIsPromise, true);
    assertSubset(e12, got.workbook, '13 (.xlsx) as bytes');
    assertSubset(e12, got.workbookBlob, '13 (.xlsx) as a Blob');
    assert.equal(got.workbookBlob.title, 'Aus Excel');
    assertSubset(e12, got.ods, '14 (.ods) as an ArrayBuffer');
    assertSubset(e12, got.csvBlob, '12 as a Blob');
    assert.deepEqual([got.xlsBlob.error.code, got.xlsBlob.error.path, got.xlsBlob.error.name], ['invalid_sheet', 'sheet', 'EfaError']);
    assert.match(got.xlsBlob.error.de, /als \.xlsx speichern/);
    const w = spawnSync(cli, ['plan', join(d, '13-plan-libreoffice.xlsx'), '--compact'], { encoding: 'utf8' });
    assert.equal(w.status, 0, w.stderr);
    assert.deepEqual(got.workbook, JSON.parse(w.stdout), "a workbook gives the CLI's answer");
    // The same answer as the CLI, to the byte: JSON (CSV plan with options) and German Excel CSV.
    const r = spawnSync(cli, ['plan', p12, '--compare', 'alliance', '--title', 'Aus Excel', '--compact'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(got.csvOptions, JSON.parse(r.stdout));
    const x = spawnSync(cli, ['plan', p11, '--format', 'csv'], { encoding: 'utf8' });
    assert.equal(x.status, 0, x.stderr);
    assert.equal(got.excel, x.stdout);
  }
});
