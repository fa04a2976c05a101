// <efa-rechner> in Chromium, Firefox ESR and WebKitGTK: the contract example to the cent, the form,
// keyboard-only use, axe-core in German and English and at 320 px, the strict-CSP page, the real
// GV100AD file, CSV export and a screenshot per engine. (Chromium-only checks, e.g. the DevTools
// protocol's CPU throttling, stay in tests/e2e/run.mjs.)

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Key, sleep } from '../lib/page.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIX = path.resolve(HERE, '..', '..', 'e2e', 'fixtures');
const EXPECTED_02 = JSON.parse(fs.readFileSync(path.join(FIX, '02-itplr-2023-35.expected.json'), 'utf8'));
const REQUEST_02 = JSON.parse(fs.readFileSync(path.join(FIX, '02-itplr-2023-35.json'), 'utf8'));

const payersOf = (res) => res.payers.map((p) => ({ id: p.id, amount: p.amount }));
const waitResult = (page, since, where, timeout) => page.waitEvent('efa-result', since, { where, timeout });
const lastResult = (page) => page.js(() => JSON.parse(JSON.stringify(document.querySelector('efa-rechner').result)));
const request = (page) => page.js(() => JSON.parse(JSON.stringify(document.querySelector('efa-rechner').request)));

/** Opens a page with the element and waits for its first result. */
async function openWithResult(page, url = '/www/index.html', opts = {}) {
  await page.open(url, opts);
  return waitResult(page, 0, null, 20000);
}

/** The first button in the element whose text contains `label`. */
async function buttonByText(page, label) {
  // the export panel is loaded on demand after the first result
  return page.waitFor((l) => [...document.querySelector('efa-rechner').shadowRoot.querySelectorAll('button')].find((b) => b.textContent.includes(l)) || null, [label], { what: `a button "${label}"` });
}

export default function register(suite) {
  suite.test('example 02 on the demo page, to the cent; the table formatted for Germany; screenshot', async (page, { engine }) => {
    const res = await openWithResult(page);
    assert.equal(res.total, EXPECTED_02.total);
    assert.deepEqual(payersOf(res), EXPECTED_02.payers, 'payers and amounts in contract order');
    const he = await page.shadow((root) => [...root.querySelectorAll('table[part="results-table"] tbody tr')].find((tr) => tr.textContent.includes('Hessen'))?.innerText);
    assert.match(he, /102\.963,74\s€/, `Hessen's row (Intl.NumberFormat de-DE in ${engine})`);
    assert.match(await page.text('table[part="results-table"] tfoot'), /1\.000\.000,00\s€/);
    const shot = await page.screenshot('demo');
    assert.ok(fs.statSync(shot).size > 10000, 'a real screenshot');
    await page.assertClean();
  });

  suite.test('the request property and attributes: example 02 set on a new element', async (page) => {
    await page.open('/tests/e2e/fixtures/harness.html');
    await page.js((req) => {
      const e = document.createElement('efa-rechner');
      e.request = req;
      document.querySelector('main').append(e);
    }, REQUEST_02);
    const res = await waitResult(page, 0);
    assert.deepEqual(payersOf(res), EXPECTED_02.payers);
    const n = await page.eventCount();
    await page.js(() => {
      const e = document.querySelector('efa-rechner');
      e.setAttribute('model', 'fitko');
      e.setAttribute('year', '2024');
      e.setAttribute('costs', '2500000');
      e.setAttribute('alliance', 'all');
    });
    const r2 = await waitResult(page, n, (d) => d.total === '2500000.00' && d.payers.length === 17 && d.year === 2024);
    assert.equal(r2.payers.find((p) => p.id === 'BUND').amount, '625000.00');
    assert.equal(r2.payers.find((p) => p.id === 'HE').amount, '139445.44');
    await page.assertClean();
  });

  suite.test('a form edit: costs typed in German and English notation, a Land unticked, the model', async (page) => {
    await openWithResult(page);
    let n = await page.eventCount();
    await page.fill('#f-costs', '2.000.000,00');
    let res = await waitResult(page, n, (d) => d.total === '2000000.00');
    assert.equal(res.payers.find((p) => p.id === 'BUND').amount, '500000.00');

    n = await page.eventCount();
    await page.check('#f-land-HE', false);
    res = await waitResult(page, n, (d) => !d.payers.some((p) => p.id === 'HE' && p.amount === '205927.48'));
    assert.deepEqual((await request(page)).alliance, ['NW', 'BY']);

    n = await page.eventCount();
    await page.select('#f-model', 'alliance');
    res = await waitResult(page, n);
    assert.deepEqual(res.payers.map((p) => p.id), ['NW', 'BY']);

    n = await page.eventCount();
    await page.fill('#f-costs', '1,234,567.89');
    res = await waitResult(page, n, (d) => d.total === '1234567.89');
    const cents = res.payers.reduce((a, p) => a + BigInt(p.amount.replace('.', '')), 0n);
    assert.equal(cents, 123456789n, 'the amounts add up to the cent');

    // invalid input: a coded error at the field, the last good result kept on screen
    n = await page.eventCount();
    await page.fill('#f-costs', '12,34,5x');
    const err = await page.waitEvent('efa-error', n);
    assert.equal(err.code, 'invalid_amount');
    assert.equal(err.path, 'costs');
    assert.equal(await (await page.$('#f-costs')).getAttribute('aria-invalid'), 'true');
    assert.match(await page.text('#error-summary'), /Es gibt ein Problem/);
    assert.equal((await lastResult(page)).total, '1234567.89');
    await page.assertClean();
  });

  suite.test('keyboard only: Tab reaches every control with a visible focus and leaves again; keys operate them', async (page, { engine }) => {
    await openWithResult(page);
    await page.click('details.membership summary');
    const n0 = await page.eventCount();
    await page.check('#f-kommunen');
    await waitResult(page, n0, (d) => !!d.kommunen);
    await page.click('details.explain summary');
    const expected = await page.shadow((root) => {
      const sel = 'input, select, button, summary, a[href], textarea, [tabindex]:not([tabindex="-1"])';
      const seenRadio = new Set();
      const out = [];
      for (const e of root.querySelectorAll(sel)) {
        if (e.disabled || e.closest('[hidden]') || !e.getClientRects().length || getComputedStyle(e).visibility !== 'visible') continue;
        if (e.type === 'radio') {
          if (seenRadio.has(e.name)) continue;
          const group = [...root.querySelectorAll(`input[type=radio][name="${e.name}"]`)];
          seenRadio.add(e.name);
          out.push((group.find((r) => r.checked) || group[0]).id);
          continue;
        }
        out.push(e.id || `${e.tagName.toLowerCase()}:${(e.textContent || '').trim().slice(0, 30)}`);
      }
      return out;
    });
    // start from the top of the page with nothing focused
    await page.js(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    // a click at the top left corner moves the sequential focus starting point there
    await page.driver.actions().move({ x: 1, y: 1, origin: 'viewport' }).click().perform();
    const stops = [];
    let inside = false;
    let left = false;
    for (let i = 0; i < 400 && !left; i++) {
      await page.keys(Key.TAB);
      const info = await page.js(() => {
        const host = document.querySelector('efa-rechner');
        const a = document.activeElement;
        if (a !== host) return { inside: false, desc: a ? a.tagName : 'none' };
        const e = host.shadowRoot.activeElement;
        const cs = getComputedStyle(e);
        const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== 'none') || cs.backgroundColor === 'rgb(255, 221, 0)';
        return { inside: true, id: e.id || `${e.tagName.toLowerCase()}:${(e.textContent || '').trim().slice(0, 30)}`, ring, outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.boxShadow}` };
      });
      if (info.inside) {
        inside = true;
        stops.push(info);
      } else if (inside) left = true;
    }
    assert.ok(inside, `${engine}: Tab reaches the element`);
    assert.ok(left, `${engine}: Tab leaves the element again (no keyboard trap); stops: ${JSON.stringify(stops.map((s) => s.id))}`);
    const ids = stops.map((s) => s.id);
    const missing = expected.filter((id) => !ids.includes(id));
    assert.deepEqual(missing, [], `${engine}: controls not reached by Tab: ${missing.join(', ')} (reached: ${ids.join(', ')})`);
    const noRing = stops.filter((s) => !s.ring);
    assert.deepEqual(noRing, [], `${engine}: focus not visible on: ${JSON.stringify(noRing)}`);
    // Shift+Tab goes back into the element
    await page.press(Key.TAB, Key.SHIFT);
    assert.equal(await page.js(() => document.activeElement?.tagName), 'EFA-RECHNER');

    // operate: Space on a checkbox, arrows on radios, typing + Enter in a text field
    let n = await page.eventCount();
    await page.js((e) => e.focus(), await page.$('#f-all'));
    await page.keys(Key.SPACE);
    let res = await waitResult(page, n, (d) => d.payers.length === 17);
    assert.equal((await request(page)).alliance, 'all');

    await page.js((e) => e.focus(), await page.$('#f-costs-mode-single'));
    await page.keys(Key.ARROW_DOWN);
    assert.equal(await (await page.$('#f-costs-mode-items')).isSelected(), true, 'ArrowDown moves to the next radio');
    await page.keys(Key.ARROW_UP);
    assert.equal(await (await page.$('#f-costs-mode-single')).isSelected(), true);

    await page.js((e) => e.focus(), await page.$('details.explain summary'));
    await page.keys(Key.ENTER);
    assert.equal(await page.shadow((root) => root.querySelector('details.explain').open), false, 'Enter closes the details');
    await page.keys(Key.SPACE);
    assert.equal(await page.shadow((root) => root.querySelector('details.explain').open), true, 'Space opens it');

    n = await page.eventCount();
    await page.fill('#f-costs', '5000');
    await page.keys(Key.ENTER);
    res = await waitResult(page, n, (d) => d.total === '5000.00');
    assert.equal(res.total, '5000.00');
    assert.equal(await page.shadow((root) => root.activeElement?.id), 'f-costs', 'focus stays in the field');
    await page.assertClean();
  });

  suite.test('axe-core: no WCAG 2.1 A/AA violation in German, English, with errors, and at 320 px', async (page, { engine }) => {
    await openWithResult(page);
    await page.click('details.explain summary');
    await page.click('details.membership summary');
    await page.axe('de, results');

    let n = await page.eventCount();
    await page.click('[data-lang-switch]', null);
    await waitResult(page, n);
    assert.equal(await page.js(() => document.documentElement.lang), 'en');
    await page.waitFor(() => document.querySelector('efa-rechner').shadowRoot.querySelector('label[for="f-costs"]')?.textContent === 'Costs in euros', [], { what: 'the English form' });
    assert.match(await page.text('table[part="results-table"] tfoot'), /€1,000,000\.00/, `Intl.NumberFormat en in ${engine}`);
    await page.axe('en, results');

    n = await page.eventCount();
    await page.fill('#f-costs', 'abc');
    await page.fill('#f-year', '20x5');
    await page.keys(Key.ENTER);
    await page.waitEvent('efa-error', n);
    assert.ok(await (await page.$('#error-summary')).isDisplayed());
    await page.axe('en, errors');
    await page.assertClean();

    // Kommunen table in German
    await openWithResult(page);
    n = await page.eventCount();
    await page.check('#f-kommunen');
    await page.select('#f-k-land', 'HE');
    const res = await waitResult(page, n, (d) => d.kommunen?.land === 'HE');
    assert.ok(res.kommunen.rows.length > 0);
    await page.axe('de, Kommunen');
    await page.assertClean();

    // 320 CSS px: no horizontal scrolling, no violation, a screenshot
    await openWithResult(page, '/www/index.html', { width: 320, height: 640 });
    assert.equal(await page.js(() => window.innerWidth), 320, 'a 320 px viewport');
    await page.axe('de, 320 px');
    const overflow = await page.js(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${engine}: no horizontal page scrolling at 320 px (overflow ${overflow} px)`);
    const wide = await page.shadow((root) => [...root.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll, [part$="-scroll"], .scroll')).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
    assert.deepEqual(wide, [], `${engine}: elements wider than 320 px outside a scroll container`);
    await page.screenshot('demo-320');
    await page.assertClean();
  });

  suite.test('strict CSP page: example 02, no violation; the CSP is enforced, Trusted Types where the engine has them', async (page, { engine }) => {
    const res = await openWithResult(page, '/www/strict-csp.html');
    assert.deepEqual(payersOf(res), EXPECTED_02.payers);
    // styles applied from a constructed stylesheet although inline styles are forbidden
    assert.equal(await page.js((e) => getComputedStyle(e).borderTopWidth, await page.$('#f-costs')), '2px');
    // exercise what builds DOM: an error, a result again, the explanation, the Kommunen table, English
    let n = await page.eventCount();
    await page.fill('#f-costs', 'abc');
    await page.waitEvent('efa-error', n);
    n = await page.eventCount();
    await page.fill('#f-costs', '1.000.000');
    await waitResult(page, n);
    await page.click('details.explain summary');
    n = await page.eventCount();
    await page.check('#f-kommunen');
    await waitResult(page, n, (d) => !!d.kommunen);
    n = await page.eventCount();
    await page.click('[data-lang-switch]', null);
    await waitResult(page, n);
    await page.axe('strict CSP, en');
    await page.assertClean();

    // the policy really is in force in this engine (tried by page code: see probe.js)
    const probe = await page.js(() => window.__probe.cspSelfTest());
    assert.equal(probe.eval, 'EvalError', `${engine}: eval is blocked (no 'unsafe-eval')`);
    assert.notEqual(probe.inlineStyle, 'rgb(255, 0, 0)', `${engine}: an inline style attribute is blocked`);
    if (probe.trustedTypes) assert.equal(probe.innerHTML, 'TypeError', `${engine}: Trusted Types: an HTML string into innerHTML is refused`);
    else assert.equal(probe.innerHTML, 'allowed', `${engine}: no Trusted Types in this engine`);
    console.log(`    (${engine}: Trusted Types ${probe.trustedTypes ? 'enforced' : 'absent (the CSP itself is enforced)'})`);
    const csp = await page.js(() => window.__probe.csp.map((v) => v.directive));
    assert.ok(csp.some((d) => d.startsWith('style-src')), `${engine}: the blocked inline style fired a securitypolicyviolation (${csp})`);
  });

  suite.test('Gemeinde table from the real GV100AD file: example 08 to the cent, Bayern searchable', async (page, { engine, shared }) => {
    const req08 = JSON.parse(fs.readFileSync(path.join(shared, 'contract', 'examples', '08-kommunen-hessen.json'), 'utf8'));
    const exp08 = JSON.parse(fs.readFileSync(path.join(shared, 'contract', 'examples', '08-kommunen-hessen.expected.json'), 'utf8'));
    await page.open('/tests/e2e/fixtures/harness.html');
    await page.js((req) => {
      const e = document.createElement('efa-rechner');
      e.setAttribute('kommunen-src', '/shared-data/gv100ad/GV100AD_30112025.txt');
      e.request = req;
      document.querySelector('main').append(e);
    }, req08);
    const res = await waitResult(page, 0, null, 30000);
    assert.equal(res.total, exp08.total);
    assert.deepEqual(payersOf(res), exp08.payers);
    assert.equal(res.kommunen.landKeeps, exp08.kommunen.landKeeps);
    const got = new Map(res.kommunen.rows.map((r) => [r.ags, r.amount]));
    const bad = exp08.kommunen.rows.filter((r) => got.get(r.ags) !== r.amount);
    assert.deepEqual(bad, [], 'Kommune amounts');
    const n = await page.eventCount();
    await page.js(() => {
      document.querySelector('efa-rechner').request = { year: 2025, costs: '1000000.00', alliance: 'all', model: 'itplr-2023-35', kommunen: { land: 'BY', level: 'gemeinde' } };
    });
    const r2 = await waitResult(page, n, (d) => d.kommunen?.land === 'BY', 30000);
    assert.ok(r2.kommunen.rows.length > 2000, `Bayern rows: ${r2.kommunen.rows.length}`);
    assert.equal(await page.shadow((root) => root.querySelectorAll('table[part="kommunen-table"] tbody tr').length), 50, 'one page of rows in the DOM');
    await page.fill('#kom-search', 'münchen');
    await page.waitFor(() => [...document.querySelector('efa-rechner').shadowRoot.querySelectorAll('table[part="kommunen-table"] tbody th')].some((th) => th.textContent.startsWith('München')), [], { what: `München found (${engine})` });
    await page.screenshot('gemeinden');
    await page.assertClean();
  }, { needsShared: true });

  suite.test('CSV export: German Excel CSV (BOM, semicolons, decimal comma), plain CSV and JSON as downloads', async (page, { engine, session }) => {
    await openWithResult(page);
    await (await buttonByText(page, 'CSV für Excel')).click();
    await (await buttonByText(page, 'CSV (Komma')).click();
    await (await buttonByText(page, 'JSON')).click();
    await page.waitFor(() => window.__probe.downloads.length === 3, [], { what: 'three downloads offered' });
    const [excel, plain, json] = await page.downloads();
    assert.equal(excel.name, 'efa-rechner-2025-excel.csv');
    assert.match(excel.type, /^text\/csv/);
    assert.deepEqual([...excel.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const lines = excel.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines.length, 1 + 17 + 1, 'header, 17 payers, sum');
    for (const [i, exp] of EXPECTED_02.payers.entries()) {
      const cols = lines[i + 1].split(';');
      assert.equal(cols[0], exp.id);
      assert.equal(cols[4], exp.amount.replace('.', ','));
    }
    assert.match(lines[6], /^HE;Hessen;Land;06;102963,74;10,2964;/);
    assert.match(lines[18], /^;Summe;;;1000000,00;100,0000;500000,00;250000,00;250000,00$/);
    assert.notEqual(plain.bytes[0], 0xef, 'no BOM in plain CSV');
    assert.match(plain.bytes.toString('utf8').split('\r\n')[6], /^HE,Hessen,Land,06,102963\.74,10\.2964,/);
    assert.deepEqual(payersOf(JSON.parse(json.bytes.toString('utf8')).response), EXPECTED_02.payers);
    assert.match(await page.shadow((root) => root.querySelector('.export [role="status"]')?.textContent || ''), /Datei efa-rechner-.* erstellt/);
    fs.writeFileSync(path.join(page.art, `${engine}-export-excel.csv`), excel.bytes);

    // the browser really saved the files, byte for byte
    const want = new Map([[excel.name, excel.bytes], [plain.name, plain.bytes], [json.name, json.bytes]]);
    const end = Date.now() + 15000;
    for (;;) {
      const files = fs.readdirSync(session.downloads).filter((f) => want.has(f));
      if (files.length === want.size && files.every((f) => fs.statSync(path.join(session.downloads, f)).size === want.get(f).length)) break;
      if (Date.now() > end) throw new Error(`${engine}: downloads not saved: ${fs.readdirSync(session.downloads).join(', ') || '(none)'}`);
      await sleep(100);
    }
    for (const [name, bytes] of want) assert.ok(fs.readFileSync(path.join(session.downloads, name)).equals(bytes), `${name} saved byte for byte`);
    await page.assertClean();
  });
}
