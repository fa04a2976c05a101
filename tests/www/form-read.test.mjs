// www/rechner/form/read.js: what the form's controls say, read into a contract request and the
// errors of what was typed. The controls are plain objects with the DOM's value/checked/validity
// properties; the metadata is the engine's own (pkg/), and every request read without errors is
// computed by the engine, which must accept it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readRequest, membersOf } from '../../www/rechner/form/read.js';
import { loadLang } from '../../www/rechner/i18n.js';
import '../../www/rechner/parts/i18n.js'; // the error texts (form/more.js loads them in the element)

const pkgJs = new URL('../../pkg/efa_rechner.js', import.meta.url);
const pkgWasm = new URL('../../pkg/efa_rechner_bg.wasm', import.meta.url);
let engine;
let meta;

before(async () => {
  assert.ok(existsSync(pkgJs) && existsSync(pkgWasm), 'pkg/ is missing: run `make build` first');
  engine = await import(pkgJs.href);
  engine.initSync({ module: readFileSync(pkgWasm) });
  meta = engine.metadata();
  await loadLang('en');
});

/** Controls as the form builds them, filled with `v` (text as typed; lands: the ticked ids). */
function controls(v = {}) {
  const text = (value = '') => ({ value, validity: { badInput: false } });
  const box = (checked = false) => ({ checked });
  const ids = meta.laender.map((l) => l.id);
  const lands = v.lands === 'all' ? ids : (v.lands ?? ['BY', 'HE', 'NW']);
  return {
    year: text(v.year ?? '2025'),
    modeItems: box(!!v.items),
    costs: text(v.costs ?? ''),
    items: Object.fromEntries(meta.categories.map((c) => [c.id, text(v.items?.[c.id] ?? '')])),
    lands: Object.fromEntries(ids.map((id) => [id, box(lands.includes(id))])),
    model: text(v.model ?? 'itplr-2023-35'),
    key: text(v.key ?? 'ks'),
    kv: Object.fromEntries(ids.map((id) => [id, text(v.kv?.[id] ?? '')])),
    from: Object.fromEntries(ids.map((id) => [id, { value: v.from?.[id] ?? '', validity: { badInput: v.badDate === `from:${id}` } }])),
    to: Object.fromEntries(ids.map((id) => [id, { value: v.to?.[id] ?? '', validity: { badInput: v.badDate === `to:${id}` } }])),
    kOn: box(!!v.kommunen),
    kLand: text(v.kommunen?.land ?? 'BY'),
    kGemeinde: box(v.kommunen?.level === 'gemeinde'),
    kShare: text(v.kommunen?.share ?? ''),
    kKey: text(v.kommunen?.key ?? 'population'),
    kExempt: text(v.kommunen?.exempt ?? ''),
  };
}

const read = (v, { lang = 'de', extras = {}, itemExtras = {} } = {}) => readRequest(controls(v), { meta, lang, extras, itemExtras });

/** A request read without errors, and the engine computes it. */
function valid(v, opts) {
  const { request, errors } = read(v, opts);
  assert.deepEqual(errors.map((e) => `${e.code} ${e.path}`), [], JSON.stringify(v));
  const res = engine.allocate(request);
  assert.ok(res && typeof res.total === 'string', 'the engine computes the request');
  return request;
}

/** The errors of a reading, as "code path", and their messages. */
function invalid(v, opts) {
  const { errors } = read(v, opts);
  assert.ok(errors.length, `errors expected for ${JSON.stringify(v)}`);
  for (const e of errors) {
    assert.equal(typeof e.messages.de, 'string');
    assert.equal(typeof e.messages.en, 'string');
    assert.ok(!/\{\w+\}/.test(e.messages.de + e.messages.en), `placeholders filled: ${e.messages.de} / ${e.messages.en}`);
  }
  return errors;
}

test('a total amount typed in German notation', () => {
  const r = valid({ costs: '1.234.567,89' });
  const alliance = meta.laender.map((l) => l.id).filter((id) => ['BY', 'HE', 'NW'].includes(id));
  assert.deepEqual(r, { year: 2025, costs: '1234567.89', alliance, model: 'itplr-2023-35', key: 'ks' });
});

test('English notation in an English form; every Land ticked is "all"', () => {
  const r = valid({ costs: '€1,234.5', lands: 'all' }, { lang: 'en' });
  assert.equal(r.costs, '1234.5');
  assert.equal(r.alliance, 'all');
  // "1.234" is read as each language reads it: thousands in German, three decimals in English
  assert.equal(read({ costs: '1.234' }, { lang: 'de' }).request.costs, '1234');
  assert.deepEqual(
    read({ costs: '1.234' }, { lang: 'en' }).errors.map((e) => e.code),
    ['amount_not_multiple_of_unit'],
  );
});

test('membersOf: the ticked Länder in the order of the metadata', () => {
  const c = controls({ lands: ['NW', 'BY'] });
  const want = meta.laender.map((l) => l.id).filter((id) => id === 'NW' || id === 'BY');
  assert.deepEqual(membersOf(c, meta.laender), want);
});

test('cost items by category, with what the form keeps of each item', () => {
  const [a, b] = meta.categories;
  const r = valid({ items: { [a.id]: '1.000', [b.id]: '2,5' } }, { itemExtras: { [b.id]: { key: 'equal' } } });
  assert.deepEqual(r.costs, [
    { category: a.id, amount: '1000' },
    { category: b.id, amount: '2.5', key: 'equal' },
  ]);
  const [e] = invalid({ items: {} });
  assert.equal(e.code, 'missing_field');
  assert.equal(e.path, 'costs');
  assert.equal(e.required, true);
});

test('amount errors: missing, negative, not a number, too many decimals, too large', () => {
  let [e] = invalid({ costs: '' });
  assert.deepEqual([e.field, e.code, e.path, e.required], ['costs', 'missing_field', 'costs', true]);
  [e] = invalid({ costs: '-5' });
  assert.deepEqual([e.code, e.path], ['invalid_amount', 'costs']);
  [e] = invalid({ costs: 'zwölf' });
  assert.deepEqual([e.code, e.path], ['invalid_amount', 'costs']);
  assert.deepEqual(read({ costs: '1,234' }, { lang: 'en' }).errors, [], 'one comma before three digits groups thousands in English');
  [e] = invalid({ costs: '12,345' }, { lang: 'de', extras: { rounding: { unit: '0.01' } } });
  assert.deepEqual([e.code, e.path], ['amount_not_multiple_of_unit', 'costs']);
  assert.match(e.messages.de, /2 Nachkommastellen/);
  assert.match(e.messages.en, /2 decimal places/);
  [e] = invalid({ costs: '12,5' }, { extras: { rounding: { unit: '1' } } });
  assert.deepEqual([e.code, e.path], ['amount_not_multiple_of_unit', 'costs']);
  [e] = invalid({ costs: '10000000000000,01' });
  assert.deepEqual([e.code, e.path], ['invalid_amount', 'costs']);
  assert.deepEqual(valid({ costs: '10000000000000' }).costs, '10000000000000');
});

test('year and alliance errors', () => {
  let [e] = invalid({ costs: '1', year: '' });
  assert.deepEqual([e.code, e.path, e.required], ['missing_field', 'year', true]);
  assert.match(e.messages.de, /Wirtschaftsjahr/);
  assert.match(e.messages.en, /financial year/);
  for (const year of ['1999', '2101', '20x5', '2025,5']) {
    [e] = invalid({ costs: '1', year });
    assert.deepEqual([e.code, e.path], ['invalid_year', 'year'], year);
  }
  [e] = invalid({ costs: '1', lands: [] });
  assert.deepEqual([e.code, e.path], ['empty_alliance', 'alliance']);
  // an alliance the form cannot show is sent unchanged
  assert.equal(valid({ costs: '1', lands: [] }, { extras: { alliance: ['BE'] } }).alliance[0], 'BE');
});

test('a key by table: numbers per member, errors at the Land', () => {
  const r = valid({ costs: '100', key: 'usage', kv: { BY: '1.000', HE: '250,5', NW: '' } });
  assert.deepEqual(r.key, { usage: { BY: '1000', HE: '250.5' } });
  const [e] = invalid({ costs: '100', key: 'usage', kv: { BY: 'viel' } });
  assert.deepEqual([e.field, e.code, e.path], ['keyval:BY', 'invalid_weight', 'key.usage.BY']);
  // a Land outside the alliance is not read
  assert.deepEqual(read({ costs: '100', key: 'usage', kv: { BE: 'viel', BY: '1' } }).errors, []);
});

test('membership dates; a date the browser could not read is an error at its field', () => {
  const r = valid({ costs: '100', from: { HE: '2025-04-01' }, to: { NW: '2025-09-30' } });
  assert.deepEqual(r.membership, { HE: { from: '2025-04-01' }, NW: { to: '2025-09-30' } });
  const [e] = invalid({ costs: '100', badDate: 'to:HE' });
  assert.deepEqual([e.field, e.code, e.path], ['to:HE', 'invalid_date', 'membership.HE.to']);
  assert.match(e.messages.de, /^Hessen, Mitglied bis/);
  assert.match(e.messages.en, /^Hesse, Member until/);
});

test('Kommunen: the Land\'s share in percent, the exemption as a whole number', () => {
  const r = valid({ costs: '100', kommunen: { land: 'HE', share: '25', exempt: '1.000' } });
  assert.deepEqual(r.kommunen, { land: 'HE', level: 'kreis', landShare: '0.25', key: 'population', exemptBelow: 1000 });
  assert.deepEqual(valid({ costs: '100', kommunen: { land: 'HE', share: '' } }).kommunen.landShare, '0');
  assert.equal(read({ costs: '100', kommunen: { land: 'HE', share: '12,5', level: 'gemeinde', key: 'equal' } }).request.kommunen.landShare, '0.125');
  let [e] = invalid({ costs: '100', kommunen: { land: 'HE', share: '100,5' } });
  assert.deepEqual([e.code, e.path], ['invalid_ratio', 'kommunen.landShare']);
  [e] = invalid({ costs: '100', kommunen: { land: 'HE', exempt: '2,5' } });
  assert.deepEqual([e.code, e.path], ['invalid_request', 'kommunen.exemptBelow']);
});

test('request parts the form cannot show go out unchanged', () => {
  const extras = { rounding: { unit: '0.01' }, unknown: { service: 'Wohngeld' } };
  const r = read({ costs: '100' }, { extras }).request;
  assert.deepEqual(r.rounding, extras.rounding);
  assert.equal(r.service, 'Wohngeld');
});
