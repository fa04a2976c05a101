// The EfaPlan class behind <efa-plan> (efa-plan.js defines the element): lifecycle, opening a
// plan (src, file input, drag and drop, property), computing it with the WASM engine's
// allocatePlan, rendering, errors, exports and opening an entry in <efa-rechner>. Every amount
// comes from the engine; this file only shows it.

// The page's one engine session, shared with <efa-rechner> (an entry opened in it uses the same
// instance): one load, and after a WebAssembly trap one fresh instance for both (../core/engine.js).
import { callEngine } from '../core/engine.js';
import { h, clear } from '../core/dom.js';
import { normLang } from '../core/i18n.js';
import { adoptStyles, CSS as BASE_CSS } from '../core/styles.js';
import { CSS as LATER_CSS } from '../core/styles-later.js';
import { money, integer } from '../core/format.js';
import { Names } from '../core/names.js';
import { t } from './i18n.js';
import { CSS } from './styles.js';
import { asPlanError, fetchPlan, readFile, decodePlan, planObject, entryRequest, payerServices, columnSums, zeroLike } from './state.js';
import { yearsLabel } from './format.js';
import { landSentence, payersTable, servicesTable, ceilingsTable, entriesTable, warningsBox, sourcesBox, summaryList } from './render.js';
import { renderYearCharts } from './chart.js';
import { payersCsv, servicesCsv, entriesCsv, resultJson, fileName } from './export.js';
import { download } from '../core/download.js';

// The calculator that opens an entry is a sibling element, not a module of this one: without one
// on the page it is loaded by the URL of its public entry, as a page would load it (in the package
// scripts/build-pkg.sh points this at ../element/efa-rechner.js).
const CALCULATOR = '../rechner/efa-rechner.js';

const COMPARE_MODELS = ['alliance', 'itplr-2023-35', 'fitko'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class EfaPlan extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'land', 'compare', 'lang', 'title'];
  }

  constructor() {
    super();
    this._root = this.attachShadow({ mode: 'open' });
    for (const css of [BASE_CSS, LATER_CSS, CSS]) adoptStyles(this._root, css);
    this._meta = null;
    this._source = null; // { input: text or plan object, plan: the plan object when JSON, name }
    this._result = null;
    this._error = null;
    this._seq = 0;
    this._loadSeq = 0;
    this._calc = null; // the inline <efa-rechner>, once an entry has been opened without one on the page
  }

  // ---- public API -----------------------------------------------------------------------------

  /** The plan's language: "de" (default) or "en". (Not `lang`: that is HTMLElement's own.) */
  get uiLang() {
    return normLang(this.getAttribute('lang'));
  }

  /** The last successful plan response (do not modify). */
  get result() {
    return this._result;
  }

  /** The last error (code, path, messages) while a plan was opened or computed, or null. */
  get error() {
    return this._error;
  }

  /** Sets the plan: a plan object ({ plan: {...} }), its JSON text or CSV text. */
  set plan(value) {
    const input = typeof value === 'string' ? value : structuredClone(value);
    const plan = typeof input === 'string' ? planObject(input) : input?.plan ?? null;
    this._open({ input, plan, name: '' }, { focus: false });
  }
  /** The plan last computed: the plan object ({ plan: {...} }) of a JSON plan, else its CSV text. */
  get plan() {
    if (!this._source) return null;
    return this._source.plan ? { plan: structuredClone(this._source.plan) } : this._source.input;
  }

  /** CSV (German Excel) of a table: "payers" (default), "services", "land" (needs `land`), "entries". */
  toCSV({ table = 'payers', variant = 'excel' } = {}) {
    const res = this._result;
    if (!res) return '';
    const v = this._view();
    if (table === 'entries') return entriesCsv(res, variant);
    if (table === 'services') return servicesCsv(res, v.services, { compareName: v.compareName, sums: v.servicesSums }, variant);
    if (table === 'land') return v.land ? servicesCsv(res, v.landRows, { compareName: v.compareName, sums: v.landSums }, variant) : '';
    return payersCsv(res, { payerName: v.payerName, compareName: v.compareName, sums: v.payerSums }, variant);
  }

  toJSON() {
    return this._result ? structuredClone(this._result) : null;
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  connectedCallback() {
    if (Object.prototype.hasOwnProperty.call(this, 'plan')) {
      const v = this.plan;
      delete this.plan;
      this._pendingPlan = v;
    }
    if (this._started) return;
    this._started = true;
    this._wrap = h('div', { class: 'wrap', lang: this.uiLang }, h('p', { class: 'loading', role: 'status', text: t(this.uiLang, 'plan.loading') }));
    clear(this._root).append(this._wrap);
    this._boot();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this._meta || oldValue === newValue) return;
    if (name === 'src') {
      if (newValue) this._loadSrc(newValue);
    } else if (name === 'compare' || name === 'title') {
      if (name === 'compare') this._syncControls();
      this._compute({ focus: false });
    } else {
      // land or lang: the same result, shown again
      this._build();
      this._render();
    }
  }

  async _boot() {
    // the plan downloads while the engine loads, not after it
    const src = this._pendingPlan === undefined ? this.getAttribute('src') : null;
    const early = src ? fetchPlan(src, t) : null;
    early?.catch(() => {}); // (its error is shown by _loadSrc)
    try {
      this._meta = await callEngine((api) => api.metadata());
    } catch (e) {
      const err = asPlanError(e);
      clear(this._wrap).append(h('p', { class: 'error-message', role: 'alert', text: t(this.uiLang, 'plan.loadFailed', { message: err.messages[this.uiLang] }) }));
      this._emit('efa-plan-error', err);
      return;
    }
    this._build();
    if (this._pendingPlan !== undefined) {
      const v = this._pendingPlan;
      this._pendingPlan = undefined;
      this.plan = v;
    } else if (this.getAttribute('src')) this._loadSrc(this.getAttribute('src'), this.getAttribute('src') === src ? early : null);
  }

  // ---- names ------------------------------------------------------------------------------------

  _names() {
    return new Names(this._meta, this.uiLang);
  }

  /** The Land of the `land` attribute (code, ISO code or AGS, any case), or null. */
  _land() {
    const v = String(this.getAttribute('land') || '').trim().toUpperCase();
    if (!v) return null;
    const l = this._meta.laender.find((x) => x.id === v || x.iso === v || x.ags === v);
    return l ? l.id : null;
  }

  /** The comparison model: the `compare` attribute ("none" for none), else the plan's own. */
  _compareId() {
    const a = (this.getAttribute('compare') || '').trim();
    if (a) return a === 'none' ? null : a;
    return this._result?.compare ?? this._source?.plan?.compare ?? null;
  }

  _view() {
    const lang = this.uiLang;
    const res = this._result;
    const names = this._names();
    const payerName = (p) => (p.kind === 'bund' || p.id === 'BUND' ? t(lang, 'plan.bund') : names.land(p.id) || p.name || p.id);
    const compareId = res.compare ?? this._compareId();
    const compareName = compareId ? names.model(compareId) : '';
    const zero = zeroLike(res.total);
    const land = this._land();
    const v = { lang, res, names, payerName, compareId, compareName, zero, land };
    v.payerSums = columnSums(res.payers, res.years, zero);
    // (a comparison moves costs between payers; a service's total costs stay the same)
    v.services = res.services;
    v.servicesSums = columnSums(v.services, res.years, zero);
    if (land) {
      v.landName = names.land(land);
      v.landRows = payerServices(res, land);
      v.landSums = columnSums(v.landRows, res.years, zero);
    }
    return v;
  }

  // ---- building the UI --------------------------------------------------------------------------

  _build() {
    const lang = this.uiLang;
    const L = (k, v) => t(lang, k, v);
    const focusedId = this._root.activeElement?.id;
    this._titleEl = h('h2', { id: 'plan-title' });
    this._fileInput = h('input', { type: 'file', id: 'plan-file', accept: '.csv,.xlsx,.ods,.json,.txt,text/csv,application/json', 'aria-describedby': 'plan-file-hint' });
    this._fileInput.addEventListener('change', () => {
      const f = this._fileInput.files?.[0];
      if (f) this._openFile(f);
    });
    this._landSelect = h(
      'select',
      { id: 'plan-land' },
      h('option', { value: '', text: L('plan.landNone') }),
      this._meta.laender.map((l) => h('option', { value: l.id, text: this._names().land(l.id) })),
    );
    this._landSelect.addEventListener('change', () => {
      if (this._landSelect.value) this.setAttribute('land', this._landSelect.value);
      else this.removeAttribute('land');
    });
    this._compareSelect = h(
      'select',
      { id: 'plan-compare' },
      h('option', { value: 'none', text: L('plan.compareNone') }),
      COMPARE_MODELS.map((m) => h('option', { value: m, text: this._names().model(m) })),
    );
    this._compareSelect.addEventListener('change', () => this.setAttribute('compare', this._compareSelect.value));
    const open = h(
      'section',
      { class: 'open-plan', 'aria-labelledby': 'plan-open-h' },
      h('h3', { id: 'plan-open-h', text: L('plan.openHeading') }),
      h('label', { for: 'plan-file', text: L('plan.fileLabel') }),
      h('span', { class: 'hint', id: 'plan-file-hint', text: L('plan.fileHint') }),
      this._fileInput,
      h(
        'div',
        { class: 'controls' },
        h('div', {}, h('label', { for: 'plan-land', text: L('plan.landLabel') }), this._landSelect),
        h('div', {}, h('label', { for: 'plan-compare', text: L('plan.compareLabel') }), this._compareSelect),
      ),
    );
    // drag and drop onto the whole box (the file input is the keyboard's way to the same thing)
    open.addEventListener('dragover', (e) => {
      if (![...(e.dataTransfer?.types || [])].includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      open.classList.add('dragging');
    });
    open.addEventListener('dragleave', () => open.classList.remove('dragging'));
    open.addEventListener('drop', (e) => {
      e.preventDefault();
      open.classList.remove('dragging');
      const f = e.dataTransfer?.files?.[0];
      if (f) this._openFile(f);
    });

    this._errorBox = h('div', {});
    this._status = h('div', { class: 'status', role: 'status', id: 'plan-status' });
    this._body = h('div', { class: 'result-body' });
    this._exportBox = h('div', {});
    this._resultsSection = h('section', { class: 'results', 'aria-labelledby': 'plan-results-h' }, h('h3', { id: 'plan-results-h', text: L('plan.resultsHeading') }), this._status, this._body, this._exportBox);
    this._calcBox ||= h('section', { class: 'calc-box', 'aria-labelledby': 'plan-calc-h' });
    this._wrap = h('div', { class: 'wrap', lang }, this._titleEl, h('p', { class: 'intro', text: L('plan.intro') }), open, this._errorBox, this._resultsSection, this._calcBox);
    clear(this._root).append(this._wrap);
    this._syncControls();
    this._renderTitle();
    if (this._error) this._renderError(this._error, false);
    if (focusedId) this._root.getElementById(focusedId)?.focus();
  }

  _syncControls() {
    if (!this._landSelect) return;
    this._landSelect.value = this._land() || '';
    const c = this._compareId();
    this._compareSelect.value = c && COMPARE_MODELS.includes(c) ? c : 'none';
  }

  _renderTitle() {
    const title = this._result?.title || this.getAttribute('title');
    this._titleEl.textContent = title ? t(this.uiLang, 'plan.titleNamed', { title }) : t(this.uiLang, 'plan.title');
  }

  // ---- opening a plan ---------------------------------------------------------------------------

  /** Opens the plan at `src`; `fetched`: its download, if already started. */
  async _loadSrc(src, fetched = null) {
    const seq = ++this._loadSeq;
    try {
      const bytes = await (fetched ?? fetchPlan(src, t));
      if (seq !== this._loadSeq) return;
      const text = decodePlan(bytes, t);
      await this._open({ input: text, plan: planObject(text), name: src.split(/[?#]/)[0].split('/').pop() }, { focus: false });
    } catch (e) {
      if (seq === this._loadSeq) this._fail(asPlanError(e), false);
    }
  }

  async _openFile(file) {
    const seq = ++this._loadSeq;
    this._status.textContent = t(this.uiLang, 'plan.reading', { name: file.name });
    try {
      const text = decodePlan(await readFile(file, t), t);
      if (seq !== this._loadSeq) return;
      await this._open({ input: text, plan: planObject(text), name: file.name }, { focus: true });
    } catch (e) {
      if (seq === this._loadSeq) this._fail(asPlanError(e), true);
    }
  }

  /** Computes a newly opened plan; it replaces the current one only if it computes. */
  _open(source, { focus }) {
    if (!this._meta) {
      this._pendingPlan = source.plan ? { plan: source.plan } : source.input;
      return Promise.resolve();
    }
    return this._compute({ source, focus });
  }

  /** The engine's input for a source: a JSON plan gets the chosen comparison written into it. */
  _input(source) {
    const a = (this.getAttribute('compare') || '').trim();
    const title = this.getAttribute('title');
    if (source.plan) {
      const plan = structuredClone(source.plan);
      if (a === 'none') delete plan.compare;
      else if (a) plan.compare = a;
      if (title) plan.title = title;
      return { input: typeof source.input === 'string' && !a && !title ? source.input : { plan }, options: {} };
    }
    const options = {};
    if (a && a !== 'none') options.compare = a;
    if (title) options.title = title;
    return { input: source.input, options };
  }

  async _compute({ source = this._source, focus = false } = {}) {
    if (!source || !this._meta) return;
    const seq = ++this._seq;
    const { input, options } = this._input(source);
    let res;
    try {
      res = await callEngine((api) => api.allocatePlan(input, options));
    } catch (e) {
      if (seq === this._seq) this._fail(asPlanError(e), focus);
      return;
    }
    if (seq !== this._seq) return;
    this._source = source;
    this._result = res;
    this._error = null;
    if (this._fileInput && source.name && this._fileInput.files?.[0]?.name !== source.name) this._fileInput.value = '';
    this._syncControls();
    this._renderTitle();
    this._renderError(null);
    this._render();
    const lang = this.uiLang;
    this._status.textContent = t(lang, 'plan.status', { total: money(lang, res.total), years: yearsLabel(res.years), entries: integer(lang, res.entries.length), payers: integer(lang, res.payers.length) });
    this._emit('efa-plan-result', res);
  }

  _fail(err, focus) {
    this._error = err;
    this._renderError(err, focus);
    const lang = this.uiLang;
    this._status.textContent = this._result ? t(lang, 'plan.staleNotice') : '';
    this._emit('efa-plan-error', err);
  }

  /** The GOV.UK-style error summary: what is wrong, its code and where, a link to the file input. */
  _renderError(err, focus = false) {
    this._resultsSection.classList.toggle('is-stale', !!err && !!this._result);
    this._status.classList.toggle('stale', !!err && !!this._result);
    if (!err) {
      clear(this._errorBox);
      return;
    }
    const lang = this.uiLang;
    const L = (k, v) => t(lang, k, v);
    const entry = /^plan\.entries\[(\d+)\]/.exec(err.path || '');
    const where = err.path ? L('plan.errorWhere', { code: err.code, path: err.path }) + (entry ? ` (${lang === 'en' ? 'entry no.' : 'Eintrag Nr.'} ${Number(entry[1]) + 1})` : '') : L('plan.errorCode', { code: err.code });
    const link = h('a', { href: '#plan-file' }, err.messages?.[lang] || err.messages?.de || err.message);
    link.addEventListener('click', (e) => {
      e.preventDefault();
      this._fileInput.focus();
    });
    const summary = h(
      'div',
      { class: 'error-summary', id: 'plan-error-summary', tabindex: '-1', role: 'alert', 'aria-labelledby': 'plan-error-title', 'data-code': err.code, 'data-path': err.path || '' },
      h('h3', { id: 'plan-error-title', text: L('plan.errorTitle') }),
      h('ul', {}, h('li', {}, link, h('span', { class: 'where', text: where }), h('span', { class: 'where', text: L('plan.errorFixFile') }))),
    );
    clear(this._errorBox).append(summary);
    if (focus) summary.focus();
  }

  // ---- rendering a result -----------------------------------------------------------------------

  _render() {
    const res = this._result;
    if (!res || !this._body) return;
    const v = this._view();
    const { lang } = v;
    const out = [];
    if (v.land) out.push(h('p', { class: 'sentence', id: 'plan-sentence', text: landSentence({ lang, res, land: v.land, landName: v.landName, compareId: v.compareId, compareName: v.compareName }) }));
    out.push(summaryList({ lang, res, compareName: v.compareName }));
    if (v.land) out.push(servicesTable({ lang, res, rows: v.landRows, sums: v.landSums, compareName: v.compareName, id: 'plan-land-services', caption: t(lang, 'plan.landCaption', { land: v.landName }), part: 'land-table' }));
    out.push(payersTable({ lang, res, payerName: v.payerName, compareName: v.compareName, sums: v.payerSums, land: v.land }));
    out.push(servicesTable({ lang, res, rows: v.services, sums: v.servicesSums, compareName: v.compareName, id: 'plan-services', caption: t(lang, 'plan.servicesCaption'), part: 'services-table' }));
    out.push(ceilingsTable({ lang, res }));
    out.push(warningsBox({ lang, res }));
    out.push(renderYearCharts({ lang, res, payerName: v.payerName, compareName: v.compareName, idPrefix: 'plan-chart' }));
    out.push(entriesTable({ lang, res, land: v.land, landName: v.landName, canOpen: (i) => !!this._entryRequest(i), onOpen: (i) => this._openEntry(i) }));
    out.push(sourcesBox({ lang, res }));
    clear(this._body).append(...out.filter(Boolean));
    this._renderExport(v);
  }

  _renderExport(v) {
    const { lang, res } = v;
    const L = (k, x) => t(lang, k, x);
    const status = h('p', { class: 'note', role: 'status', id: 'plan-export-status' });
    const csv = 'text/csv;charset=utf-8';
    const btn = (id, label, fn) => {
      const b = h('button', { type: 'button', class: 'secondary', id, text: label });
      b.addEventListener('click', fn);
      return b;
    };
    const offer = (suffix, text, type) => {
      const name = fileName(res.title, suffix);
      download(this._root, name, text, type);
      status.textContent = L('plan.downloaded', { name });
    };
    clear(this._exportBox).append(
      h(
        'section',
        { class: 'export panel', 'aria-labelledby': 'plan-export-h' },
        h('h4', { id: 'plan-export-h', text: L('plan.exportHeading') }),
        h(
          'div',
          { class: 'buttons' },
          // the workbook writer (www/core/sheet/write.js) loads on the first click, not before
          btn('plan-xlsx', L('plan.xlsx'), () =>
            import('../core/sheet/write.js').then(
              (m) => offer('ergebnis.xlsx', m.planToXlsx(res), XLSX),
              () => (status.textContent = L('plan.xlsxFailed')),
            ),
          ),
          btn('plan-csv-payers', L('plan.csvPayers'), () => offer('zahler.csv', this.toCSV({ table: 'payers' }), csv)),
          v.land ? btn('plan-csv-land', L('plan.csvLand', { land: v.landName }), () => offer(`${v.land.toLowerCase()}-dienste.csv`, this.toCSV({ table: 'land' }), csv)) : null,
          btn('plan-csv-services', L('plan.csvServices'), () => offer('dienste.csv', this.toCSV({ table: 'services' }), csv)),
          btn('plan-csv-entries', L('plan.csvEntries'), () => offer('eintraege.csv', this.toCSV({ table: 'entries' }), csv)),
          btn('plan-json', L('plan.json'), () => offer('ergebnis.json', resultJson(res), 'application/json')),
          btn('plan-print', L('plan.print'), () => window.print()),
        ),
        status,
      ),
    );
  }

  // ---- an entry in <efa-rechner> ----------------------------------------------------------------

  /** The version-1 request of entry i: the engine's echo of it (CSV plans too), else the plan's. */
  _entryRequest(i) {
    const fromEngine = this._result?.entries?.[i]?.request;
    if (fromEngine && typeof fromEngine === 'object') return structuredClone(fromEngine);
    return entryRequest(this._source?.plan, i);
  }

  /**
   * Opens entry i in the page's <efa-rechner> (the one named by the `calculator` attribute, else
   * the first on the page); without one, in a calculator below the plan.
   */
  async _openEntry(i) {
    const req = this._entryRequest(i);
    if (!req) return;
    const lang = this.uiLang;
    const entry = this._result.entries[i];
    const id = this.getAttribute('calculator');
    let calc = id ? document.getElementById(id) : document.querySelector('efa-rechner');
    let heading = null;
    if (!calc || calc.localName !== 'efa-rechner') {
      if (!customElements.get('efa-rechner')) await import(/* @vite-ignore */ new URL(CALCULATOR, import.meta.url).href);
      if (!this._calc) {
        this._calc = document.createElement('efa-rechner');
        this._calc.setAttribute('no-fragment', '');
      }
      calc = this._calc;
      calc.setAttribute('lang', lang);
      heading = h('h3', { id: 'plan-calc-h', tabindex: '-1', text: t(lang, 'plan.calcHeading', { n: i + 1 }) });
      clear(this._calcBox).append(heading, calc);
    }
    await customElements.whenDefined('efa-rechner');
    calc.setAttribute('service', entry.service);
    calc.request = req;
    this._status.textContent = t(lang, 'plan.opened', { n: i + 1 });
    if (heading) heading.focus();
    else {
      if (!calc.hasAttribute('tabindex')) calc.setAttribute('tabindex', '-1');
      calc.focus();
    }
    calc.scrollIntoView?.({ block: 'start' });
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
