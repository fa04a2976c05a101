// A Node ESM consumer: imports the engine by the package's name and computes at once, with no
// init call. Also run by Bun and Deno. Argument: the probe's input (JSON file); prints its report.
import { readFileSync } from 'node:fs';
import * as engine from 'efa-rechner';
import { probe } from '../probe.mjs';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const report = await probe(engine, input);
// `import` and `require` in one process share the engine: the same EfaError class.
const { createRequire } = await import('node:module');
const required = createRequire(import.meta.url)('efa-rechner');
report.sameInstance = required.EfaError === engine.EfaError && required.allocate === engine.allocate;
report.wasmPath = import.meta.resolve('efa-rechner/efa_rechner_bg.wasm');
console.log(JSON.stringify(report));
