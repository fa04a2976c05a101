// What the checks of <efa-rechner> share (tests/browsers/checks/ and the DevTools checks in
// tests/e2e/): the fixtures, reading results through the probe, and killing an engine instance.

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..', '..');
/** The repository's copy of the contract examples (tests/contract_examples.rs keeps it equal to ../shared). */
const CONTRACT = path.join(ROOT, 'tests', 'fixtures', 'contract');
export const REQUEST_02 = JSON.parse(fs.readFileSync(path.join(CONTRACT, '02-itplr-2023-35.json'), 'utf8'));
export const EXPECTED_02 = JSON.parse(fs.readFileSync(path.join(CONTRACT, '02-itplr-2023-35.expected.json'), 'utf8'));
/** A tiny GV100AD file whose names are HTML, script and formula payloads (tests/browsers/fixtures/README.md). */
export const XSS_GV100AD = path.join(ROOT, 'tests', 'browsers', 'fixtures', 'gv100ad-html-names.txt');
export const XSS_GV100AD_URL = '/tests/browsers/fixtures/gv100ad-html-names.txt';
/** Empty same-origin pages that load the element's source, for checks that make elements themselves. */
export const HARNESS = '/tests/browsers/fixtures/harness.html';
export const PLAN_HARNESS = '/tests/browsers/fixtures/plan-harness.html';

export const payersOf = (res) => res.payers.map((p) => ({ id: p.id, amount: p.amount }));
export const sortedPayers = (list) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
/** The sum of contract decimals with two places, in cents. */
export const cents = (list) => list.reduce((a, s) => a + BigInt(s.replace('.', '')), 0n);

/** Waits for an efa-result after event index `since` whose detail passes `where`. */
export const waitResult = (page, since, where = null, timeout = 15000) => page.waitEvent('efa-result', since, { where, timeout });
/** The element's current result and request (the first <efa-rechner>, or the one with `id`). */
export const lastResult = (page, id = null) => page.js((i) => JSON.parse(JSON.stringify((i ? document.getElementById(i) : document.querySelector('efa-rechner')).result)), id);
export const requestOf = (page) => page.js(() => JSON.parse(JSON.stringify(document.querySelector('efa-rechner').request)));

/** Opens a page with the element and waits for its first result. */
export async function openWithResult(page, url = '/www/index.html', opts = {}) {
  await page.open(url, opts);
  return waitResult(page, 0, null, 30000);
}

/** On the harness page: a new <efa-rechner> with these attributes (and `request` as the property). */
export async function createRechner(page, attrs, request = null) {
  await page.open(HARNESS);
  await page.js(
    (a, req) => {
      const e = document.createElement('efa-rechner');
      for (const [k, v] of Object.entries(a)) e.setAttribute(k, v);
      if (req) e.request = req;
      document.querySelector('main').append(e);
    },
    attrs,
    request,
  );
}

/**
 * Waits until the parts built after a result has been painted are there: the export panel and,
 * unless the element is readonly, the what-if panel with its comparison. They come in below the
 * result and push what follows down, so a click aimed before they are in would land elsewhere.
 */
export function panelsDone(page, host = 'efa-rechner') {
  return page.waitFor(
    (h) => {
      const el = document.querySelector(h);
      const root = el?.shadowRoot;
      if (!root?.querySelector('.export button')) return false;
      if (el.hasAttribute('readonly')) return true;
      const w = root.querySelector('.whatif');
      return !!w && (!w.querySelector('#whatif-land')?.value || !!w.querySelector('.whatif-out > *'));
    },
    [host],
    { what: 'the what-if and export panels', timeout: 20000 },
  );
}

/**
 * Kills instance `gen` of the page's engine session (www/core/engine.js: 0 is the one the page
 * loaded first, n the fresh one it switches to after n traps; asking for one that has not started
 * yet starts it, as the elements would). The module is taken from the session, not imported by the
 * test: an import() run by WebDriver is resolved in the driver's own realm in Firefox, a separate
 * module map, so it would start an instance the page never uses. wasm-bindgen's init returns the
 * raw exports of an initialised module; a raw export called with an out-of-bounds pointer traps.
 * One trap alone leaves the instance usable, but each one also leaks the shadow stack frame it had
 * reserved (the stack pointer is a wasm global, never restored after a trap), so repeating it
 * drives the pointer below zero: from then on every call traps, as a corrupt instance would.
 * Returns what happened (see assertKilled).
 */
export function killEngine(page, gen = 0) {
  return page.js(
    async (gen, request) => {
      const s = globalThis[Symbol.for('efa-rechner.engine-session')]?.get(new URL('/pkg/efa_rechner.js', location.href).href);
      if (!s) throw new Error('the page has no engine session for /pkg/efa_rechner.js');
      const m = await s.instance(gen);
      const w = await m.default();
      // (by name: in Firefox this script runs in the driver's realm, whose WebAssembly.RuntimeError
      // is not the page's, so instanceof would say no)
      const isTrap = (e) => e?.name === 'RuntimeError' && e?.constructor?.name === 'RuntimeError';
      const trap = () => {
        try {
          // `this` pointer far outside the memory; a getter that returns a string, because
          // that one reserves a shadow stack frame (a getter returning a number need not)
          w.gv100addataset_gebietsstand(0xfffffff0);
          return null;
        } catch (e) {
          return e;
        }
      };
      const first = trap();
      const out = { firstIsTrap: isTrap(first), first: String(first), traps: 1, allTraps: true, dead: null };
      const healthy = () => {
        try {
          m.allocate(request);
          return null;
        } catch (e) {
          return e;
        }
      };
      out.healthyBefore = healthy() === null; // a single trap does not break it yet
      for (let i = 0; i < 200000 && !out.dead; i++) {
        const e = trap();
        out.traps++;
        if (!isTrap(e)) out.allTraps = false;
        if (i % 1000 === 999) {
          const h = healthy();
          if (h) out.dead = isTrap(h) ? `RuntimeError: ${h.message}` : `not a trap: ${h}`;
        }
      }
      return out;
    },
    gen,
    REQUEST_02,
  );
}

export function assertKilled(k) {
  assert.ok(k.firstIsTrap, `the out-of-bounds call throws a WebAssembly.RuntimeError, got ${k.first}`);
  assert.ok(k.allTraps, 'every out-of-bounds call traps');
  assert.match(k.dead || '', /^RuntimeError: /, `the instance is dead afterwards: allocate traps (${k.dead})`);
}

/** "-1.234,56 €" -> cents as BigInt. */
export function parseGermanMoney(s) {
  const m = s.replace(/[^\d,+\-]/g, '');
  const neg = m.startsWith('-') || s.includes('−');
  const [i, f = '00'] = m.replace(/[+\-]/g, '').split(',');
  const v = BigInt(i) * 100n + BigInt(f.padEnd(2, '0'));
  return neg ? -v : v;
}

/** amount / population rounded half up to the cent (to 1/100 cent below a cent), independently of perhead.js. */
export function perHeadOf(amount, population) {
  const [i, f = ''] = amount.split('.');
  const units = BigInt(i + f);
  const den = BigInt(population) * 10n ** BigInt(f.length);
  for (const d of [2, 4]) {
    const q = (units * 10n ** BigInt(d) * 2n + den) / (2n * den);
    if (q > 0n || d === 4) return (Number(q) / 10 ** d).toFixed(d);
  }
  return null;
}
