// <efa-plan> in Chromium, Firefox ESR and WebKitGTK (issue 13): example 11 with land="HE" shows
// Hessen's sentence and tables to the cent in German and English; axe-core with 0 violations in
// both languages, with an error and at 320 px; keyboard only; CSV by file input, by drag and drop
// and by the plan property; coded errors that keep the last result; CSV export with formula cells
// neutralised; the strict-CSP plan page; the harness; recovery from an engine trap.

import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import assert from 'node:assert/strict';
import { Key } from '../lib/page.mjs';
import { headersOf } from '../lib/server.mjs';
import { killEngine, assertKilled, PLAN_HARNESS, ROOT } from '../lib/rechner.mjs';
import { HOST, PLAN_11, EXPECTED_11, EXPECTED_12, CSV_12, SENTENCE_DE, SENTENCE_EN, norm, moneyToDecimal, assertExpected, planResult, openPlan, rows, text, toEnglish } from '../lib/plan.mjs';

const waitPlan = (page, n, where = null) => page.waitEvent('efa-plan-result', n, { where, timeout: 20000 });
const waitPlanError = (page, n) => page.waitEvent('efa-plan-error', n, { timeout: 20000 });
const activeId = (page) => page.shadow((root) => root.activeElement?.id || root.activeElement?.getAttribute('data-entry') || null, null, HOST);
const upload = (page, name, type, bytes) => page.upload('#plan-file', [{ name, type, bytes }], HOST);

export default function register(suite) {
  suite.test('efa-plan: example 11 with land="HE": Hessen’s sentence and tables to the cent (de, en), charts, table semantics, axe 0', async (page, { engine }) => {
    const res = await openPlan(page);
    assertExpected(res, EXPECTED_11);
    assert.equal(res.contractVersion, '1.1');
    // the sentence, exactly (the € sign is joined to the amount by a no-break space)
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_DE, `the German sentence in ${engine}`);
    // payers × years: every figure of the expected example, as shown
    const body = await rows(page, '#plan-payers');
    assert.equal(body.length, EXPECTED_11.payers.length);
    for (const [i, exp] of EXPECTED_11.payers.entries()) {
      const r = body[i];
      assert.deepEqual(r.slice(1).map((c) => moneyToDecimal(c)), [exp.years['2025'], exp.years['2026'], exp.total, exp.compare.total, exp.compare.difference], `row ${exp.id}`);
      // relief and extra burden in words, with the sign
      const word = exp.compare.difference.startsWith('-') ? 'Entlastung' : /^0\.00$/.test(exp.compare.difference) ? 'keine Änderung' : 'Mehrbelastung';
      assert.ok(r[5].endsWith(`(${word})`), `${exp.id}: ${r[5]}`);
      assert.ok(exp.compare.difference.startsWith('-') ? r[5].startsWith('-') : r[5].startsWith('+'), `${exp.id} sign: ${r[5]}`);
    }
    assert.equal(norm(body.find((r) => r[0] === 'Hessen')[5]), '-171.690,56 € (Entlastung)');
    const foot = (await rows(page, '#plan-payers', 'tfoot'))[0];
    assert.deepEqual(foot.slice(1, 4).map((c) => moneyToDecimal(c)), ['1575000.00', '2660000.00', EXPECTED_11.total]);
    // Hessen's services × years, summed from the entries, agree with the payer row
    const land = await rows(page, '#plan-land-services');
    assert.deepEqual(land.map((r) => r[0]), ['Wohngeld', 'Elterngeld', 'Baugenehmigung']);
    const landFoot = (await rows(page, '#plan-land-services', 'tfoot'))[0];
    assert.deepEqual(landFoot.slice(1).map((c) => moneyToDecimal(c)), ['130528.75', '183396.13', '313924.88', '485615.44', '-171690.56']);
    // and the engine's own per-service figures (extension services[].payers), where it gives them
    for (const s of res.services) {
      const he = s.payers?.find((p) => p.id === 'HE');
      if (!he) continue;
      const r = land.find((x) => x[0] === s.service);
      assert.deepEqual(r.slice(1, 4).map((c) => moneyToDecimal(c)), [he.years['2025'] ?? '0.00', he.years['2026'] ?? '0.00', he.total], `HE ${s.service}`);
    }
    // the ceilings of Beschluss 2023/43, per line and year, in words
    assert.match(await text(page, '#plan-lines caption'), /IT-PLR-Beschluss 2023\/43/);
    const lines = await rows(page, '#plan-lines');
    assert.deepEqual(lines.map((r) => [r[0], r[1], moneyToDecimal(r[2]), moneyToDecimal(r[3])]), EXPECTED_11.lines.map((l) => [l.line === 'fokus' ? 'Fokusleistungen' : 'Leistungen im föderalen Interesse', String(l.year), l.amount, l.ceiling]));
    assert.match(norm(lines[1][4]), /überschritten um 250\.000,00 €/);
    assert.match(lines[0][4], /eingehalten/);
    // a chart per year with a text alternative naming the amounts
    const charts = await page.shadow((root) => [...root.querySelectorAll('figure.year-chart svg.chart')].map((s) => ({ role: s.getAttribute('role'), label: s.getAttribute('aria-labelledby').split(' ').map((id) => s.querySelector(`#${id}`)?.textContent).join(' ') })), null, HOST);
    assert.equal(charts.length, 2);
    assert.equal(charts[0].role, 'img');
    assert.match(norm(charts[0].label), /Hessen: 130\.528,75 € \(Vergleich: 202\.490,42 €\)/);
    assert.match(norm(charts[1].label), /Bund: 562\.500,00 €/);
    // tables: caption and th scope
    const a11y = await page.shadow((root) => [...root.querySelectorAll('table')].map((t) => ({ caption: !!t.caption?.textContent, scopes: [...t.querySelectorAll('th')].every((th) => ['col', 'row'].includes(th.getAttribute('scope'))) })), null, HOST);
    assert.ok(a11y.length >= 5 && a11y.every((t) => t.caption && t.scopes), JSON.stringify(a11y));
    await page.axe('plan, de');
    await page.screenshot('plan');

    // English, through the page's language switch
    await toEnglish(page);
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_EN, `the English sentence in ${engine}`);
    const landEn = (await rows(page, '#plan-land-services', 'tfoot'))[0];
    assert.deepEqual(landEn.slice(1).map((c) => moneyToDecimal(c, 'en')), ['130528.75', '183396.13', '313924.88', '485615.44', '-171690.56']);
    assert.ok(landEn[5].endsWith('(relief)'), landEn[5]);
    const payersEn = await rows(page, '#plan-payers');
    assert.ok(payersEn.find((r) => r[0] === 'Hamburg')[5].endsWith('(extra burden)'));
    assert.match(await text(page, '#plan-lines caption'), /IT-PLR decision 2023\/43/);
    await page.axe('plan, en');
    await page.assertClean();
  });

  suite.test('efa-plan: axe 0 (de, en, an error summary) and at 320 px (de, en), no sideways scrolling', async (page) => {
    await openPlan(page);
    await page.axe('plan, de');
    await toEnglish(page);
    await page.axe('plan, en');
    // an error shown above the last result
    const n = await page.eventCount();
    await upload(page, 'bad.csv', 'text/csv', Buffer.from('Dienst;Jahr;Kosten\nWohngeld;2025;abc\n'));
    await waitPlanError(page, n);
    await page.axe('plan, en, error');
    await page.assertClean();

    await openPlan(page, '/www/plan.html', { width: 320, height: 640 });
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_DE);
    await page.axe('plan, de, 320 px');
    const overflow = await page.js(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal page scrolling at 320 px (overflow ${overflow}px)`);
    await toEnglish(page);
    await page.axe('plan, en, 320 px');
    await page.screenshot('plan-320');
    await page.assertClean();
  });

  suite.test('efa-plan: keyboard only: every control reached with focus visible, no trap; the Land and the comparison by keys; Enter on an entry opens it in <efa-rechner>', async (page, { server }) => {
    const mark = server.requests.length;
    await openPlan(page);
    await page.js(() => document.activeElement?.blur());
    await page.driver.actions().move({ x: 1, y: 1, origin: 'viewport' }).click().perform();
    const stops = [];
    for (let i = 0; i < 80; i++) {
      await page.keys(Key.TAB);
      const info = await page.js(() => {
        const host = document.querySelector('efa-plan');
        if (document.activeElement !== host) return { inside: false };
        const e = host.shadowRoot.activeElement;
        const cs = getComputedStyle(e);
        const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== 'none');
        return { inside: true, id: e.id || e.getAttribute('data-entry') || e.tagName.toLowerCase(), ring };
      });
      if (info.inside) stops.push(info);
      else if (stops.length) break;
    }
    const ids = stops.map((s) => s.id);
    for (const id of ['plan-file', 'plan-land', 'plan-compare', 'plan-csv-payers', 'plan-json', 'plan-print']) assert.ok(ids.includes(id), `Tab reaches #${id}: ${ids.join(', ')}`);
    assert.ok(ids.includes('0') && ids.includes('4'), `Tab reaches the entries' buttons: ${ids.join(', ')}`);
    assert.ok(stops.filter((s) => s.id === 'div').length >= 5, 'the table scroll regions are focusable');
    assert.deepEqual(stops.filter((s) => !s.ring).map((s) => s.id), [], 'every stop shows a focus ring');
    assert.ok(stops.length < 80, 'Tab leaves the element (no trap)');

    // the Land with the keyboard: from the file input, Tab to the Land; ArrowDown, then End
    const focusIn = (id) => page.shadow((root, x) => root.getElementById(x).focus(), id, HOST);
    await focusIn('plan-file');
    await page.keys(Key.TAB);
    assert.equal(await activeId(page), 'plan-land');
    await page.keys(Key.ARROW_DOWN); // Hessen -> Rheinland-Pfalz
    await page.waitFor(() => document.querySelector('efa-plan').getAttribute('land') === 'RP', [], { what: 'land=RP' });
    assert.match(await text(page, '#plan-sentence'), /^Rheinland-Pfalz trägt 2025–2026 insgesamt 68\.311,34 €; nur innerhalb der Allianzen wären es 44\.469,24 € – 23\.842,10 € mehr\.$/);
    await page.keys(Key.END);
    await page.waitFor(() => document.querySelector('efa-plan').getAttribute('land') === 'TH', [], { what: 'land=TH' });
    assert.match(await text(page, '#plan-sentence'), /^Thüringen trägt 2025–2026 insgesamt 158\.631,75 €; nur innerhalb der Allianzen wären es 184\.924,41 € – 26\.292,66 € weniger\.$/);
    // the comparison with the keyboard: none
    const n = await page.eventCount();
    await focusIn('plan-land');
    await page.keys(Key.TAB);
    await page.keys(Key.HOME);
    await waitPlan(page, n, (d) => !d.payers[0].compare);
    const res = await planResult(page);
    assert.equal(res.payers[0].compare, undefined);
    assert.equal(await text(page, '#plan-sentence'), 'Thüringen trägt 2025–2026 insgesamt 158.631,75 €.');

    // entry 1 (Wohngeld 2025) opens in a calculator below the plan; focus goes there
    await page.shadow((root) => root.querySelector('button[data-entry="0"]').focus(), null, HOST);
    await page.keys(Key.ENTER);
    await page.waitFor(() => document.querySelector('efa-plan').shadowRoot.querySelector('efa-rechner')?.result?.total === '1200000.00', [], { what: 'entry 1 in <efa-rechner>', timeout: 20000 });
    const calc = await page.js(() => {
      const c = document.querySelector('efa-plan').shadowRoot.querySelector('efa-rechner');
      return JSON.parse(JSON.stringify({ request: c.request, payers: c.result.payers.map((p) => [p.id, p.amount]), focus: document.querySelector('efa-plan').shadowRoot.activeElement?.id }));
    });
    assert.equal(calc.focus, 'plan-calc-h');
    assert.deepEqual([...calc.request.alliance].sort(), [...PLAN_11.plan.entries[0].alliance].sort());
    assert.equal(calc.request.model, 'itplr-2023-35');
    // the calculator's amounts for that entry are the plan's
    const entry = (await planResult(page)).entries[0].payers.map((p) => [p.id, p.amount]);
    assert.deepEqual(calc.payers, entry);
    // one engine for both elements: no other glue module, and the one at most once (an engine's
    // cache may serve it without a request)
    const engine = server.requests.slice(mark).map((u) => new URL(u, 'http://x').pathname).filter((u) => /\/pkg\/efa_rechner[^/]*\.js$/.test(u));
    assert.ok(engine.length <= 1 && engine.every((u) => u === '/pkg/efa_rechner.js'), engine.join(', '));
    await page.assertClean();
  });

  suite.test('efa-plan: the German CSV (example 12) by file input, by drag and drop and as plan text', async (page) => {
    await openPlan(page);
    let n = await page.eventCount();
    await upload(page, '12-plan-german.csv', 'text/csv', CSV_12);
    await waitPlan(page, n, (d) => d.total === EXPECTED_12.total);
    let res = await planResult(page);
    assertExpected(res, EXPECTED_12);
    assert.equal(res.entries[1].service, 'Kfz-Zulassung; online');
    // Hessen's table from the CSV plan; no comparison (a CSV plan takes it from the attribute)
    const foot = (await rows(page, '#plan-land-services', 'tfoot'))[0];
    const he = EXPECTED_12.payers.find((p) => p.id === 'HE');
    assert.deepEqual(foot.slice(1).map((c) => moneyToDecimal(c)), [he.years['2025'], he.years['2026'], he.total]);
    assert.match(await text(page, '#plan-status'), /4\.550\.000,50 € für 2025–2026/);
    // an entry of a CSV plan opens in the calculator too (the engine echoes its request)
    assert.equal(await page.count('button[data-entry="1"]', HOST), 1);

    // the same file dropped onto the box, with a comparison asked for by attribute
    await page.js(() => document.querySelector('efa-plan').setAttribute('compare', 'alliance'));
    n = await page.eventCount();
    await page.js((content) => {
      const box = document.querySelector('efa-plan').shadowRoot.querySelector('.open-plan');
      const dt = new DataTransfer();
      dt.items.add(new File([content], '12-plan-german.csv', { type: 'text/csv' }));
      box.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      box.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, CSV_12.toString('utf8'));
    await waitPlan(page, n, (d) => d.total === EXPECTED_12.total && d.payers.every((p) => p.compare));
    res = await planResult(page);
    assert.ok(res.payers.every((p) => p.compare), 'the comparison of the attribute');
    assert.deepEqual(res.payers.map((p) => [p.id, p.total]), EXPECTED_12.payers.map((p) => [p.id, p.total]));

    // the plan property with the CSV text, no comparison
    n = await page.eventCount();
    await page.js((csv) => {
      const e = document.querySelector('efa-plan');
      e.setAttribute('compare', 'none');
      e.plan = csv;
    }, CSV_12.toString('utf8'));
    await waitPlan(page, n, (d) => d.total === EXPECTED_12.total && !d.payers.some((p) => p.compare));
    assertExpected(await planResult(page), EXPECTED_12);
    await page.assertClean();
  });

  suite.test('efa-plan: bad files and plans give a coded error (de, en) at csv:LINE:COLUMN or plan.entries[i], the last result stays', async (page) => {
    await openPlan(page);
    const before = await planResult(page);
    // line 3 has a cell more than the header: invalid_csv at line 3, column 4
    let n = await page.eventCount();
    await upload(page, 'bad.csv', 'text/csv', Buffer.from('Dienst;Jahr;Kosten\nWohngeld;2025;1.000,00\nElterngeld;2026;500,00;zu viel\n'));
    let err = await waitPlanError(page, n);
    assert.equal(err.code, 'invalid_csv');
    assert.equal(err.path, 'csv:3:4');
    assert.ok(err.messages.de && err.messages.en && err.messages.de !== err.messages.en);
    assert.ok(await page.visible('#plan-error-summary', HOST));
    assert.match(await text(page, '#plan-error-summary'), new RegExp(`Es gibt ein Problem .*Fehlercode invalid_csv, Stelle ${err.path.replace(/[.]/g, '\\.')}`));
    // focus on the summary (it was the user's action), its link leads to the file input
    assert.equal(await activeId(page), 'plan-error-summary');
    await page.click('#plan-error-summary a', HOST);
    assert.equal(await activeId(page), 'plan-file');
    // the last good result stays on screen, marked as such
    assert.deepEqual(await planResult(page), before);
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_DE);
    assert.match(await text(page, '#plan-status'), /letzte gültige Ergebnis/);

    // a plan property with a bad line: the error's path, the summary in German
    n = await page.eventCount();
    await page.js(() => (document.querySelector('efa-plan').plan = 'Dienst;Jahr;Kosten\nWohngeld;2025;100;zu viel\n'));
    err = await waitPlanError(page, n);
    assert.equal(err.code, 'invalid_csv');
    assert.equal(err.path, 'csv:2:4');
    assert.ok(err.messages.de && err.messages.en);
    assert.match(await text(page, '#plan-error-summary'), /Es gibt ein Problem.*Fehlercode invalid_csv, Stelle csv:2:4/);
    assert.deepEqual(await planResult(page), before, 'the last good result stays');
    await page.axe('plan, error');

    // a JSON plan with a negative amount in entry 3: plan.entries[3].costs, in English too
    await page.js(() => document.querySelector('efa-plan').setAttribute('lang', 'en'));
    n = await page.eventCount();
    const bad = structuredClone(PLAN_11);
    bad.plan.entries[3].costs = '-5.00';
    await upload(page, 'bad.json', 'application/json', Buffer.from(JSON.stringify(bad)));
    err = await waitPlanError(page, n);
    assert.equal(err.code, 'invalid_amount');
    assert.match(err.path, /^plan\.entries\[3\]\.costs/);
    assert.match(await text(page, '#plan-error-summary'), /There is a problem .*Error code invalid_amount, at plan\.entries\[3\]\.costs.*\(entry no\. 4\)/);
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_EN);

    // a src on another origin is refused without a request
    n = await page.eventCount();
    await page.js(() => document.querySelector('efa-plan').setAttribute('src', 'https://example.org/plan.json'));
    err = await waitPlanError(page, n);
    assert.equal(err.code, 'plan_src_origin');
    assert.match(err.messages.en, /same origin/);
    assert.match(err.messages.de, /derselben Herkunft/);
    assert.ok(!(await page.js(() => performance.getEntriesByType('resource').some((r) => r.name.includes('example.org')))));
    // a good file clears the error
    n = await page.eventCount();
    await upload(page, '12-plan-german.csv', 'text/csv', CSV_12);
    await waitPlan(page, n);
    assert.equal(await page.count('#plan-error-summary', HOST), 0);

    // Windows-1252 bytes (Excel's plain CSV, "Kfz-Zulassung für" with 0xFC): read as such, the
    // result with the warning csv_windows_1252 shown as a notice, not an error (contract 1.2)
    n = await page.eventCount();
    await upload(page, 'excel-ansi.csv', 'text/csv', Buffer.concat([Buffer.from('Dienst;Jahr;Kosten;Allianz\nKfz-Zulassung f'), Buffer.from([0xfc]), Buffer.from('r alle;2025;100;BY\n')]));
    const ansi = await waitPlan(page, n);
    assert.equal(ansi.services[0].service, 'Kfz-Zulassung für alle');
    assert.equal(ansi.warnings[0].code, 'csv_windows_1252');
    assert.match(await text(page, '.warnings'), /Windows-1252/);
    assert.equal(await page.visible('#plan-error-summary', HOST), false, 'a notice, not an error');

    await page.assertClean();
  });

  suite.test('efa-plan: workbooks (.xlsx chosen, .ods dropped) give example 12; the spreadsheet code loads only then; an old .xls is a coded error', async (page, { engine }) => {
    await openPlan(page);
    let n;
    // workbooks (contract 1.2): example 12 saved by LibreOffice as .xlsx, chosen in the file
    // input, and as .ods, dropped onto the box, give example 12's result; the package's container
    // reader (efa_sheet.js) loads only now
    assert.equal(await page.js(() => performance.getEntriesByType('resource').some((r) => r.name.includes('efa_sheet'))), false, 'no spreadsheet code before a workbook');
    n = await page.eventCount();
    await upload(page, 'portfolio.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fs.readFileSync(path.join(ROOT, 'tests/fixtures/plan/13-plan-libreoffice.xlsx')));
    let book = await waitPlan(page, n);
    assert.deepEqual(book.payers.map((p) => [p.id, p.total]), EXPECTED_12.payers.map((p) => [p.id, p.total]));
    assert.equal(book.total, EXPECTED_12.total);
    assert.match(await text(page, '#plan-status'), /4\.550\.000,50 € für 2025–2026/);
    n = await page.eventCount();
    await page.js((b64) => {
      const box = document.querySelector('efa-plan').shadowRoot.querySelector('.open-plan');
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'portfolio.ods', { type: 'application/vnd.oasis.opendocument.spreadsheet' }));
      box.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      box.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, fs.readFileSync(path.join(ROOT, 'tests/fixtures/plan/14-plan-libreoffice.ods')).toString('base64'));
    book = await waitPlan(page, n);
    assert.deepEqual(book.payers.map((p) => [p.id, p.total]), EXPECTED_12.payers.map((p) => [p.id, p.total]));
    // the time to read and compute a 500-entry workbook in this browser (reported, not a gate:
    // speed is measured by make bench)
    const ms = await page.js(async () => {
      const { xlsxOf } = await import('/www/core/sheet/write.js');
      const engine = await import('/pkg/efa_rechner.js');
      // a script run by WebDriver in Firefox has a module instance of its own: initialise it
      await engine.default();
      const t = (v) => ({ t: 'text', v });
      const rows = [['Dienst', 'Jahr', 'Kosten', 'Allianz', 'Modell'].map(t)];
      for (let i = 0; i < 500; i++) rows.push([t(`Dienst ${i % 40}`), { t: 'int', v: 2025 + (i % 4) }, { t: 'amount', v: (100000 + i * 1234.56).toFixed(2) }, t('BY HE NW SN'), t('itplr-2023-35')]);
      const book = xlsxOf([{ name: 'Plan', rows }], 'Plan');
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        const r = await engine.allocatePlan(book);
        best = Math.min(best, performance.now() - t0);
        if (r.entries.length !== 500) throw new Error(`${r.entries.length} entries`);
      }
      return best;
    });
    console.log(`    (${engine}: a 500-entry .xlsx read and computed in ${ms.toFixed(0)} ms, best of 3)`);
    // an old .xls: the coded error that says what to do
    n = await page.eventCount();
    await upload(page, 'alt.xls', 'application/vnd.ms-excel', fs.readFileSync(path.join(ROOT, 'tests/fixtures/sheet/bad-old-format.xls')));
    const err = await waitPlanError(page, n);
    assert.deepEqual([err.code, err.path], ['invalid_sheet', 'sheet']);
    assert.match(err.messages.de, /als \.xlsx speichern/);
    await page.assertClean();
  });

  suite.test('efa-plan: CSV export (German Excel) neutralises formula cells, negative differences stay numbers; JSON export; the Excel workbook', async (page, { engine, art }) => {
    await openPlan(page);
    let offered = 0;
    const download = async (id) => {
      await page.click(`#${id}`, HOST);
      offered = await page.waitDownloads(offered + 1);
      return (await page.downloads())[offered - 1];
    };
    const payers = await download('plan-csv-payers');
    assert.equal(payers.name, 'drei-dienste-zwei-jahre-zahler.csv');
    assert.deepEqual([...payers.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const pl = payers.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.match(pl[0], /^Zahler-ID;Zahler;Art;AGS;2025 \(EUR\);2026 \(EUR\);Summe \(EUR\);Vergleich .+ \(EUR\);Differenz \(EUR\);Bewertung$/);
    assert.equal(pl.find((l) => l.startsWith('HE;')), 'HE;Hessen;Land;06;130528,75;183396,13;313924,88;485615,44;-171690,56;Entlastung');
    assert.equal(pl.find((l) => l.startsWith('HH;')), 'HH;Hamburg;Land;02;10251,00;24672,80;34923,80;20057,02;14866,78;Mehrbelastung');
    assert.equal(pl.at(-1), ';Summe;;;1575000,00;2660000,00;4235000,00;4235000,00;0,00;keine Änderung');
    fs.writeFileSync(path.join(art, `${engine}-plan-payers-excel.csv`), payers.bytes);

    // a plan whose services are spreadsheet formulas
    const evil = structuredClone(PLAN_11);
    const names = ['=HYPERLINK("http://evil.example/";"klick")', '+SUMME(A1:A9)', '-2+3', '@cmd', '<img src=x onerror="window.__xss=1">Bau'];
    evil.plan.entries.forEach((e, i) => (e.service = names[i % names.length]));
    const n = await page.eventCount();
    await page.js((p) => (document.querySelector('efa-plan').plan = p), evil);
    await waitPlan(page, n);
    const services = await download('plan-csv-services');
    const sl = services.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.equal(sl[0], 'Dienst;2025 (EUR);2026 (EUR);Summe (EUR)');
    assert.ok(sl[1].startsWith(`"'=HYPERLINK(""http://evil.example/"";""klick"")";`), sl[1]);
    assert.ok(sl[2].startsWith("'+SUMME(A1:A9);"), sl[2]);
    assert.ok(sl[3].startsWith("'-2+3;"), sl[3]);
    assert.ok(sl[4].startsWith("'@cmd;"), sl[4]);
    for (const l of sl) assert.ok(!/^[=+\-@]/.test(l) && !/;[=+@]/.test(l) && !/;-(?!\d+(,\d+)?(;|$))/.test(l), `no formula cell: ${l}`);
    const land = await download('plan-csv-land');
    const ll = land.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.ok(ll.some((l) => l.startsWith("'-2+3;")));
    assert.ok(ll.some((l) => /;-\d+,\d\d;Entlastung$/.test(l)), 'a negative difference stays a number');
    const entries = await download('plan-csv-entries');
    assert.ok(entries.bytes.toString('utf8').includes("\r\n3;'@cmd;Leistungen im föderalen Interesse;2025;375000,00\r\n"));
    fs.writeFileSync(path.join(art, `${engine}-plan-services-formulas.csv`), services.bytes);
    // the service names on screen are text, not markup or links
    assert.equal(await page.count('#plan-services a, img', HOST), 0);
    assert.ok((await rows(page, '#plan-services')).some((r) => r[0] === names[4]), 'HTML in a service name is shown as text');
    assert.equal(await page.js(() => window.__xss), null);

    const json = await download('plan-json');
    const parsed = JSON.parse(json.bytes.toString('utf8'));
    assert.equal(parsed.total, EXPECTED_11.total);
    assert.equal(parsed.entries[0].service, names[0]);
    // the result workbook: written in the page by the lazily loaded writer, the same bytes as
    // the package's planToXlsx in Node (which tests/node/sheet.test.mjs holds to the CLI's)
    assert.equal(await page.js(() => performance.getEntriesByType('resource').some((r) => /write|sheet/.test(r.name.split('/').pop()))), false, 'no workbook code before the click');
    const xlsx = await download('plan-xlsx');
    assert.equal(xlsx.name, 'drei-dienste-zwei-jahre-ergebnis.xlsx');
    assert.equal(xlsx.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { planToXlsx } = await import(new URL('../../../pkg/efa_sheet.js', import.meta.url));
    assert.ok(Buffer.from(await planToXlsx(parsed).arrayBuffer()).equals(xlsx.bytes), 'the same workbook as planToXlsx');
    // read back by openpyxl and opened by LibreOffice (the helpers of tests/sheet.rs): amounts
    // are number cells with the euro format, the formula-like service names plain strings
    const book = path.join(art, `${engine}-plan-result.xlsx`);
    const res = path.join(art, `${engine}-plan-result.json`);
    fs.writeFileSync(book, xlsx.bytes);
    fs.writeFileSync(res, json.bytes);
    const check = spawnSync('cargo', ['test', '--locked', '--quiet', '--test', 'sheet', 'a_result_workbook_from_elsewhere_reads_back', '--', '--ignored', '--exact'], {
      cwd: ROOT,
      env: { ...process.env, EFA_RESULT_XLSX: book, EFA_RESULT_JSON: res },
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, `openpyxl/LibreOffice read-back of the downloaded workbook:\n${check.stdout.slice(-3000)}${check.stderr.slice(-3000)}`);
    console.log(`    (${engine}: ${offered} plan exports offered)`);
    await page.assertClean();
  });

  suite.test('efa-plan: the strict-CSP plan page (Trusted Types): the sentence, an entry in the page’s <efa-rechner>, errors and English, axe 0', async (page, { origin }) => {
    const csp = (await headersOf(origin, '/www/plan-strict-csp.html'))['content-security-policy'];
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    const res = await openPlan(page, '/www/plan-strict-csp.html');
    assertExpected(res, EXPECTED_11);
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_DE);
    await page.axe('plan, strict CSP');
    // styles applied through constructed stylesheets
    assert.equal(await page.shadow((root) => getComputedStyle(root.querySelector('.sentence')).fontWeight, null, HOST), '700');
    // entry 3 (Elterngeld 2026, all Länder by population) into the page's calculator
    const before = await page.eventCount();
    await page.click('button[data-entry="2"]', HOST);
    const got = await page.waitEvent('efa-result', before, { where: (d) => d.total === '900000.00', timeout: 20000 });
    const entry = (await planResult(page)).entries[2];
    assert.deepEqual(got.payers.map((p) => [p.id, p.amount]), entry.payers.map((p) => [p.id, p.amount]));
    assert.equal(await page.js(() => document.activeElement?.id), 'calc');
    assert.equal(await page.js(() => document.getElementById('calc').getAttribute('service')), 'Elterngeld');
    // errors and English under the policy too
    await page.click('[data-lang-switch]', null);
    const n = await page.eventCount();
    await upload(page, 'x.csv', 'text/csv', Buffer.from('Dienst;Kosten\nA;1\n'));
    const err = await waitPlanError(page, n);
    assert.ok(err.code);
    await page.axe('plan, strict CSP, en, error');
    await page.assertClean();
  });

  suite.test('efa-plan: the source element (harness) with the plan property, a title and an unknown Land', async (page) => {
    await page.open(PLAN_HARNESS);
    await page.js((plan) => {
      const e = document.createElement('efa-plan');
      e.setAttribute('title', 'Haushalt 2025/26');
      e.setAttribute('land', 'de-by');
      e.plan = plan;
      document.querySelector('main').append(e);
    }, PLAN_11);
    await waitPlan(page, 0);
    const res = await planResult(page);
    assert.equal(res.title, 'Haushalt 2025/26');
    assertExpected(res, EXPECTED_11);
    assert.equal(await text(page, 'h2'), 'EfA-Finanzplan: Haushalt 2025/26');
    assert.equal(await text(page, '#plan-sentence'), 'Bayern trägt 2025–2026 insgesamt 657.408,17 €; nur innerhalb der Allianzen wären es 1.017.217,55 € – 359.809,38 € weniger.');
    assert.equal(await page.js(() => document.querySelector('efa-plan').toCSV({ table: 'land' }).split('\r\n').at(-2)), 'Summe;273107,00;384301,17;657408,17;1017217,55;-359809,38;Entlastung');
    await page.js(() => document.querySelector('efa-plan').setAttribute('land', 'XX'));
    await page.waitFor(() => !document.querySelector('efa-plan').shadowRoot.querySelector('#plan-sentence'), [], { what: 'no sentence for an unknown Land' });
    await page.assertClean();
  });

  suite.test('efa-plan: engine trap: the plan switches to a fresh engine instance and computes again', async (page, { server }) => {
    const mark = server.requests.length;
    await openPlan(page);
    // The plan element runs on the page's one engine session, as the calculator does.
    assertKilled(await killEngine(page));
    const n = await page.eventCount();
    await page.js(() => document.querySelector('efa-plan').setAttribute('compare', 'fitko'));
    await waitPlan(page, n);
    const res = await planResult(page);
    assert.equal(res.total, EXPECTED_11.total);
    assert.ok(res.payers.every((p) => p.compare), 'computed with the comparison');
    assert.deepEqual(server.requests.slice(mark).filter((u) => /\/pkg\/efa_rechner\.js\?instance=/.test(u)).map((u) => new URL(u, 'http://x').search), ['?instance=1']);
    assert.ok((await text(page, '#plan-sentence')).startsWith('Hessen trägt 2025–2026 insgesamt 313.924,88 €; nach dem Modell'));
    await page.assertClean();
  });
}
