// Display names for ids in a response (Länder, keys, models, categories, tranches), from the
// engine's metadata with the element's own fallbacks.

import { t } from './i18n.js';
import { share as fmtShare } from './format.js';

export class Names {
  constructor(meta, lang) {
    this.meta = meta;
    this.lang = lang;
  }
  pick(o) {
    return o ? o[this.lang] || o.de : '';
  }
  land(id) {
    const l = this.meta.laender.find((x) => x.id === id);
    return l ? this.pick(l.name) : id;
  }
  payer(p) {
    if (p.kind === 'bund' || p.id === 'BUND') return t(this.lang, 'bund');
    const l = this.meta.laender.find((x) => x.id === p.id);
    return l ? this.pick(l.name) : p.name || p.id;
  }
  model(id) {
    if (id && typeof id === 'object') return t(this.lang, 'modelCustom');
    const m = this.meta.models.find((x) => x.id === id);
    return m ? this.pick(m.name) : String(id ?? '');
  }
  key(id) {
    if (id === null || id === undefined) return '';
    if (typeof id === 'object') {
      const kind = Object.keys(id)[0];
      return this.key(kind);
    }
    const ed = (this.meta.keyEditions || []).find((e) => e.id === id);
    if (ed) return t(this.lang, 'keyEdition', { year: ed.year });
    const k = (this.meta.keys || []).find((x) => x.id === id);
    if (k && k.name) return this.pick(k.name);
    const own = { ks: 'keyKs', population: 'keyPopulation', equal: 'keyEqual', usage: 'keyUsage', targetGroup: 'keyTargetGroup', weights: 'keyWeights' }[id];
    return own ? t(this.lang, own) : id === 'mix' ? (this.lang === 'en' ? 'combined key' : 'kombinierter Schlüssel') : String(id);
  }
  category(id) {
    if (id === 'gesamt') return this.lang === 'en' ? 'Total' : 'Gesamt';
    const c = (this.meta.categories || []).find((x) => x.id === id);
    return c ? this.pick(c.name) : id;
  }
  payersGroup(payers) {
    if (payers === 'alliance') return t(this.lang, 'payersAlliance');
    if (payers === 'all') return t(this.lang, 'payersAll');
    if (payers === 'bund') return t(this.lang, 'payersBund');
    if (Array.isArray(payers)) return t(this.lang, 'payersList', { list: payers.join(', ') });
    return String(payers);
  }
  /** "50 % Allianz nach Königsteiner Schlüssel 2019" */
  tranche(tr) {
    const parts = [fmtShare(this.lang, tr.share), this.payersGroup(tr.payers)];
    if (tr.payers !== 'bund' && tr.key) parts.push(t(this.lang, 'byKey', { key: this.key(tr.key) }));
    return parts.join(' ');
  }
}
