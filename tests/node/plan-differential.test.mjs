// Plan differential test: random plans (contract 1.1) through the engine's WASM package
// (`allocatePlan` of pkg/efa_rechner.js, the one module) and through the independent JavaScript reference
// (tests/reference/plan.mjs), every plan in each of its forms: JS object, JSON text, CSV with ";"
// (German numbers), CSV with ","; one plan in eight carries one defect whose code and path must
// match. Everything the contract fixes is compared (see tests/reference/plan-differential-runner.mjs).
//
//   node --test tests/node/                                   300 plans (PLAN_DIFF_N), seeds from PLAN_DIFF_SEED (default 1)
//   PLAN_DIFF_N=10000 node tests/node/plan-differential.test.mjs     the soak run (make soak)
//
// Without pkg/ the test fails, unless DIFF_ALLOW_MISSING_PKG=1 makes it skip. Mismatching inputs
// (the first 100) are written to target/plan-differential/, ready for `efa-rechner plan FILE`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runPlanDifferential } from '../reference/plan-differential-runner.mjs';

const root = new URL('../../', import.meta.url);
const pkgJs = new URL('pkg/efa_rechner.js', root);
const pkgWasm = new URL('pkg/efa_rechner_bg.wasm', root);
const outDir = new URL('target/plan-differential/', root);

const N = Number(process.env.PLAN_DIFF_N ?? 300);
const SEED = Number(process.env.PLAN_DIFF_SEED ?? 1);

const hasPkg = existsSync(pkgJs) && existsSync(pkgWasm);
const skip = !hasPkg && process.env.DIFF_ALLOW_MISSING_PKG === '1'
  ? 'pkg/ is missing (run `make build`); skipped because DIFF_ALLOW_MISSING_PKG=1'
  : false;

test(`plan differential: ${N} random plans from seed ${SEED}, engine (pkg/) vs reference`, { skip }, async () => {
  assert.ok(hasPkg, `pkg/ is missing (${fileURLToPath(pkgJs)}): run \`make build\` first, `
    + 'or set DIFF_ALLOW_MISSING_PKG=1 to skip this test');
  const engine = await import(pkgJs.href);
  engine.initSync({ module: readFileSync(pkgWasm) });
  assert.equal(typeof engine.allocatePlan, 'function', 'pkg/ exports allocatePlan (contract 1.1)');
  const t0 = performance.now();
  const { runs, forms, mismatches } = runPlanDifferential(engine.allocatePlan, { n: N, seed: SEED, outDir });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`# ${N} plans, ${runs} runs (${Object.entries(forms).map(([f, c]) => `${f} ${c}`).join(', ')}), `
    + `${(N / seconds).toFixed(1)} plans/s both sides`);
  assert.equal(mismatches.length, 0,
    `${mismatches.length} of ${runs} runs differ (${mismatches.slice(0, 20).map((m) => `${m.seed}/${m.form}`).join(', ')}`
    + `${mismatches.length > 20 ? ', ...' : ''}); inputs in ${fileURLToPath(outDir)}`);
});
