// Locale formatting and the parser for what people type: German "1.234.567,89" and English
// "1,234,567.89" both work. Amounts are decimal strings; they are written out digit by digit, in
// exactly the form Intl.NumberFormat gives for de-DE and en-GB (the first NumberFormat of a page
// costs some 20 ms for its locale data, on the way to the first result). Anything else (not a
// plain decimal string) goes to Intl, which formats decimal strings exactly too.

import { parse as parseDec, normalize } from './decimal.js';

export const LOCALES = { de: 'de-DE', en: 'en-GB' };
export const locale = (lang) => LOCALES[lang] || LOCALES.de;

const cache = new Map();
function nf(lang, opts) {
  const k = lang + JSON.stringify(opts);
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), opts);
    cache.set(k, f);
  }
  return f;
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;
/**
 * A plain decimal string ("-1234.50") in the notation of lang, as Intl.NumberFormat writes it with
 * minimumFractionDigits `min` and a maximumFractionDigits that keeps all its decimals: grouped
 * ("1.234" / "1,234"), trailing zeros beyond `min` dropped. Null for anything else.
 */
function plain(lang, s, min, grouping = true) {
  const m = PLAIN.exec(s);
  if (!m) return null;
  const en = locale(lang) === 'en-GB';
  let int = m[2].replace(/^0+(?=\d)/, '');
  if (grouping) int = int.replace(/\B(?=(\d{3})+$)/g, en ? ',' : '.');
  const frac = (m[3] || '').replace(/0+$/, '').padEnd(min, '0');
  return { en, neg: m[1] === '-', zero: !/[1-9]/.test(m[2] + (m[3] || '')), num: frac ? `${int}${en ? '.' : ','}${frac}` : int };
}

/** "1234.5" -> "1.234,50 €" (de) / "€1,234.50" (en). Exact: never rounded. */
export function money(lang, s, { signed = false } = {}) {
  const p = plain(lang, String(s), 2);
  if (p) {
    const sign = p.neg && !(signed && p.zero) ? '-' : signed && !p.zero ? '+' : '';
    return p.en ? `${sign}€${p.num}` : `${sign}${p.num}\u00a0€`;
  }
  const scale = Math.max(2, (String(s).split('.')[1] || '').length);
  return nf(lang, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: scale,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(String(s));
}

/** A decimal string with exactly its own decimals: "7.43709" -> "7,43709". */
export function decimal(lang, s, { grouping = true, minFraction } = {}) {
  const f = (String(s).split('.')[1] || '').length;
  const p = plain(lang, String(s), minFraction ?? f, grouping);
  if (p) return (p.neg ? '-' : '') + p.num;
  return nf(lang, {
    useGrouping: grouping,
    minimumFractionDigits: minFraction ?? f,
    maximumFractionDigits: Math.max(f, minFraction ?? 0),
  }).format(String(s));
}

/** A whole number (a count): 2221 -> "2.221" / "2,221". */
export function integer(lang, n) {
  return decimal(lang, Object.is(n, -0) ? '-0' : String(n));
}

/** A percent given as a decimal string of percent points: "25" -> "25 %" / "25%". */
export function percentPoints(lang, s) {
  const n = decimal(lang, s);
  return lang === 'en' ? `${n}%` : `${n} %`;
}

/** A share as a ratio string: "0.25" -> "25 %". */
export function share(lang, ratio) {
  const [i, f = ''] = String(ratio).split('.');
  const digits = (i + f.padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  const pp = f.length > 2 ? `${digits.slice(0, digits.length - (f.length - 2))}.${digits.slice(digits.length - (f.length - 2))}` : digits;
  return percentPoints(lang, normalize(pp.startsWith('.') ? `0${pp}` : pp));
}

/**
 * "2025-12-31" -> "31.12.2025" (de) / "31/12/2025" (en): what Intl.DateTimeFormat gives for de-DE
 * and en-GB with { day: '2-digit', month: '2-digit', year: 'numeric' }, written out, because the
 * first DateTimeFormat of a page costs some 15 ms (its locale data). The engine's dates are ISO
 * dates; anything else is shown as it is.
 */
export function date(lang, iso) {
  const m = /^(\d{4})-(\d\d?)-(\d\d?)$/.exec(iso);
  if (!m) return String(iso);
  const [, y, mm, dd] = m.map((x) => x.padStart(2, '0'));
  return locale(lang) === 'en-GB' ? `${dd}/${mm}/${y}` : `${dd}.${mm}.${y}`;
}

/**
 * Parses a typed number to a contract decimal string without floats.
 * Returns { value } or { empty: true } or { error: 'format' | 'negative' | 'decimals' | 'integer' }.
 * Rules: spaces (also no-break and thin spaces) group digits; "€", "EUR", "Euro" are ignored;
 * with both "." and "," the last one is the decimal separator; a separator that occurs more than
 * once groups thousands; a single separator followed by exactly three digits is ambiguous
 * ("1.234") and read as the current language reads it (de: thousands, en: decimal point).
 */
export function parseNumber(input, lang = 'de', { maxDecimals = null, integer: intOnly = false } = {}) {
  let s = String(input ?? '')
    .trim()
    .replace(/^(€|eur(o)?)\s*/i, '')
    .replace(/\s*(€|eur(o)?)$/i, '')
    .replace(/[\s\u00a0\u202f\u2009']/g, '');
  if (s === '') return { empty: true };
  if (/^[-\u2212]/.test(s)) return { error: 'negative' };
  if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { error: 'format' };

  const dots = (s.match(/\./g) || []).length;
  const commas = (s.match(/,/g) || []).length;
  let dec = null;
  let grp = null;
  if (dots && commas) {
    dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    grp = dec === '.' ? ',' : '.';
    if (s.split(dec).length !== 2) return { error: 'format' };
  } else if (dots > 1) grp = '.';
  else if (commas > 1) grp = ',';
  else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const [before, after] = s.split(sep);
    const ambiguous = after.length === 3 && before.length >= 1 && before.length <= 3 && !/^0+$/.test(before);
    if (ambiguous) {
      const langDec = lang === 'en' ? '.' : ',';
      if (sep === langDec) dec = sep;
      else grp = sep;
    } else dec = sep;
  }

  let [intPart, frac = ''] = dec ? s.split(dec) : [s, ''];
  if (grp) {
    if (intPart.includes(grp)) {
      if (!new RegExp(`^\\d{1,3}(\\${grp}\\d{3})+$`).test(intPart)) return { error: 'format' };
      intPart = intPart.split(grp).join('');
    }
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac)) return { error: 'format' };
  if (intPart === '' && frac === '') return { error: 'format' };
  if (intPart === '') intPart = '0';
  intPart = intPart.replace(/^0+(?=\d)/, '');
  if (intOnly && /[1-9]/.test(frac)) return { error: 'integer' };
  if (intOnly) frac = '';
  if (maxDecimals !== null && frac.length > maxDecimals) {
    // trailing zeros beyond the allowed decimals are harmless ("1,000" with 2 allowed is 1.00)
    if (/[1-9]/.test(frac.slice(maxDecimals))) return { error: 'decimals' };
    frac = frac.slice(0, maxDecimals);
  }
  const value = frac ? `${intPart}.${frac}` : intPart;
  parseDec(value); // sanity
  return { value };
}

/** A contract decimal for an input field in the current language: "1000000.00" -> "1.000.000,00". */
export function forInput(lang, s) {
  if (s === undefined || s === null || s === '') return '';
  return decimal(lang, String(s));
}
