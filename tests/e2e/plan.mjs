// Browser tests for <efa-plan> (issue 13), registered into the harness of run.mjs: the plan
// examples 11 and 12 through the shipped element and the real WASM engine (allocatePlan), the
// sentence for one Land in German and English with exact cents, axe-core, keyboard only, file
// input and drag and drop, coded errors with the last result kept, CSV export with formula cells
// neutralised, the strict-CSP page, entries opened in <efa-rechner>, and a screenshot.

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';

const NBSP = /\u00a0/g;
const norm = (s) => s.replace(NBSP, ' ').replace(/\s+/g, ' ').trim();

export const SENTENCE_DE = 'Hessen trägt 2025–2026 insgesamt 313.924,88 €; nur innerhalb der Allianzen wären es 485.615,44 € – 171.690,56 € weniger.';
export const SENTENCE_EN = 'Hesse pays €313,924.88 in total for 2025–2026; within the alliances alone it would be €485,615.44 – €171,690.56 less.';

/** "1.234,56 €" / "€1,234.56" / "-1.234,56 € (Entlastung)" -> "1234.56" / "-1234.56" (contract notation). */
export function moneyToDecimal(text, lang = 'de') {
  const m = /([+-]?)(?:€)?([\d.,]+)/.exec(text.replace(NBSP, ' ').replace('−', '-'));
  if (!m) return null;
  const digits = lang === 'en' ? m[2].replace(/,/g, '') : m[2].replace(/\./g, '').replace(',', '.');
  return (m[1] === '-' ? '-' : '') + digits;
}

export function registerPlanTests({ test, openPage, runAxe, assertClean, poll, ROOT, ART, AXE_SOURCE, AXE_TAGS, getOrigin, killEngine, assertKilled, watchOf }) {
  const FIX = path.join(ROOT, 'tests', 'fixtures', 'plan');
  const EXPECTED_11 = JSON.parse(fs.readFileSync(path.join(FIX, '11-plan-portfolio.expected.json'), 'utf8'));
  const EXPECTED_12 = JSON.parse(fs.readFileSync(path.join(FIX, '12-plan-german.expected.json'), 'utf8'));
  const PLAN_11 = JSON.parse(fs.readFileSync(path.join(FIX, '11-plan-portfolio.json'), 'utf8'));
  const CSV_12 = path.join(FIX, '12-plan-german.csv');

  const planEvents = (page) => page.evaluate(() => window.__events.filter((e) => e.type.startsWith('efa-plan-')).length);
  /** Waits for the next efa-plan-result (or -error) after the n-th plan event. */
  const waitPlan = async (page, n, type = 'efa-plan-result') => {
    const expr = `(() => window.__events.filter((e) => e.type.startsWith('efa-plan-')).slice(${n}).find((e) => e.type === ${JSON.stringify(type)}))()`;
    const ev = await poll(page, expr, undefined, { timeout: 15000, what: type });
    if (type === 'efa-plan-result') return page.evaluate(() => document.querySelector('efa-plan').result);
    return ev.detail;
  };
  const shadow = (page, sel) => page.locator(`efa-plan ${sel}`);
  const text = async (page, sel) => norm(await shadow(page, sel).first().innerText());
  const openPlanPage = async (url = '/www/plan.html', opts = {}) => {
    const page = await openPage({ url, wait: false, ...opts });
    await waitPlan(page, 0);
    return page;
  };

  /** The rows of a table as arrays of cell texts (row header first). */
  const rows = (page, sel, part = 'tbody') =>
    page.evaluate(
      ([s, p]) => [...document.querySelector('efa-plan').shadowRoot.querySelectorAll(`${s} ${p} tr`)].map((tr) => [...tr.children].map((c) => c.textContent.replace(/\u00a0/g, ' ').trim())),
      [sel, part],
    );

  /** Compares the response with an example's expected totals (years, payers, services, lines). */
  function assertExpected(res, exp) {
    assert.deepEqual(res.years, exp.years);
    assert.equal(res.total, exp.total);
    assert.deepEqual(
      res.payers.map((p) => ({ id: p.id, years: p.years, total: p.total, ...(p.compare ? { compare: p.compare } : {}) })),
      exp.payers,
    );
    assert.deepEqual(res.services.map((s) => ({ service: s.service, years: s.years, total: s.total })), exp.services);
    assert.deepEqual(res.lines, exp.lines);
  }

  test('plan: <efa-plan src=11 land=HE> shows Hessen’s sentence and tables with exact cents (de, en)', async () => {
    const page = await openPlanPage();
    const res = await page.evaluate(() => document.querySelector('efa-plan').result);
    assertExpected(res, EXPECTED_11);
    assert.equal(res.contractVersion, '1.1');
    // the sentence, exactly (the € sign is joined to the amount by a no-break space)
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_DE);
    // payers × years: every figure of the expected example, as shown
    const body = await rows(page, '#plan-payers');
    assert.equal(body.length, EXPECTED_11.payers.length);
    for (const [i, exp] of EXPECTED_11.payers.entries()) {
      const r = body[i];
      const shown = r.slice(1).map((c) => moneyToDecimal(c));
      assert.deepEqual(shown, [exp.years['2025'], exp.years['2026'], exp.total, exp.compare.total, exp.compare.difference.startsWith('-') ? exp.compare.difference : exp.compare.difference], `row ${exp.id}`);
      // relief and extra burden in words, with the sign
      const word = exp.compare.difference.startsWith('-') ? 'Entlastung' : /^0\.00$/.test(exp.compare.difference) ? 'keine Änderung' : 'Mehrbelastung';
      assert.ok(r[5].endsWith(`(${word})`), `${exp.id}: ${r[5]}`);
      assert.ok(exp.compare.difference.startsWith('-') ? r[5].startsWith('-') : r[5].startsWith('+'), `${exp.id} sign: ${r[5]}`);
    }
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
    assert.match(lines[1][4], /überschritten um 250\.000,00 €/);
    assert.match(lines[0][4], /eingehalten/);
    // a chart per year with a text alternative naming the amounts
    const charts = await page.evaluate(() => [...document.querySelector('efa-plan').shadowRoot.querySelectorAll('figure.year-chart svg.chart')].map((s) => ({ role: s.getAttribute('role'), label: s.getAttribute('aria-labelledby').split(' ').map((id) => s.querySelector(`#${id}`)?.textContent).join(' ') })));
    assert.equal(charts.length, 2);
    assert.equal(charts[0].role, 'img');
    assert.match(charts[0].label.replace(NBSP, ' '), /Hessen: 130\.528,75 € \(Vergleich: 202\.490,42 €\)/);
    assert.match(charts[1].label.replace(NBSP, ' '), /Bund: 562\.500,00 €/);
    // tables: caption and th scope
    const a11y = await page.evaluate(() => [...document.querySelector('efa-plan').shadowRoot.querySelectorAll('table')].map((t) => ({ caption: !!t.caption?.textContent, scopes: [...t.querySelectorAll('th')].every((th) => ['col', 'row'].includes(th.getAttribute('scope'))) })));
    assert.ok(a11y.length >= 5 && a11y.every((t) => t.caption && t.scopes), JSON.stringify(a11y));

    // English, through the page's language switch
    await page.locator('[data-lang-switch]').click();
    await poll(page, () => document.querySelector('efa-plan').shadowRoot.querySelector('#plan-sentence')?.textContent.startsWith('Hesse pays'), null, { what: 'the English sentence' });
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_EN);
    const landEn = (await rows(page, '#plan-land-services', 'tfoot'))[0];
    assert.deepEqual(landEn.slice(1).map((c) => moneyToDecimal(c, 'en')), ['130528.75', '183396.13', '313924.88', '485615.44', '-171690.56']);
    assert.ok(landEn[5].endsWith('(relief)'), landEn[5]);
    const payersEn = await rows(page, '#plan-payers');
    assert.ok(payersEn.find((r) => r[0] === 'Hamburg')[5].endsWith('(extra burden)'));
    assert.match(await text(page, '#plan-lines caption'), /IT-PLR decision 2023\/43/);
    await assertClean(page);
  });

  test('plan: axe-core finds no violations (de, en, error summary, 320 px)', async () => {
    let page = await openPlanPage();
    await runAxe(page, 'plan de');
    await page.locator('[data-lang-switch]').click();
    await poll(page, () => document.querySelector('efa-plan').shadowRoot.querySelector('#plan-sentence')?.textContent.startsWith('Hesse pays'), null, { what: 'English' });
    await runAxe(page, 'plan en');
    // an error shown above the last result
    const n = await planEvents(page);
    await shadow(page, '#plan-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('Dienst;Jahr;Kosten\nWohngeld;2025;abc\n') });
    await waitPlan(page, n, 'efa-plan-error');
    await runAxe(page, 'plan en, error');
    await assertClean(page);

    page = await openPlanPage('/www/plan.html', { width: 320, height: 640 });
    await runAxe(page, 'plan de, 320 px');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal page scrolling at 320 px (overflow ${overflow}px)`);
    await page.locator('[data-lang-switch]').click();
    await poll(page, () => document.querySelector('efa-plan').shadowRoot.querySelector('#plan-sentence')?.textContent.startsWith('Hesse pays'), null, { what: 'English' });
    await runAxe(page, 'plan en, 320 px');
    await page.screenshot({ path: path.join(ART, 'plan-320.png'), fullPage: true });
    await assertClean(page);
  });

  test('plan: keyboard only: controls reachable with focus visible, Land chosen, entry opened in <efa-rechner>', async () => {
    const page = await openPlanPage();
    await page.evaluate(() => document.activeElement?.blur());
    await page.mouse.click(1, 1);
    const stops = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
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

    // the Land with the keyboard: from the file input, Tab to the Land and End (Thüringen)
    const focusIn = (id) => page.evaluate((x) => document.querySelector('efa-plan').shadowRoot.getElementById(x).focus(), id);
    await focusIn('plan-file');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.querySelector('efa-plan').shadowRoot.activeElement?.id), 'plan-land');
    await page.keyboard.press('End');
    await poll(page, () => document.querySelector('efa-plan').getAttribute('land') === 'TH', null, { what: 'land=TH' });
    assert.match(await text(page, '#plan-sentence'), /^Thüringen trägt 2025–2026 insgesamt 158\.631,75 €; nur innerhalb der Allianzen wären es 184\.924,41 € – 26\.292,66 € weniger\.$/);
    // the comparison with the keyboard: none
    const n = await planEvents(page);
    await focusIn('plan-land');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Home');
    const res = await waitPlan(page, n);
    assert.equal(res.payers[0].compare, undefined);
    assert.equal(await text(page, '#plan-sentence'), 'Thüringen trägt 2025–2026 insgesamt 158.631,75 €.');

    // entry 1 (Wohngeld 2025) opens in a calculator below the plan; focus goes there
    await page.evaluate(() => document.querySelector('efa-plan').shadowRoot.querySelector('button[data-entry="0"]').focus());
    await page.keyboard.press('Enter');
    await poll(page, () => document.querySelector('efa-plan').shadowRoot.querySelector('efa-rechner')?.result?.total === '1200000.00', null, { what: 'the entry in <efa-rechner>', timeout: 15000 });
    const calc = await page.evaluate(() => {
      const c = document.querySelector('efa-plan').shadowRoot.querySelector('efa-rechner');
      return { request: c.request, payers: c.result.payers.map((p) => [p.id, p.amount]), focus: document.querySelector('efa-plan').shadowRoot.activeElement?.id };
    });
    assert.equal(calc.focus, 'plan-calc-h');
    assert.deepEqual([...calc.request.alliance].sort(), [...PLAN_11.plan.entries[0].alliance].sort());
    assert.equal(calc.request.model, 'itplr-2023-35');
    // the calculator's amounts for that entry are the plan's
    const entry = (await page.evaluate(() => document.querySelector('efa-plan').result.entries[0])).payers.map((p) => [p.id, p.amount]);
    assert.deepEqual(calc.payers, entry);
    await assertClean(page);
  });

  test('plan: CSV file (12-plan-german.csv) by file input and by drag and drop gives the expected totals', async () => {
    const page = await openPlanPage();
    let n = await planEvents(page);
    await shadow(page, '#plan-file').setInputFiles(CSV_12);
    let res = await waitPlan(page, n);
    assertExpected(res, EXPECTED_12);
    assert.equal(res.entries[1].service, 'Kfz-Zulassung; online');
    // Hessen's table from the CSV plan; no comparison (a CSV plan takes it from the attribute)
    const foot = (await rows(page, '#plan-land-services', 'tfoot'))[0];
    const he = EXPECTED_12.payers.find((p) => p.id === 'HE');
    assert.deepEqual(foot.slice(1).map((c) => moneyToDecimal(c)), [he.years['2025'], he.years['2026'], he.total]);
    assert.match(await text(page, '#plan-status'), /4\.550\.000,50 € für 2025–2026/);
    // an entry of a CSV plan opens in the calculator too (the engine echoes its request)
    assert.equal(await shadow(page, 'button[data-entry="1"]').count(), 1);

    // the same file dropped onto the box, with a comparison asked for by attribute
    await page.evaluate(() => document.querySelector('efa-plan').setAttribute('compare', 'alliance'));
    n = await planEvents(page);
    const csv = fs.readFileSync(CSV_12, 'utf8');
    await page.evaluate((content) => {
      const box = document.querySelector('efa-plan').shadowRoot.querySelector('.open-plan');
      const dt = new DataTransfer();
      dt.items.add(new File([content], '12-plan-german.csv', { type: 'text/csv' }));
      box.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      box.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, csv);
    res = await waitPlan(page, n);
    assert.equal(res.total, EXPECTED_12.total);
    assert.ok(res.payers.every((p) => p.compare), 'the comparison of the attribute');
    assert.deepEqual(res.payers.map((p) => [p.id, p.total]), EXPECTED_12.payers.map((p) => [p.id, p.total]));
    await assertClean(page);
  });

  test('plan: bad files give a coded error (de, en) at csv:LINE:COLUMN or plan.entries[i], the last result stays', async () => {
    const page = await openPlanPage();
    const before = await page.evaluate(() => document.querySelector('efa-plan').result);
    // line 3 has a cell more than the header: invalid_csv at line 3, column 4
    let n = await planEvents(page);
    await shadow(page, '#plan-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('Dienst;Jahr;Kosten\nWohngeld;2025;1.000,00\nElterngeld;2026;500,00;zu viel\n') });
    let err = await waitPlan(page, n, 'efa-plan-error');
    assert.equal(err.code, 'invalid_csv');
    assert.equal(err.path, 'csv:3:4');
    assert.ok(err.messages.de && err.messages.en && err.messages.de !== err.messages.en);
    const summary = shadow(page, '#plan-error-summary');
    assert.ok(await summary.isVisible());
    assert.match(norm(await summary.innerText()), new RegExp(`Es gibt ein Problem .*Fehlercode invalid_csv, Stelle ${err.path.replace(/[.]/g, '\\.')}`));
    // focus on the summary (it was the user's action), its link leads to the file input
    assert.equal(await page.evaluate(() => document.querySelector('efa-plan').shadowRoot.activeElement?.id), 'plan-error-summary');
    await shadow(page, '#plan-error-summary a').click();
    assert.equal(await page.evaluate(() => document.querySelector('efa-plan').shadowRoot.activeElement?.id), 'plan-file');
    // the last good result stays on screen, marked as such
    assert.deepEqual(await page.evaluate(() => document.querySelector('efa-plan').result), before);
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_DE);
    assert.match(await text(page, '#plan-status'), /letzte gültige Ergebnis/);

    // Windows-1252 bytes ("Kfz-Zulassung für" with 0xFC): invalid_csv, save as UTF-8
    n = await planEvents(page);
    const cp1252 = Buffer.concat([Buffer.from('Dienst;Jahr;Kosten\nKfz-Zulassung f'), Buffer.from([0xfc]), Buffer.from('r alle;2025;100\n')]);
    await shadow(page, '#plan-file').setInputFiles({ name: 'excel-ansi.csv', mimeType: 'text/csv', buffer: cp1252 });
    err = await waitPlan(page, n, 'efa-plan-error');
    assert.equal(err.code, 'invalid_csv');
    assert.equal(err.path, 'csv:2:16');
    assert.match(err.messages.de, /UTF-8/);

    // a JSON plan with a negative amount in entry 3: plan.entries[3].costs, in English too
    await page.evaluate(() => document.querySelector('efa-plan').setAttribute('lang', 'en'));
    n = await planEvents(page);
    const bad = structuredClone(PLAN_11);
    bad.plan.entries[3].costs = '-5.00';
    await shadow(page, '#plan-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    err = await waitPlan(page, n, 'efa-plan-error');
    assert.equal(err.code, 'invalid_amount');
    assert.match(err.path, /^plan\.entries\[3\]\.costs/);
    assert.match(norm(await summary.innerText()), /There is a problem .*Error code invalid_amount, at plan\.entries\[3\]\.costs.*\(entry no\. 4\)/);
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_EN);

    // a src on another origin is refused without a request
    n = await planEvents(page);
    await page.evaluate(() => document.querySelector('efa-plan').setAttribute('src', 'https://example.org/plan.json'));
    err = await waitPlan(page, n, 'efa-plan-error');
    assert.equal(err.code, 'plan_src_origin');
    assert.match(err.messages.en, /same origin/);
    assert.match(err.messages.de, /derselben Herkunft/);
    assert.ok(!(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('example.org')))));
    // a good file clears the error
    n = await planEvents(page);
    await shadow(page, '#plan-file').setInputFiles(CSV_12);
    await waitPlan(page, n);
    assert.equal(await shadow(page, '#plan-error-summary').count(), 0);
    await assertClean(page);
  });

  test('plan: CSV export (German Excel) neutralises formula cells, negative differences stay numbers; JSON export', async () => {
    const page = await openPlanPage();
    const download = async (id) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), shadow(page, `#${id}`).click()]);
      return { name: dl.suggestedFilename(), bytes: await fs.promises.readFile(await dl.path()) };
    };
    const payers = await download('plan-csv-payers');
    assert.equal(payers.name, 'drei-dienste-zwei-jahre-zahler.csv');
    assert.deepEqual([...payers.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const pl = payers.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.match(pl[0], /^Zahler-ID;Zahler;Art;AGS;2025 \(EUR\);2026 \(EUR\);Summe \(EUR\);Vergleich .+ \(EUR\);Differenz \(EUR\);Bewertung$/);
    assert.equal(pl.find((l) => l.startsWith('HE;')), 'HE;Hessen;Land;06;130528,75;183396,13;313924,88;485615,44;-171690,56;Entlastung');
    assert.equal(pl.find((l) => l.startsWith('HH;')), 'HH;Hamburg;Land;02;10251,00;24672,80;34923,80;20057,02;14866,78;Mehrbelastung');
    assert.equal(pl.at(-1), ';Summe;;;1575000,00;2660000,00;4235000,00;4235000,00;0,00;keine Änderung');
    fs.writeFileSync(path.join(ART, 'plan-payers-excel.csv'), payers.bytes);

    // a plan whose services are spreadsheet formulas
    const evil = structuredClone(PLAN_11);
    const names = ['=HYPERLINK("http://evil.example/";"klick")', '+SUMME(A1:A9)', '-2+3', '@cmd', '<img src=x onerror="window.__xss=1">Bau'];
    evil.plan.entries.forEach((e, i) => (e.service = names[i % names.length]));
    const n = await planEvents(page);
    await page.evaluate((p) => (document.querySelector('efa-plan').plan = p), evil);
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
    fs.writeFileSync(path.join(ART, 'plan-services-formulas.csv'), services.bytes);
    // the service names on screen are text, not markup or links
    assert.equal(await page.evaluate(() => document.querySelector('efa-plan').shadowRoot.querySelectorAll('#plan-services a, img').length), 0);
    assert.ok((await rows(page, '#plan-services')).some((r) => r[0] === names[4]), 'HTML in a service name is shown as text');
    assert.equal(await page.evaluate(() => window.__xss), undefined);

    const json = await download('plan-json');
    const parsed = JSON.parse(json.bytes.toString('utf8'));
    assert.equal(parsed.total, EXPECTED_11.total);
    assert.equal(parsed.entries[0].service, names[0]);
    await assertClean(page);
  });

  test('plan: strict CSP page with Trusted Types; an entry opens in the page’s <efa-rechner>', async () => {
    const page = await openPage({ url: null });
    const resp = await page.goto(`${getOrigin()}/www/plan-strict-csp.html`);
    const csp = resp.headers()['content-security-policy'];
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    await waitPlan(page, 0);
    assert.equal(await text(page, '#plan-sentence'), SENTENCE_DE);
    assertExpected(await page.evaluate(() => document.querySelector('efa-plan').result), EXPECTED_11);
    // styles applied through constructed stylesheets
    assert.equal(await shadow(page, '.sentence').evaluate((e) => getComputedStyle(e).fontWeight), '700');
    // entry 3 (Elterngeld 2026, all Länder by population) into the page's calculator
    const before = await page.evaluate(() => window.__events.filter((e) => e.type === 'efa-result').length);
    await shadow(page, 'button[data-entry="2"]').click();
    const res = await poll(page, `(() => window.__events.filter((e) => e.type === 'efa-result').slice(${before}).map((e) => e.detail).find((d) => d.total === '900000.00'))()`, undefined, { what: 'the entry in the page calculator', timeout: 15000 });
    const entry = await page.evaluate(() => document.querySelector('efa-plan').result.entries[2]);
    assert.deepEqual(res.payers.map((p) => [p.id, p.amount]), entry.payers.map((p) => [p.id, p.amount]));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'calc');
    assert.equal(await page.evaluate(() => document.getElementById('calc').getAttribute('service')), 'Elterngeld');
    // errors and English under the policy too
    await page.locator('[data-lang-switch]').click();
    const n = await planEvents(page);
    await shadow(page, '#plan-file').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('Dienst;Kosten\nA;1\n') });
    const err = await waitPlan(page, n, 'efa-plan-error');
    assert.ok(err.code);
    await page.evaluate(AXE_SOURCE);
    const v = await page.evaluate(async (tags) => (await window.axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations.map((x) => x.id), AXE_TAGS);
    assert.deepEqual(v, []);
    await assertClean(page);
  });

  test('plan: the source element (harness) with the plan property, title and an unknown Land', async () => {
    const page = await openPage({ url: '/tests/e2e/fixtures/plan-harness.html', wait: false });
    await page.evaluate((plan) => {
      const e = document.createElement('efa-plan');
      e.setAttribute('title', 'Haushalt 2025/26');
      e.setAttribute('land', 'de-by');
      e.plan = plan;
      document.querySelector('main').append(e);
    }, PLAN_11);
    const res = await waitPlan(page, 0);
    assert.equal(res.title, 'Haushalt 2025/26');
    assertExpected(res, EXPECTED_11);
    assert.equal(await text(page, 'h2'), 'EfA-Finanzplan: Haushalt 2025/26');
    assert.equal(await text(page, '#plan-sentence'), 'Bayern trägt 2025–2026 insgesamt 657.408,17 €; nur innerhalb der Allianzen wären es 1.017.217,55 € – 359.809,38 € weniger.');
    assert.equal(await page.evaluate(() => document.querySelector('efa-plan').toCSV({ table: 'land' }).split('\r\n').at(-2)), 'Summe;273107,00;384301,17;657408,17;1017217,55;-359809,38;Entlastung');
    await page.evaluate(() => document.querySelector('efa-plan').setAttribute('land', 'XX'));
    await poll(page, () => !document.querySelector('efa-plan').shadowRoot.querySelector('#plan-sentence'), null, { what: 'no sentence for an unknown Land' });
    await assertClean(page);
  });

  test('plan: engine trap: the plan switches to a fresh engine instance and computes again', async () => {
    const page = await openPlanPage();
    // The plan element runs on the plan module (efa_rechner_plans.js), not the calculator's.
    assertKilled(await killEngine(page, '/pkg/efa_rechner_plans.js'));
    const n = await planEvents(page);
    await page.evaluate(() => document.querySelector('efa-plan').setAttribute('compare', 'fitko'));
    const res = await waitPlan(page, n);
    assert.equal(res.total, EXPECTED_11.total);
    assert.ok(res.payers.every((p) => p.compare), 'computed with the comparison');
    assert.deepEqual(watchOf(page).requests.filter((u) => /\/pkg\/efa_rechner_plans\.js\?instance=/.test(u)).map((u) => new URL(u).search), ['?instance=plan-1']);
    assert.equal(await text(page, '#plan-sentence').then((s) => s.startsWith('Hessen trägt 2025–2026 insgesamt 313.924,88 €; nach dem Modell')), true);
    await assertClean(page);
  });

  test('plan: screenshot of the demo page (target/e2e/plan.png)', async () => {
    const page = await openPlanPage();
    await page.screenshot({ path: path.join(ART, 'plan.png'), fullPage: true });
    assert.ok(fs.statSync(path.join(ART, 'plan.png')).size > 10000);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await shadow(page, '.open-plan').isVisible(), false, 'print: no file input');
    assert.equal(await shadow(page, '.export').isVisible(), false, 'print: no export buttons');
    assert.ok(await shadow(page, '#plan-payers').isVisible(), 'print: the tables');
    await page.screenshot({ path: path.join(ART, 'plan-print.png'), fullPage: true });
    await assertClean(page);
  });
}
