// One bar chart per year: what the Bund and each Land pay in that year, and with a comparison
// its amount as an outlined bar beneath. SVG built with DOM calls (no markup strings); the text
// alternative (<title>, <desc>) names every amount, and the table has the same figures.
// Number() is used for bar lengths only; every amount shown is the exact decimal string.

import { h, s } from '../core/dom.js';
import { money } from '../core/format.js';
import { t } from './i18n.js';

const ROW = 30; // height of a label line
const BAR = 14;

export function renderYearCharts({ lang, res, payerName, compareName, idPrefix = 'chart' }) {
  const hasCompare = res.payers.some((p) => p.compare);
  const max = Math.max(0, ...res.payers.flatMap((p) => res.years.map((y) => Math.max(Number(p.years[y]), hasCompare ? Number(p.compare?.years?.[y] ?? 0) : 0))));
  const pct = (v) => (max > 0 ? ((Number(v) / max) * 100).toFixed(3) : '0');
  const figures = res.years.map((year) => {
    const id = `${idPrefix}-${year}`;
    const rowH = ROW + BAR + (hasCompare ? BAR + 2 : 0) + 8;
    const svg = s('svg', { class: 'chart', part: 'chart-svg', role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`, height: res.payers.length * rowH, width: '100%' });
    const desc = res.payers.map((p) => {
      const c = hasCompare ? ` ${t(lang, 'plan.chartCompare', { amount: money(lang, p.compare?.years?.[year] ?? '0') })}` : '';
      return `${payerName(p)}: ${money(lang, p.years[year])}${c}`;
    });
    svg.append(s('title', { id: `${id}-title`, text: t(lang, 'plan.chartCaption', { year }) }), s('desc', { id: `${id}-desc`, text: `${t(lang, 'plan.chartDesc')} ${desc.join('; ')}.` }));
    res.payers.forEach((p, i) => {
      const y0 = i * rowH;
      const bund = p.kind === 'bund';
      const g = s('g', { class: bund ? 'row bund' : 'row land' });
      g.append(
        s('text', { x: 0, y: y0 + 20, text: payerName(p) }),
        s('text', { x: '100%', y: y0 + 20, 'text-anchor': 'end', text: money(lang, p.years[year]) }),
        s('rect', { class: 'track', x: 0, y: y0 + ROW, width: '100%', height: BAR }),
        s('rect', { class: bund ? 'bar-bund' : 'bar-land', x: 0, y: y0 + ROW, width: `${pct(p.years[year])}%`, height: BAR }),
      );
      if (hasCompare) {
        const v = p.compare?.years?.[year] ?? '0';
        // outlined (its stroke also marks a zero comparison as a thin line)
        g.append(s('rect', { class: 'bar-compare', x: 1, y: y0 + ROW + BAR + 2, width: `${pct(v)}%`, height: BAR - 2 }));
      }
      svg.append(g);
    });
    const swatch = (cls, text) => h('li', {}, s('svg', { class: 'swatch', width: 14, height: 14, 'aria-hidden': 'true', focusable: 'false' }, s('rect', { class: cls, x: 1, y: 1, width: 12, height: 12 })), text);
    const legend = h(
      'ul',
      { class: 'legend' },
      swatch('bar-land', t(lang, 'plan.legendLaender')),
      res.payers.some((p) => p.kind === 'bund') ? swatch('bar-bund', t(lang, 'plan.legendBund')) : null,
      hasCompare ? swatch('bar-compare', t(lang, 'plan.legendCompare', { model: compareName })) : null,
    );
    return h('figure', { part: 'chart', class: 'year-chart' }, h('figcaption', { text: t(lang, 'plan.chartCaption', { year }) }), svg, legend);
  });
  return h('section', { class: 'charts', 'aria-labelledby': `${idPrefix}-h` }, h('h3', { id: `${idPrefix}-h`, text: t(lang, 'plan.chartsHeading') }), figures);
}
