// The WASM door's `kommunen.format: "columns"` against the contract's rows: the same response in
// every field, the columns' AGS, names and populations and the Land's Kreise shared (frozen) by
// every response from the same data set (docs/contract-extensions.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const engine = await import(new URL('pkg/efa_rechner.js', root));
engine.initSync({ module: readFileSync(new URL('pkg/efa_rechner_bg.wasm', root)) });
engine.loadGemeinden(readFileSync(new URL('pkg/gemeinden.tsv', root)));

const request = (land, level, format) => ({ year: 2025, costs: '1000000.00', alliance: ['BY', 'HE', 'NW'], model: 'itplr-2023-35', kommunen: { land, level, key: 'population', ...(format ? { format } : {}) } });

test('columns answer what rows answer, Kreise and names shared by identity and frozen', () => {
  for (const [land, level] of [['BY', 'gemeinde'], ['HB', 'gemeinde'], ['NW', 'kreis']]) {
    const rows = engine.allocate(request(land, level));
    const a = engine.allocate(request(land, level, 'columns'));
    const b = engine.allocate({ ...request(land, level, 'columns'), model: 'fitko' });
    const c = a.kommunen.columns;
    assert.deepEqual(
      Array.from(c.name, (name, i) => ({ ags: c.ags[i], name, population: c.population[i], exempt: c.exempt[i] === 1 })),
      rows.kommunen.rows.map(({ amount, ...r }) => r),
      `${land} ${level}: the rows' Kommunen`,
    );
    const { columns, ...rest } = a.kommunen;
    const { rows: _, ...restRows } = rows.kommunen;
    assert.deepEqual({ ...a, kommunen: rest }, { ...rows, kommunen: restRows }, `${land} ${level}: everything but the Kommunen`);
    assert.equal(b.kommunen.columns.name, c.name, 'the names are shared');
    assert.equal(b.kommunen.kreise, a.kommunen.kreise, 'the Kreise are shared');
    if (level === 'gemeinde') {
      assert.ok(a.kommunen.kreise.length > 0 && Object.isFrozen(a.kommunen.kreise) && a.kommunen.kreise.every(Object.isFrozen));
    } else {
      assert.equal(a.kommunen.kreise, undefined);
    }
  }
});
