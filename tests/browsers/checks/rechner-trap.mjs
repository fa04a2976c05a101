// Recovery from a WebAssembly trap in every engine: the element switches to a fresh engine
// instance, loads its GV100AD file into it again and recomputes; two dead instances give the coded
// engine_trap error with the last result kept; all elements of a page share the fresh instance.
// In all three engines: the instance to kill is taken from the page's engine session
// (killEngine), since an import() of the test's own would be another instance in Firefox.

import fs from 'node:fs';
import assert from 'node:assert/strict';
import { EXPECTED_02, REQUEST_02, XSS_GV100AD, payersOf, waitResult, lastResult, openWithResult, HARNESS, panelsDone, killEngine, assertKilled } from '../lib/rechner.mjs';

/** The fresh engine instances a page imported since request number `mark` on the test server. */
const engineInstances = (server, mark) => server.requests.slice(mark).filter((u) => /\/pkg\/efa_rechner\.js\?instance=/.test(u)).map((u) => new URL(u, 'http://x').search);

export default function register(suite) {
  suite.test('engine trap: the element switches to a fresh engine, loads its GV100AD file again, recomputes', async (page, { engine, server }) => {
    const mark = server.requests.length;
    await openWithResult(page);
    // a GV100AD file from the form, level Gemeinde
    let n = await page.eventCount();
    await page.check('#f-kommunen');
    await page.select('#f-k-land', 'HE');
    await page.check('#f-k-level-gemeinde');
    await page.upload('#f-k-file', [{ name: 'gv100ad-html-names.txt', type: 'text/plain', bytes: fs.readFileSync(XSS_GV100AD) }]);
    // (level Gemeinde gives a result with the built-in table at once; then the file's)
    const before = await waitResult(page, n, (d) => d.kommunen?.level === 'gemeinde' && d.kommunen.source.id === 'gv100ad-2025-11-30', 30000);
    assert.equal(before.kommunen.rows.length, 5);
    assert.deepEqual(payersOf(before), EXPECTED_02.payers);
    const statusFile = await page.text('#s-k-file');
    await panelsDone(page);

    const k = await killEngine(page);
    assertKilled(k);
    assert.ok(k.healthyBefore, 'one trap alone leaves the instance usable');
    const sinceKill = await page.eventCount();
    console.log(`    (${engine}: ${k.traps} traps until the instance was dead: ${k.dead})`);

    // the next computation traps, the element recovers and shows the right amounts
    n = await page.eventCount();
    await page.fill('#f-k-share', '10');
    const res = await waitResult(page, n, (d) => d.kommunen?.landShare?.startsWith('0.1'));
    assert.equal(res.total, EXPECTED_02.total);
    assert.deepEqual(payersOf(res), EXPECTED_02.payers, 'example 02 amounts after the recovery');
    assert.equal(res.kommunen.level, 'gemeinde', 'the GV100AD file was loaded into the fresh engine');
    assert.equal(res.kommunen.rows.length, 5);
    assert.deepEqual(engineInstances(server, mark), ['?instance=1'], 'one fresh engine instance');
    // the file loaded again gives the same Kommune amounts as before the trap
    n = await page.eventCount();
    await page.fill('#f-k-share', '0');
    const again = await waitResult(page, n, (d) => d.kommunen?.level === 'gemeinde' && /^0(\.0*)?$/.test(d.kommunen.landShare));
    assert.deepEqual(again.kommunen, before.kommunen);
    assert.equal(await page.text('#s-k-file'), statusFile);
    // what-if comparisons run on the fresh engine too
    await panelsDone(page);
    await page.select('#whatif-land', 'SH');
    await page.waitFor(() => /Wenn Schleswig-Holstein beitritt/.test(document.querySelector('efa-rechner').shadowRoot.querySelector('.whatif caption')?.textContent), [], { what: 'the what-if table for SH' });
    assert.equal(await page.count('.whatif table tbody tr'), 17);
    // the example itself, set as a property
    n = await page.eventCount();
    await page.js((req) => (document.querySelector('efa-rechner').request = req), REQUEST_02);
    const plain = await waitResult(page, n, (d) => !d.kommunen);
    assert.deepEqual(payersOf(plain), EXPECTED_02.payers);
    // nothing alarming: no efa-error, no error summary, the usual status
    const errors = (await page.events(sinceKill)).filter((e) => e.type === 'efa-error').map((e) => e.detail.code);
    assert.deepEqual(errors, []);
    assert.equal(await page.visible('#error-summary'), false);
    assert.match(await page.text('#efa-status'), /^Ergebnis aktualisiert: 1\.000\.000,00\s€ für 2025/);
    assert.deepEqual(engineInstances(server, mark), ['?instance=1']);
    await page.assertClean();
  });

  suite.test('engine trap twice (strict CSP page): engine_trap error, last result kept, then recovery', async (page, { server }) => {
    const mark = server.requests.length;
    await openWithResult(page, '/www/strict-csp.html');
    const good = await lastResult(page);
    assert.deepEqual(payersOf(good), EXPECTED_02.payers);
    // the what-if panel is built after the first result has been painted; its engine call must be
    // done before the kill, or it would meet the dead instances first (and recover from them)
    await panelsDone(page);
    // kill the element's instance and, in advance, the fresh one it will switch to
    assertKilled(await killEngine(page));
    assertKilled(await killEngine(page, 1));
    let n = await page.eventCount();
    await page.fill('#f-costs', '2.000.000,00');
    const err = await page.waitEvent('efa-error', n);
    assert.equal(err.code, 'engine_trap');
    assert.match(err.messages.de, /^Die Rechenmaschine ist ausgefallen/);
    assert.match(err.messages.en, /^The calculation engine failed/);
    assert.match(await page.text('#error-summary'), /Die Rechenmaschine ist ausgefallen/);
    assert.equal(await page.eventCount(), n + 1, 'one efa-error, no result');
    // the last good result stays on screen, marked as stale
    assert.deepEqual(await lastResult(page), good);
    assert.match(await page.text('table[part="results-table"] tfoot'), /1\.000\.000,00/);
    assert.match(await page.text('#efa-status'), /letzte gültige Ergebnis/);
    // the next change starts another fresh instance (a dynamic import under the strict CSP)
    n = await page.eventCount();
    await page.fill('#f-costs', '1.000.000,00');
    const res = await waitResult(page, n);
    assert.deepEqual(payersOf(res), EXPECTED_02.payers);
    assert.equal(await page.visible('#error-summary'), false);
    assert.deepEqual(engineInstances(server, mark), ['?instance=1', '?instance=2']);
    // ?instance=2 was started by the element's own call (the test started only ?instance=1)
    assert.equal(await page.js(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('?instance=2')).length), 1);
    await page.assertClean();
  });

  suite.test('engine trap: all elements on a page share the switch to the fresh engine', async (page, { server }) => {
    const mark = server.requests.length;
    await page.open(HARNESS);
    await page.js((req) => {
      for (const id of ['a', 'b']) {
        const e = document.createElement('efa-rechner');
        e.id = id;
        e.setAttribute('no-fragment', '');
        e.setAttribute('readonly', '');
        e.request = req;
        document.querySelector('main').append(e);
      }
    }, REQUEST_02);
    await page.waitFor(() => window.__probe.events.filter((e) => e.type === 'efa-result').length === 2, [], { what: 'two results', timeout: 30000 });
    assertKilled(await killEngine(page));
    let n = await page.eventCount();
    await page.js(() => document.getElementById('a').setAttribute('costs', '2000000.00'));
    const a = await waitResult(page, n);
    assert.equal(a.total, '2000000.00');
    assert.deepEqual(a.payers.map((p) => p.id), EXPECTED_02.payers.map((p) => p.id));
    n = await page.eventCount();
    await page.js(() => document.getElementById('b').setAttribute('costs', '1000000.00'));
    const b = await waitResult(page, n);
    assert.deepEqual(payersOf(b), EXPECTED_02.payers);
    assert.deepEqual(engineInstances(server, mark), ['?instance=1'], "the second element uses the first one's fresh engine");
    assert.equal(await page.js(() => window.__probe.events.filter((e) => e.type === 'efa-error').length), 0);
    await page.assertClean();
  });
}
