// The Kommune table: thousands of rows with search (name or AGS), sorting and paging. Fast on a
// phone (issue 12):
// - the engine hands the table over as columns (`kommunen.format: "columns"`): amounts as integer
//   units, AGS/name/population as arrays made once per data set; decimal strings are made only
//   for the rows on the page (the response's contract rows are made on first read, withRows);
// - what depends only on the data set (folded names for search, orders by name and population)
//   is computed once per data set, on first use, and kept while the data set lives;
// - the section is built once; a new result updates texts and the visible rows' cells in place
//   (only the cells whose text changed), so focus, scroll position and the search field survive;
// - at most one page of rows (≤ 250) is in the DOM, however long the list; the table says how
//   many rows there are and where each shown row is (aria-rowcount, aria-rowindex).

import { h } from '../../core/dom.js';
import { t } from '../i18n.js';
import './i18n.js'; // the parts' texts
import { money, integer, share as fmtShare, date as fmtDate } from '../../core/format.js';
import { tn } from '../../core/plural.js';
import { Finder } from './find.js';
import { perInhabitant } from './perhead.js';

export { kommunenCsv } from './kommunen-csv.js'; // (toCSV: the part is there whenever a result has Kommunen)

/** This part's styles (adopted into the element's shadow root with adoptStyles). */
export { CSS as LATER_CSS } from '../../core/styles-later.js'; // panels, secondary buttons
export const CSS = String.raw`
th button.sort { background: none; border: 0; box-shadow: none; color: var(--_link); padding: .125rem 0; min-height: 0; font-weight: 700; text-decoration: underline; text-underline-offset: .15em; display: inline-flex; gap: .25rem; text-align: inherit; }
th button.sort:active { transform: none; }
.sort-icon { text-decoration: none; display: inline-block; min-width: 1ch; }
.pager { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 0 0 1rem; }
.pager .page-info { margin: 0 .5rem; }
.tools { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: flex-end; margin: 0 0 1rem; }
.tools > div { min-width: 0; }
.tools select { min-width: 6rem; }
.find { margin: 0 0 1rem; }
.find input { max-width: 24rem; }
.find-answer { font-weight: 700; min-height: 1.5em; margin: .5rem 0 0; }
/* The rows, while below the fold, skip layout and paint until they near the viewport: a form
   change then costs about a quarter less at 4x CPU (docs/performance.md). They stay in the DOM, so
   in the accessibility tree, the tab order and find-in-page; only innerText reads '' while they
   are skipped. On the scroll box, which clips anyway: a focus ring within is cut as before, none
   outside. The height is the box's with 50 rows at 1280 px, kept ("auto") once it was shown. */
.kommunen .table-scroll { content-visibility: auto; contain-intrinsic-block-size: auto 1920px; }
@media print { .kommunen .table-scroll { content-visibility: visible; } }
`;

/** Euro per inhabitant of row i of a table (exact, perhead.js), or null without inhabitants. */
const perHead = (tab, i) => perInhabitant(tab.exempt(i) ? '0' : tab.amount(i), tab.population[i]);
/** The same as an integer of 1/10,000 euro, for sorting (-1 without inhabitants). */
function perHeadKey(tab, i) {
  const v = perHead(tab, i);
  if (v === null) return -1n;
  const [int, frac = ''] = v.split('.');
  return BigInt(int + frac.padEnd(4, '0'));
}

const cmpDec = (a, b) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);
const fold = (x) => String(x).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Integer units of `unit` (`"0.01"`) as a decimal string: 123456n → "1234.56". */
export function unitsToDecimal(units, unit) {
  const u = String(unit);
  const dot = u.indexOf('.');
  const scale = dot < 0 ? 0 : u.length - dot - 1;
  const digits = (BigInt(units) * BigInt(u.replace('.', ''))).toString().padStart(scale + 1, '0');
  return scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
}

/**
 * Gives a response whose Kommunen came as columns its contract rows too: `kommunen.rows` is made
 * on first read (element users, CSV, JSON see the contract's rows), `columns` stays as a
 * non-enumerable property for the table. Returns `res`.
 */
export function withRows(res) {
  const k = res?.kommunen;
  const c = k?.columns;
  if (!c || k.rows) return res;
  let rows = null;
  Object.defineProperty(k, 'columns', { value: c, enumerable: false, configurable: true, writable: true });
  Object.defineProperty(k, 'rows', {
    enumerable: true,
    configurable: true,
    get: () =>
      (rows ||= Array.from(c.name, (name, i) => ({ ags: c.ags[i], name, population: c.population[i], amount: unitsToDecimal(c.amount[i], res.unit), exempt: !!c.exempt[i] }))),
    set: (v) => Object.defineProperty(k, 'rows', { value: v, enumerable: true, configurable: true, writable: true }),
  });
  return res;
}

/**
 * The table of a `kommunen` block as columns, whatever form it came in: `ags`, `name`,
 * `population` (shared per data set when the engine gave columns), `amount(i)` (a decimal
 * string), `cmp(i, j)` (by amount) and `exempt(i)`.
 */
function table(k, unit) {
  const c = k.columns;
  if (c) {
    const a = c.amount;
    return { ags: c.ags, name: c.name, population: c.population, amount: (i) => unitsToDecimal(a[i], unit), cmp: (i, j) => (a[i] < a[j] ? -1 : a[i] > a[j] ? 1 : 0), exempt: (i) => c.exempt[i] === 1 };
  }
  // rows (a request that asked for them): columns made here, amounts as decimal strings
  const rows = k.rows || [];
  const amounts = rows.map((r) => r.amount);
  return {
    ags: rows.map((r) => r.ags),
    name: rows.map((r) => r.name),
    population: rows.map((r) => r.population),
    amount: (i) => amounts[i],
    // (one response's amounts all have the unit's decimals: longer is larger, else by digits)
    cmp: (i, j) => cmpDec(amounts[i], amounts[j]),
    exempt: (i) => !!rows[i].exempt,
  };
}

// What depends only on the data set, by its (frozen, shared) name array; computed on first use.
const perDataSet = new WeakMap();
function cacheOf(tab) {
  let c = perDataSet.get(tab.name);
  if (!c) perDataSet.set(tab.name, (c = {}));
  return c;
}
const indices = (n) => Uint32Array.from({ length: n }, (_, i) => i);
/** Indices ordered by `cmp` in direction `dir`; ties by ascending AGS (the data set's order). */
const orderBy = (n, dir, cmp) => indices(n).sort((a, b) => dir * cmp(a, b) || a - b);

export class KommunenView {
  constructor() {
    this.query = '';
    this.sort = { key: 'ags', dir: 1 };
    this.page = 0;
    this.pageSize = 50;
    this.root = null;
    this.timer = null;
    this.finder = new Finder(); // "what does my Kommune pay?" (find.js)
  }

  /**
   * Shows a response's `kommunen` block (`unit`: the response's rounding unit). Builds the section
   * the first time (and after a language change); afterwards it updates what changed in place.
   * Returns the section.
   */
  render({ lang, names, k, unit = '0.01', ids }) {
    if (!this.root || this.lang !== lang || this.ids !== ids) this.build(lang, ids);
    this.names = names;
    this.k = k;
    this.tab = table(k, unit);
    this.amountOrder = null;
    this.landName = names.land(k.land);
    this.summarise();
    this.update();
    const f = this.finder.render({ lang, k, tab: this.tab, ids });
    if (f.parentNode !== this.findBox) this.findBox.replaceChildren(f);
    return this.root;
  }

  build(lang, ids) {
    this.lang = lang;
    this.ids = ids;
    const L = (key, v) => t(lang, key, v);
    this.heading = h('h3', { id: `${ids}-h` });
    this.pSummary = h('p', {});
    this.pExempt = h('p', {});
    this.pStand = h('p', { class: 'note' });

    this.search = h('input', { type: 'search', id: `${ids}-search`, autocomplete: 'off', spellcheck: 'false', value: this.query });
    this.search.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.query = this.search.value;
        this.page = 0;
        this.update();
      }, 150);
    });
    this.sizeSel = h('select', { id: `${ids}-size` }, [25, 50, 100, 250].map((n) => h('option', { value: String(n), text: integer(lang, n), selected: n === this.pageSize })));
    this.sizeSel.addEventListener('change', () => {
      this.pageSize = Number(this.sizeSel.value);
      this.page = 0;
      this.update();
    });
    this.count = h('p', { class: 'note', id: `${ids}-count`, role: 'status' });
    const tools = h(
      'div',
      { class: 'tools' },
      h('div', {}, h('label', { for: `${ids}-search`, text: L('searchLabel') }), this.search),
      h('div', {}, h('label', { for: `${ids}-size`, text: L('pageSize') }), this.sizeSel),
    );

    const cols = [
      ['ags', L('colAgs'), false],
      ['name', L('colName'), false],
      ['population', L('colPopulation'), true],
      ['amount', L('colAmount'), true],
      ['perHead', L('colPerHead'), true],
    ];
    this.ths = {};
    const head = h(
      'tr',
      { 'aria-rowindex': '1' },
      cols.map(([key, label, num]) => {
        const icon = h('span', { class: 'sort-icon', 'aria-hidden': 'true' });
        const btn = h('button', { type: 'button', class: 'sort' }, h('span', { text: label }), icon);
        btn.addEventListener('click', () => {
          this.sort = { key, dir: this.sort.key === key ? -this.sort.dir : num ? -1 : 1 };
          this.page = 0;
          this.update();
        });
        const th = h('th', { scope: 'col', class: num ? 'num' : '' }, btn);
        this.ths[key] = { th, icon };
        return th;
      }),
      h('th', { scope: 'col', text: L('colExempt') }),
    );
    this.caption = h('caption', { id: `${ids}-cap` });
    this.tbody = h('tbody', {});
    this.trs = []; // the row elements, reused from update to update
    this.table = h('table', { part: 'kommunen-table' }, this.caption, h('thead', {}, head), this.tbody);
    const scroll = h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': `${ids}-cap`, tabindex: '0' }, this.table);

    const btn = (key, fn) => {
      const b = h('button', { type: 'button', class: 'secondary', text: L(key) });
      b.addEventListener('click', () => {
        if (b.getAttribute('aria-disabled') === 'true') return;
        fn();
        this.update();
      });
      return b;
    };
    this.bFirst = btn('pageFirst', () => (this.page = 0));
    this.bPrev = btn('pagePrev', () => (this.page = Math.max(0, this.page - 1)));
    this.bNext = btn('pageNext', () => (this.page = this.page + 1));
    this.bLast = btn('pageLast', () => (this.page = Number.MAX_SAFE_INTEGER));
    this.pageInfo = h('span', { class: 'page-info' });
    const pager = h('div', { class: 'pager' }, this.bFirst, this.bPrev, this.pageInfo, this.bNext, this.bLast);

    this.root = h('section', { class: 'panel kommunen', 'aria-labelledby': `${ids}-h` }, this.heading, this.pSummary, this.pExempt, this.pStand, (this.findBox = h('div', {})), tools, this.count, scroll, pager);
  }

  /** The texts above the table. */
  summarise() {
    const { lang, k, tab } = this;
    const L = (key, v) => t(lang, key, v);
    const n = tab.name.length;
    let exempt = 0;
    for (let i = 0; i < n; i++) if (tab.exempt(i)) exempt++;
    // landAmount - landKeeps, exactly
    const sc = (k.landAmount.split('.')[1] || '').length;
    const rest = unitsToDecimal(BigInt(k.landAmount.replace('.', '')) - BigInt(k.landKeeps.replace('.', '')), sc ? `0.${'1'.padStart(sc, '0')}` : '1');
    setText(this.heading, L('kommunenHeading', { land: this.landName }));
    setText(
      this.pSummary,
      L('kommunenSummary', {
        land: this.landName,
        landAmount: money(lang, k.landAmount),
        share: fmtShare(lang, k.landShare ?? '0'),
        landKeeps: money(lang, k.landKeeps),
        rest: money(lang, rest),
        key: k.key === 'equal' ? L('keyByEqual') : L('keyByPopulation'),
        count: integer(lang, n - exempt),
        levelName: k.level === 'gemeinde' ? L('levelGemeindePlural') : L('levelKreisPlural'),
      }),
    );
    const showExempt = exempt > 0 && Number(k.exemptBelow) > 0;
    this.pExempt.hidden = !showExempt;
    setText(this.pExempt, showExempt ? tn(lang, 'kommunenExempt', exempt, { threshold: integer(lang, Number(k.exemptBelow)) }) : '');
    setText(this.pStand, L('kommunenStand', { date: k.gebietsstand ? fmtDate(lang, k.gebietsstand) : '–', source: typeof k.source === 'object' ? k.source?.title || k.source?.id || '' : k.source || '' }));
  }

  /** The rows in view order: indices into the table, filtered by the search and sorted. */
  order() {
    const { tab } = this;
    const n = tab.name.length;
    const cache = cacheOf(tab);
    const { key, dir } = this.sort;
    const by = `${key}${dir}`;
    let order;
    if (key === 'amount') order = (this.amountOrder ||= {})[by] ||= orderBy(n, dir, tab.cmp);
    else if (key === 'perHead') {
      const keys = ((this.amountOrder ||= {}).perHeadKeys ||= Array.from({ length: n }, (_, i) => perHeadKey(tab, i)));
      order = this.amountOrder[by] ||= orderBy(n, dir, (a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    }
    else if (key === 'ags' && dir > 0) order = cache[by] ||= indices(n);
    else {
      const cmp = key === 'name' ? ((c) => (a, b) => c.compare(tab.name[a], tab.name[b]))(new Intl.Collator('de')) : key === 'population' ? (a, b) => tab.population[a] - tab.population[b] : (a, b) => a - b;
      order = cache[by] ||= orderBy(n, dir, cmp);
    }
    const q = fold(this.query.trim());
    if (q) {
      const folded = (cache.folded ||= Array.from(tab.name, fold));
      order = order.filter((i) => folded[i].includes(q) || tab.ags[i].includes(q));
    }
    return order;
  }

  update() {
    if (!this.tab) return;
    const { lang, tab } = this;
    const L = (key, v) => t(lang, key, v);
    const order = this.order();
    const total = order.length;
    const pages = Math.max(1, Math.ceil(total / this.pageSize));
    this.page = Math.min(Math.max(0, this.page), pages - 1);
    const start = this.page * this.pageSize;
    const shown = Math.max(0, Math.min(this.pageSize, total - start));
    const zero = money(lang, '0');
    const yes = L('exemptYes');
    // one <tr> per shown row, reused; only cells whose text changed are written
    while (this.trs.length < shown) {
      const tr = h('tr', {}, h('td', {}), h('th', { scope: 'row' }), h('td', { class: 'num' }), h('td', { class: 'num' }), h('td', { class: 'num' }), h('td', {}));
      this.trs.push(tr);
    }
    for (let j = 0; j < shown; j++) {
      const p = start + j;
      const i = order[p];
      const tr = this.trs[j];
      const [cAgs, cName, cPop, cAmount, cPerHead, cExempt] = tr.children;
      const exempt = tab.exempt(i);
      setText(cAgs, tab.ags[i]);
      setText(cName, tab.name[i]);
      setText(cPop, integer(lang, tab.population[i]));
      setText(cAmount, exempt ? zero : money(lang, tab.amount(i)));
      const per = perHead(tab, i);
      setText(cPerHead, per === null ? '–' : money(lang, per));
      setText(cExempt, exempt ? yes : '');
      setAttr(tr, 'aria-rowindex', String(p + 2));
      if (tr.parentNode !== this.tbody || tr !== this.tbody.children[j]) this.tbody.append(tr);
    }
    while (this.tbody.children.length > shown) this.tbody.lastChild.remove();
    setAttr(this.table, 'aria-rowcount', String(total + 1));

    setText(
      this.caption,
      total
        ? L('kommunenCaption', { land: this.landName, from: integer(lang, start + 1), to: integer(lang, start + shown), count: integer(lang, total) })
        : L('kommunenCaptionNone', { land: this.landName }),
    );
    setText(this.count, tn(lang, 'filtered', total));
    setText(this.pageInfo, L('pageOf', { page: integer(lang, this.page + 1), pages: integer(lang, pages) }));
    // aria-disabled, not disabled: a focused button keeps focus when it stops applying
    for (const b of [this.bFirst, this.bPrev]) setAttr(b, 'aria-disabled', String(this.page === 0));
    for (const b of [this.bNext, this.bLast]) setAttr(b, 'aria-disabled', String(this.page >= pages - 1));
    for (const [key, { th, icon }] of Object.entries(this.ths)) {
      if (key === this.sort.key) {
        setAttr(th, 'aria-sort', this.sort.dir > 0 ? 'ascending' : 'descending');
        setText(icon, this.sort.dir > 0 ? '▲' : '▼');
      } else {
        th.removeAttribute('aria-sort');
        setText(icon, '');
      }
    }
  }
}

/** Writes a text or attribute only when it changes: an unchanged page costs no DOM work. */
function setText(el, text) {
  // (the last text written is kept on the node: reading textContent back costs as much as writing)
  if (el._text !== text) el.textContent = el._text = text;
}
function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
