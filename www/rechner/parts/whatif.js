// "What if one Land joins or leaves?": allocate again with the changed alliance and show the
// difference for every payer.

import { h, clear } from '../../core/dom.js';
import { t } from '../i18n.js';
import './i18n.js'; // the parts' texts
import { money } from '../../core/format.js';
import { sub, isZero, cmp } from '../../core/decimal.js';

/** This part's styles (adopted into the element's shadow root with adoptStyles). */
export { CSS as LATER_CSS } from '../../core/styles-later.js'; // panels, secondary buttons
export const CSS = String.raw`
.whatif .table-scroll { max-width: 56rem; }
.diff-pos { color: var(--_error); }
.diff-neg { color: var(--_positive); }
`;

export class WhatIf {
  constructor({ allocate, meta }) {
    this.allocate = allocate; // async (request) => response, with the element's GV100AD data
    this.meta = meta;
    this.choice = null; // Land id, kept across recomputations
  }

  membersOf(request) {
    const all = this.meta.laender.map((l) => l.id);
    if (request.alliance === undefined || request.alliance === 'all') return all;
    const ids = (request.alliance || []).map((x) => {
      const s = String(x).toUpperCase();
      return this.meta.laender.find((l) => l.id === s || l.iso === s || l.ags === s)?.id;
    });
    return all.filter((id) => ids.includes(id));
  }

  /**
   * The panel for a result. It is built once per language and then updated in place, so a new
   * result (a form change while the user is in this panel) keeps the focus on the select.
   */
  render({ lang, names, request, res }) {
    this.names = names;
    this.request = request;
    this.res = res;
    const members = this.membersOf(request);
    if (!this.choice) this.choice = this.meta.laender.find((l) => !members.includes(l.id))?.id || members[0];
    if (this.lang !== lang) this.build(lang);
    const L = (k, v) => t(lang, k, v);
    const leave = h('optgroup', { label: L('whatifLeaveGroup') });
    const join = h('optgroup', { label: L('whatifJoinGroup') });
    for (const l of this.meta.laender) (members.includes(l.id) ? leave : join).append(h('option', { value: l.id, text: names.land(l.id) }));
    this.sel.replaceChildren(h('option', { value: '', text: L('whatifNone') }), ...[leave, join].filter((g) => g.children.length));
    this.sel.value = this.choice || '';
    this.update();
    return this.root;
  }

  build(lang) {
    const L = (k, v) => t(lang, k, v);
    this.lang = lang;
    const sel = (this.sel = h('select', { id: 'whatif-land', 'aria-describedby': 'whatif-hint' }));
    sel.addEventListener('change', () => {
      this.choice = sel.value || null;
      this.update();
    });
    this.out = h('div', { class: 'whatif-out' });
    this.root = h(
      'section',
      { class: 'panel whatif', 'aria-labelledby': 'whatif-h' },
      h('h3', { id: 'whatif-h', text: L('whatifHeading') }),
      h('p', { class: 'hint', id: 'whatif-hint', text: L('whatifHint') }),
      h('div', { class: 'group' }, h('label', { for: 'whatif-land', text: L('whatifLabel') }), sel),
      this.out,
    );
  }

  changedRequest(id) {
    const members = this.membersOf(this.request);
    const leaving = members.includes(id);
    const alliance = leaving ? members.filter((x) => x !== id) : [...members, id];
    const req = structuredClone(this.request);
    req.alliance = alliance.length === this.meta.laender.length ? 'all' : alliance;
    delete req.kommunen;
    if (req.membership) {
      for (const k of Object.keys(req.membership)) {
        const s = k.toUpperCase();
        const l = this.meta.laender.find((x) => x.id === s || x.iso === s || x.ags === s);
        if (l && l.id === id) delete req.membership[k];
      }
      if (!Object.keys(req.membership).length) delete req.membership;
    }
    return { req, leaving, empty: alliance.length === 0 };
  }

  async update() {
    const L = (k, v) => t(this.lang, k, v);
    const token = (this.token = (this.token || 0) + 1); // a newer update or render wins
    clear(this.out);
    const id = this.choice;
    if (!id) return;
    const name = this.names.land(id);
    const { req, leaving, empty } = this.changedRequest(id);
    if (empty) {
      this.out.append(h('p', { text: L('whatifEmpty', { name }) }));
      return;
    }
    let after;
    try {
      after = await this.allocate(req);
    } catch (e) {
      if (token !== this.token) return;
      const msg = e?.messages?.[this.lang] || e?.messages?.de || e?.message || String(e);
      this.out.append(h('p', { class: 'error-message', text: msg }));
      return;
    }
    if (token !== this.token) return;
    const before = new Map(this.res.payers.map((p) => [p.id, p]));
    const afterMap = new Map(after.payers.map((p) => [p.id, p]));
    const ids = [...new Set([...before.keys(), ...afterMap.keys()])];
    const order = [...this.meta.laender.map((l) => l.id), 'BUND'];
    ids.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const zero = `0.${'0'.repeat((this.res.total.split('.')[1] || '').length)}`.replace(/\.$/, '');
    let anyDiff = false;
    const rows = ids.map((pid) => {
      const b = before.get(pid)?.amount ?? zero;
      const a = afterMap.get(pid)?.amount ?? zero;
      const d = sub(a, b);
      if (!isZero(d)) anyDiff = true;
      const p = before.get(pid) || afterMap.get(pid);
      return h(
        'tr',
        {},
        h('th', { scope: 'row', text: this.names.payer(p) }),
        h('td', { class: 'num', text: money(this.lang, b) }),
        h('td', { class: 'num', text: money(this.lang, a) }),
        h('td', { class: ['num', cmp(d, '0') > 0 ? 'diff-pos' : cmp(d, '0') < 0 ? 'diff-neg' : ''], text: money(this.lang, d, { signed: true }) }),
      );
    });
    const caption = L(leaving ? 'whatifLeaveCaption' : 'whatifJoinCaption', { name });
    const table = h(
      'table',
      { part: 'whatif-table' },
      h('caption', { id: 'whatif-cap', text: caption }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: L('colPayer') }), h('th', { scope: 'col', class: 'num', text: L('whatifBefore') }), h('th', { scope: 'col', class: 'num', text: L('whatifAfter') }), h('th', { scope: 'col', class: 'num', text: L('whatifDiff') }))),
      h('tbody', {}, rows),
    );
    this.out.append(h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': 'whatif-cap', tabindex: '0' }, table));
    if (!anyDiff) this.out.append(h('p', { class: 'note', text: L('whatifNoEffect') }));
  }
}
