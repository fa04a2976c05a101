// www/core/i18n.js and plural.js: the shared text table, {placeholder} filling, the fallback to
// German, and plural forms ("key.one" / "key.other") chosen by Intl.PluralRules; and the
// elements' locale files: every German text has its English one, with the same placeholders and
// plural forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addStrings, t, both, normLang } from '../../www/core/i18n.js';
import { tn, pluralForm } from '../../www/core/plural.js';
import rechnerDe from '../../www/rechner/locales/de.js';
import rechnerEn from '../../www/rechner/locales/en.js';
import partsDe from '../../www/rechner/parts/locales/de.js';
import partsEn from '../../www/rechner/parts/locales/en.js';
import planDe from '../../www/plan/locales/de.js';
import planEn from '../../www/plan/locales/en.js';

addStrings({
  de: { 'test.hello': 'Hallo {name}', 'test.only': 'nur deutsch', 'test.items.one': '{count} Eintrag', 'test.items.other': '{count} Einträge', 'test.hits.other': '{count} Treffer', 'test.plain': '{count} Zeilen' },
  en: { 'test.hello': 'Hello {name}', 'test.items.one': '{count} entry', 'test.items.other': '{count} entries', 'test.hits.one': '{count} match', 'test.hits.other': '{count} matches' },
});

test('placeholders; unknown ones stay; German stands in for a missing English text, the key for a missing one', () => {
  assert.equal(t('de', 'test.hello', { name: 'Welt' }), 'Hallo Welt');
  assert.equal(t('en', 'test.hello', { name: 'world' }), 'Hello world');
  assert.equal(t('en', 'test.hello'), 'Hello {name}');
  assert.equal(t('en', 'test.only'), 'nur deutsch');
  assert.equal(t('fr', 'test.hello', { name: 'x' }), 'Hallo x', 'another language is German');
  assert.equal(t('de', 'test.missing'), 'test.missing');
  assert.deepEqual(both('test.hello', { name: 'A' }, { name: 'B' }), { de: 'Hallo A', en: 'Hello B' });
});

test('plural forms by Intl.PluralRules, {count} written as a number of the language', () => {
  assert.equal(tn('de', 'test.items', 1), '1 Eintrag');
  assert.equal(tn('de', 'test.items', 0), '0 Einträge');
  assert.equal(tn('de', 'test.items', 2), '2 Einträge');
  assert.equal(tn('de', 'test.items', 12345), '12.345 Einträge');
  assert.equal(tn('en', 'test.items', 1), '1 entry');
  assert.equal(tn('en', 'test.items', 1234), '1,234 entries');
  // "other" is the form a language without its own "one" falls back to
  assert.equal(tn('de', 'test.hits', 1), '1 Treffer');
  assert.equal(tn('en', 'test.hits', 1), '1 match');
  assert.equal(tn('en', 'test.hits', 0), '0 matches');
  // other placeholders as with t(); a text without plural forms is its key
  assert.equal(tn('de', 'test.hello', 3, { name: 'x' }), 'test.hello.other');
  assert.equal(t('de', 'test.plain', { count: '2.221' }), '2.221 Zeilen');
  assert.equal(pluralForm('de', 1), 'one');
  assert.equal(pluralForm('en', 1), 'one');
  assert.equal(pluralForm('en', 1.5), 'other');
  assert.equal(pluralForm('de', 0), 'other');
  assert.equal(pluralForm('fr', 1), 'one', 'another language is German');
});

test('normLang', () => {
  assert.equal(normLang('en-GB'), 'en');
  assert.equal(normLang('EN'), 'en');
  assert.equal(normLang('de-AT'), 'de');
  assert.equal(normLang(''), 'de');
  assert.equal(normLang(null), 'de');
});

/** A text's placeholders, sorted. */
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

for (const [name, de, en, exempt] of [
  ['rechner', rechnerDe, rechnerEn, []],
  ['rechner parts', partsDe, partsEn, []],
  // the plan's CSV column headers are German in either language (export.js: German Excel CSV)
  ['plan', planDe, planEn, ['PayerId', 'Kind', 'KindLand', 'KindBund', 'Year', 'Total', 'Compare', 'Difference', 'Assessment', 'Line'].map((k) => `plan.csv${k}`)],
]) {
  test(`${name}: every German text has an English one with the same placeholders and plural forms`, () => {
    const missing = Object.keys(de).filter((k) => !(k in en) && !exempt.includes(k) && !/\.one$/.test(k));
    // (German may lack a "one" form that English has: "1 Treffer" / "1 match")
    const extra = Object.keys(en).filter((k) => !(k in de) && !/\.one$/.test(k));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    for (const k of Object.keys(de)) if (k in en) assert.equal(placeholders(en[k]), placeholders(de[k]), `${name} ${k}: ${de[k]} / ${en[k]}`);
    for (const k of Object.keys({ ...de, ...en })) if (/\.(one|two|few|many|zero)$/.test(k)) assert.ok(k.replace(/\.\w+$/, '.other') in de, `${k} has an "other" form`);
  });
}
