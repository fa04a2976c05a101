// Injected as the first script of every HTML page the cross-engine suite serves (its server adds
// <script src="/__browsers/probe.js"> after <head>), so it runs before the page's own code in every
// engine: WebDriver classic has no "init script" and no console access in Firefox or WebKit.
// It records, for the tests to read through executeScript:
//   events    every CustomEvent named efa-* that anything dispatches (the elements' results and
//             errors, <efa-plan>'s too), with its detail
//   csp       securitypolicyviolation events (the CSP is enforced by the engine, so a violation
//             shows up here in every engine)
//   errors    uncaught errors and unhandled promise rejections
//   console   console.warn / console.error calls made by page code
//   downloads files offered through <a download href="blob:..."> clicks (name, type, the Blob)
// Only same-origin, no inline code, no HTML sinks: it runs under the strict CSP page unchanged.
(() => {
  if (window.__probe) return;
  const p = { events: [], csp: [], errors: [], console: [], downloads: [], blobs: new Map() };
  window.__probe = p;
  window.__events = p.events;
  // who waits for the next recorded event or download (see next() and nextDownload())
  const waiters = new Set();
  const wake = () => {
    for (const w of [...waiters]) w();
  };

  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function probeDispatch(ev) {
    if (ev && typeof ev.type === 'string' && ev.type.startsWith('efa-')) {
      const t = this && this.tagName ? this.tagName.toLowerCase() + (this.id ? `#${this.id}` : '') : String(this);
      p.events.push({ type: ev.type, target: t, detail: ev.detail });
      queueMicrotask(wake);
    }
    return dispatch.call(this, ev);
  };

  /** Resolves when `list()` has more than `i` entries (to its entries from `i`) or after `ms` (to []). */
  const after = (list, i, ms) =>
    new Promise((resolve) => {
      let timer = null;
      const check = () => {
        if (list().length <= i) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(list().slice(i));
        return true;
      };
      if (check()) return;
      waiters.add(check);
      timer = setTimeout(() => {
        waiters.delete(check);
        resolve([]);
      }, ms);
    });
  /** The efa-* events from index i on, as soon as there is one (at most `ms` later: []). */
  p.next = (i, ms) => after(() => p.events, i, ms);
  /** The downloads from index i on, as soon as there is one (at most `ms` later: []). */
  p.nextDownload = (i, ms) => after(() => p.downloads, i, ms).then((l) => l.map((d) => ({ name: d.name, type: d.type })));

  document.addEventListener(
    'securitypolicyviolation',
    (e) => p.csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber }),
    true,
  );
  window.addEventListener('error', (e) => p.errors.push(`${e.message} (${e.filename}:${e.lineno})`));
  window.addEventListener('unhandledrejection', (e) => p.errors.push(`unhandled rejection: ${e.reason && e.reason.stack ? e.reason.stack : e.reason}`));
  for (const level of ['warn', 'error']) {
    const orig = console[level];
    console[level] = function probeConsole(...args) {
      p.console.push(`${level}: ${args.map((a) => (a && a.stack ? a.stack : String(a))).join(' ')}`);
      return orig.apply(this, args);
    };
  }

  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function probeCreateObjectURL(obj) {
    const url = createObjectURL.call(URL, obj);
    if (obj instanceof Blob) p.blobs.set(url, obj);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function probeClick() {
    if (this.hasAttribute('download')) {
      const blob = p.blobs.get(this.href) || null;
      p.downloads.push({ name: this.download, href: this.href, type: blob ? blob.type : null, blob });
      queueMicrotask(wake);
    }
    return click.call(this);
  };

  /**
   * Tries what a strict CSP forbids, from page code in a task of its own (code a driver evaluates
   * may be exempt from the page's CSP: chromedriver's is, and Firefox runs it in a sandbox).
   * Resolves to { eval, inlineStyle, trustedTypes, innerHTML }.
   */
  p.cspSelfTest = () =>
    new Promise((resolve) => {
      setTimeout(() => {
        const out = {};
        try {
          (0, eval)('1');
          out.eval = 'allowed';
        } catch (e) {
          out.eval = e.name;
        }
        const d = document.createElement('div');
        d.setAttribute('style', 'color: rgb(255, 0, 0)');
        document.body.append(d);
        out.inlineStyle = getComputedStyle(d).color;
        d.remove();
        out.trustedTypes = typeof window.trustedTypes !== 'undefined' && typeof window.trustedTypes.createPolicy === 'function';
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
          out.innerHTML = 'allowed';
        } catch (e) {
          out.innerHTML = e.name;
        }
        // The securitypolicyviolation event is queued as a task of its own and WebKit may deliver
        // it after this one: wait for the blocked style's report (at most 5 s; the test asserts it).
        const reported = () => p.csp.some((v) => String(v.directive).startsWith('style-src'));
        if (reported()) return resolve(out);
        const done = () => {
          document.removeEventListener('securitypolicyviolation', onReport, true);
          clearTimeout(timer);
          resolve(out);
        };
        // (a listener added after the probe's own one: the report is recorded when this runs)
        const onReport = () => reported() && done();
        document.addEventListener('securitypolicyviolation', onReport, true);
        const timer = setTimeout(done, 5000);
      }, 0);
    });

  /** The i-th offered download's bytes as base64 (for the test to compare exactly, BOM included). */
  p.downloadBase64 = async (i) => {
    const d = p.downloads[i];
    if (!d || !d.blob) return null;
    const bytes = new Uint8Array(await d.blob.arrayBuffer());
    let s = '';
    for (let k = 0; k < bytes.length; k += 0x8000) s += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
    return btoa(s);
  };
})();
