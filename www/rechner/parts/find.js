// "What does my Gemeinde pay?": a search field over all rows of the Kommune result (not only the
// page in view), by name, AGS or Kreis (name or AGS), answering in one sentence that a screen
// reader announces (aria-live polite): "Darmstadt trägt 12.345,67 € – 0,08 € je Einwohner."
// Part of the Kommune table's chunk (kommunen.js builds it into its section).

import { h } from '../../core/dom.js';
import { t } from '../i18n.js';
import { money, integer } from '../../core/format.js';
import { perInhabitant } from './perhead.js';
import { sum } from '../../core/decimal.js';

const fold = (x) => String(x).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
// "Darmstadt, Wissenschaftsstadt" is found as "Darmstadt"
const base = (name) => fold(String(name).split(',')[0]);

/**
 * The best match for `query` in a Kommune table `tab` ({ags[], name[], population[], amount(i),
 * exempt(i)}), with the Land's `kreise` ({ags, name}, level gemeinde): { i, count } for one
 * Kommune (count: how many names match), { kreis, hits } for a Kreis; null for none.
 */
export function find(tab, kreise, query) {
  const q = fold(query);
  if (!q) return null;
  const n = tab.name.length;
  const all = (test) => {
    const out = [];
    for (let i = 0; i < n; i++) if (test(i)) out.push(i);
    return out;
  };
  const kreisHits = (kreis) => ({ kreis, hits: all((i) => tab.ags[i].startsWith(kreis.ags)) });
  if (/^\d+$/.test(q)) {
    const kreis = q.length === 5 && (kreise || []).find((k) => k.ags === q);
    if (kreis) return kreisHits(kreis);
    const hits = all((i) => tab.ags[i].startsWith(q));
    return hits.length ? { i: hits[0], count: hits.length } : null;
  }
  const folded = Array.from(tab.name, fold);
  const anywhere = all((i) => folded[i].includes(q));
  // exact name, then name start, then anywhere in the name
  const best = anywhere.find((i) => base(tab.name[i]) === q || folded[i] === q) ?? anywhere.find((i) => folded[i].startsWith(q)) ?? anywhere[0];
  if (best !== undefined) return { i: best, count: anywhere.length };
  const kreis = (kreise || []).find((k) => fold(k.name).includes(q));
  return kreis ? kreisHits(kreis) : null;
}

/** The one sentence for a match (or for none). */
export function sentence(lang, tab, match, query) {
  const L = (k, v) => t(lang, k, v);
  if (!match || (match.kreis && !match.hits.length)) return L('findNone', { query: query.trim() });
  const per = (amount, pop) => {
    const p = perInhabitant(amount, pop);
    return p === null ? '–' : money(lang, p);
  };
  if (match.kreis) {
    const amount = sum(match.hits.map((i) => (tab.exempt(i) ? '0' : tab.amount(i))));
    const pop = match.hits.reduce((s, i) => s + Number(tab.population[i]), 0);
    return L('findKreis', { name: match.kreis.name, n: integer(lang, match.hits.length), amount: money(lang, amount), per: per(amount, pop) });
  }
  const { i } = match;
  const more = match.count > 1 ? L('findMore', { n: integer(lang, match.count - 1) }) : '';
  if (tab.exempt(i)) return L('findExempt', { name: tab.name[i], more });
  return L('findOne', { name: tab.name[i], amount: money(lang, tab.amount(i)), per: per(tab.amount(i), tab.population[i]), more });
}

/** The search field and its answer; built once per language, updated for every result. */
export class Finder {
  constructor() {
    this.query = '';
    this.timer = null;
    this.root = null;
  }

  /** The section (built when the language or ids change), showing the answer for `tab`. */
  render({ lang, k, tab, ids }) {
    if (!this.root || this.lang !== lang || this.ids !== ids) this.build(lang, ids);
    this.k = k;
    this.tab = tab;
    this.hint.textContent = t(lang, k.level === 'gemeinde' ? 'findHintGemeinde' : 'findHintKreis');
    this.show();
    return this.root;
  }

  build(lang, ids) {
    this.lang = lang;
    this.ids = ids;
    this.input = h('input', { type: 'search', id: `${ids}-find`, autocomplete: 'off', spellcheck: 'false', value: this.query, 'aria-describedby': `${ids}-find-h` });
    this.hint = h('span', { class: 'hint', id: `${ids}-find-h` });
    this.answer = h('p', { class: 'find-answer', id: `${ids}-find-a`, 'aria-live': 'polite' });
    this.input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.query = this.input.value;
        this.show();
      }, 250);
    });
    this.root = h('div', { class: 'find' }, h('label', { for: `${ids}-find`, text: t(lang, 'findLabel') }), this.hint, this.input, this.answer);
  }

  show() {
    const text = this.query.trim() && this.tab ? sentence(this.lang, this.tab, find(this.tab, this.k.kreise, this.query), this.query) : '';
    // unchanged text is not written again: a screen reader announces only a new answer
    if (this.answer.textContent !== text) this.answer.textContent = text;
  }
}
