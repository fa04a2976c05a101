// The reference implementation against the contract's examples and the shared data files.
// Run: node --test tests/reference/
// Needs ../shared beside the repository (the examples and GV100AD files are not copied in);
// without it these tests skip with a message instead of failing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { allocate } from './allocate.mjs';
import { parseGv100ad } from './gv100ad.mjs';
import { defaultGemeinden, defaultKreise } from './kreise-default.mjs';
import { LAENDER, KS_EDITIONS } from './laender.mjs';

const shared = new URL('../../../shared/', import.meta.url);
const examples = new URL('contract/examples/', shared);
const gv100ad = new URL('data/gv100ad/GV100AD_30112025.txt', shared);
const noShared = existsSync(examples) ? false : `../shared is absent (looked for ${examples.pathname})`;

let dataset = null;
const loadGv100ad = () => (dataset ??= parseGv100ad(readFileSync(gv100ad, 'utf8')));

/** The part of a response the expected files list: total, payers' amounts, Kommune rows. */
function project(response, withKommunen) {
  const out = { total: response.total, payers: response.payers.map(({ id, amount }) => ({ id, amount })) };
  if (withKommunen) {
    const k = response.kommunen;
    out.kommunen = { land: k.land, landKeeps: k.landKeeps, rows: k.rows.map(({ ags, amount }) => ({ ags, amount })) };
  }
  return out;
}

const exampleNames = noShared ? [] : readdirSync(examples).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort();

test('the examples are there', { skip: noShared }, () => {
  assert.ok(exampleNames.length >= 10, `only ${exampleNames.length} examples found`);
});

for (const name of exampleNames) {
  test(`example ${name}`, () => {
    const request = JSON.parse(readFileSync(new URL(name, examples), 'utf8'));
    const expected = JSON.parse(readFileSync(new URL(name.replace(/\.json$/, '.expected.json'), examples), 'utf8'));
    // Level "gemeinde" needs a loaded GV100AD file; the other examples use the default data.
    const options = request.kommunen?.level === 'gemeinde' ? { kommunen: loadGv100ad() } : {};
    if (expected.error) {
      assert.throws(() => allocate(request, options), (e) => {
        assert.deepEqual({ code: e.code, path: e.path }, expected.error);
        return true;
      });
      return;
    }
    assert.deepEqual(project(allocate(request, options), Boolean(expected.kommunen)), expected);
    if (request.kommunen?.level === 'gemeinde') {
      // The built-in Gemeinde table is the same edition: no file, same cents.
      assert.deepEqual(project(allocate(request), true), expected, 'without a file');
    }
  });
}

test('every embedded KS edition sums to exactly 100 %', () => {
  for (const e of KS_EDITIONS) assert.equal(LAENDER.reduce((s, l) => s + l.ks[e], 0n), 10_000_000n, `KS ${e}`);
});

test('the Länder population table sums to the published total', () => {
  assert.equal(LAENDER.reduce((s, l) => s + l.population, 0n), 83_577_140n);
});

test('GV100AD 30.11.2025 reads to the published per-Land figures', { skip: noShared }, () => {
  const { kreise, gemeinden } = loadGv100ad();
  assert.equal(gemeinden.length, 10_953);
  assert.equal(kreise.length, 400);
  for (const land of LAENDER) {
    const own = gemeinden.filter((g) => g.ags.startsWith(land.ags));
    assert.equal(BigInt(own.reduce((s, g) => s + g.population, 0)), land.population, land.code);
    const ownKreise = kreise.filter((k) => k.ags.startsWith(land.ags));
    assert.equal(ownKreise.reduce((s, k) => s + k.population, 0), own.reduce((s, g) => s + g.population, 0), land.code);
  }
  assert.equal(gemeinden.filter((g) => g.population === 0).length, 200);
  // Satzart-60 records per Land, as published in efa-financing.md.
  const records = [1106, 1, 964, 2, 396, 425, 2301, 1103, 2221, 53, 1, 413, 726, 418, 218, 605];
  LAENDER.forEach((land, i) => assert.equal(gemeinden.filter((g) => g.ags.startsWith(land.ags)).length, records[i], land.code));
});

test('the built-in tables: 400 Kreise and 10,953 Gemeinden, every Land summing to its population', () => {
  const kreise = defaultKreise();
  const gemeinden = defaultGemeinden();
  assert.equal(kreise.length, 400);
  assert.equal(new Set(kreise.map((k) => k.ags)).size, 400);
  assert.equal(gemeinden.length, 10_953);
  for (const land of LAENDER) {
    const sum = (rows) => rows.filter((k) => k.ags.startsWith(land.ags)).reduce((s, k) => s + k.population, 0);
    assert.equal(sum(kreise), Number(land.population), land.code);
    assert.equal(sum(gemeinden), Number(land.population), land.code);
  }
});

test('the reference GV100AD reader builds AGS from positions 11-18 (Gemeinden in a Verband)', { skip: !existsSync(new URL('../../../shared/data/gv100ad/GV100AD_30112025.txt', import.meta.url)) && '../shared is not present' }, () => {
  const text = readFileSync(new URL('../../../shared/data/gv100ad/GV100AD_30112025.txt', import.meta.url), 'utf8');
  const { gemeinden } = parseGv100ad(text);
  const ags = new Set(gemeinden.map((g) => g.ags));
  assert.equal(ags.size, gemeinden.length, 'every Gemeinde has its own AGS');
  assert.ok(ags.has('09171114'), 'Emmerting (in a Verwaltungsgemeinschaft) is 09171114');
});
