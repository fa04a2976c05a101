// The package's entries beside wasm-bindgen's glue (pkg/efa_rechner.js), run by build-pkg.sh after
// the engine is built:
// - the glue also exports EfaError (wasm-bindgen keeps the class in a snippet, so the declared
//   `EfaError` would be missing at run time);
// - efa_rechner.node.cjs: the glue as CommonJS that initialises itself synchronously from the
//   .wasm beside it (as lightningcss-wasm's Node entry does), for `require('efa-rechner')`;
// - efa_rechner.node.mjs: Node's `import`, the same engine instance as `require` (one instance per
//   process: an EfaError from either is `instanceof` the same class);
// - efa_rechner.d.cts: the declarations for `require` (TypeScript reads a .d.ts in a
//   "type": "module" package as ESM).
// `init()` and `initSync()` stay exported in Node and return at once (the glue returns the running
// instance when it has one), so code written for the browser runs unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { rolldown } from 'rolldown';

const PKG = 'pkg';
const GLUE = `${PKG}/efa_rechner.js`;

// 0. The container reader for workbooks (www/core/sheet/), one minified module beside the glue:
//    the glue's readWorkbook imports it (as '../../efa_sheet.js' from its snippet) when a workbook
//    is opened, and 'efa-rechner/sheet' exports it with the workbook writer.
{
  const bundle = await rolldown({ input: 'www/core/sheet/index.js', platform: 'browser', logLevel: 'warn' });
  const { output } = await bundle.write({ file: `${PKG}/efa_sheet.js`, format: 'esm', minify: true });
  await bundle.close();
  const code = output[0].code;
  const gz = (await import('node:zlib')).gzipSync(code, { level: 9 }).length;
  console.log(`build-pkg: efa_sheet.js ${code.length} bytes, ${gz} gzip (loaded when a workbook is opened or written)`);
  fs.copyFileSync('scripts/pkg-types/efa_sheet.d.ts', `${PKG}/efa_sheet.d.ts`);
}

// 1. EfaError from the snippet that defines it, re-exported by the glue itself, so that the
//    browser entry, the Node entries and the elements all hand out the one class.
const snippet = fs
  .readdirSync(`${PKG}/snippets`, { recursive: true })
  .map((f) => `snippets/${f}`)
  .filter((f) => f.endsWith('.js') && /^export class EfaError\b/m.test(fs.readFileSync(`${PKG}/${f}`, 'utf8')));
if (snippet.length !== 1) throw new Error(`pkg-node: expected one snippet with class EfaError, found ${snippet.length}`);
let glue = fs.readFileSync(GLUE, 'utf8');
const reexport = `export { EfaError } from './${snippet[0]}';\n`;
if (!glue.includes(reexport)) fs.writeFileSync(GLUE, (glue += reexport));

// 2. The CommonJS engine for Node. __dirname: the .wasm is read from beside this file, wherever
//    the package is installed.
const entry = path.resolve('target/pkg-node/entry.mjs');
fs.mkdirSync(path.dirname(entry), { recursive: true });
fs.writeFileSync(
  entry,
  `import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from ${JSON.stringify(path.resolve(GLUE))};
initSync({ module: readFileSync(join(__dirname, 'efa_rechner_bg.wasm')) });
export * from ${JSON.stringify(path.resolve(GLUE))};
export { default } from ${JSON.stringify(path.resolve(GLUE))};
`,
);
// The container reader stays a module of its own (Node imports it from CommonJS when a workbook
// is read): its path from the snippet becomes the path from the CommonJS file.
const sheetReader = {
  name: 'efa-sheet-external',
  resolveId(id) {
    return id === '../../efa_sheet.js' ? { id: './efa_sheet.js', external: true } : null;
  },
};
const bundle = await rolldown({ input: entry, platform: 'node', logLevel: 'warn', plugins: [sheetReader] });
const { output } = await bundle.write({ file: `${PKG}/efa_rechner.node.cjs`, format: 'cjs', exports: 'named' });
await bundle.close();
const names = output[0].exports.filter((n) => n !== 'default').sort();
for (const must of ['allocate', 'EfaError', 'initSync', 'metadata']) {
  if (!names.includes(must)) throw new Error(`pkg-node: efa_rechner.node.cjs does not export ${must}`);
}

// 3. Node's ESM entry: the CommonJS engine's exports under their names.
fs.writeFileSync(
  `${PKG}/efa_rechner.node.mjs`,
  `// Node's entry for \`import\`: the engine of efa_rechner.node.cjs (initialised from the .wasm at load),
// so that \`import\` and \`require\` in one process share one instance and one EfaError class.
import engine from './efa_rechner.node.cjs';
export const { ${names.join(', ')} } = engine;
export default engine.default;
`,
);

// 4. The declarations without the DOM: wasm-bindgen types init's input with RequestInfo,
//    BufferSource and WebAssembly.*, which only the DOM's lib declares, so a Node program compiled
//    without it failed on them. Written out by their structure; the WebAssembly interfaces are
//    each declared empty, which merges with the DOM's where it is present. Then the copy for `require`.
let dts = fs.readFileSync(`${PKG}/efa_rechner.d.ts`, 'utf8');
const init = dts.indexOf('export type InitInput');
if (init < 0) throw new Error('pkg-node: no InitInput in efa_rechner.d.ts');
if (!dts.includes('namespace WebAssembly')) {
  const glueTypes = dts
    .slice(init)
    .replaceAll('RequestInfo', 'string | Request')
    .replaceAll('BufferSource', 'ArrayBuffer | ArrayBufferView');
  const wasmTypes = [...new Set([...dts.matchAll(/\bWebAssembly\.([A-Z]\w*)/g)].map((m) => m[1]))].sort();
  dts = `${dts.slice(0, init)}${glueTypes}
declare global {
  // The WebAssembly types init() names, for programs without the DOM's lib (merged with it otherwise).
  namespace WebAssembly {
${wasmTypes.map((t) => `    interface ${t} {}`).join('\n')}
  }
}
`;
  fs.writeFileSync(`${PKG}/efa_rechner.d.ts`, dts);
}
// wasm-bindgen also declares `[Symbol.dispose]()` on its classes, which needs TypeScript's
// esnext.disposable lib (or @types/node): a strict ES2022 + DOM project failed on it. The method
// stays at run time; `free()` is the declared way.
dts = fs.readFileSync(`${PKG}/efa_rechner.d.ts`, 'utf8');
fs.writeFileSync(`${PKG}/efa_rechner.d.ts`, dts.replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, ''));
fs.copyFileSync(`${PKG}/efa_rechner.d.ts`, `${PKG}/efa_rechner.d.cts`);
console.log(`build-pkg: efa_rechner.node.cjs / .node.mjs (${names.length} exports), efa_rechner.d.cts`);
