// The EfaRechner class behind <efa-rechner> (efa-rechner.js defines the element): lifecycle,
// computing, rendering. Everything is computed by the WASM engine (../core/engine.js); this file only
// shows it.

import { loadModule, callEngine, freeDataset, fetchGemeinden } from '../core/engine.js';
import { errorObject } from './errors.js';
import { h, clear, morph } from '../core/dom.js';
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

/** Loads the WASM engine (once per page) and resolves to the module now in use. */
export const loadEngine = loadModule;

const REQUEST_ATTRS = ['year', 'costs', 'alliance', 'model', 'key', 'land', 'level'];

function clientError(err) {
  return Object.assign(new Error(err.messages.en), { code: err.code, path: err.path, messages: err.messages });
}

export class EfaRechner extends HTMLElement {
  static get observedAttributes() {
    return [...REQUEST_ATTRS, 'lang', 'service', 'readonly', 'kommunen-src'];
  }

  // Private (#) what is this class's own, undefined until set; public what the parts loaded on
  // demand use (_form, _dataset, _datasetLoading, _engine, _compute, _datasetError).
  #root = this.attachShadow({ mode: 'open' });
  #booted;
  #started;
  #meta;
  #request;
  #pendingRequest;
  #initialRequest;
  #result = null; // (the public result: null before the first)
  #seq = 0;
  #timer;
  #lastFragment;
  #paintToken;
  #printOpened;
  #partsWaiting = new Set();
  #kommunenView;
  #whatIf;
  // the built UI (#build)
  #wrap;
  #titleEl;
  #status;
  #roErrors;
  #resultBody;
  #resultsSection;
  #kommunenBox;
  #whatIfBox;
  #exportBox;
  #sourcesBox;
  #onHashChange = () => this.#applyFragment();
  #onBeforePrint = () => this.#openDetailsForPrint(true);
  #onAfterPrint = () => this.#openDetailsForPrint(false);

  constructor() {
    super();
    adoptElementStyles(this.#root);
    this._form = null;
    // the GV100AD file: { ds: handle in engine instance gen, gen, bytes (to re-load it into a fresh
    // instance), info: { gebietsstand, kreise, gemeinden } (read once, so showing it needs no engine) }
    this._dataset = null;
    this._datasetLoading = null;
  }

  get lang() {
    return normLang(this.getAttribute('lang'));
  }

  // ---- public API -------------------------------------------------------------------------

  /** The current contract request (a copy). */
  get request() {
    const r = this.#request ?? this.#pendingRequest ?? null;
    return r ? structuredClone(r) : null;
  }
  set request(req) {
    if (!req || typeof req !== 'object') throw new TypeError('efa-rechner: request must be an object');
    const copy = structuredClone(req);
    if (!this.#booted) {
      this.#pendingRequest = copy;
      return;
    }
    this.#setRequest(copy);
  }

  /** The last successful response (do not modify). */
  get result() {
    return this.#result;
  }

  /** CSV of the payer table ("excel" or "plain") or of the Kommunen ({ table: "kommunen" }). */
  toCSV({ variant = 'excel', table = 'payers' } = {}) {
    if (!this.#result) return '';
    return table === 'kommunen' ? (parts.kommunen?.kommunenCsv(this.#result, this.#names(), variant) ?? '') : payersCsv(this.#result, this.#names(), variant);
  }

  toJSON() {
    return this.#result ? JSON.parse(resultJson(this.#request, this.#result)) : null;
  }

  /** Recomputes now (for example after changing the form programmatically). */
  recompute() {
    return this._compute();
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  connectedCallback() {
    // a request set before the element was defined: an own property that hides the setter
    if (Object.hasOwn(this, 'request')) {
      const v = this.request;
      delete this.request;
      this.request = v;
    }
    window.addEventListener('hashchange', this.#onHashChange);
    window.addEventListener('beforeprint', this.#onBeforePrint);
    window.addEventListener('afterprint', this.#onAfterPrint);
    if (!this.#started) {
      this.#started = true;
      this.#renderLoading();
      this.#boot();
    }
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.#onHashChange);
    window.removeEventListener('beforeprint', this.#onBeforePrint);
    window.removeEventListener('afterprint', this.#onAfterPrint);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.#booted || oldValue === newValue) return;
    if (name === 'lang') {
      // (English texts are loaded on first use; if they cannot be, German ones stand in)
      loadLang(this.lang)
        .catch(() => {})
        .then(() => this.#rebuild());
      return;
    }
    if (name === 'readonly') {
      this.#rebuild();
      return;
    }
    if (name === 'service') {
      this.#renderTitle();
      this.#renderResults();
      return;
    }
    if (name === 'kommunen-src') {
      if (newValue) this.#loadDatasetFromUrl(newValue);
      return;
    }
    // a request attribute: change that part of the current request
    const req = this.#currentRequestForEdit();
    const fromAttrs = this.#requestFromAttributes();
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
    this.#setRequest(req);
  }

  // ---- boot ---------------------------------------------------------------------------------

  #renderLoading() {
    const lang = this.lang;
    const p = h('p', { class: 'loading', role: 'status' });
    this.#wrap = h('div', { class: 'wrap booting', lang }, p);
    clear(this.#root).append(this.#wrap);
    // (in the element's language: an English one shows its text once the English texts are there)
    loadLang(lang)
      .catch(() => {})
      .then(() => (p.textContent = t(lang, 'loading')));
  }

  async #boot() {
    // Starts the engine download (.wasm and glue in parallel) before anything else.
    const meta = this._engine((api) => api.metadata(), { dataset: false });
    this.#prefetch(this.#pendingRequest || this.#requestFromAttributes()); // (a fragment's request: below)
    const lang = this.lang;
    const strings = loadLang(lang).catch(() => {}); // without English texts, German ones stand in
    try {
      this.#meta = await meta;
      await strings;
      await loadLang(this.lang).catch(() => {}); // (the lang attribute may have changed meanwhile)
    } catch (e) {
      const err = errorObject(e);
      await loadLang(this.lang).catch(() => {});
      clear(this.#wrap).append(h('p', { class: 'error-message', role: 'alert', text: t(this.lang, 'loadFailed', { message: err.messages?.[this.lang] || err.message }) }));
      this.#emit('efa-error', err);
      return;
    }
    // The form is built while what the first result needs beyond the engine (a Kommune table's
    // part, the built-in Gemeinde table) arrives, and shown in the task that shows that result:
    // one layout of the whole element, not the form's first and then again with the result.
    this.#build();
    await this.#prefetch(this.#startRequest().req);
    const { req, fragmentError } = this.#startRequest(); // (again: the request may have changed meanwhile)
    this.#prefetch(req);
    this.#booted = true;
    this.#pendingRequest = null;
    this.#request = null;
    this.#initialRequest = req;
    // (built again if lang or readonly changed meanwhile)
    if (this.#wrap.lang !== this.lang || !this._form !== this.hasAttribute('readonly')) this.#build();
    // (the file's download starts before the form is shown; its part runs after it is built)
    const src = this.getAttribute('kommunen-src');
    if (src) this.#loadDatasetFromUrl(src);
    clear(this.#root).append(this.#wrap);
    if (this._form) this._form.write(req);
    else this.#request = req;
    if (fragmentError) console.info('efa-rechner: ignoring an unreadable #efa= fragment');
    await this._compute();
  }

  /** The request to start with: the URL fragment's (unless no-fragment), one set before boot, or the attributes'. */
  #startRequest() {
    let req = this.#pendingRequest || null;
    let fragmentError = null;
    if (!this.hasAttribute('no-fragment')) {
      try {
        const f = readFragment();
        if (f) {
          req = f;
          this.#lastFragment = location.hash;
        }
      } catch (e) {
        fragmentError = e;
      }
    }
    return { req: req || this.#requestFromAttributes(), fragmentError };
  }

  /**
   * Starts loading what a first result with Kommunen needs, in parallel with the engine: the
   * table's part and, at the Gemeinde level without a file, the built-in Gemeinde table and its
   * part (both at once, not the table after the part). Resolves when all of it has arrived or
   * failed (a failure shows where it is needed).
   */
  #prefetch(req) {
    const k = req?.kommunen;
    const loads = k ? [loadPart('kommunen')] : [];
    if (k?.level === 'gemeinde' && !this.getAttribute('kommunen-src')) loads.push(fetchGemeinden(), loadPart('gemeinden'));
    return Promise.allSettled(loads);
  }

  #requestFromAttributes() {
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

  #currentRequestForEdit() {
    if (this._form) {
      const { request } = this._form.read();
      return request;
    }
    return structuredClone(this.#request || {});
  }

  #setRequest(req) {
    if (this._form) this._form.write(req);
    else this.#request = req;
    this._compute();
  }

  #applyFragment() {
    if (this.hasAttribute('no-fragment') || !this.#booted) return;
    if (location.hash === this.#lastFragment) return;
    let req;
    try {
      req = readFragment();
    } catch {
      return;
    }
    if (!req) return;
    this.#lastFragment = location.hash;
    this.#setRequest(req);
  }

  // ---- building the UI ------------------------------------------------------------------------

  #names() {
    return new Names(this.#meta, this.lang);
  }

  #renderTitle() {
    if (!this.#titleEl) return;
    const service = this.getAttribute('service');
    this.#titleEl.textContent = service ? t(this.lang, 'titleService', { service }) : t(this.lang, 'title');
  }

  /** Builds the element's UI; shows it if `show` (else the caller shows #wrap). */
  #build(show) {
    const lang = this.lang;
    const L = (k, v) => t(lang, k, v);
    const readonly = this.hasAttribute('readonly');
    this.#titleEl = h('h2', { id: 'efa-title' });
    this.#wrap = h('div', { class: 'wrap', lang });
    this.#wrap.append(this.#titleEl, h('p', { class: 'intro', text: L('intro') }));
    this.#renderTitle();

    const layout = h('div', { class: readonly ? 'layout readonly' : 'layout' });
    if (!readonly) {
      this._form = new EfaForm({
        meta: this.#meta,
        lang,
        onInput: () => this.#schedule(350),
        // A choice computes at once (in a later task, the browser would paint a frame first); a
        // typed field's change waits for the task of a click it may be part of (its blur).
        onChange: (key, typed) => (typed ? this.#schedule(0) : this._compute()),
        onSubmit: () => this._compute({ submit: true }),
        onFile: (file) => this.#loadDatasetFromFile(file),
        fileStatus: () => this._dataset?.info ?? null,
        fmtDate: (d) => fmtDate(lang, d),
        fmtInt: (n) => integer(lang, n),
      });
      layout.append(this._form.render());
    } else {
      this._form = null;
    }

    this.#status = h('div', { class: 'status', role: 'status', id: 'efa-status' });
    this.#roErrors = h('div', { class: 'ro-errors' });
    this.#resultBody = h('div', { class: 'result-body' });
    this.#kommunenBox = h('div', {});
    this.#whatIfBox = h('div', {});
    this.#exportBox = h('div', {});
    this.#sourcesBox = h('div', {});
    this.#resultsSection = h(
      'section',
      { class: 'results', 'aria-labelledby': 'results-h' },
      h('h3', { id: 'results-h', text: L('resultsHeading') }),
      this.#status,
      this.#roErrors,
      this.#resultBody,
      this.#kommunenBox,
      readonly ? null : this.#whatIfBox,
      this.#exportBox,
      this.#sourcesBox,
    );
    layout.append(this.#resultsSection);
    this.#wrap.append(layout);
    if (show) clear(this.#root).append(this.#wrap);
  }

  async #rebuild() {
    if (this._form) await loadPart('more').then((m) => this.#adopt(m)).catch(() => {}); // snapshot() and restore() (errors too)
    const focusedId = this.#root.activeElement?.id;
    const snap = this._form?.snapshot ? this._form.snapshot() : null;
    const req = this._form ? null : this.#request;
    this.#build(true);
    if (this._form) {
      if (snap) this._form.restore(snap);
      else this._form.write(this.#request || this.#initialRequest || {});
    } else if (req) this.#request = req;
    if (this._form && this._dataset) this._form.updateFileStatus();
    this.#renderResults();
    if (focusedId) this.#root.getElementById(focusedId)?.focus();
    this._compute();
  }

  // ---- computing ------------------------------------------------------------------------------

  /**
   * Runs fn(api, dataset, gen) on the page's engine instance (../core/engine.js: callEngine, which
   * recovers from a trap on a fresh instance), with this element's GV100AD data set loaded into
   * that instance (unless { dataset: false }): after a trap, the file is loaded again into the
   * fresh one. Engine errors (EfaError) pass through unchanged.
   */
  _engine(fn, { dataset = true } = {}) {
    return callEngine((api, gen) => fn(api, dataset ? this.#datasetIn(api, gen) : undefined, gen));
  }

  /** This element's data set as a handle of the instance `gen`, loaded there if need be. */
  #datasetIn(api, gen) {
    const d = this._dataset;
    if (!d) return undefined;
    if (d.gen !== gen) {
      const ds = api.loadGv100ad(d.bytes);
      freeDataset(d.ds);
      d.ds = ds;
      d.gen = gen;
    }
    return d.ds;
  }

  #schedule(delay) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this._compute(), delay);
  }

  async _compute({ submit = false } = {}) {
    clearTimeout(this.#timer);
    if (!this.#booted) return;
    const seq = ++this.#seq;
    const lang = this.lang;
    let request;
    let errors = [];
    if (this._form) ({ request, errors } = this._form.read());
    else request = this.#request;

    if (errors.length) {
      const visible = errors.filter((e) => !e.required || submit || this._form.submitted || this._form.touched.has(e.field));
      if (!visible.length) {
        this._form.clearErrors();
        this.#setStale(false);
        if (!this.#result) this.#status.textContent = t(lang, 'promptCosts');
        return;
      }
      await this.#errorParts();
      if (seq !== this.#seq) return;
      this.#showErrors(visible, request, submit);
      this.#emit('efa-error', clientError(visible[0]));
      return;
    }

    if (this._datasetLoading && request?.kommunen) {
      try {
        await this._datasetLoading;
      } catch {
        /* shown at the file field */
      }
      if (seq !== this.#seq) return;
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
      if (seq !== this.#seq) return;
      await this.#errorParts();
      if (seq !== this.#seq) return;
      const err = errorObject(e);
      this.#showErrors([{ code: err.code, path: err.path, messages: err.messages, field: this._form?.fieldForError ? this._form.fieldForError(err, request) : null }], request, submit);
      this.#emit('efa-error', err);
      return;
    }
    if (seq !== this.#seq) return;
    if (res.kommunen && !parts.kommunen) {
      // the Kommunen table is part of this result: show them together
      try {
        await loadPart('kommunen');
      } catch {
        /* shown in its place by _renderKommunen */
      }
      if (seq !== this.#seq) return;
    }
    if (call !== request) parts.kommunen?.withRows(res);
    this._form?.clearErrors();
    this.#roErrors.replaceChildren();
    this.#request = request;
    this.#result = res;
    this.#setStale(false);
    this.#renderResults();
    if (!this.hasAttribute('no-fragment')) {
      try {
        writeFragment(request);
        this.#lastFragment = location.hash;
      } catch {
        /* a sandboxed page may forbid history changes */
      }
    }
    this.#status.textContent = t(lang, 'statusResult', { total: money(lang, res.total), year: res.year, count: integer(lang, res.payers.length) });
    this.#emit('efa-result', res);
  }

  /**
   * Loads what showing an error needs: the error display (the form's, and the styles of the error
   * summary) and the English texts (an error carries its message in both languages). If that
   * fails, errors are still shown, as a list.
   */
  #errorParts() {
    return Promise.all([loadPart('more').then((m) => this.#adopt(m)), loadLang('en')]).catch(() => {});
  }

  #showErrors(errors, request, submit) {
    const lang = this.lang;
    if (this._form?.showErrors) {
      const shown = this._form.showErrors(errors);
      if (submit) this._form.focusSummary();
      const n = shown.length;
      this.#status.textContent = `${this.#result ? t(lang, 'staleNotice') + ' ' : ''}${parts.more.statusErrors(lang, n)}`;
    } else {
      this.#roErrors.replaceChildren(h('div', { class: 'error-summary' }, h('ul', {}, errors.map((e) => h('li', { text: e.messages?.[lang] || e.messages?.de || e.code })))));
      this.#status.textContent = this.#result ? t(lang, 'staleNotice') : '';
    }
    this.#setStale(!!this.#result);
  }

  #setStale(stale) {
    this.#resultsSection?.classList.toggle('is-stale', stale);
    this.#status?.classList.toggle('stale', stale);
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- rendering results ------------------------------------------------------------------------

  #renderResults() {
    const res = this.#result;
    if (!res || !this.#resultBody) return;
    const lang = this.lang;
    const names = this.#names();
    const open = new Set([...this.#resultBody.querySelectorAll('details[open]')].map((d) => d.className));
    // (in place: what a new result of the same shape changes is only texts and bar widths)
    morph(this.#resultBody, renderResults({ lang, names, res, service: this.getAttribute('service') }));
    for (const d of this.#resultBody.querySelectorAll('details')) {
      if (!open.has(d.className)) continue;
      fillDeferred(this.#resultBody);
      d.open = true;
    }
    this.#renderKommunen();
    morph(this.#sourcesBox, renderSources({ lang, res }));
    // What is not in view at first (the closed explanation; the what-if and export panels below
    // the results) is built once this result has been painted: a form change paints its new
    // result first (the panels keep their content until then; the export reads the result when
    // used).
    this.#afterPaint(() => {
      if (!this.#result) return;
      if (this.#resultBody) fillDeferred(this.#resultBody);
      this.#renderWhatIf();
      this.#renderExport();
    });
  }

  /** Adopts the styles a part brings (the base rules it needs, then its own); returns the part. */
  #adopt(m) {
    for (const css of [m.LATER_CSS, m.CSS]) if (css) adoptStyles(this.#root, css);
    return m;
  }

  /**
   * The module of a part loaded on demand, or null: then it is loaded, and `again` runs once it
   * has arrived (it renders from the state at that time). A part that cannot be loaded says so in
   * its box.
   */
  #part(name, box, again) {
    const m = parts[name];
    if (m) return this.#adopt(m);
    if (!this.#partsWaiting.has(name)) {
      this.#partsWaiting.add(name);
      loadPart(name).then(
        () => {
          this.#partsWaiting.delete(name);
          again();
        },
        (e) => {
          this.#partsWaiting.delete(name);
          const msg = t(this.lang, 'loadFailed', { message: e?.message || String(e) });
          if (this.#result) clear(box).append(h('p', { class: 'error-message', text: msg }));
        },
      );
    }
    return null;
  }

  #renderKommunen() {
    const res = this.#result;
    const box = this.#kommunenBox;
    if (!res || !box) return;
    const m = res.kommunen && this.#part('kommunen', box, () => this.#renderKommunen());
    if (!m) return clear(box);
    // the view updates its section in place (focus, scroll and search survive)
    const view = (this.#kommunenView ||= new m.KommunenView());
    this.#show(box, view.render({ lang: this.lang, names: this.#names(), k: res.kommunen, unit: res.unit, ids: 'kom' }));
  }

  // The panels update their sections in place (a result while the user is in one keeps the focus).
  #renderWhatIf() {
    const res = this.#result;
    const box = this.#whatIfBox;
    if (!res || !box) return;
    const m = !this.hasAttribute('readonly') && this.#part('whatif', box, () => this.#renderWhatIf());
    if (!m) return clear(box);
    this.#whatIf ||= new m.WhatIf({ allocate: (r) => this._engine((api, ds) => api.allocate(r, ds)), meta: this.#meta });
    this.#show(box, this.#whatIf.render({ lang: this.lang, names: this.#names(), request: this.#request, res }));
  }

  #renderExport() {
    const res = this.#result;
    const box = this.#exportBox;
    if (!res || !box) return;
    const m = this.#part('panel', box, () => this.#renderExport());
    if (!m) return clear(box);
    this.#show(box, m.renderExport({ root: this.#root, lang: this.lang, names: this.#names(), result: () => this.#result, request: () => this.#request }));
  }

  #show(box, section) {
    if (section.parentNode !== box) clear(box).append(section);
  }

  /**
   * Runs fn (once, the latest one per element) after the next frame has been painted, or after
   * 200 ms at the latest (a hidden page paints no frames).
   */
  #afterPaint(fn) {
    const token = (this.#paintToken = {});
    const run = () => {
      if (this.#paintToken !== token) return;
      this.#paintToken = null;
      fn();
    };
    // (background priority where the browser has it: input and the painting of the next result go first)
    requestAnimationFrame(() => globalThis.scheduler?.postTask?.(run, { priority: 'background' }) ?? setTimeout(run, 0));
    setTimeout(run, 200);
  }

  #openDetailsForPrint(on) {
    if (!this.#root) return;
    if (on) {
      fillDeferred(this.#root);
      this.#printOpened = [...this.#root.querySelectorAll('.results details:not([open])')];
      for (const d of this.#printOpened) d.open = true;
    } else {
      for (const d of this.#printOpened || []) d.open = false;
      this.#printOpened = null;
    }
  }

  // ---- GV100AD data -----------------------------------------------------------------------------

  // Loading a file is in dataset.js, loaded on demand. A computation started meanwhile waits for
  // the file (_datasetLoading), as it waits while the file itself loads.

  #loadDatasetFromUrl(src) {
    return this.#withDataset((m) => m.loadFromUrl(this, src));
  }

  #loadDatasetFromFile(file) {
    return this.#withDataset((m) => m.loadFromFile(this, file));
  }

  #withDataset(fn) {
    const p = loadPart('dataset')
      .then(fn, (e) => this._datasetError(e))
      .finally(() => {
        if (this._datasetLoading === p) this._datasetLoading = null; // (dataset.js replaces it while it loads)
      });
    this._datasetLoading = p;
    return p;
  }

  async _datasetError(err) {
    await this.#errorParts();
    const e = errorObject(err);
    this._form?.updateFileStatus('');
    if (this._form?.showErrors) {
      this._form.showErrors([{ code: e.code, path: e.path, messages: e.messages, field: 'kfile' }]);
      this.#setStale(!!this.#result);
    } else if (this.#roErrors) {
      this.#roErrors.replaceChildren(h('div', { class: 'error-summary' }, h('p', { text: e.messages?.[this.lang] || e.message })));
    }
    this.#emit('efa-error', e);
  }
}

export { encodeRequest, PREFIX as FRAGMENT_PREFIX };
