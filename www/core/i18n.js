// The text table shared by the elements: German first, English too. Each element adds its texts
// (addStrings); t(lang, key, vars) fills {placeholders} and falls back to German, then to the key.

const de = {};
const en = {};

/** Adds texts ({ de, en }, either may be missing): an element's, or those of a part loaded on demand. */
export function addStrings(more) {
  Object.assign(de, more.de);
  Object.assign(en, more.en);
}

export function t(lang, key, vars = {}) {
  const s = (lang === 'en' ? en : de)[key] ?? de[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** A message in both languages, as the engine's errors carry them. */
export function both(key, vars = {}, varsEn = vars) {
  return { de: t('de', key, vars), en: t('en', key, varsEn) };
}

export const normLang = (l) => (String(l || '').toLowerCase().startsWith('en') ? 'en' : 'de');
