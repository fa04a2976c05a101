// The plan's exports: German Excel CSV (";", decimal comma, UTF-8 BOM; cells a spreadsheet would
// run as formulas are neutralised by ../core/csv.js, negative amounts stay numbers) and JSON.
// Downloads (../core/download.js) are blob: URLs, so nothing leaves the page's origin.

import { lines, num } from '../core/csv.js';
import { t } from './i18n.js';
import { differenceWord, lineName } from './format.js';

const D = (k, v) => t('de', k, v); // German Excel CSV: German headers

function yearCols(res) {
  return res.years.map((y) => D('plan.csvYear', { year: y }));
}

function compareCols(hasCompare, model) {
  return hasCompare ? [D('plan.csvCompare', { model }), D('plan.csvDifference'), D('plan.csvAssessment')] : [];
}

function compareCells(c, variant) {
  return c ? [num(c.total, variant), num(c.difference, variant), differenceWord('de', c.difference)] : [];
}

/** Payers × years (one row per payer, then the sum), with the comparison when there is one. */
export function payersCsv(res, { payerName, compareName, sums }, variant = 'excel') {
  const hasCompare = res.payers.some((p) => p.compare);
  const rows = [[D('plan.csvPayerId'), D('plan.colPayer'), D('plan.csvKind'), 'AGS', ...yearCols(res), D('plan.csvTotal'), ...compareCols(hasCompare, compareName)]];
  for (const p of res.payers) {
    rows.push([p.id, payerName(p), p.kind === 'bund' ? D('plan.csvKindBund') : D('plan.csvKindLand'), p.ags || '', ...res.years.map((y) => num(p.years[y], variant)), num(p.total, variant), ...compareCells(p.compare, variant)]);
  }
  rows.push(['', D('plan.sumRow'), '', '', ...res.years.map((y) => num(sums.years[y], variant)), num(sums.total, variant), ...compareCells(sums.compare, variant)]);
  return lines(rows, variant);
}

/** Services × years: the total costs (rows from res.services) or one payer's share (payerServices). */
export function servicesCsv(res, rows, { compareName, sums }, variant = 'excel') {
  const hasCompare = rows.some((r) => r.compare);
  const out = [[D('plan.colService'), ...yearCols(res), D('plan.csvTotal'), ...compareCols(hasCompare, compareName)]];
  for (const r of rows) out.push([r.service, ...res.years.map((y) => num(r.years[y], variant)), num(r.total, variant), ...compareCells(r.compare, variant)]);
  out.push([D('plan.sumRow'), ...res.years.map((y) => num(sums.years[y], variant)), num(sums.total, variant), ...compareCells(sums.compare, variant)]);
  return lines(out, variant);
}

/** Every entry: number (0-based, as in error paths), service, line, year, total. */
export function entriesCsv(res, variant = 'excel') {
  const out = [['Index', D('plan.colService'), D('plan.csvLine'), D('plan.colYear'), D('plan.csvTotal')]];
  for (const e of res.entries) out.push([String(e.index), e.service, e.line ? lineName('de', e.line) : '', String(e.year), num(e.total, variant)]);
  return lines(out, variant);
}

export function resultJson(res) {
  return JSON.stringify(res, null, 2) + '\n';
}

/** A file name from the plan's title: letters, digits and dashes only. */
export function fileName(title, suffix) {
  const base = String(title || 'efa-plan')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'efa-plan'}-${suffix}`;
}
