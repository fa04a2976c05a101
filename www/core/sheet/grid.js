// A sheet as the engine takes it (src/text/sheet/grid.rs): its non-empty rows, each
// [ROW, [COL, KIND, VALUE], …], with the limits of src/text/sheet/mod.rs. A number goes over as
// the sheet shows it (shown below), so the engine's module needs no binary-float code.

import { SheetError } from './errors.js';

/** Most non-empty rows read of one sheet (a plan has a header and at most 500 entries). */
export const MAX_ROWS = 1000;
export const MAX_COLUMN = 16384;
export const MAX_ROW = 1048576;
/** Longest text kept of a cell, in UTF-8 bytes. */
export const MAX_CELL_BYTES = 4096;
/** Most non-empty cells kept of one sheet. */
export const MAX_CELLS = 200000;

export class Sheet {
  constructor(name) {
    this.name = name;
    this.rows = [];
    this.truncated = false;
    this.cells = 0;
  }

  /** Adds a row with at least one cell; false when the sheet is full (reading it can stop). */
  push(row, cells) {
    if (this.rows.length >= MAX_ROWS) {
      this.truncated = true;
      return false;
    }
    this.cells += cells.length;
    if (this.cells > MAX_CELLS) throw new SheetError('too_many_cells', { sheet: this.name }, `sheet:${this.name}`);
    this.rows.push([row, ...cells]);
    return true;
  }

  json() {
    return JSON.stringify({ name: this.name, truncated: this.truncated, rows: this.rows });
  }
}

/** A text cell's value: text, or "l" beyond the limit (null from the reader). */
export const textCell = (col, t) => (t === null ? [col, 'l'] : [col, 's', t]);

const bits = new DataView(new ArrayBuffer(8));

/**
 * A number as a spreadsheet shows it at full precision: the binary value of `raw` rounded to 15
 * significant digits (Excel's precision), half to even on the exact value, as a plain decimal
 * (`0.30000000000000004` → `0.3`, `1E-3` → `0.001`); null for text that is no finite number.
 * The same as `shown` in src/plan/read_sheet.rs (Rust's `{:.14e}`), which reads workbooks natively;
 * exact with BigInt, because Number#toPrecision rounds ties up.
 */
export function shown(raw) {
  const s = raw.trim();
  // what Rust's f64 parser takes, less inf/NaN (not finite either way)
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const x = Number(s);
  if (!Number.isFinite(x)) return null;
  if (x === 0) return '0';
  bits.setFloat64(0, Math.abs(x));
  const hi = bits.getUint32(0);
  const e = hi >>> 20;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(bits.getUint32(4));
  let p = -1074;
  if (e) {
    m |= 1n << 52n;
    p = e - 1075;
  }
  // the exact value is digits × 10^q
  let digits = p >= 0 ? String(m << BigInt(p)) : String(m * 5n ** BigInt(-p));
  let q = p >= 0 ? 0 : p;
  if (digits.length > 15) {
    const rest = digits.slice(15);
    let kept = BigInt(digits.slice(0, 15));
    const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || kept % 2n === 1n));
    if (up) kept += 1n;
    q += rest.length;
    digits = String(kept);
  }
  digits = digits.replace(/0+$/, (z) => ((q += z.length), ''));
  let out = q >= 0 ? digits + '0'.repeat(q) : digits.length > -q ? `${digits.slice(0, q)}.${digits.slice(q)}` : `0.${'0'.repeat(-q - digits.length)}${digits}`;
  return x < 0 ? `-${out}` : out;
}

/** A number cell: [COL, "n", shown] ([COL, "n"] when it is no finite number). */
export const numberCell = (col, raw) => {
  const d = shown(raw);
  return d === null ? [col, 'n'] : [col, 'n', d];
};
