// The input form: builds the controls from the engine's metadata, writes a contract request into
// them and reads them back into a request (with validation messages in both languages). Showing
// errors at the fields (aria-describedby) and in a GOV.UK-style error summary, and keeping the
// typed text across a language switch, are in more.js, loaded on demand.

import { h, clear } from '../../core/dom.js';
import { t } from '../i18n.js';
import { parseNumber, forInput } from '../../core/format.js';
import { shift } from '../../core/decimal.js';
import { readRequest, membersOf, KEY_TABLES } from './read.js';

export class EfaForm {
  /**
   * ctx: { meta, lang, onInput(fieldKey), onChange(fieldKey, typed: a text or date field), onSubmit(), onFile(file), fileStatus() }
   */
  constructor(ctx) {
    this.ctx = ctx;
    this.meta = ctx.meta;
    this.lang = ctx.lang;
    this.extras = {}; // request parts the form cannot show: kept and sent unchanged
    this.itemExtras = {}; // per category: other fields of that cost item (own model/key)
    this.touched = new Set();
    this.submitted = false;
    this.fields = {};
    this.c = {};
    this.lastRequest = null;
  }

  /** The text of `o` ({ de, en }) in the form's language, German where it has none. */
  pick(o) {
    return o[this.lang] || o.de;
  }

  get laender() {
    return this.meta.laender;
  }
  landId(x) {
    const s = String(x).toUpperCase();
    const l = this.laender.find((y) => y.id === s || y.iso === s || y.ags === s);
    return l ? l.id : null;
  }

  // ---- building ---------------------------------------------------------------------------

  #register(key, group, targets, focus, hintId) {
    this.fields[key] = { group, targets, focus: focus || targets[0], hintId };
    for (const el of targets) el.dataset.field = key;
  }

  #textInput(id, cls, extra = {}) {
    return h('input', { type: 'text', id, name: id, class: cls, autocomplete: 'off', spellcheck: 'false', ...extra });
  }

  render() {
    const L = (k, v) => t(this.lang, k, v);
    const c = this.c;
    const form = h('form', { part: 'form', novalidate: true, 'aria-labelledby': 'form-heading' });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submitted = true;
      this.ctx.onSubmit();
    });
    form.addEventListener('input', (e) => {
      const key = e.target.dataset?.field;
      if (key) this.touched.add(key);
      if (e.target.type === 'text' || e.target.type === 'date') this.ctx.onInput(key);
    });
    form.addEventListener('change', (e) => {
      const key = e.target.dataset?.field;
      if (key) this.touched.add(key);
      if (e.target.type === 'text') this.#reformat(e.target);
      if (e.target.type === 'file') return;
      this.ctx.onChange(key, e.target.type === 'text' || e.target.type === 'date');
    });

    form.append(h('h3', { id: 'form-heading', class: 'visually-hidden', text: L('formLabel') }));
    this.summary = h('div', { class: 'error-summary', id: 'error-summary', tabindex: '-1', hidden: true, 'aria-labelledby': 'error-summary-title' });
    form.append(this.summary);
    // two columns when the form is wide: [year, costs] and [model, key, ...] left, alliance right
    const fa = h('div', { class: 'fa' });
    const fc = h('div', { class: 'fc' });
    form.append(h('div', { class: 'form-grid' }, fa, h('div', { class: 'fb' }), fc));

    // Year
    c.year = this.#textInput('f-year', 'w-year', { inputmode: 'numeric', 'aria-describedby': 'h-year' });
    c.year.addEventListener('change', () => this.syncVisibility());
    const gYear = h('div', { class: 'group' }, h('label', { for: 'f-year', text: L('yearLabel') }), h('span', { class: 'hint', id: 'h-year', text: L('yearHint') }), c.year);
    this.#register('year', gYear, [c.year], c.year, 'h-year');
    fa.append(gYear);

    // Costs
    c.modeSingle = h('input', { type: 'radio', id: 'f-costs-mode-single', name: 'costs-mode', value: 'single', checked: true });
    c.modeItems = h('input', { type: 'radio', id: 'f-costs-mode-items', name: 'costs-mode', value: 'items' });
    c.costs = this.#textInput('f-costs', 'w-amount', { inputmode: 'decimal', 'aria-describedby': 'h-costs' });
    const gCosts = h('div', { class: 'group' }, h('label', { for: 'f-costs', text: L('costsLabel') }), h('span', { class: 'hint', id: 'h-costs', text: L('costsHint') }), c.costs);
    this.#register('costs', gCosts, [c.costs], c.costs, 'h-costs');
    c.single = h('div', { class: 'subfields' }, gCosts);
    c.items = {};
    const itemGroups = this.meta.categories.map((cat) => {
      const id = `f-item-${cat.id}`;
      const input = this.#textInput(id, 'w-amount', { inputmode: 'decimal', 'aria-describedby': 'h-items' });
      c.items[cat.id] = input;
      const g = h('div', { class: 'group' }, h('label', { for: id, text: this.pick(cat.name) }), input);
      this.#register(`item:${cat.id}`, g, [input], input, 'h-items');
      return g;
    });
    const itemsFs = h('fieldset', { 'aria-describedby': 'h-items' }, h('legend', { class: 'visually-hidden', text: L('costsModeItems') }), h('span', { class: 'hint', id: 'h-items', text: L('itemsHint') }), itemGroups);
    c.itemsBox = h('div', { class: 'subfields', hidden: true }, itemsFs);
    this.#register('items', itemsFs, [itemsFs], c.items[this.meta.categories[0].id], 'h-items');
    const costsFs = h(
      'fieldset',
      { class: 'group' },
      h('legend', { text: L('costsLegend') }),
      h('div', { class: 'choice' }, c.modeSingle, h('label', { for: 'f-costs-mode-single', text: L('costsModeSingle') })),
      c.single,
      h('div', { class: 'choice' }, c.modeItems, h('label', { for: 'f-costs-mode-items', text: L('costsModeItems') })),
      c.itemsBox,
    );
    for (const r of [c.modeSingle, c.modeItems]) r.addEventListener('change', () => this.syncVisibility());
    fa.append(costsFs);

    // Alliance
    c.all = h('input', { type: 'checkbox', id: 'f-all', name: 'alliance-all' });
    c.lands = {};
    const boxes = this.laender.map((l) => {
      const id = `f-land-${l.id}`;
      const cb = h('input', { type: 'checkbox', id, name: 'alliance', value: l.id });
      c.lands[l.id] = cb;
      return h('div', { class: 'choice' }, cb, h('label', { for: id, text: this.pick(l.name) }));
    });
    const allianceFs = h(
      'fieldset',
      { class: 'group', id: 'fs-alliance', 'aria-describedby': 'h-alliance' },
      h('legend', { text: L('allianceLegend') }),
      h('span', { class: 'hint', id: 'h-alliance', text: L('allianceHint') }),
      h('div', { class: 'choice all choice-all' }, c.all, h('label', { for: 'f-all', text: L('allLaender') })),
      h('div', { class: 'choices' }, boxes),
    );
    this.#register('alliance', allianceFs, [allianceFs], c.lands[this.laender[0].id], 'h-alliance');
    for (const l of this.laender) this.fields[`land:${l.id}`] = { ...this.fields.alliance, focus: c.lands[l.id], alias: 'alliance' };
    c.all.dataset.field = 'alliance';
    c.all.addEventListener('change', () => {
      delete this.extras.alliance;
      for (const cb of Object.values(c.lands)) cb.checked = c.all.checked;
      this.syncVisibility();
    });
    for (const cb of Object.values(c.lands)) {
      cb.dataset.field = 'alliance';
      cb.addEventListener('change', () => {
        delete this.extras.alliance;
        c.all.checked = Object.values(c.lands).every((x) => x.checked);
        this.syncVisibility();
      });
    }
    form.querySelector('.fb').append(allianceFs);

    // Model
    c.model = h('select', { id: 'f-model', name: 'model', 'aria-describedby': 'h-model' });
    c.modelInfo = h('div', { class: 'model-info', id: 'h-model' });
    const gModel = h('div', { class: 'group' }, h('label', { for: 'f-model', text: L('modelLabel') }), c.model, c.modelInfo);
    this.#register('model', gModel, [c.model], c.model, 'h-model');
    c.model.addEventListener('change', () => this.syncVisibility());
    fc.append(gModel);

    // Key
    c.key = h('select', { id: 'f-key', name: 'key', 'aria-describedby': 'h-key' });
    const gKey = h('div', { class: 'group' }, h('label', { for: 'f-key', text: L('keyLabel') }), h('span', { class: 'hint', id: 'h-key', text: L('keyHint') }), c.key);
    this.#register('key', gKey, [c.key], c.key, 'h-key');
    c.key.addEventListener('change', () => this.syncVisibility());
    c.kv = {};
    c.kvRows = {};
    const kvRows = this.laender.map((l) => {
      const id = `f-kv-${l.id}`;
      const input = this.#textInput(id, 'w-num', { inputmode: 'decimal', 'aria-describedby': 'h-kv' });
      c.kv[l.id] = input;
      const g = h('div', { class: 'group' }, h('label', { for: id, text: this.pick(l.name) }), input);
      c.kvRows[l.id] = g;
      this.#register(`keyval:${l.id}`, g, [input], input, 'h-kv');
      return g;
    });
    c.kvBox = h(
      'fieldset',
      { class: 'subfields', hidden: true, 'aria-describedby': 'h-kv' },
      h('legend', { text: L('keyValuesLegend') }),
      h('span', { class: 'hint', id: 'h-kv', text: L('keyValuesHint') }),
      h('div', { class: 'keyvals' }, kvRows),
    );
    gKey.append(c.kvBox);
    fc.append(gKey);

    // Membership (joining / leaving): its rows are built by buildMembership()
    c.from = {};
    c.to = {};
    c.memberRows = {};
    c.noMembers = h('p', { class: 'note', text: L('noMembers') });
    c.memberBox = h('div', { class: 'rows' });
    const memberSummary = h('summary', { text: L('membershipSummary') });
    c.membership = h(
      'details',
      { class: 'membership' },
      memberSummary,
      h('div', { class: 'details-body' }, h('p', { class: 'hint', id: 'h-membership', text: L('membershipHint') }), c.noMembers, c.memberBox),
    );
    memberSummary.addEventListener('click', () => this.buildMembership()); // before it opens
    c.membership.addEventListener('toggle', () => this.buildMembership()); // opened some other way
    fc.append(c.membership);

    // Kommunen
    c.kOn = h('input', { type: 'checkbox', id: 'f-kommunen', name: 'kommunen', 'aria-controls': 'kommunen-fields' });
    c.kOn.addEventListener('change', () => {
      // start with a Land of the alliance, unless the user has chosen one already
      const first = this.members()[0];
      if (c.kOn.checked && first && !this.touched.has('kland')) c.kLand.value = first;
      this.syncVisibility();
    });
    c.kLand = h('select', { id: 'f-k-land', name: 'k-land' }, this.laender.map((l) => h('option', { value: l.id, text: this.pick(l.name) })));
    const gkLand = h('div', { class: 'group' }, h('label', { for: 'f-k-land', text: L('kLand') }), c.kLand);
    this.#register('kland', gkLand, [c.kLand]);
    c.kKreis = h('input', { type: 'radio', id: 'f-k-level-kreis', name: 'k-level', value: 'kreis', checked: true });
    c.kGemeinde = h('input', { type: 'radio', id: 'f-k-level-gemeinde', name: 'k-level', value: 'gemeinde' });
    const gkLevel = h(
      'fieldset',
      { class: 'group' },
      h('legend', { text: L('kLevel') }),
      h('div', { class: 'choice' }, c.kKreis, h('label', { for: 'f-k-level-kreis', text: L('kLevelKreis') })),
      h('div', { class: 'choice' }, c.kGemeinde, h('label', { for: 'f-k-level-gemeinde', text: L('kLevelGemeinde') })),
    );
    this.#register('klevel', gkLevel, [gkLevel], c.kKreis);
    c.kKreis.dataset.field = c.kGemeinde.dataset.field = 'klevel';
    c.kShare = this.#textInput('f-k-share', 'w-num', { inputmode: 'decimal', 'aria-describedby': 'h-k-share' });
    const gkShare = h('div', { class: 'group' }, h('label', { for: 'f-k-share', text: L('kShare') }), h('span', { class: 'hint', id: 'h-k-share', text: L('kShareHint') }), c.kShare);
    this.#register('kshare', gkShare, [c.kShare], c.kShare, 'h-k-share');
    c.kKey = h('select', { id: 'f-k-key', name: 'k-key' }, h('option', { value: 'population', text: L('kKeyPopulation') }), h('option', { value: 'equal', text: L('kKeyEqual') }));
    const gkKey = h('div', { class: 'group' }, h('label', { for: 'f-k-key', text: L('kKey') }), c.kKey);
    this.#register('kkey', gkKey, [c.kKey]);
    c.kExempt = this.#textInput('f-k-exempt', 'w-num', { inputmode: 'numeric', 'aria-describedby': 'h-k-exempt' });
    const gkExempt = h('div', { class: 'group' }, h('label', { for: 'f-k-exempt', text: L('kExempt') }), h('span', { class: 'hint', id: 'h-k-exempt', text: L('kExemptHint') }), c.kExempt);
    this.#register('kexempt', gkExempt, [c.kExempt], c.kExempt, 'h-k-exempt');
    c.kFile = h('input', { type: 'file', id: 'f-k-file', name: 'k-file', accept: '.txt,.csv,text/plain', 'aria-describedby': 'h-k-file s-k-file' });
    c.kFile.addEventListener('change', () => {
      const f = c.kFile.files && c.kFile.files[0];
      if (f) this.ctx.onFile(f);
    });
    const kd = this.meta.kommunenDefault || {};
    c.kFileStatus = h('p', { class: 'file-status', id: 's-k-file', role: 'status' });
    const gkFile = h(
      'div',
      { class: 'group' },
      h('label', { for: 'f-k-file', text: L('kFile') }),
      h('span', { class: 'hint', id: 'h-k-file', text: L('kFileHint', { licence: kd.licence || '' }) }),
      c.kFile,
      c.kFileStatus,
    );
    this.#register('kfile', gkFile, [c.kFile], c.kFile, 'h-k-file');
    c.kBox = h('fieldset', { class: 'subfields', id: 'kommunen-fields', hidden: true }, h('legend', { class: 'visually-hidden', text: L('kommunenLegend') }), gkLand, gkLevel, gkShare, gkKey, gkExempt, gkFile);
    fc.append(h('div', { class: 'group' }, h('div', { class: 'choice all' }, c.kOn, h('label', { for: 'f-kommunen', text: L('kommunenToggle') })), c.kBox));
    c.kOn.dataset.field = 'kommunen';

    form.append(h('div', { class: 'buttons' }, h('button', { type: 'submit', text: L('submit') })));
    this.form = form;
    this.fillModelOptions();
    this.fillKeyOptions();
    this.syncVisibility();
    this.updateFileStatus();
    return form;
  }

  /**
   * The membership rows: a Land's dates of joining and leaving. Their 32 date inputs are slow to
   * create and start hidden in a closed <details>, so they are built when it opens, or when a
   * request brings dates (write) or a snapshot has them (restore).
   */
  buildMembership() {
    const c = this.c;
    if (c.memberBox.hasChildNodes()) return;
    const L = (k, v) => t(this.lang, k, v);
    for (const l of this.laender) {
      const fid = `f-from-${l.id}`;
      const tid = `f-to-${l.id}`;
      c.from[l.id] = h('input', { type: 'date', id: fid, name: fid, class: 'w-date', 'aria-describedby': 'h-membership' });
      c.to[l.id] = h('input', { type: 'date', id: tid, name: tid, class: 'w-date', 'aria-describedby': 'h-membership' });
      const gFrom = h('div', {}, h('label', { for: fid, text: L('memberFrom') }), c.from[l.id]);
      const gTo = h('div', {}, h('label', { for: tid, text: L('memberTo') }), c.to[l.id]);
      const fs = h('fieldset', { class: 'member group' }, h('legend', { text: this.pick(l.name) }), h('div', { class: 'row2' }, gFrom, gTo));
      c.memberRows[l.id] = fs;
      this.#register(`from:${l.id}`, fs, [c.from[l.id]], c.from[l.id], 'h-membership');
      this.#register(`to:${l.id}`, fs, [c.to[l.id]], c.to[l.id], 'h-membership');
      c.memberBox.append(fs);
    }
    this.syncVisibility();
  }

  fillModelOptions(current) {
    const L = (k, v) => t(this.lang, k, v);
    const sel = this.c.model;
    const value = current ?? sel.value;
    clear(sel);
    for (const m of this.meta.models) sel.append(h('option', { value: m.id, text: this.pick(m.name) }));
    if (this.extras.model !== undefined) sel.append(h('option', { value: '__custom', text: typeof this.extras.model === 'string' ? this.extras.model : L('modelCustom') }));
    if (value && [...sel.options].some((o) => o.value === value)) sel.value = value;
  }

  #keyOptions() {
    const L = (k, v) => t(this.lang, k, v);
    const metaName = (id) => {
      const k = (this.meta.keys || []).find((x) => x.id === id);
      return k ? this.pick(k.name) : null;
    };
    const opts = [['ks', L('keyKs')]];
    for (const e of [...(this.meta.keyEditions || [])].sort((a, b) => b.year - a.year)) opts.push([e.id, L('keyEdition', { year: e.year })]);
    opts.push(['population', metaName('population') || L('keyPopulation')]);
    opts.push(['equal', metaName('equal') || L('keyEqual')]);
    opts.push(['usage', L('keyUsage')]);
    opts.push(['targetGroup', L('keyTargetGroup')]);
    opts.push(['weights', L('keyWeights')]);
    return opts;
  }

  fillKeyOptions(current) {
    const sel = this.c.key;
    const value = current ?? sel.value;
    clear(sel);
    for (const [id, name] of this.#keyOptions()) sel.append(h('option', { value: id, text: name }));
    if (this.extras.key !== undefined) sel.append(h('option', { value: '__custom', text: typeof this.extras.key === 'string' ? this.extras.key : t(this.lang, 'keyCustom') }));
    if (value && [...sel.options].some((o) => o.value === value)) sel.value = value;
  }

  members() {
    return membersOf(this.c, this.laender);
  }

  syncVisibility() {
    const c = this.c;
    const items = c.modeItems.checked;
    c.single.hidden = items;
    c.itemsBox.hidden = !items;
    const members = new Set(this.members());
    c.all.checked = members.size === this.laender.length;
    // key numbers: for the alliance members (all Länder with a custom model)
    const table = KEY_TABLES.includes(c.key.value);
    c.kvBox.hidden = !table;
    const allKv = c.model.value === '__custom';
    for (const l of this.laender) c.kvRows[l.id].hidden = !(allKv || members.has(l.id));
    for (const l of this.laender) if (c.memberRows[l.id]) c.memberRows[l.id].hidden = !members.has(l.id);
    c.noMembers.hidden = members.size > 0;
    const y = parseNumber(c.year.value, this.lang, { integer: true });
    const year = y.value && y.value.length === 4 ? y.value : null;
    for (const l of this.laender) {
      for (const input of [c.from[l.id], c.to[l.id]]) {
        if (!input) continue; // (rows not built yet)
        if (year) {
          input.min = `${year}-01-01`;
          input.max = `${year}-12-31`;
        } else {
          input.removeAttribute('min');
          input.removeAttribute('max');
        }
      }
    }
    c.kBox.hidden = !c.kOn.checked;
    c.kOn.setAttribute('aria-expanded', String(c.kOn.checked));
    // model explanation and source
    const m = this.meta.models.find((x) => x.id === c.model.value);
    clear(c.modelInfo);
    if (m) {
      c.modelInfo.append(h('span', { class: 'desc', text: (m.description && this.pick(m.description)) || '' }), ' ', h('span', { class: 'src', text: t(this.lang, 'source', { source: m.source }) }));
    }
  }

  updateFileStatus(text) {
    const ds = this.ctx.fileStatus();
    if (text !== undefined) this.c.kFileStatus.textContent = text;
    else if (ds) this.c.kFileStatus.textContent = t(this.lang, 'kFileLoaded', { date: this.ctx.fmtDate(ds.gebietsstand), kreise: this.ctx.fmtInt(ds.kreise), gemeinden: this.ctx.fmtInt(ds.gemeinden) });
    else this.c.kFileStatus.textContent = '';
  }

  /** After a change event: show a valid number in the current language's notation. */
  #reformat(input) {
    const key = input.dataset.field || '';
    if (!(key === 'costs' || key.startsWith('item:') || key.startsWith('keyval:') || key === 'kexempt' || key === 'kshare')) return;
    const r = parseNumber(input.value, this.lang, {});
    if (r.value !== undefined) input.value = forInput(this.lang, r.value);
  }

  // ---- request -> controls ------------------------------------------------------------------

  write(request) {
    const c = this.c;
    const r = request || {};
    const known = ['year', 'costs', 'alliance', 'model', 'key', 'membership', 'rounding', 'kommunen'];
    this.extras = {};
    for (const k of Object.keys(r)) if (!known.includes(k)) (this.extras.unknown ||= {})[k] = r[k];
    if (r.rounding !== undefined) this.extras.rounding = r.rounding;

    c.year.value = r.year === undefined || r.year === null ? '' : String(r.year);

    this.itemExtras = {};
    for (const input of Object.values(c.items)) input.value = '';
    if (Array.isArray(r.costs)) {
      c.modeItems.checked = true;
      c.costs.value = '';
      for (const item of r.costs) {
        const { category, amount, ...rest } = item || {};
        if (c.items[category]) {
          c.items[category].value = this.#amountForInput(amount);
          if (Object.keys(rest).length) this.itemExtras[category] = rest;
        }
      }
    } else {
      c.modeSingle.checked = true;
      c.costs.value = r.costs === undefined || r.costs === null ? '' : this.#amountForInput(r.costs);
    }

    const all = r.alliance === undefined || (typeof r.alliance === 'string' && r.alliance.toLowerCase() === 'all');
    const resolved = Array.isArray(r.alliance) ? r.alliance.map((x) => this.landId(x)) : [];
    const ids = new Set(all ? this.laender.map((l) => l.id) : resolved.filter(Boolean));
    // Something the checkboxes cannot show (an unknown or doubled Land, a wrong type) is sent
    // unchanged, so that the engine names the mistake, until the user edits the alliance.
    if (!all && (!Array.isArray(r.alliance) || resolved.some((x) => !x) || ids.size !== resolved.length)) this.extras.alliance = r.alliance;
    for (const l of this.laender) c.lands[l.id].checked = ids.has(l.id);

    const model = r.model ?? 'alliance';
    if (typeof model === 'string' && this.meta.models.some((m) => m.id === model)) {
      this.fillModelOptions(model);
    } else {
      this.extras.model = model;
      this.fillModelOptions('__custom');
    }

    for (const input of Object.values(c.kv)) input.value = '';
    const key = r.key ?? 'ks';
    const table = key && typeof key === 'object' ? KEY_TABLES.find((k) => key[k] && typeof key[k] === 'object' && Object.keys(key).length === 1) : null;
    if (typeof key === 'string' && this.#keyOptions().some(([id]) => id === key)) {
      this.fillKeyOptions(key);
    } else if (table) {
      this.fillKeyOptions(table);
      for (const [land, v] of Object.entries(key[table])) {
        const id = this.landId(land);
        if (id) c.kv[id].value = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? forInput(this.lang, v) : String(v);
      }
    } else {
      this.extras.key = key;
      this.fillKeyOptions('__custom');
    }

    for (const input of [...Object.values(c.from), ...Object.values(c.to)]) input.value = '';
    let anyMembership = false;
    for (const [land, m] of Object.entries(r.membership || {})) {
      const id = this.landId(land);
      if (!id) {
        (this.extras.membership ||= {})[land] = m;
        continue;
      }
      this.buildMembership();
      if (m?.from) c.from[id].value = m.from;
      if (m?.to) c.to[id].value = m.to;
      anyMembership = true;
    }
    if (anyMembership) c.membership.open = true;

    const k = r.kommunen;
    c.kOn.checked = !!k;
    if (k) {
      const id = this.landId(k.land);
      if (id) c.kLand.value = id;
      (k.level === 'gemeinde' ? c.kGemeinde : c.kKreis).checked = true;
      c.kShare.value = k.landShare !== undefined && /^\d+(\.\d+)?$/.test(String(k.landShare)) ? forInput(this.lang, shift(String(k.landShare), 2)) : k.landShare ?? '';
      c.kKey.value = k.key === 'equal' ? 'equal' : 'population';
      c.kExempt.value = k.exemptBelow !== undefined ? forInput(this.lang, String(k.exemptBelow)) : '';
    } else {
      c.kShare.value = '';
      c.kExempt.value = '';
    }
    this.syncVisibility();
  }

  #amountForInput(v) {
    if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
    if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return forInput(this.lang, v);
    return v === undefined || v === null ? '' : String(v);
  }

  // ---- controls -> request ------------------------------------------------------------------

  /** Returns { request, errors } (read.js). */
  read() {
    return readRequest(this.c, this);
  }

  /** No error is on screen until more.js has been loaded: that module replaces this. */
  clearErrors() {}
}
