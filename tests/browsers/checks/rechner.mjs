// <efa-rechner> in Chromium, Firefox ESR and WebKitGTK: contract example 02 to the cent through
// attributes, the request property and the demo page; the form in German and English notation,
// cost categories and a joining date; invalid input; the URL fragment; lang, readonly and service;
// the results' words, chart and status; join/leave; a screenshot per engine.

import fs from 'node:fs';
import assert from 'node:assert/strict';
import { Key } from '../lib/page.mjs';
import { EXPECTED_02, REQUEST_02, payersOf, sortedPayers, cents, waitResult, lastResult, requestOf, openWithResult, createRechner, panelsDone, parseGermanMoney } from '../lib/rechner.mjs';

const heRow = (page) => page.shadow((root) => [...root.querySelectorAll('table[part="results-table"] tbody tr')].find((tr) => tr.textContent.includes('Hessen'))?.innerText);

export default function register(suite) {
  suite.test('example 02 on the demo page, to the cent; the table formatted for Germany; the request property round-trips; screenshot', async (page, { engine }) => {
    const res = await openWithResult(page);
    assert.equal(res.total, EXPECTED_02.total);
    assert.deepEqual(payersOf(res), EXPECTED_02.payers, 'payers and amounts in contract order');
    assert.deepEqual(payersOf(await lastResult(page)), EXPECTED_02.payers);
    assert.match(await heRow(page), /102\.963,74\s€/, `Hessen's row (Intl.NumberFormat de-DE in ${engine})`);
    assert.match(await page.text('table[part="results-table"] tfoot'), /1\.000\.000,00\s€/);
    const shot = await page.screenshot('demo');
    assert.ok(fs.statSync(shot).size > 10000, 'a real screenshot');
    // the whole request set as a property: the result and the form follow
    const n = await page.eventCount();
    await page.js(() => {
      document.querySelector('efa-rechner').request = { year: 2024, costs: '2500000', model: 'fitko' };
    });
    const r2 = await waitResult(page, n);
    assert.equal(r2.total, '2500000.00');
    assert.equal(r2.payers.find((p) => p.id === 'BUND').amount, '625000.00');
    assert.equal(r2.payers.find((p) => p.id === 'HE').amount, '139445.44');
    assert.equal(await page.value('#f-year'), '2024');
    assert.equal(await page.value('#f-model'), 'fitko');
    await page.assertClean();
  });

  suite.test('example 02 set by attributes on a new element: exact amounts, the request property, the table', async (page) => {
    await createRechner(page, { year: '2025', costs: '1000000.00', alliance: 'BY,HE,NW', model: 'itplr-2023-35' });
    const res = await waitResult(page, 0);
    assert.equal(res.total, EXPECTED_02.total);
    assert.deepEqual(payersOf(res), EXPECTED_02.payers, 'payers and amounts in contract order');
    const req = await requestOf(page);
    assert.equal(req.year, REQUEST_02.year);
    assert.equal(req.costs, REQUEST_02.costs);
    assert.equal(req.model, REQUEST_02.model);
    assert.deepEqual([...req.alliance].sort(), [...REQUEST_02.alliance].sort());
    // the table shows the same amounts, formatted for Germany
    assert.match(await heRow(page), /102\.963,74\s€/);
    await page.assertClean();
  });

  suite.test('the request property and attributes: example 02 set on a new element, then attributes change it', async (page) => {
    await createRechner(page, {}, REQUEST_02);
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

  suite.test('editing the form: German and English notation, a Land unticked, the model, cost categories, a joining date', async (page) => {
    await openWithResult(page);
    let n = await page.eventCount();
    await page.fill('#f-costs', '2.000.000,00');
    let res = await waitResult(page, n, (d) => d.total === '2000000.00');
    assert.equal(res.payers.find((p) => p.id === 'BUND').amount, '500000.00');

    n = await page.eventCount();
    await page.check('#f-land-HE', false);
    res = await waitResult(page, n, (d) => d.payers.find((p) => p.id === 'HE')?.amount !== '205927.48');
    assert.deepEqual((await requestOf(page)).alliance, ['NW', 'BY']);
    assert.notEqual(res.payers.find((p) => p.id === 'HE').amount, '205927.48');

    n = await page.eventCount();
    await page.select('#f-model', 'alliance');
    res = await waitResult(page, n);
    assert.deepEqual(res.payers.map((p) => p.id), ['NW', 'BY']);

    // English notation typed into the German form, and German into the English one
    n = await page.eventCount();
    await page.fill('#f-costs', '1,234,567.89');
    res = await waitResult(page, n, (d) => d.total === '1234567.89');
    assert.equal(cents(res.payers.map((p) => p.amount)), 123456789n, 'the amounts add up to the cent');
    await page.js(() => document.querySelector('efa-rechner').setAttribute('lang', 'en'));
    // (the English texts are loaded on first use: the form is rebuilt once they are there)
    await page.waitFor(() => document.querySelector('efa-rechner').shadowRoot.querySelector('label[for="f-costs"]')?.textContent === 'Costs in euros', [], { what: 'the English form' });
    // the typed amount is kept and shown in English notation
    assert.equal(await page.value('#f-costs'), '1,234,567.89');
    n = await page.eventCount();
    await page.fill('#f-costs', '1.234.567,80');
    res = await waitResult(page, n, (d) => d.total === '1234567.80');
    assert.equal(res.total, '1234567.80');
    assert.match(await page.text('table[part="results-table"] tfoot'), /€1,234,567\.80/);

    // cost categories
    n = await page.eventCount();
    await page.check('#f-costs-mode-items');
    await page.fill('#f-item-betrieb', '800000');
    await page.fill('#f-item-weiterentwicklung', '200000.01');
    await page.keys(Key.ENTER);
    res = await waitResult(page, n, (d) => d.total === '1000000.01');
    assert.deepEqual(res.items.map((i) => i.category).sort(), ['betrieb', 'weiterentwicklung']);
    assert.equal(await page.count('table[part="category-table"]'), 1);

    // a joining date
    await page.click('details.membership summary');
    n = await page.eventCount();
    await page.setValue('#f-from-BY', '2025-07-01');
    res = await waitResult(page, n, (d) => d.periods.length === 2);
    assert.equal(res.periods.length, 2);
    await page.assertClean();
  });

  suite.test('invalid input: messages at the field and in the error summary, the last result kept', async (page) => {
    await openWithResult(page);
    const before = await lastResult(page);
    let n = await page.eventCount();
    await page.fill('#f-costs', '12,34,5x');
    const err = await page.waitEvent('efa-error', n);
    assert.equal(err.code, 'invalid_amount');
    assert.equal(err.path, 'costs');
    assert.equal(await page.attr('#f-costs', 'aria-invalid'), 'true');
    const describedby = (await page.attr('#f-costs', 'aria-describedby')).split(' ');
    const msgId = describedby.find((id) => id.startsWith('e-'));
    assert.ok(msgId, 'aria-describedby points at the message');
    assert.match(await page.text(`#${msgId}`), /Betrag/);
    assert.ok(await page.visible('#error-summary'));
    assert.match(await page.text('#error-summary'), /Es gibt ein Problem/);
    // the last good result stays on screen, marked as stale
    assert.deepEqual(await lastResult(page), before);
    assert.match(await page.text('table[part="results-table"] tfoot'), /1\.000\.000,00/);
    assert.match(await page.text('#efa-status'), /letzte gültige Ergebnis/);
    // Enter submits: focus goes to the summary, its link to the field
    await page.js((e) => e.focus(), await page.$('#f-costs'));
    await page.keys(Key.ENTER);
    await page.waitFor(() => document.querySelector('efa-rechner').shadowRoot.activeElement?.id === 'error-summary', [], { what: 'focus on the error summary' });
    await page.click('#error-summary a');
    assert.equal(await page.shadow((root) => root.activeElement?.id), 'f-costs');

    // an engine error with a path, mapped to the field, in the current language
    n = await page.eventCount();
    await page.js(() => {
      document.querySelector('efa-rechner').request = { year: 2025, costs: '100.00', alliance: ['BY', 'XX'] };
    });
    const e2 = await page.waitEvent('efa-error', n);
    assert.equal(e2.code, 'unknown_land');
    assert.equal(e2.path, 'alliance[1]');
    assert.match(await page.text('#fs-alliance'), /XX/);
    assert.ok(e2.messages.de && e2.messages.en);
    // back to valid: the error goes away
    n = await page.eventCount();
    await page.check('#f-land-HE');
    await waitResult(page, n);
    assert.equal(await page.visible('#error-summary'), false);
    assert.equal(await page.count('.error-message'), 0);

    // year outside the range, client side
    n = await page.eventCount();
    await page.fill('#f-year', '1999');
    const e3 = await page.waitEvent('efa-error', n);
    assert.equal(e3.code, 'invalid_year');
    assert.equal(await page.attr('#f-year', 'aria-invalid'), 'true');
    await page.assertClean();
  });

  suite.test('the URL fragment round-trips the whole request; a pasted link updates the element', async (page, { origin }) => {
    await openWithResult(page);
    let n = await page.eventCount();
    await page.fill('#f-costs', '777.777,77');
    await page.select('#f-key', 'population');
    const r1 = await waitResult(page, n, (d) => d.total === '777777.77' && d.key.id === 'population');
    const shBefore = r1.payers.find((p) => p.id === 'SH').amount;
    n = await page.eventCount();
    await page.check('#f-land-SH');
    // (SH pays another amount as a member: a result still due from the key's change is not it)
    const res = await waitResult(page, n, (d) => d.total === '777777.77' && d.payers.find((p) => p.id === 'SH')?.amount !== shBefore);
    const url = await page.url();
    assert.match(url, /#efa=/);
    const fromHash = JSON.parse(decodeURIComponent(new URL(url).hash.slice('#efa='.length)));
    assert.deepEqual(fromHash, await requestOf(page));
    assert.equal(fromHash.costs, '777777.77');
    assert.equal(fromHash.key, 'population');
    await page.assertClean();

    // a new page with that link shows the same result (the fragment wins over the attributes);
    // (from another document: the same URL again would only be a fragment navigation)
    await page.driver.get('about:blank');
    await page.open(url.slice(origin.length));
    await waitResult(page, 0, null, 30000);
    assert.deepEqual(await lastResult(page), res);
    assert.equal(await page.value('#f-costs'), '777.777,77');
    assert.equal(await page.value('#f-key'), 'population');
    assert.equal(await (await page.$('#f-land-SH')).isSelected(), true);
    // the share field carries the same link
    await panelsDone(page);
    assert.equal(await page.value('#efa-share'), url);

    // changing the fragment in place (pasting a link) updates the element
    n = await page.eventCount();
    const other = encodeURIComponent(JSON.stringify({ year: 2025, costs: '1000000.00', alliance: ['BY', 'HE', 'NW'], model: 'alliance' }));
    await page.js((f) => (location.hash = `efa=${f}`), other);
    const res3 = await waitResult(page, n);
    assert.deepEqual(sortedPayers(payersOf(res3)), sortedPayers([{ id: 'NW', amount: '478196.88' }, { id: 'HE', amount: '168742.01' }, { id: 'BY', amount: '353061.11' }]));
    await page.assertClean();
  });

  suite.test('lang="en", readonly and service attributes', async (page, { engine }) => {
    await createRechner(page, { year: '2025', costs: '1000000.00', alliance: 'all', model: 'fitko', lang: 'en', readonly: '', service: 'Wohngeld <online>', 'no-fragment': '' });
    await waitResult(page, 0);
    assert.equal(await page.count('form'), 0, 'readonly: no form');
    assert.equal(await page.count('.whatif'), 0);
    assert.match(await page.text('h2'), /EfA cost calculator: Wohngeld <online>/);
    assert.match(await page.text('table[part="results-table"] caption'), /for Wohngeld <online>/);
    assert.match(await page.text('table[part="results-table"] tfoot'), /€1,000,000\.00/, `Intl.NumberFormat en in ${engine}`);
    assert.equal(await page.attr('.wrap', 'lang'), 'en');
    assert.equal(new URL(await page.url()).hash, '', 'no-fragment leaves the URL alone');
    await page.assertClean();
  });

  suite.test('results: explanation in words, chart with a text alternative, table semantics, status region; focus stays', async (page) => {
    await openWithResult(page);
    assert.equal(await page.attr('#efa-status', 'role'), 'status');
    assert.match(await page.text('#efa-status'), /1\.000\.000,00\s€ für 2025/);
    // the explanation is a panel drawn after the first paint (background priority)
    await panelsDone(page);
    await page.click('details.explain summary');
    await page.waitFor(() => /trägt/.test(document.querySelector('efa-rechner').shadowRoot.querySelector('details.explain')?.textContent), [], { what: 'the explanation in words' });
    const text = await page.text('details.explain');
    const res = await lastResult(page);
    const hePart = res.payers.find((p) => p.id === 'HE').parts.find((p) => p.tranche === 0);
    const w = hePart.weight.replace('.', ',');
    const gw = hePart.groupWeight.replace('.', ',');
    assert.ok(text.includes(`Hessen trägt ${w} / ${gw} des Anteils der Allianz`), text.slice(0, 600));
    assert.match(text, /Der Bund trägt den Bundesanteil \(25 % = 250\.000,00\s€\): 250\.000,00\s€/);
    assert.equal(await page.count('figure[part="chart"] svg[role="img"]'), 1);
    const labelled = await page.shadow((root) => {
      const s = root.querySelector('figure[part="chart"] svg[role="img"]');
      return s.getAttribute('aria-labelledby').split(' ').map((id) => s.getRootNode().getElementById(id)?.textContent).join(' ');
    });
    assert.match(labelled, /Nordrhein-Westfalen: 291\.788,24\s€/);
    assert.equal(await page.count('figure[part="chart"] svg[role="img"] rect.bar-land'), 16);
    assert.equal(await page.count('figure[part="chart"] svg[role="img"] rect.bar-bund'), 1);
    // table semantics
    assert.equal(await page.count('table[part="results-table"] caption'), 1);
    assert.equal(await page.count('table[part="results-table"] tbody th[scope="row"]'), 17);
    assert.equal(await page.shadow((root) => getComputedStyle(root.querySelector('table[part="results-table"] tbody td.num')).textAlign), 'end');
    // focus stays where it is when results change
    await page.js((e) => e.focus(), await page.$('#f-costs'));
    const n = await page.eventCount();
    await page.keys(Key.END, '1');
    await page.waitEvent('efa-error', n);
    assert.equal(await page.shadow((root) => root.activeElement?.id), 'f-costs');
    await page.assertClean();
  });

  suite.test('a new result updates the results in place: the same table and chart, rows and texts as the result says', async (page) => {
    await openWithResult(page);
    const same = () => page.shadow((root) => root.querySelector('table[part="results-table"]') === window.__efaTable && root.querySelector('figure[part="chart"]') === window.__efaChart);
    await page.shadow((root) => {
      window.__efaTable = root.querySelector('table[part="results-table"]');
      window.__efaChart = root.querySelector('figure[part="chart"]');
    });
    const shown = () => page.texts('table[part="results-table"] tbody th[scope="row"]');
    for (const [model, ids] of [['alliance', ['NW', 'BY', 'HE']], ['itplr-2023-35', null]]) {
      const n = await page.eventCount();
      await page.select('#f-model', model);
      const res = await waitResult(page, n, (d) => d.items[0].model === model);
      assert.ok(await same(), `${model}: the table and the chart are the ones shown before`);
      if (ids) assert.deepEqual(res.payers.map((p) => p.id).sort(), [...ids].sort());
      assert.equal((await shown()).length, res.payers.length, `${model}: one row per payer`);
      assert.equal(await page.count('figure[part="chart"] svg[role="img"] g.row'), res.payers.length);
      const he = res.payers.find((p) => p.id === 'HE');
      assert.equal(parseGermanMoney((await heRow(page)).split('\t')[1]), cents([he.amount]), `${model}: Hessen's amount`);
      assert.equal(await page.count('details.explain'), 1);
    }
    await page.assertClean();
  });

  suite.test('join/leave: the changed alliance is computed and differences shown for every payer', async (page) => {
    await openWithResult(page);
    await panelsDone(page);
    await page.select('#whatif-land', 'SH');
    await page.waitFor(() => /Wenn Schleswig-Holstein beitritt/.test(document.querySelector('efa-rechner').shadowRoot.querySelector('.whatif table caption')?.textContent), [], { what: 'the what-if table for SH' });
    const rows = await page.shadow((root) => [...root.querySelectorAll('.whatif table tbody tr')].map((tr) => [tr.querySelector('th').innerText, tr.querySelectorAll('td')[2].innerText]));
    assert.equal(rows.length, 17);
    const total = rows.reduce((a, [, d]) => a + parseGermanMoney(d), 0n);
    assert.equal(total, 0n, 'the differences sum to zero');
    const sh = rows.find(([name]) => name.includes('Schleswig-Holstein'));
    assert.ok(parseGermanMoney(sh[1]) > 0n);
    await page.select('#whatif-land', 'HE');
    await page.waitFor(() => /Wenn Hessen austritt/.test(document.querySelector('efa-rechner').shadowRoot.querySelector('.whatif caption')?.textContent), [], { what: 'the what-if table for HE' });
    await page.assertClean();
  });
}
