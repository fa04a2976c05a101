// The Kommune table as CSV (German Excel or plain). Loaded with the Kommune table (kommunen.js),
// which a result with Kommunen always has, and by the export panel; not on the first result's path.

import { t } from '../i18n.js';
import { lines, num } from '../../core/csv.js';
import { perInhabitant } from './perhead.js';

export function kommunenCsv(res, names, variant = 'excel') {
  const k = res.kommunen;
  if (!k) return '';
  const lang = variant === 'excel' ? 'de' : names.lang;
  const L = (key, v) => t(lang, key, v);
  const rows = [['AGS', L('colName'), L('colPopulation'), L('csvAmount'), L('csvPerHead'), L('colExempt')]];
  for (const r of k.rows) rows.push([r.ags, r.name, String(r.population), num(r.amount, variant), num(perInhabitant(r.exempt ? '0' : r.amount, r.population) ?? '', variant), r.exempt ? '1' : '0']);
  return lines(rows, variant);
}
