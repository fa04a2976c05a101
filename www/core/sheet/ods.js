// OpenDocument spreadsheets (.ods) as src/text/sheet/ods.rs reads them: the tables of content.xml
// in document order, with repeated rows and cells (number-rows-repeated, number-columns-repeated)
// counted without being spelt out when empty.

import { Xml, OPEN, END, TEXT, local, utf8Length } from './xml.js';
import { SheetError, missingPart, beyond } from './errors.js';
import { Sheet, textCell, numberCell, MAX_CELL_BYTES, MAX_COLUMN, MAX_ROW } from './grid.js';

/** Reads the tables in document order, handing each to `take`, until it says stop. */
export async function read(zip, take) {
  const manifest = await zip.read('META-INF/manifest.xml');
  // An encrypted part is listed with its encryption data.
  if (manifest && new TextDecoder().decode(manifest).includes('encryption-data')) throw new SheetError('encrypted');
  const bytes = await zip.read('content.xml');
  if (!bytes) throw missingPart('content.xml');
  const x = new Xml(bytes, 'content.xml');
  for (let ev; (ev = x.next()) !== END; ) {
    if (ev !== OPEN) continue;
    if (x.name === 'table:table') {
      if (take(table(x, x.attr('name') ?? ''))) return;
    } else if (['annotation', 'frame'].includes(local(x.name))) x.skip();
  }
}

/** A repeat count attribute (at least 1). */
function repeat(x, name) {
  const v = x.attr(name);
  const n = v !== null && /^\+?[0-9]+$/.test(v.trim()) ? Number(v.trim()) : 1;
  return n > 0xffffffff ? 1 : Math.max(n, 1);
}

function table(x, name) {
  const sheet = new Sheet(name);
  let next = 1;
  x.each(() => {
    const n = local(x.name);
    if (n === 'table-row') {
      const times = repeat(x, 'number-rows-repeated');
      const cells = rowCells(x, name);
      if (cells.length) {
        if (next + times - 1 > MAX_ROW) throw beyond(name, 'row');
        // Full: the rest of the table is not read.
        for (let i = 0; i < times; i++) if (!sheet.push(next + i, cells)) return true;
      }
      next += times;
    } else if (n === 'table' || n === 'annotation' || n === 'frame' || n === 'shapes') x.skip();
  });
  return sheet;
}

function rowCells(x, sheet) {
  const cells = [];
  let next = 1;
  x.each(() => {
    const n = local(x.name);
    if (n !== 'table-cell' && n !== 'covered-table-cell') return;
    const times = repeat(x, 'number-columns-repeated');
    const value = cell(x);
    if (value) {
      if (next + times - 1 > MAX_COLUMN) throw beyond(sheet, 'column');
      for (let i = 0; i < times; i++) cells.push([next + i, ...value]);
    }
    next += times;
  });
  return cells;
}

/** The value of the cell just opened, as [kind, raw], reading up to its end; null when empty. */
function cell(x) {
  const valueType = x.attr('office:value-type', true);
  const calcType = x.attr('calcext:value-type', true);
  const formula = x.attr('formula') !== null;
  const number = x.attr('office:value', true);
  const boolean = x.attr('office:boolean-value', true);
  const string = x.attr('office:string-value', true);
  const text = paragraphs(x);
  if (calcType === 'error') return ['e', text ?? ''];
  const asText = (t) => (t === '' ? null : textCell(0, t).slice(1));
  switch (valueType) {
    case 'float':
    case 'percentage':
    case 'currency':
      return number !== null ? numberCell(0, number).slice(1) : ['u'];
    case 'boolean':
      return ['b', boolean !== null && boolean.trim() === 'true' ? '1' : '0'];
    case 'date':
    case 'time':
      return ['d'];
    case null:
      return formula ? ['u'] : asText(text);
    default:
      return asText(string !== null ? string : text);
  }
}

/** The cell's paragraphs joined by line ends, spaces, tabs and line breaks spelt out, notes and
 *  drawings left out; null beyond MAX_CELL_BYTES. */
function paragraphs(x) {
  const depth = x.depth;
  let out = '';
  let count = 0;
  let over = false;
  const push = (s) => {
    if (utf8Length(out) + utf8Length(s) > MAX_CELL_BYTES) over = true;
    else out += s;
  };
  while (x.depth >= depth) {
    const ev = x.next();
    if (ev === END) break;
    if (ev === OPEN) {
      switch (x.name) {
        case 'text:p':
        case 'text:h':
          if (count > 0) push('\n');
          count++;
          break;
        case 'text:s':
          push(' '.repeat(Math.min(repeat(x, 'c'), MAX_CELL_BYTES + 1)));
          break;
        case 'text:tab':
          push('\t');
          break;
        case 'text:line-break':
          push('\n');
          break;
        case 'office:annotation':
        case 'draw:frame':
        case 'draw:custom-shape':
        case 'draw:g':
          x.skip();
          break;
      }
    } else if (ev === TEXT && x.depth > depth) push(x.text);
  }
  return over ? null : out;
}
