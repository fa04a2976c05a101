// The element's modules form no import circle: a lower module never reaches up. Static and
// dynamic imports both count (a part loaded on demand that imports its loader is a circle too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

function graph(dir) {
  const g = new Map();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.js'))) {
    const code = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    const deps = new Set();
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])\.\/([^'"]+\.js)\1/gm)) deps.add(m[2]);
    g.set(f, deps);
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

for (const dir of ['www/element', 'www/plan']) {
  test(`${dir}: no import circles`, () => {
    let g;
    try {
      g = graph(join(root, dir));
    } catch (e) {
      if (dir !== 'www/element' && e.code === 'ENOENT') return; // (the plan element is optional here)
      throw e;
    }
    assert.ok(g.size > 0, `${dir} has modules`);
    assert.deepEqual(circles(g), []);
  });
}

test('the circle check finds a circle', () => {
  const g = new Map([['a.js', new Set(['b.js'])], ['b.js', new Set(['c.js'])], ['c.js', new Set(['a.js'])]]);
  assert.deepEqual(circles(g), ['a.js → b.js → c.js → a.js']);
});
