// The packed npm package in a Vite build: a consumer project imports 'efa-rechner', Vite bundles
// it (the .wasm becomes an asset), and the built page computes example 02's cents in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const expected = JSON.parse(readFileSync(join(root, 'tests/fixtures/contract/02-itplr-2023-35.expected.json'), 'utf8'));

test('a Vite build of a page importing efa-rechner computes the exact cents', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(join(root, 'pkg/package.json')), 'pkg/ is built (make build)');
  const dir = mkdtempSync(join(tmpdir(), 'efa-vite-'));
  const tarball = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', dir, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vite-consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, tarball)], { cwd: dir });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Vite</title></head><body><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(join(dir, 'main.js'), `
import init, { allocate } from 'efa-rechner';
await init();
const r = allocate({ year: 2025, costs: '1000000.00', alliance: ['BY', 'HE', 'NW'], model: 'itplr-2023-35' });
document.body.dataset.result = JSON.stringify({ total: r.total, payers: r.payers.map((p) => [p.id, p.amount]) });
`);
  await build({ root: dir, logLevel: 'error', build: { outDir: join(dir, 'dist'), target: 'es2022' } });
  const assets = readdirSync(join(dir, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the .wasm is a Vite asset: ${assets}`);

  const server = await start({ port: 0, root: join(dir, 'dist') });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.origin}/index.html`);
    await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 20_000 });
    const got = JSON.parse(await page.evaluate(() => document.body.dataset.result));
    assert.deepEqual(errors, []);
    assert.equal(got.total, expected.total);
    assert.deepEqual(got.payers, expected.payers.map((p) => [p.id, p.amount]));
  } finally {
    await browser.close();
    await server.close();
  }
});
