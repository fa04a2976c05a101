// Writes the issue-12 figures of a full `make bench` run into docs/performance.md, between the markers
// <!-- bench:issue12:begin --> and <!-- bench:issue12:end -->, beside the figures measured before
// the work (tests/bench/before-issue12.json).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BEGIN = '<!-- bench:issue12:begin -->';
const END = '<!-- bench:issue12:end -->';

const ms = (x) => (x === null || x === undefined ? '—' : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`);
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
const times = (x) => `${x.toFixed(2)}×`;

/** The markdown table; `out` is a results.json object. */
export function table(out, before) {
  const get = (c, id) => out.results.find((r) => r.case === c && r.implementationId === id)?.medianMs;
  const el = out.element;
  const B = before;
  const rows = [
    ['10,953 rows (16 calls): engine `columns` vs JS BigInt building the rows', `${times(B.allLaender.bigintRowsMs / B.allLaender.columnsMs)} (${ms(B.allLaender.columnsMs)} vs ${ms(B.allLaender.bigintRowsMs)})`, `${times(get('allLaender', 'bigint') / get('allLaender', 'wasm+columns'))} (${ms(get('allLaender', 'wasm+columns'))} vs ${ms(get('allLaender', 'bigint'))})`, '≥ 2× faster'],
    ['10,953 rows: engine `rows` (contract default)', ms(B.allLaender.rowsMs), ms(get('allLaender', 'wasm')), ''],
    ['Bayern, 2,221 rows: engine `columns` vs JS BigInt rows', `${ms(B.bayern.columnsMs)} vs ${ms(B.bayern.bigintRowsMs)}`, `${ms(get('bayern', 'wasm+columns'))} vs ${ms(get('bayern', 'bigint'))}`, ''],
  ];
  if (el) {
    rows.push(
      ['form change → next paint, Bayern 2,221 rows shown, 4× CPU', ms(B.element.changeBayern.x4), `${ms(el.change.bayern.x4.medianMs)} (p95 ${ms(el.change.bayern.x4.p95Ms)})`, '≤ 100 ms'],
      ['the same, unthrottled', ms(B.element.changeBayern.x1), ms(el.change.bayern.x1.medianMs), '≤ 30 ms'],
      ['form change → next paint, 10,953 rows shown (16 elements), 4× CPU', ms(B.element.changeAllLaender.x4), ms(el.change.allLaender.x4.medianMs), ''],
      ['the same, unthrottled', ms(B.element.changeAllLaender.x1), ms(el.change.allLaender.x1.medianMs), ''],
      ['navigation → first Gemeinde-level result, 4× CPU, built-in Gemeinde data', '—', ms(el.firstResult.medianMs), '≤ 1 s'],
      ['the same with the 3.5 MB GV100AD file loaded by the page', ms(B.element.firstResultX4), out.elementFile ? ms(out.elementFile.firstResult.medianMs) : 'not measured', ''],
      ['JS heap after the Bayern result (after GC)', kib(B.element.heapBytes), kib(el.heap.usedBytes), ''],
    );
  }
  rows.push(
    ['element JS before the first result, gzip', kib(B.sizes.elementCriticalGzip), kib(out.sizes.element?.critical.gzip ?? 0), '≤ 20 KiB'],
    ['`.wasm`, gzip', kib(B.sizes.wasmGzip), kib(out.sizes.wasm.gzip), '≤ 150 KiB'],
  );
  const lines = [
    `| figure | before (${B.commit}) | now | target |`,
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Measured by \`make bench\` on ${out.meta.date.slice(0, 16).replace('T', ' ')} UTC, ${out.meta.cpus} cores, load average ${out.meta.loadAverageAtStart[0].toFixed(1)} at the start; medians. ${B.note}`,
  ];
  return lines.join('\n');
}

export function writeReadme(file, out) {
  const text = fs.readFileSync(file, 'utf8');
  const i = text.indexOf(BEGIN);
  const j = text.indexOf(END);
  if (i < 0 || j < i) return false;
  const before = JSON.parse(fs.readFileSync(path.join(HERE, 'before-issue12.json'), 'utf8'));
  fs.writeFileSync(file, `${text.slice(0, i + BEGIN.length)}\n${table(out, before)}\n${text.slice(j)}`);
  return true;
}
