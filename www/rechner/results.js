// The results: summary, the payer table with tranche breakdown, a table by cost category,
// the SVG bar chart with its text alternative, the explanation in words (its sentences come from
// explain.js, loaded on demand), notes and sources.

import { h, s } from '../core/dom.js';
import { t } from './i18n.js';
import { money, decimal, share as fmtShare, date as fmtDate } from '../core/format.js';
import { sum, percentOf, isZero } from '../core/decimal.js';
import { breakdown, trancheColumns } from './breakdown.js';
import { parts, loadPart } from './parts.js';
import { adoptStyles } from '../core/styles.js';

function payerTable({ lang, names, res, caption, columns, part, id }) {
  const zero = res.total.includes('.') ? `0.${'0'.repeat(res.total.split('.')[1].length)}` : '0';
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col', text: t(lang, 'colPayer') }),
    columns.map((c) => h('th', { scope: 'col', class: 'num' }, c.sub ? [h('span', { class: 'th-main', text: c.main }), ' ', h('span', { class: 'th-sub', text: c.sub })] : c.label)),
  );
  const rows = res.payers.map((p) =>
    h('tr', {}, h('th', { scope: 'row', text: names.payer(p) }), columns.map((c) => h('td', { class: 'num', text: c.cell(p) ?? money(lang, zero) }))),
  );
  const foot = h('tr', {}, h('th', { scope: 'row', text: t(lang, 'sumRow') }), columns.map((c) => h('td', { class: 'num', text: c.foot ?? '' })));
  const table = h('table', { part, id, class: 'payers' }, h('caption', { id: `${id}-cap`, text: caption }), h('thead', {}, head), h('tbody', {}, rows), h('tfoot', {}, foot));
  return h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': `${id}-cap`, tabindex: '0' }, table);
}

export function renderResults({ lang, names, res, service }) {
  const L = (k, v) => t(lang, k, v);
  const out = [];
  const { byPayer } = breakdown(res);

  // Summary
  const keyIds = [...new Set(res.tranches.filter((tr) => tr.key && tr.payers !== 'bund').map((tr) => tr.key))];
  const periods = res.periods || [];
  out.push(
    h(
      'dl',
      { class: 'summary' },
      h('dt', { text: L('summaryTotal') }),
      h('dd', { text: money(lang, res.total) }),
      h('dt', { text: L('summaryYear') }),
      h('dd', { text: String(res.year) }),
      h('dt', { text: L('summaryModel') }),
      h('dd', { text: [...new Set(res.items.map((i) => names.model(i.model)))].join('; ') }),
      h('dt', { text: L('summaryKey') }),
      h('dd', { text: keyIds.map((k) => names.key(k)).join('; ') || names.key(res.key?.id) }),
      periods.length > 1 ? [h('dt', { text: L('summaryPeriods') }), h('dd', { text: periods.map((p) => `${fmtDate(lang, p.from)} – ${fmtDate(lang, p.to)}`).join('; ') })] : null,
    ),
  );

  // Payer table with share and tranche breakdown
  const tcols = trancheColumns(res, names);
  const columns = [
    { label: L('colAmount'), cell: (p) => money(lang, p.amount), foot: money(lang, res.total) },
    { label: L('colShare'), cell: (p) => fmtPct(lang, percentOf(p.amount, res.total, 2)), foot: fmtPct(lang, isZero(res.total) ? '0.00' : '100.00') },
    ...(tcols.length > 1
      ? tcols.map((c) => ({ label: c.label, main: c.main, sub: c.sub, cell: (p) => (byPayer.get(p.id).tranche.has(c.idx) ? money(lang, byPayer.get(p.id).tranche.get(c.idx)) : '–'), foot: money(lang, c.total) }))
      : []),
  ];
  const caption = service ? L('tableCaptionService', { year: res.year, service }) : L('tableCaption', { year: res.year });
  out.push(payerTable({ lang, names, res, caption, columns, part: 'results-table', id: 'payers' }));

  // By cost category
  if (res.items.length > 1) {
    const icolumns = res.items.map((it) => ({
      label: names.category(it.category),
      cell: (p) => (byPayer.get(p.id).item.has(it.index) ? money(lang, byPayer.get(p.id).item.get(it.index)) : '–'),
      foot: money(lang, it.amount),
    }));
    icolumns.push({ label: L('colAmount'), cell: (p) => money(lang, p.amount), foot: money(lang, res.total) });
    const capI = lang === 'en' ? `By cost category, ${res.year}` : `Nach Kostenkategorien ${res.year}`;
    out.push(payerTable({ lang, names, res, caption: capI, columns: icolumns, part: 'category-table', id: 'items' }));
  }

  out.push(renderChart({ lang, names, res }));
  out.push(renderExplanation({ lang, names, res }));

  if (res.warnings && res.warnings.length) {
    out.push(h('div', { class: 'warnings' }, h('h4', { text: L('warningsHeading') }), h('ul', {}, res.warnings.map((w) => h('li', { text: w.message?.[lang] || w.message?.de || w.code })))));
  }
  return out;
}

export function fmtPct(lang, pp) {
  return lang === 'en' ? `${decimal(lang, pp)}%` : `${decimal(lang, pp)} %`;
}

export function renderChart({ lang, names, res }) {
  const L = (k, v) => t(lang, k, v);
  const rowH = 46;
  const payers = res.payers;
  const max = Math.max(...payers.map((p) => Number(p.amount)), 0); // bar lengths only
  const height = payers.length * rowH + 4;
  const svg = s('svg', { class: 'chart', part: 'chart-svg', role: 'img', 'aria-labelledby': 'chart-title chart-desc', height, width: '100%' });
  svg.append(
    s('title', { id: 'chart-title', text: L('chartTitle') }),
    s('desc', { id: 'chart-desc', text: `${L('chartDesc')} ${payers.map((p) => `${names.payer(p)}: ${money(lang, p.amount)}`).join('; ')}.` }),
  );
  payers.forEach((p, i) => {
    const y = i * rowH;
    const pct = max > 0 ? (Number(p.amount) / max) * 100 : 0;
    const g = s('g', { class: p.kind === 'bund' ? 'row bund' : 'row land' });
    g.append(
      s('text', { x: 0, y: y + 17, text: names.payer(p) }),
      s('text', { x: '100%', y: y + 17, 'text-anchor': 'end', text: money(lang, p.amount) }),
      s('rect', { class: 'track', x: 0, y: y + 24, width: '100%', height: 14 }),
      s('rect', { class: p.kind === 'bund' ? 'bar-bund' : 'bar-land', x: 0, y: y + 24, width: `${pct.toFixed(3)}%`, height: 14 }),
    );
    svg.append(g);
  });
  const legendSvgWrap = (cls, text) => {
    const wrap = s('svg', { class: 'swatch', width: 14, height: 14, 'aria-hidden': 'true', focusable: 'false' }, s('rect', { class: cls, width: 14, height: 14 }));
    return h('li', {}, wrap, text);
  };
  const legend = h('ul', { class: 'legend' }, legendSvgWrap('bar-land', 'Länder'), payers.some((p) => p.kind === 'bund') ? legendSvgWrap('bar-bund', L('bund')) : null);
  return h('figure', { part: 'chart' }, h('figcaption', { text: L('chartTitle') }), svg, legend);
}

// The explanation is long (a sentence for every part of every payer) and starts closed, so its
// sentences (explain.js, loaded on demand) are built once the first result has been shown:
// fillDeferred() does it, and so does opening it.
const deferred = new WeakMap(); // details element -> fill()

/** Builds the deferred contents below `root` (after a result is shown, before printing). */
export function fillDeferred(root) {
  for (const d of root.querySelectorAll('details')) deferred.get(d)?.();
}

export function renderExplanation({ lang, names, res }) {
  const list = h('ul', {});
  const summary = h('summary', { text: t(lang, 'explainSummary') });
  const details = h('details', { class: 'explain' }, summary, h('div', { class: 'details-body' }, list));
  const fill = () => {
    if (!deferred.delete(details)) return;
    const build = (m) => {
      const root = list.getRootNode(); // the shadow root (unless a newer result replaced this one)
      if (root.adoptedStyleSheets) adoptStyles(root, m.CSS);
      list.append(...m.explanationItems({ lang, names, res }));
    };
    if (parts.explain) build(parts.explain); // (the usual case: fetched while the engine loaded)
    else loadPart('explain').then(build, () => list.append(h('li', { text: t(lang, 'loadFailed', { message: 'explain.js' }) })));
  };
  deferred.set(details, fill);
  summary.addEventListener('click', fill); // before it opens (also for Enter and Space)
  details.addEventListener('toggle', fill); // opened some other way
  return details;
}

/** The sources block as a list of nodes (none without sources). */
export function renderSources({ lang, res, extra = [] }) {
  const L = (k, v) => t(lang, k, v);
  const list = [...(res.sources || []), ...extra];
  return list.length ? [h(
    'div',
    { class: 'sources' },
    h('h4', { text: L('sourcesHeading') }),
    h(
      'ul',
      {},
      list.map((src) => {
        const bits = [src.title || src.id];
        if (src.referenceDate) bits.push(lang === 'en' ? `as of ${fmtDate(lang, src.referenceDate)}` : `Stand ${fmtDate(lang, src.referenceDate)}`);
        if (src.licence) bits.push(lang === 'en' ? `licence: ${src.licence}` : `Lizenz: ${src.licence}`);
        return h('li', { text: bits.join(', ') });
      }),
    ),
  )] : [];
}
