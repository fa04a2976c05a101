// Writes the figures of a full `make bench` run into docs/performance.md, between the markers
// <!-- bench:begin --> and <!-- bench:end -->, beside the figures measured before issue 16
// (tests/bench/before-issue16.json). The text around the markers is written by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

const ms = (x) => (x === null || x === undefined ? '—' : x < 10 ? `${x.toFixed(2)} ms` : `${Math.round(x).toLocaleString('en')} ms`);
const kib = (b) => (b === null || b === undefined ? '—' : `${(b / 1024).toFixed(1)} KiB (${b.toLocaleString('en')} B)`);
const times = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);
const load = (l) => (l ? l.slice(0, 3).map((x) => x.toFixed(1)).join(', ') : '—');

/** The markdown between the markers; `out` is a results.json object, `before` before-issue16.json. */
export function block(out, before) {
  const get = (c, id) => out.results.find((r) => r.case === c && r.implementationId === id)?.medianMs;
  const el = out.element;
  const B = before.figures;
  const columns = get('allLaender', 'bigint') / get('allLaender', 'wasm+columns');
  const phone = out.phone?.pages ?? {};
  const rows = [
    ['form change → next paint, Bayern (2,221 Gemeinden shown), 4× CPU', ms(B.changeBayernX4), el ? `${ms(el.change.bayern.x4.medianMs)} (p95 ${ms(el.change.bayern.x4.p95Ms)})` : '—', '≤ 70 ms'],
    ['the same, unthrottled', ms(B.changeBayernX1), el ? ms(el.change.bayern.x1.medianMs) : '—', '≤ 30 ms'],
    ['first Gemeinde-level result (Bayern, built-in data), 4× CPU', ms(B.gemeindeFirstX4), el ? `${ms(el.firstResult.medianMs)} (${el.firstResult.ms.map((x) => Math.round(x)).join('/')})` : '—', '≤ 700 ms'],
    ['the same with the 3.5 MB GV100AD file loaded by the page', ms(B.gemeindeFileFirstX4), out.elementFile ? ms(out.elementFile.firstResult.medianMs) : '—', ''],
    ['10,953 rows (16 calls): engine `columns` vs JS BigInt building the rows', times(B.columnsVsBigint), `${times(columns)} (${ms(get('allLaender', 'wasm+columns'))} vs ${ms(get('allLaender', 'bigint'))})`, '≥ 2×'],
    ['element JS before the first result, gzip', kib(B.elementCriticalGzip), kib(out.sizes.element?.critical.gzip), '≤ 20 KiB'],
    ['`.wasm`, gzip -9', kib(B.wasmGzip), kib(out.sizes.wasm.gzip), '≤ 110 KiB'],
    ['phone network: www/index.html → first `efa-result`', ms(B.phoneCalculator), phone.calculator ? `${ms(phone.calculator.medianMs)} (${phone.calculator.ms.join('/')})` : '—', '≤ 1,200 ms'],
    ['phone network: www/plan.html → first `efa-plan-result`', ms(B.phonePlan), phone.plan ? `${ms(phone.plan.medianMs)} (${phone.plan.ms.join('/')})` : '—', '≤ 1,500 ms'],
    ['www/index.html → first `efa-result`, localhost, no throttling', ms(B.firstResultLocal), out.firstResult?.measured ? ms(out.firstResult.coldMedianMs) : '—', '< 300 ms'],
    ['form change → next paint, 10,953 rows (16 elements), 4× CPU', ms(B.changeAllX4), el ? ms(el.change.allLaender.x4.medianMs) : '—', ''],
    ['JS heap after the Bayern result (after GC)', kib(B.heapBytes), el ? kib(el.heap.usedBytes) : '—', ''],
  ];
  const lines = [
    `| figure | before (${before.commit}) | now | target |`,
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Now: \`make bench\` on ${out.meta.date.slice(0, 16).replace('T', ' ')} UTC, ${out.meta.browser}, ${out.meta.cpus} cores, load average ${load(out.meta.loadAverageAtStart)} at the start and ${load(out.meta.loadAverageAtEnd)} at the end; medians. Before: ${before.note}`,
  ];
  for (const p of Object.values(phone)) {
    lines.push('', `Files fetched before the first \`${p.event}\` on ${p.path} (the load nearest the median, ${Math.round(p.medianMs)} ms; ${(p.bytesBeforeResult / 1024).toFixed(1)} KiB on the wire; ms after navigation start):`, '');
    lines.push('| file | start | end | bytes |', '|---|---:|---:|---:|');
    for (const f of p.files) lines.push(`| \`${f.file}\` | ${f.startMs} | ${f.endMs} | ${f.bytes.toLocaleString('en')} |`);
  }
  return lines.join('\n');
}

/** Replaces the block in `file`; returns false (and writes nothing) when the markers are missing. */
export function writePerformance(file, out) {
  if (!fs.existsSync(file)) return false;
  const text = fs.readFileSync(file, 'utf8');
  const i = text.indexOf(BEGIN);
  const j = text.indexOf(END);
  if (i < 0 || j < i) return false;
  const before = JSON.parse(fs.readFileSync(path.join(HERE, 'before-issue16.json'), 'utf8'));
  fs.writeFileSync(file, `${text.slice(0, i + BEGIN.length)}\n${block(out, before)}\n${text.slice(j)}`);
  return true;
}
