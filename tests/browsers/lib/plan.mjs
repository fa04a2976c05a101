// What the checks of <efa-plan> share (tests/browsers/checks/plan.mjs): the plan examples 11 and
// 12, the sentences, reading figures off the page.

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ROOT } from './rechner.mjs';

const FIX = path.join(ROOT, 'tests', 'fixtures', 'plan');
export const PLAN_11 = JSON.parse(fs.readFileSync(path.join(FIX, '11-plan-portfolio.json'), 'utf8'));
export const EXPECTED_11 = JSON.parse(fs.readFileSync(path.join(FIX, '11-plan-portfolio.expected.json'), 'utf8'));
export const EXPECTED_12 = JSON.parse(fs.readFileSync(path.join(FIX, '12-plan-german.expected.json'), 'utf8'));
export const CSV_12 = fs.readFileSync(path.join(FIX, '12-plan-german.csv'));

export const HOST = 'efa-plan';
export const SENTENCE_DE = 'Hessen trägt 2025–2026 insgesamt 313.924,88 €; nur innerhalb der Allianzen wären es 485.615,44 € – 171.690,56 € weniger.';
export const SENTENCE_EN = 'Hesse pays €313,924.88 in total for 2025–2026; within the alliances alone it would be €485,615.44 – €171,690.56 less.';

/** Spaces as one plain space (no-break spaces included), trimmed. */
export const norm = (s) => String(s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

/** "1.234,56 €" / "€1,234.56" / "-1.234,56 € (Entlastung)" -> "1234.56" / "-1234.56" (contract notation). */
export function moneyToDecimal(text, lang = 'de') {
  const m = /([+-]?)(?:€)?([\d.,]+)/.exec(text.replace(/\u00a0/g, ' ').replace('−', '-'));
  if (!m) return null;
  const digits = lang === 'en' ? m[2].replace(/,/g, '') : m[2].replace(/\./g, '').replace(',', '.');
  return (m[1] === '-' ? '-' : '') + digits;
}

/** Compares a plan response with an example's expected totals (years, payers, services, lines). */
export function assertExpected(res, exp) {
  assert.deepEqual(res.years, exp.years);
  assert.equal(res.total, exp.total);
  assert.deepEqual(
    res.payers.map((p) => ({ id: p.id, years: p.years, total: p.total, ...(p.compare ? { compare: p.compare } : {}) })),
    exp.payers,
  );
  assert.deepEqual(res.services.map((s) => ({ service: s.service, years: s.years, total: s.total })), exp.services);
  assert.deepEqual(res.lines, exp.lines);
}

/** The element's current result. */
export const planResult = (page) => page.js(() => JSON.parse(JSON.stringify(document.querySelector('efa-plan').result)));

/** Opens a page with <efa-plan> and waits for its first result; returns it. */
export async function openPlan(page, url = '/www/plan.html', opts = {}) {
  await page.open(url, opts);
  await page.waitEvent('efa-plan-result', 0, { timeout: 30000 });
  return planResult(page);
}

/** The rows of a table in the element as arrays of cell texts (row header first). */
export const rows = (page, sel, part = 'tbody') =>
  page.shadow((root, [s, p]) => [...root.querySelectorAll(`${s} ${p} tr`)].map((tr) => [...tr.children].map((c) => c.textContent.replace(/\u00a0/g, ' ').trim())), [sel, part], HOST);

/** The normalised text of the first element matching `sel` in the element. */
export const text = async (page, sel) => norm(await page.text(sel, HOST));

/** Switches the page's language to English and waits for the English sentence. */
export async function toEnglish(page) {
  await page.click('[data-lang-switch]', null);
  await page.waitFor(() => document.querySelector('efa-plan').shadowRoot.querySelector('#plan-sentence')?.textContent.startsWith('Hesse pays'), [], { what: 'the English sentence' });
}
