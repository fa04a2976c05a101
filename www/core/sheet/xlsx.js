// Excel workbooks (.xlsx) as src/text/sheet/xlsx.rs reads them: the workbook's sheet list, its
// relationships, the shared strings, the cell styles (to tell dates from numbers) and each
// worksheet's sheetData.

import { Xml, OPEN, CLOSE, END, local } from './xml.js';
import { SheetError, missingPart, beyond, cellRef } from './errors.js';
import { Sheet, textCell, numberCell, MAX_CELL_BYTES, MAX_COLUMN, MAX_ROW } from './grid.js';

/** A relationship target as a part name: relative to xl/, or absolute from the root. */
export function resolve(target) {
  const full = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const parts = [];
  for (const seg of full.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** Excel's escapes of control characters in strings (_x000D_). */
export const unescapeX = (s) => (s.includes('_x') ? s.replace(/_x([0-9a-fA-F]{4})_/g, (m, h) => String.fromCharCode(parseInt(h, 16))) : s);

/** Parses an A1 reference into [column, row], both 1-based; null outside the sheet. */
export function parseRef(r) {
  const m = /^([A-Za-z]{1,3})([0-9]{1,7})$/.exec(r);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  const row = Number(m[2]);
  return col <= MAX_COLUMN && row >= 1 && row <= MAX_ROW ? [col, row] : null;
}

async function rels(zip) {
  const name = 'xl/_rels/workbook.xml.rels';
  const bytes = await zip.read(name);
  if (!bytes) throw missingPart(name);
  const x = new Xml(bytes, name);
  const out = [];
  for (let ev; (ev = x.next()) !== END; ) {
    if (ev === OPEN && local(x.name) === 'Relationship') {
      const id = x.attr('Id');
      const kind = x.attr('Type');
      const target = x.attr('Target');
      if (id !== null && kind !== null && target !== null) out.push({ id, kind, target });
    }
  }
  return out;
}

/** The text of a string item (<si> or <is>) just opened; null beyond MAX_CELL_BYTES. */
function stringItem(x) {
  let out = '';
  let over = false;
  x.each(() => {
    const n = local(x.name);
    if (n === 't') {
      const t = x.textOf(MAX_CELL_BYTES);
      if (t !== null && !over && out.length + t.length <= MAX_CELL_BYTES) out += t;
      else over = true;
    } else if (n === 'rPh' || n === 'phoneticPr') x.skip();
  });
  return over ? null : unescapeX(out);
}

async function sharedStrings(zip, name) {
  const bytes = await zip.read(name);
  if (!bytes) return [];
  const x = new Xml(bytes, 'xl/sharedStrings.xml');
  const out = [];
  for (let ev; (ev = x.next()) !== END; ) if (ev === OPEN && local(x.name) === 'si') out.push(stringItem(x));
  return out;
}

/** True for a number format that shows a date or time. */
export function isDateFormat(id, code) {
  if (code !== null && code !== undefined) {
    let quoted = false;
    let bracket = false;
    let escaped = false;
    for (const c of code) {
      if (escaped) {
        escaped = false;
        continue;
      }
      if (c === '"') quoted = !quoted;
      else if (c === '[' && !quoted) bracket = true;
      else if (c === ']' && !quoted) bracket = false;
      else if ((c === '\\' || c === '_' || c === '*') && !quoted) escaped = true;
      else if (quoted || bracket) continue;
      else if ('dDmMyYhHsS'.includes(c)) return true;
    }
    return false;
  }
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

const int = (v) => (v !== null && /^[0-9]+$/.test(v) ? Number(v) : null);

async function dateStyles(zip, name) {
  const bytes = await zip.read(name);
  if (!bytes) return [];
  const x = new Xml(bytes, 'xl/styles.xml');
  const codes = new Map();
  const ids = [];
  let inXfs = false;
  for (let ev; (ev = x.next()) !== END; ) {
    if (ev === OPEN) {
      const n = local(x.name);
      if (n === 'numFmt') {
        const id = x.attr('numFmtId');
        const code = x.attr('formatCode');
        if (id !== null && code !== null) {
          const k = int(id) ?? 0;
          if (!codes.has(k)) codes.set(k, code);
        }
      } else if (n === 'cellXfs') inXfs = true;
      else if (n === 'xf' && inXfs) ids.push(int(x.attr('numFmtId')) ?? 0);
    } else if (ev === CLOSE && inXfs && x.depth < 2) inXfs = false;
  }
  return ids.map((id) => isDateFormat(id, codes.get(id)));
}

/** Reads the sheets in the workbook's order, handing each to `take`, until it says stop. */
export async function read(zip, take) {
  const rs = await rels(zip);
  const targetOf = (suffix) => {
    const r = rs.find((x) => x.kind.endsWith(suffix));
    return r ? resolve(r.target) : null;
  };
  const stringsPart = targetOf('/sharedStrings') ?? 'xl/sharedStrings.xml';
  const stylesPart = targetOf('/styles') ?? 'xl/styles.xml';
  const bytes = await zip.read('xl/workbook.xml');
  if (!bytes) throw missingPart('xl/workbook.xml');
  const sheets = [];
  const x = new Xml(bytes, 'xl/workbook.xml');
  for (let ev; (ev = x.next()) !== END; ) {
    if (ev === OPEN && local(x.name) === 'sheet') {
      const name = x.attr('name') ?? '';
      const id = x.attr('id') ?? '';
      const r = rs.find((q) => q.id === id);
      if (!r) throw missingPart(`sheet ${name}`);
      sheets.push([name, resolve(r.target)]);
    }
  }
  const strings = await sharedStrings(zip, stringsPart);
  const dates = await dateStyles(zip, stylesPart);
  for (const [name, target] of sheets) {
    const b = await zip.read(target);
    if (!b) throw missingPart(target);
    if (take(worksheet(b, name, target, strings, dates))) return;
  }
}

function worksheet(bytes, name, part, strings, dates) {
  const x = new Xml(bytes, part);
  const sheet = new Sheet(name);
  let row = null; // [number, cells]
  let lastRow = 0;
  let lastCol = 0;
  let cell = null;
  let rowDepth = 0;
  let cellDepth = 0;
  for (;;) {
    const ev = x.next();
    if (ev === END) return sheet;
    if (ev === OPEN) {
      const n = local(x.name);
      if (n === 'row') {
        const r = x.attr('r');
        let num;
        if (r !== null) {
          num = /^[0-9]+$/.test(r) ? Number(r) : NaN;
          if (!(num >= 1 && num <= MAX_ROW)) throw beyond(name, `row ${r.slice(0, 100)}`);
        } else num = lastRow + 1;
        if (num > MAX_ROW) throw beyond(name, 'row');
        lastRow = num;
        lastCol = 0;
        rowDepth = x.depth;
        row = [num, []];
      } else if (n === 'c') {
        const r = x.attr('r');
        let col;
        if (r !== null) {
          const p = parseRef(r);
          if (!p) throw beyond(name, r.slice(0, 100));
          col = p[0];
        } else col = lastCol + 1;
        if (col > MAX_COLUMN) throw beyond(name, 'column');
        lastCol = col;
        cellDepth = x.depth;
        cell = { col, kind: x.attr('t'), style: int(x.attr('s')) ?? 0, formula: false, v: null, inline: undefined };
      } else if (n === 'f' && cell) {
        cell.formula = true;
        x.skip();
      } else if (n === 'v' && cell) {
        cell.v = x.textOf(MAX_CELL_BYTES) ?? '';
      } else if (n === 'is' && cell) {
        cell.inline = stringItem(x);
      }
    } else if (ev === CLOSE && cell && x.depth < cellDepth) {
      const c = cell;
      cell = null;
      const r = row ? row[0] : Math.max(lastRow, 1);
      const value = cellValue(c, strings, dates, () => `sheet:${name}!${cellRef(c.col, r)}`);
      if (value) {
        if (!row) row = [r, []];
        if (row[1].length >= MAX_COLUMN) throw beyond(name, 'cells');
        row[1].push(value);
      }
    } else if (ev === CLOSE && row && x.depth < rowDepth) {
      const [num, cells] = row;
      row = null;
      if (cells.length && !sheet.push(num, cells)) return sheet;
    }
  }
}

/** A cell's value by its type attribute, as [col, kind, raw]; null for an empty cell. */
function cellValue(c, strings, dates, at) {
  // openpyxl writes a formula's missing value as an empty <v/>.
  const v = c.v === '' ? null : c.v;
  const col = c.col;
  let value;
  switch (c.kind) {
    case 's': {
      if (v === null) return null;
      const t = v.trim();
      const i = /^\+?[0-9]+$/.test(t) ? Number(t) : -1;
      if (!(i >= 0 && i < strings.length)) throw new SheetError('string_missing', { index: v.slice(0, 100) }, at());
      value = textCell(col, strings[i]);
      break;
    }
    case 'inlineStr':
      if (c.inline !== undefined) value = textCell(col, c.inline);
      else if (v !== null) value = [col, 's', unescapeX(v)];
      else return null;
      break;
    case 'str':
      if (v !== null) value = [col, 's', unescapeX(v)];
      else if (c.formula) value = [col, 'u'];
      else return null;
      break;
    case 'b':
      if (v !== null) value = [col, 'b', v.trim() === '1' ? '1' : '0'];
      else if (c.formula) value = [col, 'u'];
      else return null;
      break;
    case 'e':
      value = [col, 'e', v ?? '#N/A'];
      break;
    case 'd':
      value = [col, 'd'];
      break;
    default:
      if (v !== null) value = dates[c.style] ? [col, 'd'] : numberCell(col, v);
      else if (c.formula) value = [col, 'u'];
      else return null;
  }
  return value[1] === 's' && value[2] === '' ? null : value;
}
