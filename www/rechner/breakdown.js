// What the payer tables and the CSV export both need from a response: the sums of each payer's
// parts by tranche and by item, and the tranche columns. Below results.js and export.js, so that
// neither reaches into the other.

import { t } from './i18n.js';
import { sum } from '../core/decimal.js';
import { share as fmtShare } from '../core/format.js';

/** Sums of a payer's parts, by tranche index and by item. */
export function breakdown(res) {
  const trancheIdx = [...new Set(res.tranches.map((tr) => tr.index))].sort((a, b) => a - b);
  const byPayer = new Map();
  for (const p of res.payers) {
    const tr = new Map();
    const it = new Map();
    for (const part of p.parts || []) {
      tr.set(part.tranche, [...(tr.get(part.tranche) || []), part.amount]);
      it.set(part.item, [...(it.get(part.item) || []), part.amount]);
    }
    byPayer.set(p.id, {
      tranche: new Map([...tr].map(([k, v]) => [k, sum(v)])),
      item: new Map([...it].map(([k, v]) => [k, sum(v)])),
    });
  }
  return { trancheIdx, byPayer };
}

/** Column headers for the tranches: a shared description when every item has the same one. */
export function trancheColumns(res, names) {
  const { trancheIdx } = breakdown(res);
  return trancheIdx.map((idx) => {
    const defs = res.tranches.filter((tr) => tr.index === idx);
    const labels = [...new Set(defs.map((d) => names.tranche(d)))];
    const total = sum(defs.map((d) => d.amount));
    const same = labels.length === 1;
    const d0 = defs[0];
    const main = same ? `${fmtShare(names.lang, d0.share)} ${names.payersGroup(d0.payers)}` : t(names.lang, 'colTranche', { n: idx + 1 });
    const sub = same && d0.payers !== 'bund' && d0.key ? t(names.lang, 'byKey', { key: names.key(d0.key) }) : '';
    return { idx, label: same ? labels[0] : main, main, sub, n: idx + 1, total };
  });
}
