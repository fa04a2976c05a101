// The built-in Kreis- and Gemeinde-level data: the committed tables src/data/kreise.tsv and
// src/data/gemeinden.tsv (made by `make data` from the Destatis GV100AD file, edition
// 30.11.2025, population 31.12.2024). Read here with a reader of its own (not the engine's), and
// checked against the row count, population sum and FNV-1a 64 checksum each table records.

import { readFileSync } from 'node:fs';

const DIR = new URL('../../src/data/', import.meta.url);
const cache = new Map();

function fnv1a64(bytes) {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

/** { meta: { key: value }, rows: [{ ags, name, population: number }] } of one table, checked. */
export function readTable(file) {
  if (cache.has(file)) return cache.get(file);
  const bytes = readFileSync(new URL(file, DIR));
  const text = bytes.toString('utf8');
  const meta = {};
  const rows = [];
  let dataStart = -1;
  let kreis = null;
  let offset = 0;
  for (const line of text.split('\n').slice(0, -1)) {
    const at = offset;
    offset += Buffer.byteLength(line) + 1;
    if (line.startsWith('# ')) {
      const m = /^# ([a-z-]+): (.*)$/.exec(line);
      if (m) meta[m[1]] = m[2];
      continue;
    }
    if (dataStart < 0) dataStart = at;
    const f = line.split('\t');
    if (f.length === 1 && /^\d{5}$/.test(f[0])) { kreis = f[0]; continue; }
    if (f.length !== 3) throw new Error(`${file}: bad line ${JSON.stringify(line)}`);
    const ags = meta.table === 'gemeinden' ? kreis + f[0] : f[0];
    if (!/^\d{5}(\d{3})?$/.test(ags) || !/^\d+$/.test(f[2])) throw new Error(`${file}: bad row ${line}`);
    rows.push({ ags, name: f[1], population: Number(f[2]) });
  }
  const sum = rows.reduce((s, r) => s + r.population, 0);
  const checksum = `fnv1a64:${fnv1a64(bytes.subarray(dataStart))}`;
  if (String(rows.length) !== meta.rows || String(sum) !== meta.population || checksum !== meta.checksum) {
    throw new Error(`${file}: rows/population/checksum do not match its header`);
  }
  const table = { meta, rows };
  cache.set(file, table);
  return table;
}

/** [{ ags: '01001', name, population }] in ascending AGS order: the 400 built-in Kreise. */
export function defaultKreise() {
  return readTable('kreise.tsv').rows;
}

/** [{ ags: '01001000', name, population }]: the 10,953 built-in Gemeinden. */
export function defaultGemeinden() {
  return readTable('gemeinden.tsv').rows;
}
