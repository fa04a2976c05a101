#!/usr/bin/env bash
# Builds the npm package in pkg/: the engine as WebAssembly (wasm-pack, --target web), optimised
# with binaryen's wasm-opt from npm (Debian's 108 breaks modern rustc output), plus the
# <efa-rechner> and <efa-plan> elements, TypeScript types, package.json, README and licence.
#
#   bash scripts/build-pkg.sh             # everything
#   bash scripts/build-pkg.sh --element   # only pkg/element/ and pkg/plan/, after a change in
#                                         # www/core/, www/rechner/ or www/plan/
#                                         # (the engine in pkg/ must exist already)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

element_only=false
[ "${1:-}" = "--element" ] && element_only=true

if ! $element_only; then
wasm-pack build --target web --release --out-dir pkg --out-name efa_rechner --no-pack 2>&1 \
  | grep -v -e '^\[INFO\]: Optional field missing' -e 'wasm-opt' || true
test -f pkg/efa_rechner_bg.wasm || { echo "build-pkg: wasm-pack produced no module" >&2; exit 1; }

# Features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them.
# No inlining of functions that have one caller (binaryen inlines them at any size by default):
# the module then compresses 6.5 KB gzip better, though 2 % larger raw (docs/performance.md).
before=$(stat -c %s pkg/efa_rechner_bg.wasm)
wasm-opt --one-caller-inline-max-function-size=10 -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  pkg/efa_rechner_bg.wasm -o pkg/efa_rechner_bg.wasm
after=$(stat -c %s pkg/efa_rechner_bg.wasm)
gz=$(gzip -9 -c pkg/efa_rechner_bg.wasm | wc -c)
# One module for every function: allocate, the datasets, metadata and plans (allocatePlan).
echo "build-pkg: efa_rechner_bg.wasm $before → $after bytes ($gz gzip)"
fi

# The element. www/rechner/ (with what it uses of www/core/) is the source: plain ES modules,
# which also run as they are (the browser tests' harness page loads them). pkg/element/ gets the
# element as shipped, bundled and minified with rolldown (its stylesheet with lightningcss):
# - efa-core.js: element.js and everything it imports statically, i.e. all that the first result
#   needs;
# - efa-<name>-<hash>.js: each module that the source imports dynamically (parts loaded on
#   demand), with what only they need; they import efa-core.js by that name;
# - efa-rechner.js: the entry, small: it defines the element. It also imports the engine glue's
#   own imports (wasm-bindgen snippets), so that they download in parallel with efa-core.js, not
#   one round trip after the glue (which the element imports when it starts).
# The engine stays outside the bundle: "../../pkg/" in engine.js becomes "../" (in the package the
# engine sits one folder up from the element), so the page, the element and a trap recovery all
# use the one module pkg/efa_rechner.js.
if [ -d www/rechner ]; then
  test -f pkg/efa_rechner.js || { echo "build-pkg: pkg/efa_rechner.js is missing; run the whole build first" >&2; exit 1; }
  node --input-type=module - <<'JS'
import fs from 'node:fs';
import zlib from 'node:zlib';
import { rolldown } from 'rolldown';
import { transform as cssTransform } from 'lightningcss';

const SRC = 'www/rechner';
const CORE = 'www/core';
const OUT = 'pkg/element';
// The glue's own static imports (wasm-bindgen snippets), relative to OUT.
const glue = fs.readFileSync('pkg/efa_rechner.js', 'utf8');
const glueImports = [...glue.matchAll(/^import\b[^'"]*from\s*['"]\.\/([^'"]+)['"]/gm)].map((m) => `../${m[1]}`);
for (const f of glueImports) if (!fs.existsSync(`pkg/${f.slice(3)}`)) throw new Error(`build-pkg: pkg/${f.slice(3)} is missing`);
const ENGINE = /^\.\.\/(efa_rechner(_bg)?\.(js|wasm)|snippets\/[^?]+\.js)(\?.*)?$/;

const partName = (c) => {
  const at = c.facadeModuleId?.lastIndexOf(`/${SRC}/`) ?? -1;
  return at < 0 ? c.name : c.facadeModuleId.slice(at + SRC.length + 2).replace(/\.js$/, '').replaceAll('/', '-');
};

const plugins = [
  {
    name: 'efa-engine',
    resolveId(id) {
      return ENGINE.test(id) ? { id, external: true } : null;
    },
    transform(code, id) {
      if (id.endsWith('/www/core/engine.js')) return { code: code.replaceAll('../../pkg/', '../'), map: null };
      if (id.endsWith(`/${SRC}/efa-rechner.js`)) return { code: glueImports.map((f) => `import ${JSON.stringify(f)};\n`).join('') + code, map: null };
      return null;
    },
  },
  {
    // "/* @__PURE__ */" marks that the minifier leaves in the chunks: they only help a bundler drop
    // unused code, and there is none left (every chunk is already tree-shaken and minified)
    name: 'efa-strip-pure',
    generateBundle(options, bundle) {
      for (const c of Object.values(bundle)) if (c.type === 'chunk') c.code = c.code.replaceAll('/* @__PURE__ */ ', '');
    },
  },
  {
    // the stylesheets: `export const CSS = String.raw\`…\`` in styles.js and in some parts
    name: 'efa-minify-css',
    transform(code, id) {
      let n = 0;
      const next = code.replace(/\bCSS = String\.raw`([^`]*)`/g, (m, css) => {
        n++;
        return `CSS = ${JSON.stringify(cssTransform({ filename: 'styles.css', code: Buffer.from(css), minify: true }).code.toString())}`;
      });
      if ((id.endsWith(`/${CORE}/styles.js`) || id.endsWith(`/${SRC}/styles.js`)) && n !== 1) throw new Error(`build-pkg: expected the stylesheet in ${id}, found ${n}`);
      return n ? { code: next, map: null } : null;
    },
  },
];
const bundle = await rolldown({ input: { 'efa-rechner': `${SRC}/efa-rechner.js` }, platform: 'browser', plugins });
fs.rmSync(OUT, { recursive: true, force: true });
const { output } = await bundle.write({
  dir: OUT,
  format: 'esm',
  minify: true,
  entryFileNames: '[name].js',
  // a part is named by its path in the source: parts/kommunen.js -> efa-parts-kommunen-<hash>.js
  chunkFileNames: (c) => (c.name === 'efa-core' ? '[name].js' : `efa-${partName(c)}-[hash].js`),
  codeSplitting: { groups: [{ name: 'efa-core', test: (id) => id.endsWith(`/${SRC}/element.js`) }] },
});
await bundle.close();
fs.copyFileSync(`${SRC}/README.md`, `${OUT}/README.md`);
const gz = (s) => zlib.gzipSync(s, { level: 9 }).length;
const chunks = output.filter((c) => c.type === 'chunk');
const core = chunks.find((c) => c.fileName === 'efa-core.js');
const entry = chunks.find((c) => c.isEntry);
if (!core || !core.moduleIds.some((id) => id.endsWith(`/${SRC}/form/form.js`))) throw new Error('build-pkg: efa-core.js is missing or incomplete');
if (entry.code.length > 1024) throw new Error(`build-pkg: the entry efa-rechner.js has ${entry.code.length} bytes; the element's code belongs in efa-core.js`);
for (const c of chunks) {
  if (c.code.includes('../../pkg/')) throw new Error(`build-pkg: element/${c.fileName} still points at ../../pkg/`);
  if (c !== entry && c.imports.some((f) => f === entry.fileName)) throw new Error(`build-pkg: element/${c.fileName} imports the entry`);
  console.log(`build-pkg: element/${c.fileName} ${c.code.length} bytes, ${gz(c.code)} gzip`);
}
JS
fi

# The plan element <efa-plan> (www/plan/), its own entry for the pages that use it: one file,
# pkg/plan/efa-plan.js, with what it uses of www/core/ (dom, format, decimal, i18n, names, styles,
# CSV cells) bundled in, so that the calculator's critical path (pkg/element/) is untouched. The
# engine stays external as above ("../../pkg/" -> "../": pkg/plan/ is one folder below the engine
# too), and so does the calculator an entry opens: its public entry, loaded by URL, is the shipped
# pkg/element/efa-rechner.js ("../rechner/efa-rechner.js" -> "../element/efa-rechner.js").
if [ -d www/plan ]; then
  node --input-type=module - <<'JS'
import fs from 'node:fs';
import zlib from 'node:zlib';
import { rolldown } from 'rolldown';
import { transform as cssTransform } from 'lightningcss';

const OUT = 'pkg/plan';
const ENGINE = /^\.\.\/(efa_rechner(_bg)?\.(js|wasm)|snippets\/[^?]+\.js)(\?.*)?$/;
// The glue's own static imports (wasm-bindgen snippets), imported by the entry as in pkg/element/:
// they download with efa-plan.js, not one round trip after the glue.
const glue = fs.readFileSync('pkg/efa_rechner.js', 'utf8');
const glueImports = [...glue.matchAll(/^import\b[^'"]*from\s*['"]\.\/([^'"]+)['"]/gm)].map((m) => `../${m[1]}`);
const plugins = [
  {
    name: 'efa-strip-pure', // as for pkg/element/ above
    generateBundle(options, bundle) {
      for (const c of Object.values(bundle)) if (c.type === 'chunk') c.code = c.code.replaceAll('/* @__PURE__ */ ', '');
    },
  },
  {
    name: 'efa-plan-externals',
    resolveId(id) {
      if (ENGINE.test(id)) return { id, external: true };
      return null;
    },
    transform(code, id) {
      // The engine loader (www/core/engine.js) is in both bundles; a page-wide registry makes the
      // two copies one load.
      if (id.endsWith('/www/core/engine.js')) return { code: code.replaceAll('../../pkg/', '../'), map: null };
      if (id.endsWith('/www/plan/efa-plan.js')) code = glueImports.map((f) => `import ${JSON.stringify(f)};\n`).join('') + code;
      if (id.endsWith('/www/plan/element.js')) {
        if (!code.includes("'../rechner/efa-rechner.js'")) throw new Error('build-pkg: www/plan/element.js no longer names ../rechner/efa-rechner.js');
        code = code.replace("'../rechner/efa-rechner.js'", "'../element/efa-rechner.js'");
      }
      const next = code.replace(/\bCSS = String\.raw`([^`]*)`/g, (m, css) => `CSS = ${JSON.stringify(cssTransform({ filename: 'styles.css', code: Buffer.from(css), minify: true }).code.toString())}`);
      return { code: next, map: null };
    },
  },
];
const bundle = await rolldown({ input: { 'efa-plan': 'www/plan/efa-plan.js' }, platform: 'browser', plugins });
fs.rmSync(OUT, { recursive: true, force: true });
const { output } = await bundle.write({ dir: OUT, format: 'esm', minify: true, entryFileNames: '[name].js', chunkFileNames: 'efa-plan-[name]-[hash].js' });
await bundle.close();
fs.copyFileSync('www/plan/README.md', `${OUT}/README.md`);
for (const c of output.filter((x) => x.type === 'chunk')) {
  if (c.code.includes('../../pkg/')) throw new Error(`build-pkg: plan/${c.fileName} still points at ../../pkg/`);
  if (c.moduleIds.some((id) => id.includes('/www/rechner/'))) throw new Error(`build-pkg: plan/${c.fileName} bundles a module of the calculator (www/rechner/)`);
  if (c.code.includes('../rechner/')) throw new Error(`build-pkg: plan/${c.fileName} still points at ../rechner/`);
  console.log(`build-pkg: plan/${c.fileName} ${c.code.length} bytes, ${zlib.gzipSync(c.code, { level: 9 }).length} gzip`);
}
JS
fi

# The elements' TypeScript declarations (the bundles above replace their folders).
[ -d pkg/element ] && cp scripts/pkg-types/efa-rechner.d.ts pkg/element/
[ -d pkg/plan ] && cp scripts/pkg-types/efa-plan.d.ts pkg/plan/

if $element_only; then
  echo "build-pkg: pkg/element/ and pkg/plan/ ready"
  exit 0
fi

rm -f pkg/efa_rechner_plans*  # the plan module of earlier builds (plans are in the one module now)
rm -f pkg/.gitignore  # wasm-pack writes "*", which npm pack would honour
# The built-in Gemeinde table (issue 11): a separate file, not in the .wasm (its size budget);
# the page fetches it on first use of the Gemeinde level and hands it to loadGemeinden().
cp src/data/gemeinden.tsv pkg/gemeinden.tsv
echo "build-pkg: gemeinden.tsv $(stat -c %s pkg/gemeinden.tsv) bytes, $(gzip -9 -c pkg/gemeinden.tsv | wc -c) gzip"
cp LICENSE pkg/LICENSE
# EfaError exported by the glue; the Node entries (CommonJS and ESM, initialised from the file).
node scripts/pkg-node.mjs
cp scripts/pkg-README.md pkg/README.md
node scripts/pkg-json.mjs > pkg/package.json
echo "build-pkg: pkg/ ready"
