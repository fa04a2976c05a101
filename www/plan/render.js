// The views of a plan response: the sentence for one Land, the tables (payers × years, the Land's
// services × years, services × years, the 2023/43 ceilings, the entries), warnings and sources.
// Built with ../core/dom.js: text only through textContent, never markup strings.

import { h } from '../core/dom.js';
import { money, integer } from '../core/format.js';
import { cmp } from '../core/decimal.js';
import { t } from './i18n.js';
import { yearsLabel, lineName, differenceText, ceilingStatus, abs } from './format.js';

/**
 * A table in a focusable scroll region (wide tables scroll sideways at 320 px; the region is
 * named by the caption). columns: [{ label, sub?, num? }]; rows: [{ head, cells: [text | Node], class? }].
 */
export function table({ id, caption, columns, rows, foot, part, cls = 'payers' }) {
  const th = (c) => h('th', { scope: 'col', class: c.num === false ? null : 'num' }, c.sub ? [h('span', { class: 'th-main', text: c.label }), ' ', h('span', { class: 'th-sub', text: c.sub })] : c.label);
  const tr = (r) => h('tr', { class: r.class }, h('th', { scope: 'row', text: r.head }), r.cells.map((c, i) => h('td', { class: columns[i + 1]?.num === false ? null : 'num' }, c)));
  const tbl = h(
    'table',
    { id, part, class: cls },
    h('caption', { id: `${id}-cap`, text: caption }),
    h('thead', {}, h('tr', {}, columns.map(th))),
    h('tbody', {}, rows.map(tr)),
    foot ? h('tfoot', {}, tr(foot)) : null,
  );
  return h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': `${id}-cap`, tabindex: '0' }, tbl);
}

/** Year columns, the total, and with a comparison its total and the difference (sign and word). */
function amountColumns(lang, res, hasCompare, compareName, first) {
  const cols = [{ label: first, num: false }, ...res.years.map((y) => ({ label: String(y) })), { label: t(lang, 'plan.colTotal') }];
  if (hasCompare) cols.push({ label: t(lang, 'plan.colCompare', { model: compareName }) }, { label: t(lang, 'plan.colDifference'), sub: t(lang, 'plan.colDifferenceSub') });
  return cols;
}

function amountCells(lang, res, row, hasCompare) {
  const cells = [...res.years.map((y) => money(lang, row.years[y])), money(lang, row.total)];
  if (hasCompare) cells.push(row.compare ? money(lang, row.compare.total) : '–', row.compare ? differenceText(lang, row.compare.difference) : '–');
  return cells;
}

/** "Hessen trägt 2025–2026 insgesamt 313.924,88 €; nur innerhalb der Allianzen wären es 485.615,44 € – 171.690,56 € weniger." */
export function landSentence({ lang, res, land, landName, compareId, compareName }) {
  const p = res.payers.find((x) => x.id === land);
  const zero = res.total.replace(/\d/g, '0');
  const total = p?.total ?? zero;
  let text = t(lang, 'plan.sentence', { land: landName, years: yearsLabel(res.years), total: money(lang, total) });
  const c = p?.compare ?? (res.payers.some((x) => x.compare) ? { total: zero, difference: total } : null);
  if (c) {
    text += t(lang, compareId === 'alliance' ? 'plan.sentenceAlliance' : 'plan.sentenceModel', { compare: money(lang, c.total), model: compareName });
    const d = cmp(c.difference, '0');
    text += t(lang, d < 0 ? 'plan.less' : d > 0 ? 'plan.more' : 'plan.same', { amount: money(lang, abs(c.difference)) });
  }
  return `${text}.`;
}

export function payersTable({ lang, res, payerName, compareName, sums, land }) {
  const hasCompare = res.payers.some((p) => p.compare);
  return table({
    id: 'plan-payers',
    part: 'payers-table',
    caption: t(lang, 'plan.payersCaption'),
    columns: amountColumns(lang, res, hasCompare, compareName, t(lang, 'plan.colPayer')),
    rows: res.payers.map((p) => ({ head: payerName(p), cells: amountCells(lang, res, p, hasCompare), class: p.id === land ? 'highlight' : null })),
    foot: { head: t(lang, 'plan.sumRow'), cells: amountCells(lang, res, sums, hasCompare) },
  });
}

/** Services × years: the total costs (res.services), or one Land's share (payerServices rows). */
export function servicesTable({ lang, res, rows, sums, compareName, id, caption, part }) {
  const hasCompare = rows.some((r) => r.compare);
  return table({
    id,
    part,
    caption,
    columns: amountColumns(lang, res, hasCompare, compareName, t(lang, 'plan.colService')),
    rows: rows.map((r) => ({ head: r.service, cells: amountCells(lang, res, r, hasCompare) })),
    foot: { head: t(lang, 'plan.sumRow'), cells: amountCells(lang, res, sums, hasCompare) },
  });
}

export function ceilingsTable({ lang, res }) {
  if (!res.lines?.length) return null;
  const columns = [{ label: t(lang, 'plan.colLine'), num: false }, { label: t(lang, 'plan.colYear') }, { label: t(lang, 'plan.colAmount') }, { label: t(lang, 'plan.colCeiling') }, { label: t(lang, 'plan.colStatus'), num: false }];
  const rows = res.lines.map((l) => ({
    head: lineName(lang, l.line),
    class: l.exceeded ? 'exceeded' : null,
    // the status in words (and a sign that is not a colour): "⚠ überschritten um …"
    cells: [String(l.year), money(lang, l.amount), money(lang, l.ceiling), h('span', { class: l.exceeded ? 'status-exceeded' : 'status-ok' }, h('span', { 'aria-hidden': 'true', text: l.exceeded ? '⚠ ' : '✓ ' }), ceilingStatus(lang, l))],
  }));
  return h(
    'section',
    { class: 'ceilings', 'aria-labelledby': 'plan-lines-cap' },
    table({ id: 'plan-lines', part: 'ceilings-table', caption: t(lang, 'plan.ceilingsCaption'), columns, rows, cls: 'lines' }),
    h('p', { class: 'note', text: t(lang, 'plan.ceilingsNote') }),
  );
}

/**
 * The entries, each with a button that opens it in <efa-rechner> when its request is known.
 * onOpen(index) is called on a click.
 */
export function entriesTable({ lang, res, land, landName, canOpen, onOpen }) {
  const columns = [{ label: t(lang, 'plan.colIndex'), num: false }, { label: t(lang, 'plan.colService'), num: false }, { label: t(lang, 'plan.colLine'), num: false }, { label: t(lang, 'plan.colYear') }, { label: t(lang, 'plan.colEntryTotal') }];
  if (land) columns.push({ label: landName });
  columns.push({ label: t(lang, 'plan.colOpen'), num: false });
  const rows = res.entries.map((e) => {
    const n = e.index + 1;
    const cells = [e.service, lineName(lang, e.line), String(e.year), money(lang, e.total)];
    if (land) cells.push(money(lang, e.payers.find((p) => p.id === land)?.amount ?? e.total.replace(/\d/g, '0')));
    if (canOpen(e.index)) {
      const b = h('button', { type: 'button', class: 'secondary small', 'data-entry': String(e.index) }, t(lang, 'plan.open'), h('span', { class: 'visually-hidden', text: ` ${t(lang, 'plan.openLabel', { n, service: e.service, year: e.year })}` }));
      b.addEventListener('click', () => onOpen(e.index));
      cells.push(b);
    } else cells.push(h('span', { class: 'note', text: '–' }));
    return { head: integer(lang, n), cells };
  });
  return table({ id: 'plan-entries', part: 'entries-table', caption: t(lang, 'plan.entriesCaption'), columns, rows, cls: 'entries' });
}

export function warningsBox({ lang, res }) {
  if (!res.warnings?.length) return null;
  return h('div', { class: 'warnings' }, h('h4', { text: t(lang, 'plan.warningsHeading') }), h('ul', {}, res.warnings.map((w) => h('li', { text: `${w.message?.[lang] || w.message?.de || w.code}${w.path ? ` (${w.path})` : ''}` }))));
}

export function sourcesBox({ lang, res }) {
  const list = res.sources || [];
  if (!list.length) return null;
  return h('div', { class: 'sources' }, h('h4', { text: lang === 'en' ? 'Sources' : 'Quellen' }), h('ul', {}, list.map((s) => h('li', { text: [s.title || s.id, s.licence ? `${lang === 'en' ? 'licence' : 'Lizenz'}: ${s.licence}` : null].filter(Boolean).join(', ') }))));
}

export function summaryList({ lang, res, compareName }) {
  return h(
    'dl',
    { class: 'summary' },
    h('dt', { text: t(lang, 'plan.summaryTotal') }),
    h('dd', { text: money(lang, res.total) }),
    h('dt', { text: t(lang, 'plan.summaryYears') }),
    h('dd', { text: yearsLabel(res.years) }),
    h('dt', { text: t(lang, 'plan.summaryEntries') }),
    h('dd', { text: integer(lang, res.entries.length) }),
    compareName ? [h('dt', { text: t(lang, 'plan.summaryCompare') }), h('dd', { text: compareName })] : null,
  );
}
