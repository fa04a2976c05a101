// Workbooks through the package's own door (contract 1.2): allocatePlan with a workbook's bytes or
// a Blob reads the container with the package's JS reader (pkg/efa_sheet.js, www/core/sheet/) and
// leaves what the cells mean to the engine. Every workbook fixture must give the CLI's answer (the
// native Rust reader) to the byte: the same response, or the same code, path and messages; the
// hostile workbooks of tests/sheet.rs (written by that test with EFA_HOSTILE_SHEETS) must be
// answered with their coded error, quickly, and the module must stay usable.
//
// Needs pkg/ and target/release/efa-rechner (make build) and cargo for the hostile set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const shared = resolve(root, '../shared');
const cli = join(root, 'target/release/efa-rechner');
const python = join(root, 'target/py/bin/python');
const { allocatePlan } = await import(pathToFileURL(join(root, 'pkg/efa_rechner.node.mjs')).href);

// A hang guard, not a speed target: the contract asks for under a second of CPU per hostile
// workbook; a loaded machine gets some slack.
const HANG_GUARD_MS = 5000;

/** The package's answer as the CLI writes it: the response, or {error: {code, path, message}}. */
async function viaPackage(input) {
  try {
    return await allocatePlan(input);
  } catch (e) {
    assert.equal(e.name, 'EfaError', String(e?.stack ?? e));
    return { error: { code: e.code, path: e.path, message: e.messages } };
  }
}

function viaCli(file) {
  const r = spawnSync(cli, ['plan', file, '--compact'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(r.stdout);
}

function workbooks() {
  const out = [];
  const dirs = [join(root, 'tests/fixtures/sheet'), join(root, 'tests/fixtures/plan')];
  if (existsSync(join(shared, 'contract/plan-examples'))) dirs.push(join(shared, 'contract/plan-examples'));
  else console.log('# skipped ../shared/contract/plan-examples: ../shared is not present');
  for (const d of dirs) for (const f of readdirSync(d).sort()) if (/\.(xlsx|ods|xls)$/.test(f)) out.push(join(d, f));
  return out;
}

test('every workbook fixture gives the CLI answer through allocatePlan (bytes and Blob)', async () => {
  assert.ok(existsSync(cli), `${cli} is missing: run make build`);
  const files = workbooks();
  assert.ok(files.length >= 16, `found ${files.length} workbooks`);
  for (const file of files) {
    const want = viaCli(file);
    const bytes = new Uint8Array(readFileSync(file));
    assert.deepEqual(await viaPackage(bytes), want, file);
    assert.deepEqual(await viaPackage(new Blob([bytes])), want, `${file} as a Blob`);
  }
  const e12 = JSON.parse(readFileSync(join(root, 'tests/fixtures/plan/12-plan-german.expected.json'), 'utf8'));
  for (const f of ['13-plan-libreoffice.xlsx', '14-plan-libreoffice.ods']) {
    const got = await allocatePlan(new Blob([readFileSync(join(root, 'tests/fixtures/plan', f))]));
    assert.equal(got.total, e12.total, f);
    assert.deepEqual(got.payers.map(({ id, years, total }) => ({ id, years, total })), e12.payers, f);
  }
});

test('hostile workbooks through the JS reader: the coded error, quickly; the module stays usable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'efa-hostile-sheets-'));
  try {
    const r = spawnSync('cargo', ['test', '--locked', '--quiet', '--test', 'sheet', 'hostile_workbooks_are_answered_quickly_and_coded'], {
      cwd: root,
      env: { ...process.env, EFA_HOSTILE_SHEETS: dir },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `cargo test could not write the hostile workbooks:\n${r.stderr.slice(-2000)}`);
    const cases = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    assert.ok(cases.length >= 15, `${cases.length} cases`);
    let slowest = [0, ''];
    for (const c of cases) {
      const bytes = new Uint8Array(readFileSync(join(dir, c.file)));
      const t = performance.now();
      const got = await viaPackage(bytes);
      const ms = performance.now() - t;
      assert.ok(got.error, `${c.name}: expected an error, got a result`);
      assert.deepEqual([got.error.code, got.error.path], [c.code, c.path], `${c.name}: ${JSON.stringify(got.error)}`);
      for (const lang of ['de', 'en']) assert.ok(got.error.message[lang].length > 0 && got.error.message[lang].length <= 2000, c.name);
      assert.ok(ms < HANG_GUARD_MS, `${c.name}: ${ms} ms`);
      if (ms > slowest[0]) slowest = [ms, c.name];
      const csv = 'Dienst;Jahr;Kosten;Allianz;Modell\nA;2025;1000;BY HE;itplr-2023-35\n';
      assert.equal(allocatePlan(csv).total, '1000.00', `${c.name}: the module still works`);
    }
    console.log(`# slowest hostile workbook through the JS reader: ${slowest[1]} (${slowest[0].toFixed(0)} ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a 500-entry workbook (openpyxl): the time to read it through the package', async () => {
  assert.ok(existsSync(python), `${python} is missing: run scripts/setup.sh, which installs openpyxl`);
  const dir = mkdtempSync(join(tmpdir(), 'efa-sheet-500-'));
  try {
    const file = join(dir, 'plan-500.xlsx');
    const write = `
import openpyxl, sys
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Plan'
ws.append(['Dienst', 'Jahr', 'Kosten', 'Allianz', 'Modell'])
for i in range(500):
    ws.append([f'Dienst {i % 40}', 2025 + i % 4, 100000 + i * 1234.56, 'BY HE NW SN', 'itplr-2023-35'])
wb.save(sys.argv[1])
`;
    const w = spawnSync(python, ['-c', write, file], { encoding: 'utf8' });
    assert.equal(w.status, 0, w.stderr);
    const bytes = new Uint8Array(readFileSync(file));
    const want = viaCli(file);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const got = await allocatePlan(bytes);
      best = Math.min(best, performance.now() - t);
      assert.deepEqual(got, want);
    }
    console.log(`# 500-entry workbook (${bytes.length} bytes) read and computed through the package in Node: ${best.toFixed(0)} ms (best of 3)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('planToXlsx (efa-rechner/sheet) writes the bytes of `efa-rechner plan --format xlsx`', async () => {
  const { planToXlsx } = await import(pathToFileURL(join(root, 'pkg/efa_sheet.js')).href);
  const dir = join(root, 'tests/fixtures/plan');
  const cases = [
    ['11-plan-portfolio.json', []],
    ['12-plan-german.csv', ['--compare', 'alliance', '--title', 'Aus Excel <&>']],
    ['13-plan-libreoffice.xlsx', []],
    ['14-plan-libreoffice.ods', ['--compare', 'fitko']],
  ];
  for (const [f, args] of cases) {
    const file = join(dir, f);
    const x = spawnSync(cli, ['plan', file, '--format', 'xlsx', ...args], { maxBuffer: 64 << 20 });
    assert.equal(x.status, 0, String(x.stderr));
    const options = {};
    for (let i = 0; i < args.length; i += 2) options[args[i].slice(2)] = args[i + 1];
    const res = await allocatePlan(new Uint8Array(readFileSync(file)), options);
    const blob = planToXlsx(res);
    assert.equal(blob.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.ok(Buffer.from(await blob.arrayBuffer()).equals(x.stdout), `${f} ${args.join(' ')}: the same bytes as the CLI`);
  }
  // a plan with a warning (Windows-1252) gets the notes sheet too
  const ansi = Buffer.concat([Buffer.from('Dienst;Jahr;Kosten;Allianz\nKfz-Zulassung f'), Buffer.from([0xfc]), Buffer.from('r alle;2025;100;BY\n')]);
  const tmp = mkdtempSync(join(tmpdir(), 'efa-xlsx-'));
  try {
    writeFileSync(join(tmp, 'ansi.csv'), ansi);
    const x = spawnSync(cli, ['plan', join(tmp, 'ansi.csv'), '--format', 'xlsx'], { maxBuffer: 64 << 20 });
    const res = allocatePlan(new Uint8Array(ansi));
    assert.equal(res.warnings[0].code, 'csv_windows_1252');
    assert.ok(Buffer.from(await planToXlsx(res).arrayBuffer()).equals(x.stdout), 'with the notes sheet');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('numbers as the sheet shows them: the JS reader rounds as src/plan/read_sheet.rs does (15 digits, ties to even)', async () => {
  const { shown } = await import(pathToFileURL(join(root, 'www/core/sheet/grid.js')).href);
  // The table of read_sheet.rs's unit test, and ties at the 16th digit (exact binary values),
  // where Number#toPrecision would round up but Rust's {:.14e} rounds to even.
  const cases = [
    ['0.30000000000000004', '0.3'], ['333333.32999999996', '333333.33'], ['1E-3', '0.001'], ['1.5E+3', '1500'],
    ['-5.1', '-5.1'], ['0', '0'], ['-0', '0'], ['123456789012345678', '123456789012346000'],
    ['0.1234567890123456789', '0.123456789012346'], ['9999999999999.99', '9999999999999.99'], ['4550000.499999999', '4550000.5'],
    ['1234567890123.125', '1234567890123.12'], ['1234567890123.375', '1234567890123.38'],
    ['1234567890123455', '1234567890123460'], ['1234567890123445', '1234567890123440'], ['.5', '0.5'], ['+7', '7'],
  ];
  for (const [raw, want] of cases) assert.equal(shown(raw), want, raw);
  for (const bad of ['', 'x', '1e400', 'NaN', 'inf', '1,5', '0x10', 'Infinity']) assert.equal(shown(bad), null, bad);
});
