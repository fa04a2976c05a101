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
   * engine's window cannot get that narrow (WebKitGTK: about 450 px), the page runs in an iframe of
   * exactly that size and the driver is switched into it: for the page that is its viewport.
   */
  async open(url = '/www/index.html', { width = 1280, height = 900 } = {}) {
    const d = this.driver;
    await d.switchTo().defaultContent();
    this.framed = false;
    await this.setViewport(width, height);
    const inner = await d.executeScript('return [innerWidth, innerHeight];').catch(() => [0, 0]);
    if (Math.abs(inner[0] - width) > 1) {
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

  /** Polls fn(...args) in the page until it returns something truthy; returns that value. */
  async waitFor(fn, args = [], { timeout = 10000, what = 'condition', interval = 50 } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const v = await this.js(fn, ...args);
        if (v) return v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
      await sleep(interval);
    }
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
  async waitEvent(type, since, { where = null, timeout = 15000 } = {}) {
    const end = Date.now() + timeout;
    let seen = since;
    for (;;) {
      const evs = await this.events(seen);
      for (const e of evs) {
        if (e.type === type && (!where || where(e.detail))) return e.detail;
      }
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${type}; events since ${since}: ${JSON.stringify((await this.events(since)).map((e) => e.type + (e.detail?.code ? `:${e.detail.code}` : '')))}`);
      await sleep(50);
    }
  }

  /** Asserts that the page violated no CSP and logged no uncaught error, console warning or error. */
  async assertClean() {
    const p = await this.js(() => ({ csp: window.__probe.csp, errors: window.__probe.errors, console: window.__probe.console }));
    assert.deepEqual(p.csp, [], `CSP violations: ${JSON.stringify(p.csp)}`);
    assert.deepEqual(p.errors, [], `page errors: ${p.errors.join('\n')}`);
    assert.deepEqual(p.console, [], `console warnings/errors: ${p.console.join('\n')}`);
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

  /** Clears a text field and types `text` into it (real key events, as a user would). */
  async fill(selector, text, host) {
    const e = await this.$(selector, host);
    await this.js((el) => el.focus(), e);
    // select-all + Backspace: WebElement.clear() fires no input event in every engine
    await this.driver.actions().keyDown(Key.CONTROL).sendKeys('a').keyUp(Key.CONTROL).sendKeys(Key.BACK_SPACE).perform();
    if (text) await e.sendKeys(text);
    return e;
  }

  /** Clicks an element (WebDriver click: scrolled into view, real pointer events). */
  async click(selector, host) {
    const e = await this.$(selector, host);
    await e.click();
    return e;
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
    if ((await e.isSelected()) !== on) await e.click();
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
      png = null;
      await sleep(300);
    }
    assert.ok(png, `${this.engine}: the screenshot ${name} stays blank`);
    fs.writeFileSync(file, png);
    return file;
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
