// Formatting of the plan's figures, on top of the calculator's exact money formatting
// (../core/format.js): the years of a plan, the budget lines, and a difference told by its
// sign and in words (relief or extra burden), never by colour alone.

import { money } from '../core/format.js';
import { cmp, sub, isZero } from '../core/decimal.js';
import { t } from './i18n.js';

/** [2025, 2026] -> "2025–2026"; [2025] -> "2025"; [2025, 2027] -> "2025–2027". */
export function yearsLabel(years) {
  if (!years.length) return '';
  return years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
}

export function lineName(lang, line) {
  return line === 'fokus' ? t(lang, 'plan.lineFokus') : line === 'foederal' ? t(lang, 'plan.lineFoederal') : line ? String(line) : '–';
}

/** The word for a difference "plan minus comparison": negative is relief, positive extra burden. */
export function differenceWord(lang, diff) {
  const c = cmp(diff, '0');
  return t(lang, c < 0 ? 'plan.relief' : c > 0 ? 'plan.burden' : 'plan.noChange');
}

/** "-171.690,56 € (Entlastung)" / "+14.866,78 € (Mehrbelastung)" / "0,00 € (keine Änderung)". */
export function differenceText(lang, diff) {
  return t(lang, 'plan.diffCell', { amount: money(lang, diff, { signed: true }), word: differenceWord(lang, diff) });
}

/** The absolute value of a decimal string. */
export function abs(s) {
  return s.startsWith('-') ? s.slice(1) : s;
}

/** A ceiling row's status: "überschritten um 250.000,00 €" or "eingehalten, 800.000,00 € frei". */
export function ceilingStatus(lang, row) {
  const rest = sub(row.ceiling, row.amount);
  return row.exceeded ? t(lang, 'plan.exceeded', { amount: money(lang, abs(rest)) }) : t(lang, 'plan.within', { amount: money(lang, isZero(rest) ? rest : abs(rest)) });
}
