#!/usr/bin/env node
// The cross-engine browser suite: every check in tests/browsers/checks/*.mjs, in Chromium, Firefox
// ESR and WebKitGTK over WebDriver (see README.md beside this file for how to add checks).
//
//   node tests/browsers/run.mjs                          # all checks, all three engines
//   node tests/browsers/run.mjs --engines=firefox,webkit # some engines (or BROWSERS=firefox,webkit)
//   node tests/browsers/run.mjs csv axe                  # only checks whose name contains a word
//
// An engine that cannot start counts as one failure (never as "nothing to run"). Exits non-zero
// when anything failed; the last line is "N passed, N failed" (", N skipped" when something was).

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENGINES, startEngine } from './lib/engines.mjs';
import { startServer } from './lib/server.mjs';
import { Page } from './lib/page.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared');
const ART = path.join(ROOT, 'target', 'e2e');
const DEFAULT_TIMEOUT = 120000;

const argv = process.argv.slice(2);
const engineArg = argv.find((a) => a.startsWith('--engines='))?.slice('--engines='.length) ?? process.env.BROWSERS ?? ENGINES.join(',');
const engines = engineArg.split(',').map((s) => s.trim()).filter(Boolean);
const filters = argv.filter((a) => !a.startsWith('--')).map((s) => s.toLowerCase());
for (const e of engines) if (!ENGINES.includes(e)) throw new Error(`unknown engine ${e} (one of ${ENGINES.join(', ')})`);

// ---- registry ---------------------------------------------------------------------------------
const checks = [];
const suite = {
  /**
   * Registers a check. fn(page, ctx) runs once per engine with a Page (lib/page.mjs) on a fresh
   * navigation. opts: { engines: ['chromium', ...] (default all), needsShared: true (skips with a
   * message when ../shared/data is absent), timeout: ms (default 120 s) }.
   */
  test(name, fn, opts = {}) {
    checks.push({ name, fn, engines: opts.engines ?? ENGINES, needsShared: !!opts.needsShared, timeout: opts.timeout ?? DEFAULT_TIMEOUT, file: currentFile });
  },
};
let currentFile = '';
const checkDir = path.join(HERE, 'checks');
for (const f of fs.readdirSync(checkDir).filter((f) => f.endsWith('.mjs')).sort()) {
  currentFile = f;
  const mod = await import(pathToFileURL(path.join(checkDir, f)).href);
  if (typeof mod.default !== 'function') throw new Error(`checks/${f}: export default function (suite) { suite.test(...) } expected`);
  await mod.default(suite);
}

// ---- preconditions ------------------------------------------------------------------------------
function fail(msg) {
  console.error(`browsers: ${msg}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (!fs.existsSync(path.join(ROOT, 'pkg', 'efa_rechner.js'))) fail('pkg/efa_rechner.js is missing: run `make build` first.');
if (!fs.existsSync(path.join(ROOT, 'node_modules', 'axe-core'))) fail('node_modules is missing: run `make setup` (npm ci).');
// The demo pages load the elements as shipped (pkg/<element>/, bundled from www/ by `make build`);
// the harness pages load the source. Both must be the same version.
{
  const files = (dir) => fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
  const www = path.join(ROOT, 'www');
  const sources = fs.readdirSync(www, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => files(path.join(www, d.name)));
  const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  const built = fs.readdirSync(path.join(ROOT, 'pkg'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'snippets').map((d) => path.join(ROOT, 'pkg', d.name));
  if (!built.length) fail('pkg/ has no built element: run `make build`.');
  const stale = built.filter((d) => Math.min(...files(d).map((f) => fs.statSync(f).mtimeMs)) < newest);
  if (stale.length) fail(`${stale.map((d) => path.relative(ROOT, d)).join(', ')} older than the sources in www/: run \`make build\` or \`bash scripts/build-pkg.sh --element\`.`);
}
const hasShared = fs.existsSync(path.join(SHARED, 'data', 'gv100ad'));
fs.mkdirSync(ART, { recursive: true });

const withTimeout = (p, ms, what) => {
  let t;
  return Promise.race([p, new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(t));
};

// ---- run ------------------------------------------------------------------------------------------
let passed = 0;
let failed = 0;
let skipped = 0;
const versions = {};
const server = await startServer();
const env = { origin: server.origin, root: ROOT, art: ART };
try {
  for (const engine of engines) {
    const todo = checks.filter((c) => c.engines.includes(engine) && (!filters.length || filters.some((w) => c.name.toLowerCase().includes(w))));
    if (!todo.length) continue;
    let session = null;
    const open = async () => {
      session = await startEngine(engine);
      versions[engine] = session.version;
      console.log(`browsers: ${engine} ${session.version} (${session.browserName}), ${server.origin}`);
    };
    try {
      await open();
    } catch (e) {
      failed++;
      console.log(`FAIL - [${engine}] the browser did not start: ${e && e.message}`);
      continue;
    }
    for (const c of todo) {
      const label = `[${engine}] ${c.name}`;
      if (c.needsShared && !hasShared) {
        skipped++;
        console.log(`skip - ${label} (../shared/data is absent)`);
        continue;
      }
      const t0 = Date.now();
      try {
        if (!session) await open();
        const page = new Page(session, env);
        const ctx = { engine, version: session.version, session, server, assert, root: ROOT, shared: SHARED, art: ART, origin: server.origin };
        await withTimeout(Promise.resolve().then(() => c.fn(page, ctx)), c.timeout, label);
        passed++;
        console.log(`ok   - ${label} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        console.log(`FAIL - ${label} (${Date.now() - t0} ms)\n${String(e && e.stack ? e.stack : e).split('\n').slice(0, 40).map((l) => `       ${l}`).join('\n')}`);
        // a session that stopped answering is replaced for the next check
        const alive = session && (await withTimeout(session.driver.getTitle(), 10000, 'session').then(() => true, () => false));
        if (!alive) {
          await session?.quit().catch(() => {});
          session = null;
        }
      }
    }
    await session?.quit();
  }
} finally {
  await server.close();
}
fs.writeFileSync(path.join(ART, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
if (passed + failed === 0) {
  failed++;
  console.log('FAIL - no check ran (a filter that matches nothing?)');
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
