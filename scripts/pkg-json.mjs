// Writes pkg/package.json from Cargo.toml's version: one source of truth for the version.
import { readFileSync, existsSync } from 'node:fs';

const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
const hasElement = existsSync(new URL('../pkg/element/efa-rechner.js', import.meta.url));
const hasPlan = existsSync(new URL('../pkg/plan/efa-plan.js', import.meta.url));

const pkg = {
  name: 'efa-rechner',
  version,
  description: 'Wer zahlt was für einen EfA-Onlinedienst: Länder, Bund und Kommunen, centgenau (WebAssembly) / who pays what for an EfA online service',
  license: 'EUPL-1.2',
  type: 'module',
  // Tools that read no `exports` (old bundlers, TypeScript's node10 resolution): the browser glue.
  main: './efa_rechner.js',
  types: './efa_rechner.d.ts',
  // One conditional map (scripts/pkg-node.mjs makes the Node entries):
  // - browser and bundlers: the wasm-bindgen glue; `await init()` fetches the .wasm beside it
  //   (new URL(…, import.meta.url), which Vite and webpack turn into an asset), or `initSync(bytes)`;
  // - Node (also Bun and Deno), import and require: initialised from the file at load, one
  //   instance for both; init() and initSync() are kept and return at once.
  exports: {
    '.': {
      browser: { types: './efa_rechner.d.ts', default: './efa_rechner.js' },
      node: {
        import: { types: './efa_rechner.d.ts', default: './efa_rechner.node.mjs' },
        require: { types: './efa_rechner.d.cts', default: './efa_rechner.node.cjs' },
      },
      default: { types: './efa_rechner.d.ts', default: './efa_rechner.js' },
    },
    './efa_rechner_bg.wasm': './efa_rechner_bg.wasm',
    './gemeinden.tsv': './gemeinden.tsv',
    './sheet': { types: './efa_sheet.d.ts', default: './efa_sheet.js' },
    ...(hasElement ? { './element': { types: './element/efa-rechner.d.ts', default: './element/efa-rechner.js' }, './element/*': './element/*' } : {}),
    ...(hasPlan ? { './plan': { types: './plan/efa-plan.d.ts', default: './plan/efa-plan.js' }, './plan/*': './plan/*' } : {}),
    './package.json': './package.json',
  },
  files: [
    'efa_rechner.js',
    'efa_rechner.d.ts',
    'efa_rechner.node.mjs',
    'efa_rechner.node.cjs',
    'efa_rechner.d.cts',
    'efa_rechner_bg.wasm',
    'efa_rechner_bg.wasm.d.ts',
    'gemeinden.tsv',
    'efa_sheet.js',
    'efa_sheet.d.ts',
    'snippets/',
    ...(hasElement ? ['element/'] : []),
    ...(hasPlan ? ['plan/'] : []),
    'README.md',
    'LICENSE',
  ],
  // What runs on import: the elements define themselves, the Node entries initialise the engine.
  // The glue and its snippets only declare.
  sideEffects: [
    './efa_rechner.node.mjs',
    './efa_rechner.node.cjs',
    ...(hasElement ? ['./element/efa-rechner.js'] : []),
    ...(hasPlan ? ['./plan/efa-plan.js'] : []),
  ],
  keywords: ['efa', 'ozg', 'königsteiner-schlüssel', 'allocation', 'wasm', 'web-component'],
  engines: { node: '>=20' },
};
process.stdout.write(JSON.stringify(pkg, null, 2) + '\n');
