// <efa-plan> in Chromium, Firefox ESR and WebKitGTK (issue 13's done-criterion): example 11 with
// land="HE" shows Hessen's sentence and tables to the cent in German and English, with 0 axe
// violations in both languages and at 320 px; the German CSV example 12 through the plan
// property; a coded error keeps the last result; the strict-CSP plan page. (Playwright-only
// checks of the element, e.g. file input, drag and drop, downloads, print media, stay in
// tests/e2e/plan.mjs.)

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Key } from '../lib/page.mjs';
import { SENTENCE_DE, SENTENCE_EN, moneyToDecimal } from '../../e2e/plan.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIX = path.resolve(HERE, '..', '..', 'fixtures', 'plan');
const EXPECTED_11 = JSON.parse(fs.readFileSync(path.join(FIX, '11-plan-portfolio.expected.json'), 'utf8'));
const EXPECTED_12 = JSON.parse(fs.readFileSync(path.join(FIX, '12-plan-german.expected.json'), 'utf8'));
const CSV_12 = fs.readFileSync(path.join(FIX, '12-plan-german.csv'), 'utf8');

const HOST = 'efa-plan';
const norm = (s) => String(s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const result = (page) => page.js(() => JSON.parse(JSON.stringify(document.querySelector('efa-plan').result)));
const sentence = (page) => page.shadow((root) => root.querySelector('#plan-sentence')?.textContent ?? null, null, HOST);
/** The cells of a table's footer row (after the row header), as contract decimals. */
const footer = (page, id, lang = 'de') =>
  page.shadow((root, sel) => [...root.querySelectorAll(`${sel} tfoot td`)].map((c) => c.textContent), `#${id}`, HOST).then((cells) => cells.map((c) => moneyToDecimal(c, lang)));

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

async function openPlan(page, url = '/www/plan.html', opts = {}) {
  await page.open(url, opts);
  await page.waitEvent('efa-plan-result', 0, { timeout: 30000 });
  return result(page);
}

async function toEnglish(page) {
  await page.click('[data-lang-switch]', null);
  await page.waitFor(() => document.querySelector('efa-plan').shadowRoot.querySelector('#plan-sentence')?.textContent.startsWith('Hesse pays'), [], { what: 'the English sentence' });
}

export default function register(suite) {
  suite.test('efa-plan: example 11 with land="HE": Hessen’s sentence and tables to the cent (de, en), axe 0', async (page, { engine }) => {
    const res = await openPlan(page);
    assertExpected(res, EXPECTED_11);
    assert.equal(norm(await sentence(page)), SENTENCE_DE, `the German sentence in ${engine}`);
    assert.deepEqual(await footer(page, 'plan-land-services'), ['130528.75', '183396.13', '313924.88', '485615.44', '-171690.56']);
    const he = await page.shadow((root) => [...root.querySelectorAll('#plan-payers tbody tr')].find((tr) => tr.firstChild.textContent === 'Hessen')?.lastChild.textContent, null, HOST);
    assert.equal(norm(he), '-171.690,56 € (Entlastung)');
    const lines = await page.shadow((root) => [...root.querySelectorAll('#plan-lines tbody tr')].map((tr) => tr.lastChild.textContent), null, HOST);
    assert.match(norm(lines[1]), /überschritten um 250\.000,00 €/);
    await page.axe('plan, de');
    await page.screenshot('plan');

    await toEnglish(page);
    assert.equal(norm(await sentence(page)), SENTENCE_EN, `the English sentence in ${engine}`);
    assert.deepEqual(await footer(page, 'plan-land-services', 'en'), ['130528.75', '183396.13', '313924.88', '485615.44', '-171690.56']);
    await page.axe('plan, en');
    await page.assertClean();
  });

  suite.test('efa-plan: axe 0 at 320 px (de, en), no sideways scrolling', async (page) => {
    await openPlan(page, '/www/plan.html', { width: 320, height: 640 });
    assert.equal(norm(await sentence(page)), SENTENCE_DE);
    await page.axe('plan, de, 320 px');
    const overflow = await page.js(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal page scrolling at 320 px (overflow ${overflow}px)`);
    await toEnglish(page);
    await page.axe('plan, en, 320 px');
    await page.screenshot('plan-320');
    await page.assertClean();
  });

  suite.test('efa-plan: the German CSV (example 12) as plan text; a bad CSV gives invalid_csv and keeps the result', async (page) => {
    await openPlan(page);
    let n = await page.eventCount();
    await page.js((csv) => {
      const e = document.querySelector('efa-plan');
      e.setAttribute('compare', 'none');
      e.plan = csv;
    }, CSV_12);
    await page.waitEvent('efa-plan-result', n, { where: (d) => d.total === EXPECTED_12.total });
    assertExpected(await result(page), EXPECTED_12);
    n = await page.eventCount();
    await page.js(() => (document.querySelector('efa-plan').plan = 'Dienst;Jahr;Kosten\nWohngeld;2025;100;zu viel\n'));
    const err = await page.waitEvent('efa-plan-error', n);
    assert.equal(err.code, 'invalid_csv');
    assert.equal(err.path, 'csv:2:4');
    assert.ok(err.messages.de && err.messages.en);
    assert.match(norm(await page.text('#plan-error-summary', HOST)), /Es gibt ein Problem.*Fehlercode invalid_csv, Stelle csv:2:4/);
    assert.equal((await result(page)).total, EXPECTED_12.total, 'the last good result stays');
    await page.axe('plan, error');
    await page.assertClean();
  });

  suite.test('efa-plan: keyboard only: Tab from the file input to the Land, a key changes it; Enter on an entry opens it in <efa-rechner>', async (page) => {
    await openPlan(page);
    const active = () => page.shadow((root) => root.activeElement?.id || root.activeElement?.getAttribute('data-entry') || null, null, HOST);
    await page.shadow((root) => root.getElementById('plan-file').focus(), null, HOST);
    await page.keys(Key.TAB);
    assert.equal(await active(), 'plan-land');
    await page.keys(Key.ARROW_DOWN); // Hessen -> Rheinland-Pfalz
    await page.waitFor(() => document.querySelector('efa-plan').getAttribute('land') === 'RP', [], { what: 'land=RP' });
    assert.match(norm(await sentence(page)), /^Rheinland-Pfalz trägt 2025–2026 insgesamt 68\.311,34 €; nur innerhalb der Allianzen wären es 44\.469,24 € – 23\.842,10 € mehr\.$/);
    await page.shadow((root) => root.querySelector('button[data-entry="0"]').focus(), null, HOST);
    await page.keys(Key.ENTER);
    await page.waitFor(() => document.querySelector('efa-plan').shadowRoot.querySelector('efa-rechner')?.result?.total === '1200000.00', [], { what: 'entry 1 in <efa-rechner>', timeout: 20000 });
    assert.equal(await active(), 'plan-calc-h');
    await page.assertClean();
  });

  suite.test('efa-plan: the strict-CSP plan page (Trusted Types) shows the sentence', async (page) => {
    const res = await openPlan(page, '/www/plan-strict-csp.html');
    assertExpected(res, EXPECTED_11);
    assert.equal(norm(await sentence(page)), SENTENCE_DE);
    await page.axe('plan, strict CSP');
    await page.assertClean();
  });
}
