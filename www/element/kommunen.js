// The Kommune table: thousands of rows with search (name or AGS), sorting and paging. Only one
// page of rows is in the DOM at a time; the header and the controls stay in place, so focus and
// scroll position survive every update.

import { h, clear } from './dom.js';
import { t, addStrings } from './i18n.js';
import partStrings from './i18n-parts.js';
import { money, integer, share as fmtShare, date as fmtDate } from './format.js';

addStrings(partStrings);

/** This part's styles (adopted into the element's shadow root with adoptStyles). */
export const CSS = String.raw`
th button.sort { background: none; border: 0; box-shadow: none; color: var(--_link); padding: .125rem 0; min-height: 0; font-weight: 700; text-decoration: underline; text-underline-offset: .15em; display: inline-flex; gap: .25rem; text-align: inherit; }
th button.sort:active { transform: none; }
.sort-icon { text-decoration: none; display: inline-block; min-width: 1ch; }
.pager { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 0 0 1rem; }
.pager .page-info { margin: 0 .5rem; }
.tools { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: flex-end; margin: 0 0 1rem; }
.tools > div { min-width: 0; }
.tools select { min-width: 6rem; }
`;

const fold = (x) => String(x).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const cmpDec = (a, b) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

export class KommunenView {
  constructor() {
    this.query = '';
    this.sort = { key: 'ags', dir: 1 };
    this.page = 0;
    this.pageSize = 50;
    this.root = null;
    this.timer = null;
  }

  /** Renders the whole section for a response's `kommunen` block. */
  render({ lang, names, k, ids }) {
    this.lang = lang;
    this.names = names;
    this.k = k;
    const L = (key, v) => t(lang, key, v);
    this.rows = k.rows.map((r) => ({ ...r, _name: fold(r.name) }));
    const landName = names.land(k.land);
    this.landName = landName;

    const payers = k.rows.filter((r) => !r.exempt).length;
    const exempt = k.rows.length - payers;
    const levelName = k.level === 'gemeinde' ? L('levelGemeindePlural') : L('levelKreisPlural');
    const restUnits = (() => {
      // landAmount - landKeeps, exactly
      const sc = (k.landAmount.split('.')[1] || '').length;
      const v = BigInt(k.landAmount.replace('.', '')) - BigInt(k.landKeeps.replace('.', ''));
      const str = v.toString().padStart(sc + 1, '0');
      return sc ? `${str.slice(0, -sc)}.${str.slice(-sc)}` : str;
    })();
    const summary = [
      h('p', {
        text: L('kommunenSummary', {
          land: landName,
          landAmount: money(lang, k.landAmount),
          share: fmtShare(lang, k.landShare ?? '0'),
          landKeeps: money(lang, k.landKeeps),
          rest: money(lang, restUnits),
          key: k.key === 'equal' ? L('keyByEqual') : L('keyByPopulation'),
          count: integer(lang, payers),
          levelName,
        }),
      }),
      exempt && Number(k.exemptBelow) > 0 ? h('p', { text: L('kommunenExempt', { n: integer(lang, exempt), threshold: integer(lang, Number(k.exemptBelow)) }) }) : null,
      h('p', { class: 'note', text: L('kommunenStand', { date: k.gebietsstand ? fmtDate(lang, k.gebietsstand) : '–', source: typeof k.source === 'object' ? k.source?.title || k.source?.id || '' : k.source || '' }) }),
    ];

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
    ];
    this.ths = {};
    const head = h(
      'tr',
      {},
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
    const table = h('table', { part: 'kommunen-table' }, this.caption, h('thead', {}, head), this.tbody);
    const scroll = h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': `${ids}-cap`, tabindex: '0' }, table);

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

    this.root = h('section', { class: 'panel kommunen', 'aria-labelledby': `${ids}-h` }, h('h3', { id: `${ids}-h`, text: L('kommunenHeading', { land: landName }) }), summary, tools, this.count, scroll, pager);
    this.update();
    return this.root;
  }

  filtered() {
    const q = fold(this.query.trim());
    let list = this.rows;
    if (q) list = list.filter((r) => r._name.includes(q) || r.ags.startsWith(q) || r.ags.includes(q));
    const { key, dir } = this.sort;
    const by = {
      ags: (a, b) => (a.ags < b.ags ? -1 : a.ags > b.ags ? 1 : 0),
      name: (a, b) => a.name.localeCompare(b.name, 'de'),
      population: (a, b) => a.population - b.population,
      amount: (a, b) => cmpDec(a.amount, b.amount),
    }[key];
    return [...list].sort((a, b) => dir * by(a, b) || (a.ags < b.ags ? -1 : 1));
  }

  update() {
    const L = (key, v) => t(this.lang, key, v);
    const list = this.filtered();
    this.list = list;
    const pages = Math.max(1, Math.ceil(list.length / this.pageSize));
    this.page = Math.min(Math.max(0, this.page), pages - 1);
    const start = this.page * this.pageSize;
    const slice = list.slice(start, start + this.pageSize);
    const zero = money(this.lang, '0');
    const frag = document.createDocumentFragment();
    for (const r of slice) {
      frag.append(
        h(
          'tr',
          {},
          h('td', { text: r.ags }),
          h('th', { scope: 'row', text: r.name }),
          h('td', { class: 'num', text: integer(this.lang, r.population) }),
          h('td', { class: 'num', text: r.exempt ? zero : money(this.lang, r.amount) }),
          h('td', { text: r.exempt ? L('exemptYes') : '' }),
        ),
      );
    }
    clear(this.tbody).append(frag);
    this.caption.textContent = list.length
      ? L('kommunenCaption', { land: this.landName, from: integer(this.lang, start + 1), to: integer(this.lang, start + slice.length), count: integer(this.lang, list.length) })
      : L('kommunenCaptionNone', { land: this.landName });
    this.count.textContent = L('filtered', { n: integer(this.lang, list.length) });
    this.pageInfo.textContent = L('pageOf', { page: integer(this.lang, this.page + 1), pages: integer(this.lang, pages) });
    // aria-disabled, not disabled: a focused button keeps focus when it stops applying
    for (const b of [this.bFirst, this.bPrev]) b.setAttribute('aria-disabled', String(this.page === 0));
    for (const b of [this.bNext, this.bLast]) b.setAttribute('aria-disabled', String(this.page >= pages - 1));
    for (const [key, { th, icon }] of Object.entries(this.ths)) {
      if (key === this.sort.key) {
        th.setAttribute('aria-sort', this.sort.dir > 0 ? 'ascending' : 'descending');
        icon.textContent = this.sort.dir > 0 ? '▲' : '▼';
      } else {
        th.removeAttribute('aria-sort');
        icon.textContent = '';
      }
    }
  }
}
