// One browser tab as the checks see it: the same small API in Chromium, Firefox and WebKit, built
// on WebDriver classic only (no DevTools protocol, no BiDi), so every check runs in all three.
// See ../README.md for the API in one page.

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { Key, WebElement } from 'selenium-webdriver';

export { Key };

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let axeSource = null;

/** executeScript body for a function or an expression: `fn(...args)` in the page, promises awaited. */
function scriptOf(fn) {
  return typeof fn === 'function' ? `return (${fn.toString()}).apply(null, arguments);` : `return (${fn});`;
}

export class Page {
  /** @param {{ engine, driver, version }} session  @param {{ origin, root, art }} env */
  constructor(session, env) {
    this.session = session;
    this.engine = session.engine;
    this.driver = session.driver;
    this.origin = env.origin;
    this.root = env.root;
    this.art = env.art;
    this.framed = false;
  }

  // ---- navigation and scripts -------------------------------------------------------------

  /**
   * Opens `url` (a path on the test server) in a viewport of `width` x `height` CSS px. Where the
   * engine's window cannot get that narrow (headless Chromium and Firefox: 500 px; WebKitGTK:
   * about 450 px), the page runs in an iframe of exactly that size and the driver is switched into
   * it: for the page that is its viewport.
   */
  async open(url = '/www/index.html', { width = 1280, height = 900 } = {}) {
    const d = this.driver;
    await d.switchTo().defaultContent();
    this.framed = false;
    // what Chromium's console said on the pages before belongs to them (see assertClean)
    if (this.engine === 'chromium') await d.manage().logs().get('browser');
    await this.setViewport(width, height);
    // Chromium reports a narrower innerWidth than its window (headless: 500 px at least), but that
    // viewport is not backed by the window and snapped back to 500 px after a navigation under
    // load: a viewport narrower than the window is framed as well.
    const [inner, outer] = await d.executeScript('return [innerWidth, outerWidth];').catch(() => [0, 0]);
    if (Math.abs(inner - width) > 1 || outer > width + 1) {
      await this.setViewport(Math.max(width + 200, 800), Math.max(height + 100, 700));
      await d.get(`${this.origin}/__browsers/frame.html?w=${width}&h=${height}&src=${encodeURIComponent(url)}`);
      const frame = await this.waitFor(() => {
        const f = document.getElementById('frame');
        return f && f.contentDocument && f.contentDocument.readyState === 'complete' && f.contentWindow.__probe ? f : null;
      }, [], { what: 'the framed page' });
      await d.switchTo().frame(frame);
      this.framed = true;
    } else {
      await d.get(this.origin + url);
    }
    await this.waitFor(() => document.readyState === 'complete' && !!window.__probe, [], { what: `${url} loaded with the probe` });
    return this;
  }

  /** Resizes the window so that the viewport (innerWidth x innerHeight) is width x height. */
  async setViewport(width, height) {
    const d = this.driver;
    const win = d.manage().window();
    await win.setRect({ width, height });
    for (let i = 0; i < 2; i++) {
      const [iw, ih, ow, oh] = await d.executeScript('return [innerWidth, innerHeight, outerWidth, outerHeight];');
      if (iw === width && ih === height) return;
      if (!ow || !oh) return;
      await win.setRect({ width: width + (ow - iw), height: height + (oh - ih) });
    }
  }

  /** The page's URL (of the framed page when framed). */
  url() {
    return this.js(() => location.href);
  }

  /** Runs fn(...args) in the page (a function or an expression string); awaits a returned promise. */
  js(fn, ...args) {
    return this.driver.executeScript(scriptOf(fn), ...args);
  }

  /**
   * Waits until fn(...args), run in the page at every animation frame and DOM change, returns
   * something truthy; returns that value (args: JSON values).
   */
  waitFor(fn, args = [], opts = {}) {
    return waitForIn((expr) => this.js(expr), fn, args, opts);
  }

  // ---- what the probe recorded ----------------------------------------------------------------

  /** How many efa-* events the page has dispatched so far (pass it to waitEvent as `since`). */
  eventCount() {
    return this.js(() => window.__probe.events.length);
  }

  /** All efa-* events since index `since` ({ type, target, detail }, detail as JSON). */
  events(since = 0) {
    return this.js((i) => JSON.parse(JSON.stringify(window.__probe.events.slice(i))), since);
  }

  /**
   * Waits for an event of `type` after index `since` whose detail passes `where` (a function run
   * in Node on the JSON detail); returns the detail.
   */
  waitEvent(type, since, opts = {}) {
    return waitEventIn((expr) => this.js(expr), type, since, opts);
  }

  /**
   * Asserts that the page violated no CSP, logged no uncaught error, console warning or error, and
   * fetched nothing from another origin. In Chromium also the browser's own console (network
   * failures, CSP reports), which WebDriver gives there through its log endpoint.
   */
  async assertClean() {
    assertProbeClean(await this.js(PROBE_STATE));
    if (this.engine === 'chromium') {
      const logs = await this.driver.manage().logs().get('browser');
      // (Chromium asks for /favicon.ico by itself where a page names no icon: not the page's request)
      const bad = logs.filter((l) => l.level.value >= 900 && !/\/favicon\.ico - Failed to load resource/.test(l.message)).map((l) => `${l.level.name}: ${l.message}`);
      assert.deepEqual(bad, [], `Chromium console: ${bad.join('\n')}`);
    }
  }

  /** Waits until the page has offered `count` files through <a download> (since it loaded). */
  async waitDownloads(count, { timeout = 15000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const have = await this.js(() => window.__probe.downloads.length);
      if (have >= count) return have;
      const slice = Math.max(0, Math.min(5000, end - Date.now()));
      await this.js((i, ms) => window.__probe.nextDownload(i, ms).then(() => true), have, slice);
      if (Date.now() >= end && (await this.js(() => window.__probe.downloads.length)) < count) {
        throw new Error(`timed out after ${timeout} ms waiting for ${count} download(s) offered; offered: ${JSON.stringify(await this.js(() => window.__probe.downloads.map((d) => d.name)))}`);
      }
    }
  }

  /** Files offered through <a download> since the page loaded: [{ name, type, bytes: Buffer }]. */
  async downloads() {
    const list = await this.js(() => window.__probe.downloads.map((d) => ({ name: d.name, type: d.type })));
    for (const [i, d] of list.entries()) {
      const b64 = await this.js((k) => window.__probe.downloadBase64(k), i);
      d.bytes = b64 == null ? null : Buffer.from(b64, 'base64');
    }
    return list;
  }

  // ---- elements (also inside shadow roots) ----------------------------------------------------

  /**
   * The element matching `selector` inside the shadow root of the first `host` element (default
   * 'efa-rechner'); host null: in the document. Throws when there is none.
   */
  async $(selector, host = 'efa-rechner') {
    const e = await this.js(
      (sel, h) => {
        const root = h ? document.querySelector(h)?.shadowRoot : document;
        return root ? root.querySelector(sel) : null;
      },
      selector,
      host,
    );
    if (!(e instanceof WebElement)) throw new Error(`no element ${host ? `${host} >>> ` : ''}${selector}`);
    return e;
  }

  /** Runs fn(root, arg) in the page with the shadow root of `host` (default 'efa-rechner'). */
  shadow(fn, arg = null, host = 'efa-rechner') {
    return this.js(`(${fn.toString()})(document.querySelector(${JSON.stringify(host)}).shadowRoot, ${JSON.stringify(arg)})`);
  }

  /**
   * Replaces the text of a field with `text` in one editing step, as pasting over a selection does
   * (one input event: a field that checks on every input sees the whole text, never a half-typed
   * or empty one in between). `type` gives key events instead.
   */
  async fill(selector, text, host) {
    const e = await this.$(selector, host);
    const ok = await this.js(
      (el, t) => {
        el.focus();
        el.select();
        // an editing command: beforeinput and input fire as for a user's edit
        return t ? document.execCommand('insertText', false, t) : document.execCommand('delete');
      },
      e,
      text,
    );
    if (!ok) throw new Error(`${selector}: the engine refused to edit the field`);
    if ((await this.js((el) => el.value, e)) !== text) throw new Error(`${selector}: the field holds ${JSON.stringify(await this.js((el) => el.value, e))}, not ${JSON.stringify(text)}`);
    return e;
  }

  /** Clears a text field and types `text` into it key by key (real key events, as a user types). */
  async type(selector, text, host) {
    const e = await this.$(selector, host);
    await this.js((el) => el.focus(), e);
    // select-all, then the first key replaces the text (WebElement.clear() fires no input event
    // in every engine, and WebElement.sendKeys may move the caret to the end first)
    await this.driver.actions().keyDown(Key.CONTROL).sendKeys('a').keyUp(Key.CONTROL).sendKeys(text || Key.BACK_SPACE).perform();
    return e;
  }

  /**
   * Clicks an element (WebDriver click: real pointer events). First it waits, in the page, until
   * the element is scrolled into view, has kept its place for an animation frame and is what the
   * pointer hits at its centre: a driver that clicks at coordinates (WebKit) otherwise hits
   * whatever a late part of the page has moved there.
   */
  async click(selector, host) {
    const e = await this.$(selector, host);
    await this.steady(e, `${host ? `${host} >>> ` : ''}${selector}`);
    await e.click();
    return e;
  }

  /** Waits until WebElement `e` is in view, not moving, and hit by the pointer at its centre. */
  async steady(e, what = 'the element') {
    const state = await this.driver.executeScript(`return (${steadyInPage.toString()})(arguments[0], 10000);`, e);
    if (state !== true) throw new Error(`${what} did not come to rest under the pointer within 10 s (${state})`);
  }

  /** Offers files to an <input type=file> as a user's choice does: files = [{ name, type, bytes }]. */
  async upload(selector, files, host) {
    const e = await this.$(selector, host);
    await this.js(
      (el, list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
        el.files = dt.files;
        el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      e,
      files.map((f) => ({ name: f.name, type: f.type ?? '', b64: Buffer.from(f.bytes).toString('base64') })),
    );
    return e;
  }

  /**
   * Sets a control's value as a picker does (date fields: the typed form of a date differs by
   * engine and locale), with the input and change events a user's choice fires.
   */
  async setValue(selector, value, host) {
    const e = await this.$(selector, host);
    await this.js(
      (el, v) => {
        el.focus();
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      e,
      value,
    );
    return e;
  }

  /** The value of a form control. */
  async value(selector, host) {
    return this.js((el) => el.value, await this.$(selector, host));
  }

  /** Whether the element exists and is rendered (a box of some size, not visibility: hidden). */
  visible(selector, host = 'efa-rechner') {
    return this.js(
      (sel, h) => {
        const root = h ? document.querySelector(h)?.shadowRoot : document;
        const el = root?.querySelector(sel);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      },
      selector,
      host,
    );
  }

  /** How many elements match `selector` in the shadow root of `host` (null: the document). */
  count(selector, host = 'efa-rechner') {
    return this.js((sel, h) => (h ? document.querySelector(h)?.shadowRoot : document)?.querySelectorAll(sel).length ?? 0, selector, host);
  }

  /** The rendered texts of all elements matching `selector` (like innerText). */
  texts(selector, host = 'efa-rechner') {
    return this.js((sel, h) => [...((h ? document.querySelector(h)?.shadowRoot : document)?.querySelectorAll(sel) ?? [])].map((e) => e.innerText), selector, host);
  }

  /** An attribute of the element (null when absent). */
  async attr(selector, name, host) {
    return (await this.$(selector, host)).getAttribute(name);
  }

  /** Selects the <option> with `value` in a <select> through the keyboard-free DOM path + change. */
  async select(selector, value, host) {
    const e = await this.$(selector, host);
    await this.js(
      (el, v) => {
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      e,
      value,
    );
    return e;
  }

  /** Sets a checkbox/radio to `on` by clicking it (only when it has another state). */
  async check(selector, on = true, host) {
    const e = await this.$(selector, host);
    if ((await e.isSelected()) !== on) {
      await this.steady(e, selector);
      await e.click();
    }
    return e;
  }

  /** Text of an element (rendered text, like innerText). */
  async text(selector, host) {
    return this.js((el) => el.innerText, await this.$(selector, host));
  }

  /** Sends keys to the focused element (Key.TAB, 'abc', ...), one action sequence. */
  async keys(...keys) {
    await this.driver.actions().sendKeys(...keys).perform();
  }

  /** Presses a key with modifiers held, e.g. press(Key.TAB, Key.SHIFT). */
  async press(key, ...modifiers) {
    let a = this.driver.actions();
    for (const m of modifiers) a = a.keyDown(m);
    a = a.sendKeys(key);
    for (const m of modifiers.reverse()) a = a.keyUp(m);
    await a.perform();
  }

  // ---- audits and artefacts -------------------------------------------------------------------

  /** Runs axe-core (WCAG 2.1 A/AA) on the document; fails listing the violations. */
  async axe(label) {
    axeSource ??= fs.readFileSync(path.join(this.root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    // executeScript, not a <script> tag: works under the strict CSP with Trusted Types
    await this.driver.executeScript(`${axeSource}\n;return typeof axe;`);
    const result = await this.js(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${(n.failureSummary || '').split('\n').slice(0, 3).join(' / ')}`) }));
    }, AXE_TAGS);
    if (result.length) {
      const text = result.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n}`).join('\n')}`).join('\n');
      throw new assert.AssertionError({ message: `axe (${this.engine}, ${label}) found ${result.length} violation(s):\n${text}` });
    }
  }

  /**
   * Saves a PNG of the viewport to target/e2e/<engine>-<name>.png and returns its path. Waits two
   * animation frames first and retries a blank (single-colour) image: a cold WebKit once painted
   * its first screenshot before the page.
   */
  async screenshot(name) {
    const file = path.join(this.art, `${this.engine}-${name}.png`);
    let png;
    for (let i = 0; i < 5; i++) {
      await this.js(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
      png = Buffer.from(await this.driver.takeScreenshot(), 'base64');
      if (!isBlankPng(png)) break;
      png = null; // the next try waits for two more frames
    }
    assert.ok(png, `${this.engine}: the screenshot ${name} stays blank`);
    fs.writeFileSync(file, png);
    return file;
  }
}

// ---- helpers shared with tests/e2e/ (Playwright): each takes `js(expression)`, which evaluates an
// expression in the page and awaits the promise it gives -------------------------------------------

/** Waits until fn(...args) is truthy in the page (see waitInPage); returns its value. */
export async function waitForIn(js, fn, args = [], { timeout = 10000, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  const src = typeof fn === 'function' ? fn.toString() : `() => (${fn})`;
  let last;
  for (;;) {
    // the waiting happens in the page, in slices of a few seconds (one round trip each)
    const slice = Math.max(0, Math.min(5000, end - Date.now()));
    try {
      const v = await js(`(${waitInPage.toString()})(${src}, ${JSON.stringify(args)}, ${slice})`);
      if (v) return v;
      last = null;
    } catch (e) {
      last = e; // e.g. a navigation in between: try again
    }
    if (Date.now() >= end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
  }
}

/**
 * Waits for an efa-* event of `type` recorded by the probe after index `since` whose detail passes
 * `where` (run in Node on the JSON detail); returns the detail. The page answers as soon as a new
 * event has been recorded (the probe's next()), so the wait ends with the event.
 */
export async function waitEventIn(js, type, since, { where = null, timeout = 15000 } = {}) {
  const end = Date.now() + timeout;
  let seen = since;
  for (;;) {
    const slice = Math.max(0, Math.min(5000, end - Date.now()));
    const evs = await js(`window.__probe.next(${Number(seen)}, ${slice}).then((list) => JSON.parse(JSON.stringify(list)))`);
    for (const e of evs) {
      if (e.type === type && (!where || where(e.detail))) return e.detail;
    }
    seen += evs.length;
    if (Date.now() >= end) {
      const all = await js(`JSON.parse(JSON.stringify(window.__probe.events.slice(${Number(since)})))`);
      throw new Error(`timed out after ${timeout} ms waiting for ${type}; events since ${since}: ${JSON.stringify(all.map((e) => e.type + (e.detail?.code ? `:${e.detail.code}` : '')))}`);
    }
  }
}

/** An expression giving what the probe saw go wrong, and the resources of other origins. */
export const PROBE_STATE = `({
  csp: window.__probe.csp,
  errors: window.__probe.errors,
  console: window.__probe.console,
  foreign: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin) && !/^(blob|data):/.test(u)),
})`;

/** Asserts that PROBE_STATE is clean: no CSP violation, page error, console warning or error, foreign request. */
export function assertProbeClean(p) {
  assert.deepEqual(p.csp, [], `CSP violations: ${JSON.stringify(p.csp)}`);
  assert.deepEqual(p.errors, [], `page errors: ${p.errors.join('\n')}`);
  assert.deepEqual(p.console, [], `console warnings/errors: ${p.console.join('\n')}`);
  assert.deepEqual(p.foreign, [], `requests to other origins: ${p.foreign.join(', ')}`);
}

/**
 * Runs in the page: resolves to fn(...args) once that is truthy, checked now, at every animation
 * frame and after every DOM change (shadow roots included, through the frames); null after `ms`.
 */
function waitInPage(fn, args, ms) {
  return new Promise((resolve) => {
    const end = performance.now() + ms;
    let done = false;
    let obs = null;
    let timer = null;
    const finish = (v) => {
      done = true;
      obs?.disconnect();
      clearTimeout(timer);
      resolve(v);
    };
    const check = () => {
      if (done) return;
      let v = null;
      try {
        v = fn(...args);
      } catch {
        v = null;
      }
      if (v) finish(v);
    };
    const frame = () => {
      if (done) return;
      check();
      if (!done) requestAnimationFrame(frame);
    };
    obs = new MutationObserver(check);
    obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    // the deadline: a hidden page may paint no frames, so a timer ends the wait too
    timer = setTimeout(() => {
      check();
      if (!done) finish(null);
    }, Math.max(0, end - performance.now()));
    frame();
  });
}

/**
 * Runs in the page: scrolls `el` into view and resolves to true once it has the same box in two
 * animation frames in a row and elementFromPoint at its centre is the element (or inside it, or
 * its label); otherwise, after `ms`, to a note of what was in the way.
 */
function steadyInPage(el, ms) {
  el.scrollIntoView({ block: 'center', inline: 'nearest' });
  const end = performance.now() + ms;
  let last = '';
  const hitOk = (r) => {
    const hit = el.getRootNode().elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit === el || el.contains(hit) || [...(el.labels ?? [])].some((l) => l === hit || l.contains(hit)) ? true : hit;
  };
  return new Promise((resolve) => {
    const frame = () => {
      let r = el.getBoundingClientRect();
      // (a part that came in above may have pushed it out of view again)
      if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) {
        el.scrollIntoView({ block: 'center', inline: 'nearest' });
        r = el.getBoundingClientRect();
      }
      const box = `${r.x},${r.y},${r.width},${r.height}`;
      const hit = r.width && r.height ? hitOk(r) : null;
      if (box === last && hit === true) return resolve(true);
      if (performance.now() > end) return resolve(`box ${box}, hit ${hit && hit.tagName ? `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}.${hit.className}` : hit}`);
      last = box;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** True when a PNG (8-bit RGB/RGBA, non-interlaced, as drivers write them) has one colour only. */
export function isBlankPng(buf) {
  assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  const width = buf.readUInt32BE(16);
  const colorType = buf[25];
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!channels || buf[24] !== 8 || buf[28] !== 0) return false; // another format: not checked
  const idat = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.subarray(off + 4, off + 8).toString('latin1');
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels + 1;
  const rows = raw.length / stride;
  // unfilter (all five PNG filters) and compare every pixel with the first one
  const prev = Buffer.alloc(width * channels);
  const cur = Buffer.alloc(width * channels);
  let first = null;
  for (let y = 0; y < rows; y++) {
    const f = raw[y * stride];
    const line = raw.subarray(y * stride + 1, (y + 1) * stride);
    for (let x = 0; x < line.length; x++) {
      const a = x >= channels ? cur[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      let v = line[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 255;
    }
    if (!first) first = Buffer.from(cur.subarray(0, channels));
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < channels; k++) if (cur[x * channels + k] !== first[k]) return false;
    }
    cur.copy(prev);
  }
  return true;
}
