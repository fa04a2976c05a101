// Writes pkg/package.json from Cargo.toml's version: one source of truth for the version.
import { readFileSync, existsSync } from 'node:fs';

const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
const hasElement = existsSync(new URL('../pkg/element/efa-rechner.js', import.meta.url));
const hasPlan = existsSync(new URL('../pkg/plan/efa-plan.js', import.meta.url));
// The plan module (allocatePlan): the engine built with the cargo feature "plans".
const hasPlans = existsSync(new URL('../pkg/efa_rechner_plans.js', import.meta.url));

const pkg = {
  name: 'efa-rechner',
  version,
  description: 'Wer zahlt was für einen EfA-Onlinedienst: Länder, Bund und Kommunen, centgenau (WebAssembly) / who pays what for an EfA online service',
  license: 'EUPL-1.2',
  type: 'module',
  main: './efa_rechner.js',
  module: './efa_rechner.js',
  types: './efa_rechner.d.ts',
  exports: {
    '.': { types: './efa_rechner.d.ts', default: './efa_rechner.js' },
    './efa_rechner_bg.wasm': './efa_rechner_bg.wasm',
    ...(hasPlans ? {
      './plans': { types: './efa_rechner_plans.d.ts', default: './efa_rechner_plans.js' },
      './efa_rechner_plans_bg.wasm': './efa_rechner_plans_bg.wasm',
    } : {}),
    './gemeinden.tsv': './gemeinden.tsv',
    ...(hasElement ? { './element': './element/efa-rechner.js', './element/*': './element/*' } : {}),
    ...(hasPlan ? { './plan': './plan/efa-plan.js', './plan/*': './plan/*' } : {}),
    './package.json': './package.json',
  },
  files: [
    'efa_rechner.js',
    'efa_rechner.d.ts',
    'efa_rechner_bg.wasm',
    'efa_rechner_bg.wasm.d.ts',
    ...(hasPlans ? ['efa_rechner_plans.js', 'efa_rechner_plans.d.ts', 'efa_rechner_plans_bg.wasm', 'efa_rechner_plans_bg.wasm.d.ts'] : []),
    'gemeinden.tsv',
    'snippets/',
    ...(hasElement ? ['element/'] : []),
    ...(hasPlan ? ['plan/'] : []),
    'README.md',
    'LICENSE',
  ],
  sideEffects: hasElement || hasPlan ? [...(hasElement ? ['./element/efa-rechner.js'] : []), ...(hasPlan ? ['./plan/efa-plan.js'] : [])] : false,
  keywords: ['efa', 'ozg', 'königsteiner-schlüssel', 'allocation', 'wasm', 'web-component'],
  engines: { node: '>=20' },
};
process.stdout.write(JSON.stringify(pkg, null, 2) + '\n');
