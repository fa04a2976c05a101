// The ZIP container of a workbook, read from its central directory, as src/text/sheet/zip.rs
// reads it: stored and deflated entries only, every offset checked against the file, and every
// entry inflated by the platform (DecompressionStream) against the budget of 50 MB unpacked in
// all, trusting neither the declared sizes nor the compression ratio: inflating stops as soon as
// an entry passes its declared size.

import { SheetError, damaged } from './errors.js';

/** Most entries in the central directory (a workbook has a few dozen). */
const MAX_ENTRIES = 10000;
/** Compressed bytes handed to the inflater at a time: its output per step stays bounded (a
 *  deflated run of zeros grows at most about 1,000-fold). */
const SLICE = 4096;

const broken = () => damaged('ZIP directory');
export const tooLarge = (part) => new SheetError('unpacked', { part });

export class Zip {
  /** Reads the central directory of `bytes` (a Uint8Array). */
  constructor(bytes, unpacked) {
    this.bytes = bytes;
    this.budget = unpacked;
    this.used = 0;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = view;
    const n = bytes.length;
    const u16 = (at) => (at >= 0 && at + 2 <= n ? view.getUint16(at, true) : null);
    const u32 = (at) => (at >= 0 && at + 4 <= n ? view.getUint32(at, true) : null);
    this.u16 = u16;
    this.u32 = u32;
    // The end record is in the last 22 + 65,535 bytes (its comment is at most that long).
    let eocd = -1;
    for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw broken();
    const count = u16(eocd + 10);
    const cdSize = u32(eocd + 12);
    const cdOffset = u32(eocd + 16);
    if (count === null || cdSize === null || cdOffset === null) throw broken();
    // ZIP64: a workbook of at most 10 MB never needs it.
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw broken();
    if (count > MAX_ENTRIES) throw new SheetError('too_many_parts');
    const names = new TextDecoder('utf-8');
    this.entries = new Map();
    let at = cdOffset;
    for (let k = 0; k < count; k++) {
      if (u32(at) !== 0x02014b50) throw broken();
      const f = (off) => {
        const v = u16(at + off);
        if (v === null) throw broken();
        return v;
      };
      const f32 = (off) => {
        const v = u32(at + off);
        if (v === null) throw broken();
        return v;
      };
      const nameLen = f(28);
      if (at + 46 + nameLen > n) throw broken();
      const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLen));
      const entry = { flags: f(8), method: f(10), compressed: f32(20), size: f32(24), local: f32(42) };
      if (!this.entries.has(name)) this.entries.set(name, entry);
      at += 46 + nameLen + f(30) + f(32);
    }
  }

  has(name) {
    return this.entries.has(name);
  }

  /** The unpacked bytes of the entry `name`, or null when there is none. */
  async read(name) {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.flags & 1) throw new SheetError('encrypted');
    if (e.size > this.budget - this.used) throw tooLarge(name);
    const at = e.local;
    if (at >= this.bytes.length || this.u32(at) !== 0x04034b50) throw broken();
    const nameLen = this.u16(at + 26);
    const extraLen = this.u16(at + 28);
    if (nameLen === null || extraLen === null) throw broken();
    const start = at + 30 + nameLen + extraLen;
    if (start + e.compressed > this.bytes.length) throw broken();
    const data = this.bytes.subarray(start, start + e.compressed);
    let out;
    if (e.method === 0) out = data.slice();
    else if (e.method === 8) out = await inflate(data, e.size, name);
    else throw new SheetError('unknown_method');
    if (out.length !== e.size) throw broken();
    this.used += out.length;
    return out;
  }
}

/** Inflates `data` (raw deflate) to at most `limit` bytes: more is a ZIP bomb (too_large). */
async function inflate(data, limit, name) {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let stop = false;
  // The compressed bytes go in slice by slice while the output is read and counted: the stream's
  // backpressure keeps at most one slice's output waiting.
  const feeding = (async () => {
    for (let i = 0; i < data.length && !stop; i += SLICE) await writer.write(data.subarray(i, i + SLICE));
    if (!stop) await writer.close();
  })();
  feeding.catch(() => {});
  const out = new Uint8Array(limit);
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (n + value.length > limit) throw tooLarge(name);
      out.set(value, n);
      n += value.length;
    }
    await feeding;
  } catch (e) {
    stop = true;
    reader.cancel().catch(() => {});
    writer.abort().catch(() => {});
    if (e instanceof SheetError) throw e;
    throw broken();
  }
  return n === limit ? out : out.subarray(0, n);
}
