// CSV (German Excel or plain; cells and lines are written by csv.js) and JSON exports (the
// element's toCSV() and toJSON(), so always loaded). The Kommune table's CSV is in
// kommunen-csv.js, with the Kommune table's part. The export panel with its download buttons
// is in panel.js, loaded on demand.

import { t } from './i18n.js';
import { percentOf } from '../core/decimal.js';
import { breakdown, trancheColumns } from './breakdown.js';
import { Names } from '../core/names.js';
import { lines, num } from '../core/csv.js';

/** The payer table as CSV. variant: "excel" (de, ";", decimal comma, BOM) or "plain". */
export function payersCsv(res, names, variant = 'excel') {
  const lang = variant === 'excel' ? 'de' : names.lang;
  const n = new Names(names.meta, lang);
  const L = (k, v) => t(lang, k, v);
  const tcols = trancheColumns(res, n);
  const { byPayer } = breakdown(res);
  const head = [L('csvPayerId'), L('colPayer'), L('csvKind'), 'AGS', L('csvAmount'), L('csvShare'), ...tcols.map((c) => `${c.label} (EUR)`)];
  const rows = [head];
  for (const p of res.payers) {
    rows.push([
      p.id,
      n.payer(p),
      p.kind === 'bund' ? L('csvKindBund') : L('csvKindLand'),
      p.ags || '',
      num(p.amount, variant),
      num(percentOf(p.amount, res.total, 4), variant),
      ...tcols.map((c) => num(byPayer.get(p.id).tranche.get(c.idx) ?? '', variant)),
    ]);
  }
  rows.push(['', L('sumRow'), '', '', num(res.total, variant), num('100.0000', variant), ...tcols.map((c) => num(c.total, variant))]);
  return lines(rows, variant);
}

export function resultJson(request, res) {
  return JSON.stringify({ request, response: res }, null, 2) + '\n';
}
