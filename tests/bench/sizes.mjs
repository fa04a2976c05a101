// How the shipped element's bytes are counted: one definition for `make bench` (run.mjs) and the
// size gate of `make test` (tests/node/pkg.test.mjs), so the two cannot measure differently.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The budget of element JS before the first result (issue 16): 20 KiB gzip. */
export const ELEMENT_CRITICAL_GZIP_BUDGET = 20 * 1024;

/** The budget of the one .wasm (issue 16): 110 KiB gzip. */
export const WASM_GZIP_BUDGET = 110 * 1024;
/**
 * What `make test` allows the .wasm until it meets the budget: the size reached so far and a
 * little room, lowered with every cut (docs/performance.md, "Size of the WASM module"), so that
 * no change gives back what a cut won. Counted with Node's zlib at level 9, which gives about
 * 1.3 % more than GNU `gzip -9` (the figures of docs/performance.md and scripts/build-pkg.sh).
 */
// 134,000 before workbooks went through allocatePlan (contract 1.2): the hand-over of the JS
// container reader's sheets and the engine's reading of them cost 6,816 B gzip -9 (docs/performance.md).
// 141,000 before wasm-opt stopped inlining functions with one caller (6.5 KB gzip less).
// 133,700 before the shares were summed as integers (no rust_decimal addition) and u128 written
// without core::fmt (2.9 KB gzip less).
// 130,000 before the engine's five collections into a Result became loops (1.3 KB gzip less).
export const WASM_GZIP_LIMIT = 128_500;

export const gzipSize = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
export const brotliSize = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** One file's sizes: raw, gzip -9 and brotli 11, each compressed on its own. */
export function fileSizes(file, root = path.dirname(file)) {
  const buf = fs.readFileSync(file);
  return { file: path.relative(root, file), raw: buf.length, gzip: gzipSize(buf), brotli: brotliSize(buf) };
}

/** The relative static imports of an ES module ("./x.js", "../y.js"): not import("…"). */
export function staticImports(code) {
  const out = [];
  for (const m of code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?(["'`])(\.\.?\/[^"'`]+)\1/g)) out.push(m[2]);
  return out;
}

/**
 * The element as shipped in `dir` (pkg/element/): its entry efa-rechner.js and the element files it
 * imports statically, transitively, i.e. all a page must download before the first result besides
 * the engine ("../" leads to the engine and is not counted). Returns { names (in the order found),
 * files (each file's sizes), raw, gzip, brotli (sums of the files compressed one by one), all (the
 * sizes of every .js file of dir, by name) }.
 */
export function elementCritical(dir, root = dir) {
  const js = fs.readdirSync(dir).filter((f) => /\.m?js$/.test(f)).sort();
  const all = new Map(js.map((f) => [f, fileSizes(path.join(dir, f), root)]));
  const names = [];
  const todo = ['efa-rechner.js'];
  while (todo.length) {
    const f = todo.shift();
    if (names.includes(f)) continue;
    names.push(f);
    for (const dep of staticImports(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      const target = path.relative(dir, path.resolve(dir, dep));
      if (!target.startsWith('..') && all.has(target)) todo.push(target); // ../ is the engine
    }
  }
  const files = names.map((f) => all.get(f));
  const sum = (k) => files.reduce((s, x) => s + x[k], 0);
  return { names, files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), all };
}
