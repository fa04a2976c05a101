// www/core/decimal.js: exact decimal strings with BigInt, checked case by case and against
// decimal.js (an independent arbitrary-precision library) on random values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Decimal from 'decimal.js';
import { isDecimal, parse, scaled, toStr, scaleOf, sum, sub, cmp, isZero, percentOf, shift, normalize } from '../../www/core/decimal.js';
import { random } from './random.mjs';

test('isDecimal: plain decimal strings only', () => {
  for (const s of ['0', '12', '-12', '12.5', '-0.001', '123456789012345678901234567890.12']) assert.ok(isDecimal(s), s);
  for (const s of ['', '1.', '.5', '+1', '1e3', '1,5', ' 1', '1 ', '--1', 12, null, undefined, 'NaN']) assert.ok(!isDecimal(s), String(s));
});

test('parse, scaled, toStr and scaleOf', () => {
  assert.deepEqual(parse('12.5'), { v: 125n, scale: 1 });
  assert.deepEqual(parse('-0.05'), { v: -5n, scale: 2 });
  assert.throws(() => parse('1e3'), /not a decimal/);
  assert.equal(scaled('1.5', 3), 1500n);
  assert.throws(() => scaled('1.234', 2), /too many decimals/);
  assert.equal(toStr(5n, 2), '0.05');
  assert.equal(toStr(-5n, 2), '-0.05');
  assert.equal(toStr(123n, 0), '123');
  assert.equal(scaleOf('7.43709'), 5);
});

test('sum, sub, cmp, isZero: exact where binary floats are not', () => {
  assert.equal(sum(['0.1', '0.2']), '0.3');
  assert.equal(sum([]), '0');
  assert.equal(sum(['1', '2.50', '-0.5']), '3.00');
  assert.equal(sub('0.3', '0.1'), '0.2');
  assert.equal(sub('1', '1.005'), '-0.005');
  assert.equal(cmp('1.10', '1.1'), 0);
  assert.equal(cmp('-2', '1'), -1);
  assert.equal(cmp('10000000000000000000000.01', '10000000000000000000000'), 1);
  assert.ok(isZero('-0.00'));
  assert.ok(!isZero('0.01'));
});

test('percentOf: rounded half up, away from zero for negatives', () => {
  assert.equal(percentOf('1', '3'), '33.33');
  assert.equal(percentOf('2', '3'), '66.67');
  assert.equal(percentOf('1', '8', 1), '12.5');
  assert.equal(percentOf('1', '16', 1), '6.3');
  assert.equal(percentOf('-1', '16', 1), '-6.3');
  assert.equal(percentOf('5', '0'), '0.00');
});

test('shift and normalize', () => {
  assert.equal(shift('50', -2), '0.5');
  assert.equal(shift('0.5', 2), '50');
  assert.equal(shift('-1.25', 1), '-12.5');
  assert.equal(normalize('007.500'), '7.5');
  assert.equal(normalize('-0.000'), '0');
  assert.equal(normalize('-00.10'), '-0.1');
});

test('against decimal.js on 2,000 random values', () => {
  const rnd = random(0x5eed);
  const dec = () => {
    const int = String(rnd.int(0, 10 ** rnd.int(0, 9)));
    const scale = rnd.int(0, 6);
    const frac = scale ? '.' + Array.from({ length: scale }, () => rnd.int(0, 9)).join('') : '';
    return (rnd.int(0, 3) === 0 ? '-' : '') + int + frac;
  };
  Decimal.set({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
  for (let i = 0; i < 2000; i++) {
    const a = dec();
    const b = dec();
    const c = dec();
    const ctx = `${a} ${b} ${c}`;
    assert.ok(new Decimal(sum([a, b, c])).eq(new Decimal(a).plus(b).plus(c)), `sum ${ctx}`);
    assert.equal(scaleOf(sum([a, b, c])), Math.max(scaleOf(a), scaleOf(b), scaleOf(c)), `sum scale ${ctx}`);
    assert.ok(new Decimal(sub(a, b)).eq(new Decimal(a).minus(b)), `sub ${ctx}`);
    assert.equal(cmp(a, b), new Decimal(a).cmp(b), `cmp ${ctx}`);
    assert.equal(isZero(a), new Decimal(a).isZero(), `isZero ${a}`);
    if (!new Decimal(b).isZero()) {
      const want = new Decimal(a).div(b).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      assert.ok(new Decimal(percentOf(a, b)).eq(want), `percentOf ${ctx}: ${percentOf(a, b)} vs ${want}`);
    }
    const n = rnd.int(-8, 8);
    assert.ok(new Decimal(shift(a, n)).eq(new Decimal(a).times(new Decimal(10).pow(n))), `shift ${a} ${n}`);
    assert.equal(normalize(a), new Decimal(a).isZero() ? '0' : new Decimal(a).toFixed(), `normalize ${a}`);
  }
});
