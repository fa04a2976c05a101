// A Node CommonJS consumer: require('efa-rechner') computes at once, with no init call. Also run
// by Bun. Argument: the probe's input (JSON file); prints its report.
const { readFileSync } = require('node:fs');
const engine = require('efa-rechner');

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// The first computation before anything asynchronous: initialised synchronously by require.
const first = engine.allocate(input.requests[0].request).total;
import('../probe.mjs').then(async ({ probe }) => {
  const report = await probe(engine, input);
  report.first = first;
  const imported = await import('efa-rechner');
  report.sameInstance = imported.EfaError === engine.EfaError && imported.allocate === engine.allocate;
  report.wasmPath = require.resolve('efa-rechner/efa_rechner_bg.wasm');
  console.log(JSON.stringify(report));
});
