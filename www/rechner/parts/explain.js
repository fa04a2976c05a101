// The explanation in words: one sentence for every part of every payer. Loaded on demand (the
// explanation starts closed; see renderExplanation in results.js).

import { h } from '../../core/dom.js';
import { t } from '../i18n.js';
import './i18n.js'; // the parts' texts
import { money, decimal, share as fmtShare, date as fmtDate } from '../../core/format.js';
import { sum } from '../../core/decimal.js';

/** This part's styles (adopted by results.js when it fills the list). */
export const CSS = String.raw`
.explain ul { margin: 0; padding-inline-start: 1.25rem; }
.explain li { margin: 0 0 .5rem; }
.explain li p { margin: 0; }
`;

export function explanationItems({ lang, names, res }) {
  const L = (k, v) => t(lang, k, v);
  // amount of each tranche in each item and period: the sum over all payers' parts
  const groupAmount = new Map();
  for (const p of res.payers) for (const part of p.parts || []) {
    const k = `${part.item}|${part.period}|${part.tranche}`;
    groupAmount.set(k, [...(groupAmount.get(k) || []), part.amount]);
  }
  const periods = res.periods || [];
  const multiItem = res.items.length > 1;
  const multiPeriod = periods.length > 1;
  const items = res.payers.map((p) => {
    const sentences = (p.parts || []).map((part) => {
      const tr = res.tranches.find((x) => x.item === part.item && x.index === part.tranche) || {};
      let prefix = '';
      if (multiItem) prefix += L('itemPrefix', { category: names.category(part.category) });
      if (multiPeriod) {
        const per = periods[part.period];
        if (per) prefix += L('periodPrefix', { from: fmtDate(lang, per.from), to: fmtDate(lang, per.to) });
      }
      const trancheAmount = money(lang, sum(groupAmount.get(`${part.item}|${part.period}|${part.tranche}`) || ['0']));
      if (p.kind === 'bund' || tr.payers === 'bund') {
        return L('explainBund', { prefix, share: fmtShare(lang, tr.share ?? '0'), trancheAmount, amount: money(lang, part.amount) });
      }
      const group = tr.payers === 'alliance' ? L('groupAlliance') : tr.payers === 'all' ? L('groupAll') : L('groupList', { list: Array.isArray(tr.payers) ? tr.payers.join(', ') : '' });
      return L('explainLand', {
        prefix,
        name: names.payer(p),
        weight: decimal(lang, part.weight),
        groupWeight: decimal(lang, part.groupWeight),
        group,
        share: fmtShare(lang, tr.share ?? '0'),
        trancheAmount,
        byKey: L('byKey', { key: names.key(tr.key ?? res.key?.id) }),
        amount: money(lang, part.amount),
      });
    });
    return h('li', {}, h('strong', { text: `${names.payer(p)}: ${money(lang, p.amount)}` }), h('ul', {}, sentences.map((x) => h('li', {}, h('p', { text: x })))));
  });
  return items;
}
