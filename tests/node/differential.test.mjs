// Differential test: random valid requests through the engine's WASM package (pkg/) and through
// the independent JavaScript reference (tests/reference/); amounts and Kommune rows must be equal.
//
//   node --test tests/node/                      1000 requests (DIFF_N), seeds from DIFF_SEED (default 1)
//   DIFF_N=100000 node tests/node/differential.test.mjs      the soak run (same file, run directly)
//
// Without pkg/ the test fails, unless DIFF_ALLOW_MISSING_PKG=1 makes it skip. Each mismatching
// request (the first 100) is written to target/differential/mismatch-<seed>.json, a plain request
// ready for `efa-rechner allocate`, and the differing payers are printed (the first 10).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runDifferential } from '../reference/differential-runner.mjs';
import { parseGv100ad } from '../reference/gv100ad.mjs';

const root = new URL('../../', import.meta.url);
const pkgJs = new URL('pkg/efa_rechner.js', root);
const pkgWasm = new URL('pkg/efa_rechner_bg.wasm', root);
const outDir = new URL('target/differential/', root);

const N = Number(process.env.DIFF_N ?? 1000);
const SEED = Number(process.env.DIFF_SEED ?? 1);

const hasPkg = existsSync(pkgJs) && existsSync(pkgWasm);
const skip = !hasPkg && process.env.DIFF_ALLOW_MISSING_PKG === '1'
  ? `pkg/ is missing (run \`make build\`); skipped because DIFF_ALLOW_MISSING_PKG=1`
  : false;

test(`differential: ${N} random requests from seed ${SEED}, engine (pkg/) vs reference`, { skip }, async () => {
  assert.ok(hasPkg, `pkg/ is missing (${fileURLToPath(pkgJs)}): run \`make build\` first, `
    + 'or set DIFF_ALLOW_MISSING_PKG=1 to skip this test');
  const engine = await import(pkgJs.href);
  engine.initSync({ module: readFileSync(pkgWasm) });
  // The Gemeinde level needs the real Gemeindeverzeichnis; without ../shared only Kreise are compared.
  const gvFile = new URL('../shared/data/gv100ad/GV100AD_30112025.txt', root);
  let gemeinde = null;
  if (existsSync(gvFile)) {
    const text = readFileSync(gvFile, 'utf8');
    gemeinde = { engine: engine.loadGv100ad(text), reference: parseGv100ad(text) };
  } else {
    console.log('# Gemeinde level not compared: ../shared/data/gv100ad is not present');
  }
  const { mismatches } = runDifferential(engine.allocate, { n: N, seed: SEED, outDir, gemeinde });
  assert.equal(mismatches.length, 0,
    `${mismatches.length} of ${N} requests differ (seeds ${mismatches.slice(0, 20).map((m) => m.seed).join(', ')}`
    + `${mismatches.length > 20 ? ', ...' : ''}); requests in ${fileURLToPath(outDir)}`);
});
