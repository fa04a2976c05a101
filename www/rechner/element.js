// The EfaRechner class behind <efa-rechner> (efa-rechner.js defines the element): lifecycle,
// computing, rendering. Everything is computed by the WASM engine (../core/engine.js); this file only
// shows it.

import { loadModule, freshInstance, freeDataset, trapError } from '../core/engine.js';
import { errorObject } from './errors.js';
import { h, clear } from '../core/dom.js';
import { t, normLang, loadLang } from './i18n.js';
import { adoptStyles } from '../core/styles.js';
import { adoptElementStyles } from './styles.js';
import { money, integer, date as fmtDate, parseNumber } from '../core/format.js';
import { EfaForm } from './form/form.js';
import { Names } from '../core/names.js';
import { renderResults, renderSources, fillDeferred } from './results.js';
import { payersCsv, resultJson } from './export.js';
import { readFragment, writeFragment, encodeRequest, PREFIX } from './fragment.js';
import { parts, loadPart } from './parts.js';

// ---- the engine, shared by every element on the page ---------------------------------------------
// The engine is built with panic = "abort", so a panic or a memory fault reaches JS as a
// WebAssembly.RuntimeError, after which that instance is dead (its shadow stack pointer or heap
// may be corrupt). Every call goes through EfaRechner#_engine: on a trap it retires the instance
// for all elements, each element re-loads its GV100AD file into the fresh instance on its next
// call, and the call is retried once.

/** Fresh instances a page may start; each keeps its module (and memory) alive, so there is a limit. */
const MAX_FRESH_INSTANCES = 8;
let engineGen = 0; // generation of the instance to use: 0 = the static import, n = pkg/efa_rechner.js?instance=n
let enginePromise = null; // Promise<{ api, gen, dead }> of the current instance

function currentEngine() {
  if (!enginePromise) {
    const gen = engineGen;
    const p =
      gen === 0
        ? loadModule().then((api) => ({ api, gen, dead: false }))
        : gen > MAX_FRESH_INSTANCES
          ? Promise.reject(trapError(null)) // it keeps failing: stop starting new ones
          : freshInstance(gen).then((api) => ({ api, gen, dead: false }));
    enginePromise = p;
    // a failed load is tried again by the next call
    p.catch(() => {
      if (enginePromise === p) enginePromise = null;
    });
  }
  return enginePromise;
}

/** Marks a trapped instance dead; the next call of any element starts a fresh one. */
function retireEngine(state) {
  if (state.dead) return;
  state.dead = true;
  if (engineGen === state.gen) {
    engineGen = state.gen + 1;
    enginePromise = null;
  }
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError;


/** Loads the WASM engine (once per page) and resolves to the module now in use. */
export function loadEngine() {
  return currentEngine().then((s) => s.api);
}

/**
 * Runs fn (once, the latest one per element) after the next frame has been painted, or after
 * 200 ms at the latest (a hidden page paints no frames).
 */
function afterPaint(el, fn) {
  const token = (el._paintToken = {});
  const run = () => {
    if (el._paintToken !== token) return;
    el._paintToken = null;
    fn();
  };
  // (background priority where the browser has it: input and the painting of the next result go first)
  requestAnimationFrame(() => globalThis.scheduler?.postTask?.(run, { priority: 'background' }) ?? setTimeout(run, 0));
  setTimeout(run, 200);
}

const REQUEST_ATTRS = ['year', 'costs', 'alliance', 'model', 'key', 'land', 'level'];

function clientError(err) {
  return Object.assign(new Error(err.messages.en), { code: err.code, path: err.path, messages: err.messages });
}

export class EfaRechner extends HTMLElement {
  static get observedAttributes() {
    return [...REQUEST_ATTRS, 'lang', 'service', 'readonly', 'kommunen-src'];
  }

  constructor() {
    super();
    this._root = this.attachShadow({ mode: 'open' });
    adoptElementStyles(this._root);
    this._booted = false;
    this._request = null;
    this._result = null;
    // the GV100AD file: { ds: handle in engine instance gen, gen, bytes (to re-load it into a fresh
    // instance), info: { gebietsstand, kreise, gemeinden } (read once, so showing it needs no engine) }
    this._dataset = null;
    this._datasetLoading = null;
    this._seq = 0;
    this._timer = null;
    this._lastFragment = null;
    this._kommunenView = null;
    this._whatIf = null;
    this._partsWaiting = new Set();
    this._onHashChange = () => this._applyFragment();
    this._onBeforePrint = () => this._openDetailsForPrint(true);
    this._onAfterPrint = () => this._openDetailsForPrint(false);
  }

  get lang() {
    return normLang(this.getAttribute('lang'));
  }

  // ---- public API -------------------------------------------------------------------------

  /** The current contract request (a copy). */
  get request() {
    const r = this._request ?? this._pendingRequest ?? null;
    return r ? structuredClone(r) : null;
  }
  set request(req) {
    if (!req || typeof req !== 'object') throw new TypeError('efa-rechner: request must be an object');
    const copy = structuredClone(req);
    if (!this._booted) {
      this._pendingRequest = copy;
      return;
    }
    this._setRequest(copy);
  }

  /** The last successful response (do not modify). */
  get result() {
    return this._result;
  }

  /** CSV of the payer table ("excel" or "plain") or of the Kommunen ({ table: "kommunen" }). */
  toCSV({ variant = 'excel', table = 'payers' } = {}) {
    if (!this._result) return '';
    return table === 'kommunen' ? (parts.kommunen?.kommunenCsv(this._result, this._names(), variant) ?? '') : payersCsv(this._result, this._names(), variant);
  }

  toJSON() {
    return this._result ? JSON.parse(resultJson(this._request, this._result)) : null;
  }

  /** Recomputes now (for example after changing the form programmatically). */
  recompute() {
    return this._compute();
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  connectedCallback() {
    for (const p of ['request']) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
    window.addEventListener('hashchange', this._onHashChange);
    window.addEventListener('beforeprint', this._onBeforePrint);
    window.addEventListener('afterprint', this._onAfterPrint);
    if (!this._started) {
      this._started = true;
      this._renderLoading();
      this._boot();
    }
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this._onHashChange);
    window.removeEventListener('beforeprint', this._onBeforePrint);
    window.removeEventListener('afterprint', this._onAfterPrint);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this._booted || oldValue === newValue) return;
    if (name === 'lang') {
      // (English texts are loaded on first use; if they cannot be, German ones stand in)
      loadLang(this.lang)
        .catch(() => {})
        .then(() => this._rebuild());
      return;
    }
    if (name === 'readonly') {
      this._rebuild();
      return;
    }
    if (name === 'service') {
      this._renderTitle();
      this._renderResults();
      return;
    }
    if (name === 'kommunen-src') {
      if (newValue) this._loadDatasetFromUrl(newValue);
      return;
    }
    // a request attribute: change that part of the current request
    const req = this._currentRequestForEdit();
    const fromAttrs = this._requestFromAttributes();
    if (name === 'land') {
      if (fromAttrs.kommunen) req.kommunen = { ...(req.kommunen || {}), ...fromAttrs.kommunen };
      else delete req.kommunen;
    } else if (name === 'level') {
      if (req.kommunen) {
        if (newValue) req.kommunen.level = newValue.trim();
        else delete req.kommunen.level;
      }
    } else if (fromAttrs[name] === undefined) delete req[name];
    else req[name] = fromAttrs[name];
    this._setRequest(req);
  }

  // ---- boot ---------------------------------------------------------------------------------

  _renderLoading() {
    const lang = this.lang;
    const p = h('p', { class: 'loading', role: 'status' });
    this._wrap = h('div', { class: 'wrap booting', lang }, p);
    clear(this._root).append(this._wrap);
    // (in the element's language: an English one shows its text once the English texts are there)
    loadLang(lang)
      .catch(() => {})
      .then(() => (p.textContent = t(lang, 'loading')));
  }

  async _boot() {
    // Starts the engine download (.wasm and glue in parallel) before anything else.
    const meta = this._engine((api) => api.metadata(), { dataset: false });
    this._prefetch(this._pendingRequest || this._requestFromAttributes()); // (a fragment's request: below)
    const lang = this.lang;
    const strings = loadLang(lang).catch(() => {}); // without English texts, German ones stand in
    try {
      this._meta = await meta;
      await strings;
      await loadLang(this.lang).catch(() => {}); // (the lang attribute may have changed meanwhile)
    } catch (e) {
      const err = errorObject(e);
      await loadLang(this.lang).catch(() => {});
      clear(this._wrap).append(h('p', { class: 'error-message', role: 'alert', text: t(this.lang, 'loadFailed', { message: err.messages?.[this.lang] || err.message }) }));
      this._emit('efa-error', err);
      return;
    }
    let req = this._pendingRequest || null;
    let fragmentError = null;
    if (!this.hasAttribute('no-fragment')) {
      try {
        const f = readFragment();
        if (f) {
          req = f;
          this._lastFragment = location.hash;
        }
      } catch (e) {
        fragmentError = e;
      }
    }
    if (!req) req = this._requestFromAttributes();
    this._prefetch(req);
    this._booted = true;
    this._pendingRequest = null;
    this._request = null;
    this._initialRequest = req;
    // (the file's download starts before the form is built; its part runs after, never before)
    const src = this.getAttribute('kommunen-src');
    if (src) this._loadDatasetFromUrl(src);
    this._build();
    if (this._form) this._form.write(req);
    else this._request = req;
    if (fragmentError) console.info('efa-rechner: ignoring an unreadable #efa= fragment');
    await this._compute();
  }

  /**
   * Starts loading what a first result with Kommunen needs, in parallel with the engine: the
   * table's part and, at the Gemeinde level without a file, the built-in Gemeinde table's.
   */
  _prefetch(req) {
    const k = req?.kommunen;
    for (const p of k ? ['kommunen', k.level === 'gemeinde' && !this.getAttribute('kommunen-src') && 'gemeinden'] : []) if (p) loadPart(p).catch(() => {});
  }

  _requestFromAttributes() {
    const a = (n) => {
      const v = this.getAttribute(n);
      return v === null ? undefined : v.trim();
    };
    const req = {};
    const year = a('year');
    if (year === undefined || year === '') req.year = Math.min(2100, Math.max(2000, new Date().getFullYear()));
    else req.year = /^\d+$/.test(year) ? Number(year) : year;
    const costs = a('costs');
    if (costs) {
      if (/^\d+(\.\d+)?$/.test(costs)) req.costs = costs;
      else {
        const r = parseNumber(costs, this.lang, {});
        req.costs = r.value ?? costs;
      }
    }
    const alliance = a('alliance');
    if (alliance !== undefined && alliance !== '') req.alliance = alliance.toLowerCase() === 'all' ? 'all' : alliance.split(/[\s,;]+/).filter(Boolean);
    const model = a('model');
    if (model) req.model = model;
    const key = a('key');
    if (key) req.key = key;
    const land = a('land');
    if (land) {
      req.kommunen = { land };
      const level = a('level');
      if (level) req.kommunen.level = level;
    }
    return req;
  }

  _currentRequestForEdit() {
    if (this._form) {
      const { request } = this._form.read();
      return request;
    }
    return structuredClone(this._request || {});
  }

  _setRequest(req) {
    if (this._form) this._form.write(req);
    else this._request = req;
    this._compute();
  }

  _applyFragment() {
    if (this.hasAttribute('no-fragment') || !this._booted) return;
    if (location.hash === this._lastFragment) return;
    let req;
    try {
      req = readFragment();
    } catch {
      return;
    }
    if (!req) return;
    this._lastFragment = location.hash;
    this._setRequest(req);
  }

  // ---- building the UI ------------------------------------------------------------------------

  _names() {
    return new Names(this._meta, this.lang);
  }

  _renderTitle() {
    if (!this._titleEl) return;
    const service = this.getAttribute('service');
    this._titleEl.textContent = service ? t(this.lang, 'titleService', { service }) : t(this.lang, 'title');
  }

  _build() {
    const lang = this.lang;
    const L = (k, v) => t(lang, k, v);
    const readonly = this.hasAttribute('readonly');
    this._titleEl = h('h2', { id: 'efa-title' });
    this._wrap = h('div', { class: 'wrap', lang });
    this._wrap.append(this._titleEl, h('p', { class: 'intro', text: L('intro') }));
    this._renderTitle();

    const layout = h('div', { class: readonly ? 'layout readonly' : 'layout' });
    if (!readonly) {
      this._form = new EfaForm({
        meta: this._meta,
        lang,
        onInput: () => this._schedule(350),
        // A choice computes at once (in a later task, the browser would paint a frame first); a
        // typed field's change waits for the task of a click it may be part of (its blur).
        onChange: (key, typed) => (typed ? this._schedule(0) : this._compute()),
        onSubmit: () => this._compute({ submit: true }),
        onFile: (file) => this._loadDatasetFromFile(file),
        fileStatus: () => this._dataset?.info ?? null,
        fmtDate: (d) => fmtDate(lang, d),
        fmtInt: (n) => integer(lang, n),
      });
      layout.append(this._form.render());
    } else {
      this._form = null;
    }

    this._status = h('div', { class: 'status', role: 'status', id: 'efa-status' });
    this._roErrors = h('div', { class: 'ro-errors' });
    this._resultBody = h('div', { class: 'result-body' });
    this._kommunenBox = h('div', {});
    this._whatIfBox = h('div', {});
    this._exportBox = h('div', {});
    this._sourcesBox = h('div', {});
    this._resultsSection = h(
      'section',
      { class: 'results', 'aria-labelledby': 'results-h' },
      h('h3', { id: 'results-h', text: L('resultsHeading') }),
      this._status,
      this._roErrors,
      this._resultBody,
      this._kommunenBox,
      readonly ? null : this._whatIfBox,
      this._exportBox,
      this._sourcesBox,
    );
    layout.append(this._resultsSection);
    this._wrap.append(layout);
    clear(this._root).append(this._wrap);
  }

  async _rebuild() {
    if (this._form) await loadPart('more').catch(() => {}); // snapshot() and restore()
    const focusedId = this._root.activeElement?.id;
    const snap = this._form?.snapshot ? this._form.snapshot() : null;
    const req = this._form ? null : this._request;
    this._build();
    if (this._form) {
      if (snap) this._form.restore(snap);
      else this._form.write(this._request || this._initialRequest || {});
    } else if (req) this._request = req;
    if (this._form && this._dataset) this._form.updateFileStatus();
    this._renderResults();
    if (focusedId) this._root.getElementById(focusedId)?.focus();
    this._compute();
  }

  // ---- computing ------------------------------------------------------------------------------

  /**
   * Runs fn(api, dataset, state) on the current engine instance, with this element's GV100AD
   * data set loaded into it (unless { dataset: false }). If the instance traps, it is retired for
   * every element and fn runs once more on a fresh one; a second trap becomes an engine_trap
   * error. Engine errors (EfaError) pass through unchanged.
   */
  async _engine(fn, { dataset = true } = {}) {
    let trap = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      let state;
      try {
        state = await currentEngine();
      } catch (e) {
        throw trap ? trapError(trap) : e;
      }
      // retired by another element meanwhile: never call a dead instance again
      if (state.dead) {
        attempt--;
        continue;
      }
      try {
        return fn(state.api, dataset ? this._datasetIn(state) : undefined, state);
      } catch (e) {
        if (!isTrap(e)) throw e;
        trap = e;
        retireEngine(state);
      }
    }
    throw trapError(trap);
  }

  /** This element's data set as a handle of the given instance, re-loaded there if need be. */
  _datasetIn(state) {
    const d = this._dataset;
    if (!d) return undefined;
    if (d.gen !== state.gen) {
      const ds = state.api.loadGv100ad(d.bytes);
      freeDataset(d.ds);
      d.ds = ds;
      d.gen = state.gen;
    }
    return d.ds;
  }

  _schedule(delay) {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._compute(), delay);
  }

  async _compute({ submit = false } = {}) {
    clearTimeout(this._timer);
    if (!this._booted) return;
    const seq = ++this._seq;
    const lang = this.lang;
    let request;
    let errors = [];
    if (this._form) ({ request, errors } = this._form.read());
    else request = this._request;

    if (errors.length) {
      const visible = errors.filter((e) => !e.required || submit || this._form.submitted || this._form.touched.has(e.field));
      if (!visible.length) {
        this._form.clearErrors();
        this._setStale(false);
        if (!this._result) this._status.textContent = t(lang, 'promptCosts');
        return;
      }
      await this._errorParts();
      if (seq !== this._seq) return;
      this._showErrors(visible, request, submit);
      this._emit('efa-error', clientError(visible[0]));
      return;
    }

    if (this._datasetLoading && request?.kommunen) {
      try {
        await this._datasetLoading;
      } catch {
        /* shown at the file field */
      }
      if (seq !== this._seq) return;
    }

    // The Kommune table crosses as columns (amounts as integer units, names once per data set);
    // withRows (kommunen.js) gives the result its contract rows, made when first read.
    const k = request?.kommunen;
    const call = k && !k.format ? { ...request, kommunen: { ...k, format: 'columns' } } : request;
    let res;
    try {
      // Level gemeinde without a file: gemeinden.js loads the built-in Gemeinde table (fetched
      // once, from boot on) into the engine before computing. Any other request that the engine
      // answers with missing_gv100ad goes there too; other errors pass on.
      const gemeinden = (e) => loadPart('gemeinden').then((m) => m.allocate(this, call, e));
      res = await (k?.level === 'gemeinde' && !this._dataset ? gemeinden() : this._engine((api, ds) => api.allocate(call, ds)).catch(gemeinden));
    } catch (e) {
      if (seq !== this._seq) return;
      await this._errorParts();
      if (seq !== this._seq) return;
      const err = errorObject(e);
      this._showErrors([{ code: err.code, path: err.path, messages: err.messages, field: this._form?.fieldForError ? this._form.fieldForError(err, request) : null }], request, submit);
      this._emit('efa-error', err);
      return;
    }
    if (seq !== this._seq) return;
    if (res.kommunen && !parts.kommunen) {
      // the Kommunen table is part of this result: show them together
      try {
        await loadPart('kommunen');
      } catch {
        /* shown in its place by _renderKommunen */
      }
      if (seq !== this._seq) return;
    }
    if (call !== request) parts.kommunen?.withRows(res);
    this._form?.clearErrors();
    this._roErrors.replaceChildren();
    this._request = request;
    this._result = res;
    this._setStale(false);
    this._renderResults();
    if (!this.hasAttribute('no-fragment')) {
      try {
        writeFragment(request);
        this._lastFragment = location.hash;
      } catch {
        /* a sandboxed page may forbid history changes */
      }
    }
    this._status.textContent = t(lang, 'statusResult', { total: money(lang, res.total), year: res.year, count: integer(lang, res.payers.length) });
    this._emit('efa-result', res);
  }

  /**
   * Loads what showing an error needs: the form's error display and the English texts (an error
   * carries its message in both languages). If that fails, errors are still shown, as a list.
   */
  _errorParts() {
    return Promise.all([this._form ? loadPart('more') : null, loadLang('en')]).catch(() => {});
  }

  _showErrors(errors, request, submit) {
    const lang = this.lang;
    if (this._form?.showErrors) {
      const shown = this._form.showErrors(errors);
      if (submit) this._form.focusSummary();
      const n = shown.length;
      this._status.textContent = `${this._result ? t(lang, 'staleNotice') + ' ' : ''}${parts.more.statusErrors(lang, n)}`;
    } else {
      this._roErrors.replaceChildren(h('div', { class: 'error-summary' }, h('ul', {}, errors.map((e) => h('li', { text: e.messages?.[lang] || e.messages?.de || e.code })))));
      this._status.textContent = this._result ? t(lang, 'staleNotice') : '';
    }
    this._setStale(!!this._result);
  }

  _setStale(stale) {
    this._resultsSection?.classList.toggle('is-stale', stale);
    this._status?.classList.toggle('stale', stale);
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- rendering results ------------------------------------------------------------------------

  _renderResults() {
    const res = this._result;
    if (!res || !this._resultBody) return;
    const lang = this.lang;
    const names = this._names();
    const open = new Set([...this._resultBody.querySelectorAll('details[open]')].map((d) => d.className));
    clear(this._resultBody).append(...renderResults({ lang, names, res, service: this.getAttribute('service') }));
    for (const d of this._resultBody.querySelectorAll('details')) {
      if (!open.has(d.className)) continue;
      fillDeferred(this._resultBody);
      d.open = true;
    }
    this._renderKommunen();
    clear(this._sourcesBox);
    const src = renderSources({ lang, res });
    if (src) this._sourcesBox.append(src);
    // What is not in view at first (the closed explanation; the what-if and export panels below
    // the results) is built once this result has been painted: a form change paints its new
    // result first (the panels keep their content until then; the export reads the result when
    // used).
    afterPaint(this, () => {
      if (!this._result) return;
      if (this._resultBody) fillDeferred(this._resultBody);
      this._renderWhatIf();
      this._renderExport();
    });
  }

  /**
   * The module of a part loaded on demand, or null: then it is loaded, and `again` runs once it
   * has arrived (it renders from the state at that time). A part that cannot be loaded says so in
   * its box.
   */
  _part(name, box, again) {
    const m = parts[name];
    if (m) {
      if (m.CSS) adoptStyles(this._root, m.CSS);
      return m;
    }
    if (!this._partsWaiting.has(name)) {
      this._partsWaiting.add(name);
      loadPart(name).then(
        () => {
          this._partsWaiting.delete(name);
          again();
        },
        (e) => {
          this._partsWaiting.delete(name);
          const msg = t(this.lang, 'loadFailed', { message: e?.message || String(e) });
          if (this._result) clear(box).append(h('p', { class: 'error-message', text: msg }));
        },
      );
    }
    return null;
  }

  _renderKommunen() {
    const res = this._result;
    const box = this._kommunenBox;
    if (!res || !box) return;
    const m = res.kommunen && this._part('kommunen', box, () => this._renderKommunen());
    if (!m) return clear(box);
    // the view updates its section in place (focus, scroll and search survive)
    const view = (this._kommunenView ||= new m.KommunenView());
    const root = view.render({ lang: this.lang, names: this._names(), k: res.kommunen, unit: res.unit, ids: 'kom' });
    if (root.parentNode !== box) clear(box).append(root);
  }

  _renderWhatIf() {
    const res = this._result;
    const box = this._whatIfBox;
    if (!res || !box) return;
    clear(box);
    if (this.hasAttribute('readonly')) return;
    const m = this._part('whatif', box, () => this._renderWhatIf());
    if (!m) return;
    this._whatIf ||= new m.WhatIf({ allocate: (r) => this._engine((api, ds) => api.allocate(r, ds)), meta: this._meta });
    box.append(this._whatIf.render({ lang: this.lang, names: this._names(), request: this._request, res }));
  }

  _renderExport() {
    const res = this._result;
    const box = this._exportBox;
    if (!res || !box) return;
    clear(box);
    const m = this._part('panel', box, () => this._renderExport());
    if (!m) return;
    box.append(m.renderExport({ root: this._root, lang: this.lang, names: this._names(), result: () => this._result, request: () => this._request }));
  }

  _openDetailsForPrint(on) {
    if (!this._root) return;
    if (on) {
      fillDeferred(this._root);
      this._printOpened = [...this._root.querySelectorAll('.results details:not([open])')];
      for (const d of this._printOpened) d.open = true;
    } else {
      for (const d of this._printOpened || []) d.open = false;
      this._printOpened = null;
    }
  }

  // ---- GV100AD data -----------------------------------------------------------------------------

  // Loading a file is in dataset.js, loaded on demand. A computation started meanwhile waits for
  // the file (_datasetLoading), as it waits while the file itself loads.

  _loadDatasetFromUrl(src) {
    return this._withDataset((m) => m.loadFromUrl(this, src));
  }

  _loadDatasetFromFile(file) {
    return this._withDataset((m) => m.loadFromFile(this, file));
  }

  _withDataset(fn) {
    const p = loadPart('dataset')
      .then(fn, (e) => this._datasetError(e))
      .finally(() => {
        if (this._datasetLoading === p) this._datasetLoading = null; // (dataset.js replaces it while it loads)
      });
    this._datasetLoading = p;
    return p;
  }

  async _datasetError(err) {
    await this._errorParts();
    const e = errorObject(err);
    this._form?.updateFileStatus('');
    if (this._form?.showErrors) {
      this._form.showErrors([{ code: e.code, path: e.path, messages: e.messages, field: 'kfile' }]);
      this._setStale(!!this._result);
    } else if (this._roErrors) {
      this._roErrors.replaceChildren(h('div', { class: 'error-summary' }, h('p', { text: e.messages?.[this.lang] || e.message })));
    }
    this._emit('efa-error', e);
  }
}

export { encodeRequest, PREFIX as FRAGMENT_PREFIX };
