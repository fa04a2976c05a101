// The npm package as its consumers get it (as automerge's packaging_tests): `npm pack` once,
// installed once into target/packaging/, then new projects use it by its name: Node ESM and
// CommonJS, Bun and Deno, TypeScript --strict (the README's code blocks and type assertions under
// nodenext and bundler resolution), Vite, webpack 5 and esbuild builds loaded in Chromium, and a
// plain page with both elements. publint --strict and attw check the package's metadata and types.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';
import { codeBlocks, declaredUnion, declaredValues, examples, packAndInstall, readJson, root, run, work } from './lib.mjs';

const bin = (name) => join(root, 'node_modules/.bin', name);
const installed = join(work, 'node_modules/efa-rechner');
const example02 = join(root, 'tests/fixtures/contract/02-itplr-2023-35');
const plan11 = join(root, 'tests/fixtures/plan/11-plan-portfolio');

// What each failing call of the probe (projects/probe.mjs) must throw, an EfaError with this code.
const FAILURES = {
  'allocate: unknown field': 'unknown_field',
  'allocate: JSON text that is not JSON': 'invalid_json',
  'allocate: a getter that throws': 'invalid_request',
  'allocate: a second argument that is no data set': 'missing_gv100ad',
  'allocate: level gemeinde without a file': 'missing_gv100ad',
  'loadGv100ad: a number': 'invalid_gv100ad',
  'loadGv100ad: a damaged file': 'invalid_gv100ad',
  'loadGemeinden: a table of no edition': 'invalid_gv100ad',
  'loadGv100ad: a 404 Response': 'invalid_gv100ad',
  'loadGv100ad: a stream of strings': 'invalid_gv100ad',
  'loadGv100ad: a stream that fails': 'invalid_gv100ad',
  'allocatePlan: an unknown Land': 'unknown_land',
  'allocatePlan: a broken CSV': 'invalid_csv',
};

let tarball;
let cases;
let input;
let declared;
let codes;

before(() => {
  tarball = packAndInstall();
  cases = examples();
  declared = declaredValues(join(installed, 'efa_rechner.d.ts'));
  codes = declaredUnion(join(installed, 'efa_rechner.d.ts'), 'ErrorCode');
  input = { declared, requests: cases.map(({ name, request }) => ({ name, request })) };
  writeFileSync(join(work, 'input.json'), JSON.stringify(input));
  writeFileSync(join(work, 'page/input.json'), JSON.stringify(input));
  for (const p of ['vite', 'webpack', 'esbuild']) writeFileSync(join(work, p, 'request.json'), readFileSync(`${example02}.json`));
  writeFileSync(join(work, 'page/plan.json'), readFileSync(`${plan11}.json`));
});

/** Judges a probe report: every declared value exists (and nothing undeclared), every example
 *  gives its expected cents or error, every failure is an EfaError with its code. */
function judge(report, who) {
  for (const name of declared) assert.notEqual(report.exports[name], 'undefined', `${who}: ${name} is declared but missing at run time`);
  assert.deepEqual(report.runtime, declared, `${who}: the module's exports are the declared ones`);
  for (const c of cases) {
    const got = report.results[c.name];
    if (c.expected.error) {
      assert.deepEqual(got.thrown && [got.thrown.code, got.thrown.path], [c.expected.error.code, c.expected.error.path], `${who}: ${c.name}`);
      assert.equal(got.thrown.efaError, true, `${who}: ${c.name} throws an EfaError`);
      continue;
    }
    assert.ok(!got.thrown, `${who}: ${c.name} threw ${JSON.stringify(got.thrown)}`);
    assert.equal(got.total, c.expected.total, `${who}: ${c.name}`);
    const byId = Object.fromEntries(got.payers.map((p) => [p.id, p.amount]));
    for (const p of c.expected.payers) assert.equal(byId[p.id], p.amount, `${who}: ${c.name} ${p.id}`);
    assert.equal(got.payers.length, c.expected.payers.length, `${who}: ${c.name} payers`);
  }
  const labels = report.errors.map((e) => e.label);
  assert.ok(labels.length >= 10, `${who}: the probe tried ${labels.length} failing calls`);
  for (const { label, thrown } of report.errors) {
    assert.ok(label in FAILURES, `${who}: the test knows "${label}"`);
    assert.ok(thrown, `${who}: ${label} did not throw`);
    assert.deepEqual({ code: thrown.code, efaError: thrown.efaError, error: thrown.error, name: thrown.name, messages: thrown.messages }, { code: FAILURES[label], efaError: true, error: true, name: 'EfaError', messages: true }, `${who}: ${label}`);
  }
  assert.deepEqual([...report.errorCodes].sort(), codes, `${who}: metadata().errorCodes is the declared ErrorCode union`);
  assert.equal(report.initAfter, report.results[cases[0].name].total, `${who}: init() and initSync() after use change nothing`);
}

test('the tarball: every target of the exports map is in it, nothing of the sources', () => {
  const meta = readJson(join(installed, 'package.json'));
  const targets = [];
  const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
  walk(meta.exports);
  for (const t of targets) {
    if (t.includes('*')) assert.ok(existsSync(join(installed, t.slice(0, t.indexOf('*')))), t);
    else assert.ok(existsSync(join(installed, t)), `${t} is in the tarball`);
  }
  const top = readdirSync(installed).sort();
  assert.ok(!top.includes('src') && !top.includes('target') && !top.includes('Cargo.toml'), `no sources: ${top}`);
  for (const f of meta.sideEffects) assert.ok(existsSync(join(installed, f)), `sideEffects names ${f}`);
});

test('Node ESM: `import` computes at once, no init call; every error is an EfaError', () => {
  const report = JSON.parse(run(process.execPath, ['app.mjs', '../input.json'], { cwd: join(work, 'node-esm') }));
  judge(report, 'node-esm');
  assert.equal(report.sameInstance, true, 'import and require share the engine');
  assert.ok(existsSync(fileURLToPath(report.wasmPath)), 'efa-rechner/efa_rechner_bg.wasm resolves to the file');
});

test('Node CommonJS: `require` computes at once, no init call; every error is an EfaError', () => {
  const report = JSON.parse(run(process.execPath, ['app.cjs', '../input.json'], { cwd: join(work, 'node-cjs') }));
  judge(report, 'node-cjs');
  assert.equal(report.first, report.results[cases[0].name].total);
  assert.equal(report.sameInstance, true, 'require and import share the engine');
  assert.ok(existsSync(report.wasmPath));
});

test('Bun: import and require, no init call', () => {
  const bun = bin('bun');
  const esm = JSON.parse(run(bun, ['app.mjs', '../input.json'], { cwd: join(work, 'node-esm') }));
  judge(esm, 'bun esm');
  const cjs = JSON.parse(run(bun, ['app.cjs', '../input.json'], { cwd: join(work, 'node-cjs') }));
  judge(cjs, 'bun cjs');
  console.log(`# bun ${run(bun, ['--version']).trim()}`);
});

test('Deno: import by the package name from node_modules, no init call', () => {
  const deno = bin('deno');
  const env = { DENO_DIR: join(work, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const report = JSON.parse(run(deno, ['run', '--allow-read', '--allow-env', 'app.mjs', '../input.json'], { cwd: join(work, 'node-esm'), env }));
  judge(report, 'deno');
  console.log(`# ${run(deno, ['--version'], { env }).split('\n')[0]}`);
});

test('TypeScript --strict: the READMEs\' code blocks, the type assertions and a CommonJS file compile', { timeout: 300_000 }, async () => {
  const dir = join(work, 'typescript');
  const readmes = ['README.md', 'scripts/pkg-README.md', 'docs/package.md'];
  let n = 0;
  mkdirSync(join(dir, 'readme'), { recursive: true });
  for (const file of readmes) {
    for (const block of codeBlocks(join(root, file), ['js', 'javascript', 'ts', 'typescript'])) {
      if (!/from ['"]efa-rechner/.test(block.code)) continue;
      n++;
      const name = `${file.replace(/[/.]/g, '-')}-${block.line}.ts`;
      const code = `// ${file}, line ${block.line}\n${block.code}\n${/^\s*(import|export)\b/m.test(block.code) ? '' : 'export {};\n'}`;
      writeFileSync(join(dir, 'readme', name), code);
    }
  }
  assert.ok(n >= 2, `the READMEs have code blocks that use efa-rechner (found ${n})`);
  // The three configurations at once (tsc is single-threaded).
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const configs = ['tsconfig.nodenext.json', 'tsconfig.bundler.json', 'tsconfig.node-only.json'];
  const results = await Promise.all(configs.map((config) => new Promise((resolve) => {
    execFile(process.execPath, [tsc, '-p', config], { cwd: dir, encoding: 'utf8' }, (error, stdout) => resolve({ config, error, stdout }));
  })));
  for (const r of results) assert.equal(r.error, null, `tsc -p ${r.config}:\n${r.stdout}`);
  console.log(`# ${n} README code blocks compiled with --strict under nodenext and bundler resolution`);
});

test('publint --strict: no errors, warnings or suggestions', () => {
  const out = run(bin('publint'), ['run', join(root, 'pkg'), '--strict', '--pack', 'npm']);
  console.log(`# ${out.trim().split('\n').join(' | ')}`);
});

// What attw may report, each with its reason; anything else fails the test. The main entry "."
// has no exception: it must resolve with types under node10, node16 (CJS and ESM) and bundler.
const ATTW_EXCEPTIONS = [
  // Files to fetch or read (new URL(…), require.resolve), not modules to import.
  { entrypoints: ['./efa_rechner_bg.wasm', './gemeinden.tsv'], kind: 'NoResolution' },
  // The elements and the workbook module (./sheet) are ES modules only; require() users read
  // workbooks through allocatePlan, which imports the module itself.
  { entrypoints: ['./element', './plan', './sheet'], kind: 'CJSResolvesToESM', resolutionKind: 'node16-cjs' },
  // TypeScript's node10 resolution predates exports maps: no subpath resolves there.
  { entrypoints: ['./element', './plan', './sheet'], kind: 'NoResolution', resolutionKind: 'node10' },
];

test('attw (Are the types wrong?): the tarball under node10, node16 CJS and ESM, and bundler', { timeout: 120_000 }, () => {
  const r = spawnSync(bin('attw'), [tarball, '--format', 'json', '--no-definitely-typed'], { cwd: work, encoding: 'utf8', maxBuffer: 64 << 20 });
  const { analysis } = JSON.parse(r.stdout);
  assert.ok(analysis?.entrypoints?.['.'], `attw analysed the package: ${r.stderr}`);
  const unexpected = analysis.problems.filter(
    (p) => !ATTW_EXCEPTIONS.some((x) => x.entrypoints.includes(p.entrypoint) && x.kind === p.kind && (!x.resolutionKind || x.resolutionKind === p.resolutionKind)),
  );
  assert.deepEqual(unexpected, []);
  for (const [kind, res] of Object.entries(analysis.entrypoints['.'].resolutions)) {
    assert.ok(res.resolution?.fileName && res.resolution.isTypeScript, `"." resolves to types under ${kind}`);
  }
});

// The browser consumers: builds made here, served from target/packaging/, loaded in one Chromium.
let server;
let browser;
/** Opens a page and waits until `ready` holds in it; fails at the first page error, console error
 *  or warning, or failed request (with what failed, not a time-out). */
async function page(path, ready) {
  server ??= await start({ port: 0, root: work });
  browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const p = await browser.newPage();
  const problems = [];
  let fail;
  const failed = new Promise((_, reject) => (fail = reject));
  const problem = (text) => {
    problems.push(text);
    fail(new Error(`${path}: ${text}`));
  };
  p.on('pageerror', (e) => problem(`page error: ${e}`));
  p.on('console', (m) => ['error', 'warning'].includes(m.type()) && problem(`console ${m.type()}: ${m.text()}`));
  p.on('requestfailed', (r) => problem(`request failed: ${r.url()}`));
  p.on('response', (r) => r.status() >= 400 && problem(`HTTP ${r.status()}: ${r.url()}`));
  try {
    await p.goto(`${server.origin}/${path}`);
    await Promise.race([p.waitForFunction(ready, null, { timeout: 60_000 }), failed]);
  } catch (e) {
    await p.close();
    throw e;
  }
  return { p, problems };
}
after(async () => {
  await browser?.close();
  await server?.close();
});

async function bundledComputes(path) {
  const { p, problems } = await page(path, () => document.body.dataset.result);
  const got = JSON.parse(await p.evaluate(() => document.body.dataset.result));
  await p.close();
  const expected = readJson(`${example02}.expected.json`);
  assert.deepEqual(problems, []);
  assert.equal(got.total, expected.total);
  assert.deepEqual(got.payers, expected.payers.map((x) => [x.id, x.amount]));
  assert.deepEqual(got.bad, { code: 'unknown_land', path: 'alliance[1]', efaError: true });
}

/** No bundle may carry the Node entries (they read the file system). */
function assertBrowserBundle(dir) {
  const files = readdirSync(dir, { recursive: true }).map(String);
  assert.ok(files.some((f) => f.endsWith('.wasm')), `the .wasm is emitted: ${files}`);
  for (const f of files.filter((f) => f.endsWith('.js'))) {
    assert.doesNotMatch(readFileSync(join(dir, f), 'utf8'), /readFileSync|efa_rechner\.node/, `${f} has the Node entry`);
  }
}

test('Vite: a built page computes example 02 in Chromium', { timeout: 180_000 }, async () => {
  const { build } = await import('vite');
  const dir = join(work, 'vite');
  // base './': the built page is served from /vite/dist/, not from the server's root.
  await build({ root: dir, base: './', logLevel: 'error', build: { outDir: join(dir, 'dist'), target: 'es2022' } });
  assertBrowserBundle(join(dir, 'dist'));
  await bundledComputes('vite/dist/index.html');
});

test('webpack 5: a built page computes example 02 in Chromium', { timeout: 180_000 }, async () => {
  const { default: webpack } = await import('webpack');
  const dir = join(work, 'webpack');
  const stats = await new Promise((resolve, reject) =>
    webpack(
      {
        mode: 'production',
        context: dir,
        entry: './main.js',
        target: 'web',
        output: { path: join(dir, 'dist'), filename: 'main.js', publicPath: 'auto' },
        // The size hint names the .wasm (about 370 KiB, under its gzip budget); not a problem of the package.
        performance: { hints: false },
      },
      (err, s) => (err ? reject(err) : resolve(s)),
    ),
  );
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  assert.deepEqual([info.errors, info.warnings], [[], []], stats.toString('errors-warnings'));
  assertBrowserBundle(join(dir, 'dist'));
  await bundledComputes('webpack/index.html');
});

test('esbuild: a bundle with the raw .wasm export computes example 02 in Chromium', { timeout: 180_000 }, async () => {
  const esbuild = await import('esbuild');
  const dir = join(work, 'esbuild');
  const result = await esbuild.build({ entryPoints: [join(dir, 'main.js')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outdir: join(dir, 'dist'), loader: { '.wasm': 'file' }, logLevel: 'silent' });
  assert.deepEqual([result.errors, result.warnings], [[], []]);
  assertBrowserBundle(join(dir, 'dist'));
  await bundledComputes('esbuild/index.html');
});

test('a plain page: <efa-rechner> and <efa-plan> from the packed files, one module script each', { timeout: 120_000 }, async () => {
  const { p, problems } = await page('page/index.html', () => ['efa-result', 'efa-plan-result'].every((t) => window.events.some((e) => e.type === t)) || window.events.some((e) => e.type.endsWith('error')));
  const events = await p.evaluate(() => window.events);
  // The element modules export what their declarations declare, nothing else.
  for (const [path, dts] of [['element/efa-rechner.js', 'element/efa-rechner.d.ts'], ['plan/efa-plan.js', 'plan/efa-plan.d.ts']]) {
    const names = await p.evaluate(async (url) => Object.keys(await import(url)).sort(), `/node_modules/efa-rechner/${path}`);
    assert.deepEqual(names, declaredValues(join(installed, dts)), path);
  }
  await p.close();
  assert.deepEqual(problems, []);
  assert.deepEqual(events.filter((e) => e.type.endsWith('error')), []);
  const e02 = readJson(`${example02}.expected.json`);
  const rechner = events.find((e) => e.type === 'efa-result');
  assert.equal(rechner.total, e02.total);
  assert.deepEqual(rechner.payers, e02.payers.map((x) => [x.id, x.amount]));
  const plan = events.find((e) => e.type === 'efa-plan-result');
  const e11 = readJson(`${plan11}.expected.json`);
  assert.equal(plan.total, e11.total);
});

test('a plain page: the glue with `await init()`; every declared export exists, every error is an EfaError', { timeout: 120_000 }, async () => {
  const { p, problems } = await page('page/engine.html', () => window.report);
  const report = await p.evaluate(() => window.report);
  await p.close();
  assert.deepEqual(problems, []);
  judge(report, 'browser');
});

test('one version: Cargo.toml, package.json, metadata().version, `efa-rechner --version`, CHANGELOG.md', () => {
  const cargo = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
  assert.equal(readJson(join(installed, 'package.json')).version, cargo, 'package.json');
  const report = JSON.parse(run(process.execPath, ['-e', "import('efa-rechner').then((m) => console.log(JSON.stringify(m.metadata().version)))"], { cwd: join(work, 'node-esm') }));
  assert.equal(report, cargo, 'metadata().version of the WASM engine');
  const cli = [join(root, 'target/release/efa-rechner'), join(root, 'target/debug/efa-rechner')].find(existsSync);
  assert.ok(cli, 'the CLI is built (make build)');
  assert.equal(run(cli, ['--version']).trim(), `efa-rechner ${cargo}`, 'efa-rechner --version');
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## \\[${cargo.replaceAll('.', '\\.')}\\]`, 'm'), `CHANGELOG.md has a section for ${cargo}`);
});

test('the Rust crate: `cargo publish --dry-run` is clean and ships the built-in data tables', { timeout: 600_000 }, () => {
  const list = run('cargo', ['package', '--list', '--allow-dirty', '--locked'], { cwd: root }).split('\n');
  for (const f of ['src/data/kreise.tsv', 'src/data/gemeinden.tsv', 'build.rs', 'README.md', 'CHANGELOG.md', 'LICENSE', 'examples/allocate.rs']) {
    assert.ok(list.includes(f), `the crate ships ${f}`);
  }
  assert.ok(!list.some((f) => /^(www|pkg|node_modules|target|scripts)\//.test(f)), 'no web, npm or build output in the crate');
  // --allow-dirty: a developer's uncommitted work; CI's clone is clean anyway.
  const r = spawnSync('cargo', ['publish', '--dry-run', '--locked', '--allow-dirty'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => /^warning/.test(l) && !/aborting upload due to dry run/.test(l));
  assert.deepEqual(warnings, [], r.stderr);
});
