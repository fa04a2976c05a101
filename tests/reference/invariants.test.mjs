// Self-checks of the reference and the generator: properties the contract promises for every
// valid request, and the exactness of the largest remainder method where floats would fail.
// Run: node --test tests/reference/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate } from './allocate.mjs';
import { generateRequest } from './generate.mjs';
import { largestRemainder, rat } from './exact.mjs';

const toInt = (money) => BigInt(money.replace('.', ''));
const decimalsOf = (money) => (money.includes('.') ? money.split('.')[1].length : 0);

test('largest remainder: ties go to the earlier part', () => {
  assert.deepEqual(largestRemainder(10n, Array(16).fill(rat(1n))), [...Array(10).fill(1n), ...Array(6).fill(0n)]);
  assert.deepEqual(largestRemainder(3n, [rat(1n, 2n), rat(1n, 4n), rat(1n, 4n)]), [1n, 1n, 1n]);
  assert.deepEqual(largestRemainder(2n, [rat(1n, 4n), rat(1n, 4n), rat(1n, 2n)]), [1n, 0n, 1n]);
});

test('largest remainder: remainders that differ below float precision still order exactly', () => {
  // 10^17 units over weights whose exact shares differ only at the 20th digit.
  const big = 10n ** 20n;
  const parts = largestRemainder(1n, [rat(big), rat(big + 1n)]);
  assert.deepEqual(parts, [0n, 1n]);
  const units = 10n ** 17n + 1n;
  const p = largestRemainder(units, [rat(1n, 3n), rat(1n, 3n), rat(1n, 3n)]);
  assert.equal(p.reduce((s, x) => s + x, 0n), units);
});

test('the generator is deterministic', () => {
  for (const seed of [0, 1, 42, 2 ** 31, 123456789]) {
    assert.deepEqual(generateRequest(seed), generateRequest(seed));
  }
});

test('generated requests are valid and their results add up', () => {
  for (let seed = 0; seed < 1500; seed++) {
    const request = generateRequest(seed);
    const out = allocate(JSON.parse(JSON.stringify(request)));
    const unit = request.rounding?.unit ?? '0.01';
    const decimals = decimalsOf(unit);
    const ctx = `seed ${seed}`;
    for (const p of out.payers) assert.equal(decimalsOf(p.amount), decimals, ctx);
    assert.equal(out.payers.reduce((s, p) => s + toInt(p.amount), 0n), toInt(out.total), ctx);
    // Länder in ascending AGS order, then the Bund.
    const order = out.payers.map((p) => p.ags ?? '99');
    assert.deepEqual(order, [...order].sort(), ctx);
    if (out.kommunen) {
      const land = out.payers.find((p) => p.id === out.kommunen.land);
      const passed = out.kommunen.rows.reduce((s, r) => s + toInt(r.amount), toInt(out.kommunen.landKeeps));
      assert.equal(passed, toInt(land.amount), ctx);
    }
  }
});
