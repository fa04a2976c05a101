// The Kommune level of <efa-rechner> in every engine: the built-in Kreis table (search, sorting,
// paging), the built-in Gemeinde table (one fetch; the finder's sentence; per inhabitant; CSV),
// GV100AD files by file input, by attribute and from the demo's real file (example 08 to the
// cent, 2,000+ Bayern Gemeinden), engine errors at the fields.

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { XSS_GV100AD, cents, waitResult, requestOf, openWithResult, createRechner, panelsDone, perHeadOf, payersOf } from '../lib/rechner.mjs';

const rowCount = (page) => page.count('table[part="kommunen-table"] tbody tr');
const kommunenRows = (n) => (page) => page.waitFor((k) => document.querySelector('efa-rechner').shadowRoot.querySelectorAll('table[part="kommunen-table"] tbody tr').length === k, [n], { what: `${n} rows` });
/** The finder's answer once it matches `re` (a RegExp source). */
const findAnswer = (page, re, what) => page.waitFor((r) => new RegExp(r).test(document.querySelector('efa-rechner').shadowRoot.querySelector('#kom-find-a')?.textContent || ''), [re], { what });
/** The button of the element whose text contains `label` (in the part `sel`). */
const clickByText = async (page, sel, label) => {
  const b = await page.waitFor((s, l) => [...document.querySelector('efa-rechner').shadowRoot.querySelectorAll(s)].find((x) => x.textContent.includes(l)) || null, [sel, label], { what: `${sel} "${label}"` });
  await page.steady(b, label);
  await b.click();
};

export default function register(suite) {
  suite.test('Kommunen: the built-in Kreis data, search, sorting, paging', async (page) => {
    await createRechner(page, { year: '2025', costs: '500000.00', alliance: 'HE,RP,SL', model: 'itplr-2023-35', land: 'HE' });
    const res = await waitResult(page, 0);
    const k = res.kommunen;
    assert.equal(k.land, 'HE');
    assert.equal(k.level, 'kreis');
    assert.equal(k.rows.length, 26, 'Hessen: 21 Kreise and 5 kreisfreie Städte');
    assert.equal(cents([...k.rows.map((r) => r.amount), k.landKeeps]), cents([res.payers.find((p) => p.id === 'HE').amount]));
    assert.equal(await rowCount(page), 26);
    await page.fill('#kom-search', 'darm');
    await kommunenRows(2)(page);
    await page.fill('#kom-search', '06411');
    await kommunenRows(1)(page);
    await page.fill('#kom-search', '');
    await kommunenRows(26)(page);
    // sort by amount (largest first)
    await clickByText(page, 'table[part="kommunen-table"] th button', 'Betrag');
    await page.waitFor(() => document.querySelector('efa-rechner').shadowRoot.querySelector('table[part="kommunen-table"] th[aria-sort]'), [], { what: 'a sorted column' });
    assert.equal(await page.attr('table[part="kommunen-table"] th[aria-sort]', 'aria-sort'), 'descending');
    const first = await page.text('table[part="kommunen-table"] tbody tr th');
    const biggest = [...k.rows].sort((a, b) => Number(b.amount) - Number(a.amount))[0].name;
    assert.equal(first, biggest);
    // paging
    await page.select('#kom-size', '25');
    await kommunenRows(25)(page);
    await clickByText(page, '.pager button', 'Nächste Seite');
    await kommunenRows(1)(page);
    assert.match(await page.text('.pager'), /Seite 2 von 2/);
    await page.assertClean();
  });

  suite.test('Gemeinde table from the real GV100AD file: example 08 to the cent, 2,000+ Bayern Gemeinden, one page in the DOM, search', async (page, { engine, shared }) => {
    const req08 = JSON.parse(fs.readFileSync(path.join(shared, 'contract', 'examples', '08-kommunen-hessen.json'), 'utf8'));
    const exp08 = JSON.parse(fs.readFileSync(path.join(shared, 'contract', 'examples', '08-kommunen-hessen.expected.json'), 'utf8'));
    await createRechner(page, { 'kommunen-src': '/shared-data/gv100ad/GV100AD_30112025.txt' }, req08);
    const res = await waitResult(page, 0, null, 30000);
    assert.equal(res.total, exp08.total);
    assert.deepEqual(payersOf(res), exp08.payers);
    assert.equal(res.kommunen.landKeeps, exp08.kommunen.landKeeps);
    const got = new Map(res.kommunen.rows.map((r) => [r.ags, r.amount]));
    const bad = exp08.kommunen.rows.filter((r) => got.get(r.ags) !== r.amount);
    assert.deepEqual(bad, [], 'Kommune amounts');
    // Bayern, all 2,000+ Gemeinden: only one page in the DOM, search stays quick
    const n = await page.eventCount();
    const t0 = Date.now();
    await page.js(() => {
      document.querySelector('efa-rechner').request = { year: 2025, costs: '1000000.00', alliance: 'all', model: 'itplr-2023-35', kommunen: { land: 'BY', level: 'gemeinde' } };
    });
    const r2 = await waitResult(page, n, (d) => d.kommunen?.land === 'BY', 30000);
    assert.ok(r2.kommunen.rows.length > 2000, `Bayern rows: ${r2.kommunen.rows.length}`);
    assert.equal(await rowCount(page), 50, 'one page of rows in the DOM');
    const t1 = Date.now();
    await page.fill('#kom-search', 'münchen');
    await page.waitFor(() => [...document.querySelector('efa-rechner').shadowRoot.querySelectorAll('table[part="kommunen-table"] tbody th')].some((th) => th.textContent.startsWith('München')), [], { what: `München found (${engine})` });
    const t2 = Date.now();
    console.log(`    (${engine}: Bayern: ${r2.kommunen.rows.length} Gemeinden; compute+render ${t1 - t0} ms, search ${t2 - t1} ms)`);
    assert.ok(t2 - t1 < 2000, 'search answers within 2 s');
    await page.screenshot('gemeinden');
    await page.assertClean();
  }, { needsShared: true });

  suite.test('Gemeinde level without a file: one fetch of the built-in table, the finder\'s sentence (de/en, aria-live), per-inhabitant column and CSV', async (page, { shared, server }) => {
    const mark = server.requests.length;
    await createRechner(page, { year: '2025', costs: '500000.00', alliance: 'HE,RP,SL', model: 'itplr-2023-35', land: 'HE', level: 'gemeinde' });
    const res = await waitResult(page, 0, null, 30000);
    const k = res.kommunen;
    assert.equal(k.level, 'gemeinde');
    assert.equal(k.rows.length, 425);
    assert.equal(k.source.id, 'gv100ad-2025-11-30-builtin');
    assert.ok(res.sources.some((s) => s.id === 'gv100ad-2025-11-30-builtin' && /Quellenangabe gestattet/.test(s.licence)));
    assert.equal(k.kreise.length, 26);
    assert.equal(cents([...k.rows.map((r) => r.amount), k.landKeeps]), cents([res.payers.find((p) => p.id === 'HE').amount]));
    if (fs.existsSync(path.join(shared, 'contract', 'examples'))) {
      // example 08 asks for the Gemeinde level: without a file, the same cents as with the file
      const req08 = JSON.parse(fs.readFileSync(path.join(shared, 'contract', 'examples', '08-kommunen-hessen.json'), 'utf8'));
      const exp08 = JSON.parse(fs.readFileSync(path.join(shared, 'contract', 'examples', '08-kommunen-hessen.expected.json'), 'utf8'));
      const n = await page.eventCount();
      await page.js((req) => (document.querySelector('efa-rechner').request = req), req08);
      const r08 = await waitResult(page, n, (d) => d.kommunen?.exemptBelow === 2000, 30000);
      assert.equal(r08.kommunen.landKeeps, exp08.kommunen.landKeeps);
      const got = new Map(r08.kommunen.rows.map((r) => [r.ags, r.amount]));
      assert.deepEqual(exp08.kommunen.rows.filter((r) => got.get(r.ags) !== r.amount), [], 'example 08 without a file');
      const n2 = await page.eventCount();
      await page.js(() => (document.querySelector('efa-rechner').request = { year: 2025, costs: '500000.00', alliance: ['HE', 'RP', 'SL'], model: 'itplr-2023-35', kommunen: { land: 'HE', level: 'gemeinde' } }));
      await waitResult(page, n2, (d) => d.kommunen?.exemptBelow === 0, 30000);
    }
    const fetches = server.requests.slice(mark).filter((u) => u.split('?')[0].endsWith('/pkg/gemeinden.tsv'));
    assert.equal(fetches.length, 1, 'the table is fetched once');
    const darmstadt = k.rows.find((r) => r.ags === '06411000');
    const others = k.rows.filter((r) => r.name.toLowerCase().includes('darmstadt')).length - 1;
    const moreDe = others ? ` (weitere Treffer: ${others})` : '';
    const moreEn = others ? ` (more matches: ${others})` : '';
    const per = perHeadOf(darmstadt.amount, darmstadt.population);
    const de = (s) => s.replace('.', ',').replace(/\B(?=(\d{3})+,)/g, '.');
    assert.equal(await page.attr('#kom-find-a', 'aria-live'), 'polite');
    await page.fill('#kom-find', 'Darmstadt');
    await findAnswer(page, 'trägt', 'the sentence');
    assert.equal(await page.text('#kom-find-a'), `Darmstadt, Wissenschaftsstadt trägt ${de(darmstadt.amount)}\u00a0€ – ${de(per)}\u00a0€ je Einwohner${moreDe}.`);
    // by AGS, and by Kreis (its AGS or name): the Kreis's Gemeinden together
    await page.fill('#kom-find', '06411000');
    await findAnswer(page, '^Darmstadt, Wissenschaftsstadt trägt [^(]*\\.$', 'the sentence by AGS');
    await page.fill('#kom-find', 'Darmstadt-Dieburg');
    await findAnswer(page, '^Die 23 Gemeinden in Darmstadt-Dieburg tragen zusammen .* je Einwohner\\.$', 'the Kreis sentence');
    await page.fill('#kom-find', 'Xyzzy');
    await findAnswer(page, 'Keine Kommune gefunden', 'no match');
    await page.fill('#kom-find', 'Darmstadt');
    await findAnswer(page, 'trägt', 'the sentence again');
    // the per-inhabitant column: Darmstadt is the first row (sorted by AGS); the cells' text
    // (textContent: the table below the fold is skipped by content-visibility, innerText reads '')
    assert.equal(await page.shadow((root) => root.querySelector('table[part="kommunen-table"] tbody tr').querySelectorAll('td')[3].textContent), `${de(per)}\u00a0€`);
    assert.match(await page.shadow((root) => root.querySelector('table[part="kommunen-table"] thead').textContent), /je Einwohner/);
    // the CSV carries it
    await panelsDone(page);
    await clickByText(page, '.export button', 'Kommunen als CSV');
    await page.waitDownloads(1);
    const [dl] = await page.downloads();
    const csv = dl.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.deepEqual(csv[0].split(';'), ['AGS', 'Name', 'Einwohner', 'Betrag (EUR)', 'Betrag je Einwohner (EUR)', 'befreit']);
    assert.equal(csv.length, 1 + 425);
    assert.equal(csv[1].split(';')[4], per.replace('.', ','));
    // English: the same sentence in English, announced the same way
    await page.js(() => document.querySelector('efa-rechner').setAttribute('lang', 'en'));
    await findAnswer(page, ' pays ', 'the English sentence');
    assert.equal(await page.text('#kom-find-a'), `Darmstadt, Wissenschaftsstadt pays €${Number(darmstadt.amount).toLocaleString('en-GB', { minimumFractionDigits: 2 })} – €${per} per inhabitant${moreEn}.`);
    await page.axe('Gemeinde level with the finder');
    await page.assertClean();
  });

  suite.test('Kommune level in the form: Gemeinde level without a file, GV100AD file input, engine errors at the fields', async (page) => {
    await openWithResult(page);
    let n = await page.eventCount();
    await page.check('#f-kommunen');
    // the Land starts as the first alliance member
    assert.equal(await page.value('#f-k-land'), 'NW');
    await page.select('#f-k-land', 'HE');
    await page.fill('#f-k-share', '50');
    await page.fill('#f-k-exempt', '2.000');
    let res = await waitResult(page, n, (d) => d.kommunen?.exemptBelow === 2000 && d.kommunen?.land === 'HE');
    assert.equal(res.kommunen.landShare.replace(/0+$/, ''), '0.5');
    // level Gemeinde without a file: the built-in Gemeinde table (fetched on first use)
    n = await page.eventCount();
    await page.check('#f-k-level-gemeinde');
    res = await waitResult(page, n, (d) => d.kommunen?.level === 'gemeinde', 30000);
    assert.equal(res.kommunen.rows.length, 425, 'Hessen: 425 Gemeinden');
    assert.equal(res.kommunen.source.id, 'gv100ad-2025-11-30-builtin');
    assert.match(await page.text('#h-k-file'), /Gebietsstand 30\.11\.2025, Bevölkerung 31\.12\.2024/);
    // choosing a file recomputes with it: a loaded file wins
    n = await page.eventCount();
    await page.upload('#f-k-file', [{ name: 'gv100ad-html-names.txt', type: 'text/plain', bytes: fs.readFileSync(XSS_GV100AD) }]);
    res = await waitResult(page, n, (d) => d.kommunen?.level === 'gemeinde' && d.kommunen.rows.length === 5);
    assert.equal(res.kommunen.source.id, 'gv100ad-2025-11-30');
    assert.equal(res.kommunen.rows.length, 5);
    assert.match(await page.text('#s-k-file'), /30\.11\.2025/);
    assert.equal(await page.visible('#error-summary'), false);
    // percent out of range: a client-side message at the field
    n = await page.eventCount();
    await page.fill('#f-k-share', '150');
    const e2 = await page.waitEvent('efa-error', n);
    assert.equal(e2.path, 'kommunen.landShare');
    assert.equal(await page.attr('#f-k-share', 'aria-invalid'), 'true');
    await page.fill('#f-k-share', '0');
    // usage key with no numbers: the engine's error lands at the key
    n = await page.eventCount();
    await page.select('#f-key', 'usage');
    const e3 = await page.waitEvent('efa-error', n);
    assert.ok(e3.path.startsWith('key'), e3.path);
    assert.equal(await page.attr('#f-key', 'aria-invalid'), 'true');
    await page.fill('#f-kv-BY', '1.200');
    await page.fill('#f-kv-HE', '800');
    await page.fill('#f-kv-NW', '2.000,5');
    await page.waitFor(() => document.querySelector('efa-rechner').request?.key?.usage?.NW === '2000.5', [], { what: 'usage numbers in the request' });
    assert.deepEqual((await requestOf(page)).key, { usage: { NW: '2000.5', HE: '800', BY: '1200' } });
    await page.assertClean();
  });

  suite.test('demo: the real GV100AD file offered by the server, same origin', async (page) => {
    await openWithResult(page);
    await page.waitFor(() => {
      const e = document.getElementById('real-data');
      return !!e && !e.hidden && e.getClientRects().length > 0;
    }, [], { what: 'the real-data offer' });
    const n = await page.eventCount();
    await page.click('[data-real-gv100ad]', null);
    const res = await waitResult(page, n, (d) => d.kommunen?.level === 'gemeinde', 30000);
    assert.ok(res.kommunen.rows.length > 300, `rows: ${res.kommunen.rows.length}`);
    assert.equal(res.kommunen.gebietsstand, '2025-11-30');
    assert.match(await page.text('#s-k-file'), /30\.11\.2025/);
    await page.assertClean();
  }, { needsShared: true });
}
