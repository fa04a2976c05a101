// The modules under www/ form no import circle, and the folders keep their order: www/core/ is
// shared by the elements and never imports one of them; an element's folder (www/rechner/,
// www/plan/) imports www/core/ and itself, never the other element. Static and dynamic imports
// both count (a part loaded on demand that imports its loader is a circle too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const WWW = join(root, 'www');
const ELEMENTS = ['rechner', 'plan'];

/** Relative import specifiers of a module's source: static, re-exports and dynamic. */
function specifiers(code) {
  const bare = code.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const found = new Set();
  for (const m of bare.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.\.?\/[^'"]+)\1/gm)) found.add(m[2]);
  return [...found];
}

/** Every module under www/ (at any depth) -> the www-relative paths it imports; others outside www/. */
function graph() {
  const g = new Map();
  const files = readdirSync(WWW, { recursive: true }).filter((f) => f.endsWith('.js')).sort();
  for (const f of files) {
    const code = readFileSync(join(WWW, f), 'utf8');
    g.set(f, new Set(specifiers(code).map((s) => relative(WWW, resolve(WWW, dirname(f), s)))));
  }
  return g;
}

function circles(g) {
  const found = [];
  const state = new Map(); // 1 on the path, 2 done
  const path = [];
  const visit = (f) => {
    state.set(f, 1);
    path.push(f);
    for (const d of g.get(f) ?? []) {
      if (state.get(d) === 1) found.push([...path.slice(path.indexOf(d)), d].join(' → '));
      else if (!state.has(d)) visit(d);
    }
    path.pop();
    state.set(f, 2);
  };
  for (const f of [...g.keys()].sort()) if (!state.has(f)) visit(f);
  return found;
}

const top = (p) => p.split('/')[0];

/** Imports that break the folders' order: core -> element, element -> other element. */
function crossings(g) {
  const bad = [];
  for (const [f, deps] of g) {
    const from = top(f);
    for (const d of deps) {
      const to = top(d);
      if (d.startsWith('..')) continue; // the engine in pkg/, outside www/
      if (from === 'core' && ELEMENTS.includes(to)) bad.push(`${f} → ${d} (core imports an element)`);
      if (ELEMENTS.includes(from) && ELEMENTS.includes(to) && to !== from) bad.push(`${f} → ${d} (one element imports the other)`);
    }
  }
  return bad;
}

const g = graph();

test('www/: every element folder and the core have modules', () => {
  for (const dir of ['core', ...ELEMENTS]) assert.ok([...g.keys()].some((f) => top(f) === dir), `www/${dir}/ has modules`);
});

test('www/: every relative import names a module that exists', () => {
  const missing = [];
  for (const [f, deps] of g) for (const d of deps) if (!d.startsWith('..') && !g.has(d)) missing.push(`${f} → ${d}`);
  assert.deepEqual(missing, []);
});

test('www/: no import circles', () => {
  assert.deepEqual(circles(g), []);
});

test('www/core/ never imports an element; neither element imports the other', () => {
  assert.deepEqual(crossings(g), []);
});

test('www/plan/ names the calculator only by the URL of its public entry', () => {
  // <efa-plan> opens an entry in <efa-rechner>, loading it as a page would when there is none.
  for (const [f] of g) {
    if (top(f) !== 'plan') continue;
    const code = readFileSync(join(WWW, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/['"](\.\.\/rechner\/[^'"]*)['"]/g)) assert.equal(m[1], '../rechner/efa-rechner.js', `${f} names ${m[1]}`);
  }
});

test('the checks find a circle and a crossing', () => {
  const c = new Map([['a.js', new Set(['b.js'])], ['b.js', new Set(['c.js'])], ['c.js', new Set(['a.js'])]]);
  assert.deepEqual(circles(c), ['a.js → b.js → c.js → a.js']);
  const x = new Map([
    ['core/a.js', new Set(['rechner/b.js'])],
    ['plan/c.js', new Set(['rechner/b.js', 'core/a.js'])],
    ['rechner/b.js', new Set(['../pkg/efa_rechner.js'])],
  ]);
  assert.deepEqual(crossings(x), ['core/a.js → rechner/b.js (core imports an element)', 'plan/c.js → rechner/b.js (one element imports the other)']);
  assert.deepEqual(specifiers("import a from './a.js';\nexport { b } from '../core/b.js';\nconst c = () => import('./c.js');\n// import './d.js'"), ['./a.js', '../core/b.js', './c.js']);
});
