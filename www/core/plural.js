// Plural forms, as GOV.UK Frontend's i18n has them: a text that depends on a number has the keys
// "key.one", "key.other" (the CLDR categories of Intl.PluralRules; German and English use these
// two, "other" is the one every language has). Its own module: only what is loaded on demand
// uses it, so the first result does not carry it.

import { t } from './i18n.js';
import { integer, locale } from './format.js';

const rules = {};

/** The CLDR plural category of the number n in lang ("one", "other", …). */
export const pluralForm = (lang, n) => (rules[lang] ||= new Intl.PluralRules(locale(lang))).select(n);

/**
 * The form of text `key` for the number n in lang ("key.one", else "key.other"), with {count}
 * written as a whole number of lang ("1.234" / "1,234") and the other {placeholders} from vars.
 */
export function tn(lang, key, n, vars = {}) {
  const all = { ...vars, count: integer(lang, n) };
  const form = `${key}.${pluralForm(lang, n)}`;
  const s = t(lang, form, all);
  return s === form ? t(lang, `${key}.other`, all) : s;
}
