// <efa-rechner> under a strict Content-Security-Policy with Trusted Types (www/strict-csp.html),
// and GV100AD names that carry HTML, script and formula payloads: shown as text, never as markup,
// in every engine.

import assert from 'node:assert/strict';
import { headersOf } from '../lib/server.mjs';
import { EXPECTED_02, XSS_GV100AD_URL, payersOf, waitResult, openWithResult, createRechner, panelsDone } from '../lib/rechner.mjs';

export default function register(suite) {
  suite.test('strict CSP page: example 02, everything that builds DOM, no violation; the CSP is enforced, Trusted Types where the engine has them', async (page, { engine, origin }) => {
    const csp = (await headersOf(origin, '/www/strict-csp.html'))['content-security-policy'];
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /style-src 'self'/);
    const res = await openWithResult(page, '/www/strict-csp.html');
    assert.deepEqual(payersOf(res), EXPECTED_02.payers);
    // styles applied from a constructed stylesheet although inline styles are forbidden
    assert.equal(await page.js((e) => getComputedStyle(e).borderTopWidth, await page.$('#f-costs')), '2px');
    await panelsDone(page);
    await page.axe('strict CSP, de');
    // exercise everything that builds DOM: an error, a result again, English, the explanation,
    // the Kommunen table and its search, the what-if panel, an export
    let n = await page.eventCount();
    await page.fill('#f-costs', 'abc');
    await page.waitEvent('efa-error', n);
    n = await page.eventCount();
    await page.fill('#f-costs', '1.000.000');
    await waitResult(page, n);
    n = await page.eventCount();
    await page.click('[data-lang-switch]', null);
    await waitResult(page, n);
    await page.click('details.explain summary');
    n = await page.eventCount();
    await page.check('#f-kommunen');
    await page.select('#f-k-land', 'HE');
    await waitResult(page, n, (d) => d.kommunen?.land === 'HE');
    await page.fill('#kom-search', 'darm');
    await page.waitFor(() => document.querySelector('efa-rechner').shadowRoot.querySelectorAll('table[part="kommunen-table"] tbody tr').length === 2, [], { what: 'the search for "darm": 2 rows' });
    await panelsDone(page);
    await page.select('#whatif-land', 'SH');
    await page.waitFor(() => /Schleswig-Holstein/.test(document.querySelector('efa-rechner').shadowRoot.querySelector('.whatif table caption')?.textContent), [], { what: 'the what-if table for SH' });
    await page.click('.export button');
    await page.waitDownloads(1);
    const [dl] = await page.downloads();
    assert.ok(dl.bytes.length > 100, `an export of ${dl.bytes.length} bytes`);
    // hostile GV100AD names under the strict policy
    n = await page.eventCount();
    await page.js((src) => {
      const e = document.querySelector('efa-rechner');
      e.setAttribute('kommunen-src', src);
      e.setAttribute('level', 'gemeinde');
    }, XSS_GV100AD_URL);
    const r2 = await waitResult(page, n, (d) => d.kommunen?.level === 'gemeinde');
    assert.ok(r2.kommunen.rows.length > 0);
    // the hostile names are on screen (the search "darm" still applies) and ran nothing
    await page.waitFor(() => [...document.querySelector('efa-rechner').shadowRoot.querySelectorAll('table[part="kommunen-table"] tbody th')].some((th) => th.textContent.includes('onerror')), [], { what: 'the hostile names as text' });
    assert.equal(await page.js(() => window.__xss), null);
    await page.axe('strict CSP, en');
    await page.assertClean();

    // the policy really is in force in this engine (tried by page code: see probe.js)
    const probe = await page.js(() => window.__probe.cspSelfTest());
    assert.equal(probe.eval, 'EvalError', `${engine}: eval is blocked (no 'unsafe-eval')`);
    assert.notEqual(probe.inlineStyle, 'rgb(255, 0, 0)', `${engine}: an inline style attribute is blocked`);
    if (probe.trustedTypes) assert.equal(probe.innerHTML, 'TypeError', `${engine}: Trusted Types: an HTML string into innerHTML is refused`);
    else assert.equal(probe.innerHTML, 'allowed', `${engine}: no Trusted Types in this engine`);
    console.log(`    (${engine}: Trusted Types ${probe.trustedTypes ? 'enforced' : 'absent (the CSP itself is enforced)'})`);
    const violations = await page.js(() => window.__probe.csp.map((v) => v.directive));
    assert.ok(violations.some((d) => d.startsWith('style-src')), `${engine}: the blocked inline style fired a securitypolicyviolation (${violations})`);
  });

  suite.test('GV100AD names with HTML render as text, never as markup; the CSV keeps formulas as text', async (page) => {
    await createRechner(page, { year: '2025', costs: '100000.00', alliance: 'HE,BY', model: 'alliance', land: 'HE', level: 'gemeinde', 'kommunen-src': XSS_GV100AD_URL });
    const res = await waitResult(page, 0);
    assert.equal(res.kommunen.level, 'gemeinde');
    const names = res.kommunen.rows.map((r) => r.name);
    assert.ok(names.includes('"><script>window.__xss=3</script>'), `names: ${names.join(' | ')}`);
    // the row headers' text (a row's <th> holds the name only); textContent, not innerText: the
    // Kommune table below the fold is skipped by content-visibility: auto, where innerText is ''
    const rowNames = (p) => p.js(() => [...document.querySelector('efa-rechner').shadowRoot.querySelectorAll('table[part="kommunen-table"] tbody th')].map((th) => th.textContent));
    const cells = await rowNames(page);
    assert.ok(cells.includes('<img src=x onerror="window.__xss=2">Darmstadt'), cells.join(' | '));
    assert.ok(cells.includes('"><script>window.__xss=3</script>'));
    assert.ok(cells.includes('Bickenbach & <b>Söhne</b>; "Test"'));
    assert.equal(await page.count('img, script, b, iframe'), 0);
    assert.equal(await page.js(() => window.__xss), null);
    // Kreis level from the same file: the Kreis named like an <img> tag
    const n = await page.eventCount();
    await page.js(() => document.querySelector('efa-rechner').setAttribute('level', 'kreis'));
    const r2 = await waitResult(page, n);
    assert.equal(r2.kommunen.level, 'kreis');
    const kcells = await rowNames(page);
    assert.ok(kcells.includes('<img src=x onerror=window.__xss=1>'), kcells.join(' | '));
    // CSV keeps formulas as text
    const csv = await page.js(() => document.querySelector('efa-rechner').toCSV({ table: 'kommunen' }));
    assert.ok(!/;=HYPERLINK/.test(csv));
    assert.equal(await page.js(() => window.__xss), null);
    await page.assertClean();
  });
}
