// www/core/format.js: amounts written out digit by digit must be what Intl.NumberFormat writes for
// de-DE and en-GB (Node's ICU as the independent reference), and parseNumber reads what people
// type in German and English notation, without floats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { money, decimal, integer, percentPoints, share, date, parseNumber, forInput, locale } from '../../www/core/format.js';
import { random } from './random.mjs';

const NBSP = '\u00a0';

test('money, decimal, integer: fixed cases in both languages', () => {
  assert.equal(money('de', '1234567.89'), `1.234.567,89${NBSP}€`);
  assert.equal(money('en', '1234567.89'), '€1,234,567.89');
  assert.equal(money('de', '5'), `5,00${NBSP}€`);
  assert.equal(money('de', '0.125'), `0,125${NBSP}€`);
  assert.equal(money('en', '-12.5'), '-€12.50');
  assert.equal(money('de', '12.5', { signed: true }), `+12,50${NBSP}€`);
  assert.equal(money('de', '-0.00', { signed: true }), `0,00${NBSP}€`);
  assert.equal(money('xx', '1'), `1,00${NBSP}€`, 'an unknown language is German');
  assert.equal(decimal('de', '7.43709'), '7,43709');
  assert.equal(decimal('en', '1234.5', { grouping: false }), '1234.5');
  assert.equal(decimal('de', '1234.5', { minFraction: 2 }), '1.234,50');
  assert.equal(integer('de', 2221), '2.221');
  assert.equal(integer('en', 2221), '2,221');
  assert.equal(integer('de', -0), '-0');
  assert.equal(percentPoints('de', '25'), `25 %`);
  assert.equal(percentPoints('en', '12.5'), '12.5%');
  assert.equal(share('de', '0.25'), '25 %');
  assert.equal(share('en', '0.123456'), '12.3456%');
  assert.equal(share('de', '1'), '100 %');
  assert.equal(locale('en'), 'en-GB');
  assert.equal(locale('fr'), 'de-DE');
});

test('money and decimal equal Intl.NumberFormat on 3,000 random decimal strings', () => {
  const rnd = random(0xfeed);
  for (let i = 0; i < 3000; i++) {
    const int = String(rnd.int(0, 10 ** rnd.int(0, 12)));
    const scale = rnd.int(0, 5);
    const frac = scale ? '.' + Array.from({ length: scale }, () => rnd.int(0, 9)).join('') : '';
    const s = (rnd.int(0, 4) === 0 ? '-' : '') + int + frac;
    for (const lang of ['de', 'en']) {
      const loc = lang === 'en' ? 'en-GB' : 'de-DE';
      const maxMoney = Math.max(2, scale);
      assert.equal(money(lang, s), new Intl.NumberFormat(loc, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: maxMoney }).format(s), `money ${lang} ${s}`);
      assert.equal(decimal(lang, s), new Intl.NumberFormat(loc, { minimumFractionDigits: scale, maximumFractionDigits: scale }).format(s), `decimal ${lang} ${s}`);
    }
  }
});

test('not a plain decimal: Intl formats it', () => {
  assert.equal(money('de', '1e3'), new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format('1e3'));
});

test('date: ISO dates as de-DE and en-GB write them, anything else unchanged', () => {
  assert.equal(date('de', '2025-12-31'), '31.12.2025');
  assert.equal(date('en', '2025-1-5'), '05/01/2025');
  assert.equal(date('de', '2025-01-05'), new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(2025, 0, 5)));
  assert.equal(date('en', '2025-01-05'), new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(2025, 0, 5)));
  assert.equal(date('de', 'gestern'), 'gestern');
});

test('parseNumber: German and English notation', () => {
  const ok = (input, lang, value, opts) => assert.deepEqual(parseNumber(input, lang, opts), { value }, `${JSON.stringify(input)} (${lang})`);
  ok('1.234.567,89', 'de', '1234567.89');
  ok('1,234,567.89', 'de', '1234567.89');
  ok('1,234,567.89', 'en', '1234567.89');
  ok('1.234.567,89', 'en', '1234567.89');
  ok('1234,5', 'de', '1234.5');
  ok('1234.5', 'de', '1234.5');
  ok('0,5', 'en', '0.5');
  ok(',5', 'de', '0.5');
  ok('007', 'de', '7');
  ok('+12', 'de', '12');
  ok(12, 'de', '12');
  // one separator before exactly three digits is ambiguous: read as the language reads it
  ok('1.234', 'de', '1234');
  ok('1.234', 'en', '1.234');
  ok('1,234', 'de', '1.234');
  ok('1,234', 'en', '1234');
  ok('0.234', 'de', '0.234', undefined);
  ok('1234.567', 'de', '1234.567');
  // currency and spaces (no-break, narrow no-break, thin, apostrophe) are ignored
  ok('€ 1.000', 'de', '1000');
  ok('1 000 000 EUR', 'de', '1000000');
  ok(`1${NBSP}000,50 Euro`, 'de', '1000.50');
  ok('1\u202f000', 'en', '1000');
  ok("1'000'000", 'de', '1000000');
  ok('EUR 12', 'en', '12');
});

test('parseNumber: errors and limits', () => {
  const is = (input, lang, want, opts) => assert.deepEqual(parseNumber(input, lang, opts), want, `${JSON.stringify(input)} (${lang})`);
  is('', 'de', { empty: true });
  is('   ', 'de', { empty: true });
  is(null, 'de', { empty: true });
  is('€', 'de', { empty: true });
  is('-5', 'de', { error: 'negative' });
  is('\u22125', 'de', { error: 'negative' });
  for (const bad of ['abc', '1e3', '1..2', '1,2.3,4', '1.23.4', '12.34.567', '.', ',', '1,2,3', '0x10', '١٢']) is(bad, 'de', { error: 'format' });
  is('1,234', 'de', { error: 'decimals' }, { maxDecimals: 2 });
  is('1,230', 'de', { value: '1.23' }, { maxDecimals: 2 });
  is('1,000', 'de', { value: '1.00' }, { maxDecimals: 2 });
  is('12,5', 'de', { error: 'integer' }, { integer: true });
  is('12,0', 'de', { value: '12' }, { integer: true });
  is('1.000', 'de', { value: '1000' }, { integer: true });
});

test('parseNumber reads back what forInput writes, in both languages', () => {
  const rnd = random(0xbeef);
  for (let i = 0; i < 2000; i++) {
    const int = String(rnd.int(0, 10 ** rnd.int(0, 10)));
    const scale = rnd.int(0, 4);
    const frac = scale ? '.' + Array.from({ length: scale }, () => rnd.int(0, 9)).join('') : '';
    const s = int + frac;
    for (const lang of ['de', 'en']) assert.deepEqual(parseNumber(forInput(lang, s), lang), { value: s }, `${s} (${lang}: ${forInput(lang, s)})`);
  }
  assert.equal(forInput('de', '1000000.00'), '1.000.000,00');
  assert.equal(forInput('en', ''), '');
  assert.equal(forInput('en', null), '');
});
