// The package's workbook module (efa-rechner/sheet): the container reader for workbooks (.xlsx,
// .ods) and the writer of a plan's result workbook (write.js), loaded only when a workbook is
// opened or written: the engine's glue imports it on first use (readWorkbook in src/wasm.rs), so the
// calculator's first result loads none of it. It reads the ZIP container with the platform's
// inflate (DecompressionStream) and the XML strictly, within the contract's limits (10 MB of file,
// 50 MB unpacked, no document types, at most 128 levels), into the cells of each sheet as the
// file stores them; what a cell means for a plan is decided by the engine, for every door alike.

import { Zip } from './zip.js';
import { SheetError } from './errors.js';
import * as xlsx from './xlsx.js';
import * as ods from './ods.js';

export { planToXlsx } from './write.js';

/** Largest workbook file. */
export const MAX_FILE_BYTES = 10000000;
/** Most bytes unpacked from a workbook, all parts together. */
export const MAX_UNPACKED_BYTES = 50000000;

/**
 * Reads the workbook `bytes` (a Uint8Array) sheet by sheet in the workbook's order, handing each
 * sheet to `take` as the engine's compact JSON (src/text/sheet/grid.rs); `take` returns true at
 * the plan sheet, and reading stops. Resolves to null, or to the reader's error as JSON
 * ({kind, path, args}) for the engine to word. An exception of `take` passes through.
 */
export async function readSheets(bytes, take) {
  let taking = false;
  const give = (sheet) => {
    taking = true;
    const stop = take(sheet.json());
    taking = false;
    return stop;
  };
  try {
    await readWorkbook(bytes, give);
    return null;
  } catch (e) {
    if (taking) throw e;
    if (e instanceof SheetError) return JSON.stringify({ kind: e.kind, path: e.path, args: e.args });
    if (e instanceof RangeError) return JSON.stringify({ kind: 'damaged', args: { what: 'too large to read' } });
    throw e;
  }
}

async function readWorkbook(bytes, take) {
  if (bytes.length > MAX_FILE_BYTES) throw new SheetError('too_large', { bytes: String(bytes.length) });
  if (!isZip(bytes)) throw new SheetError('not_workbook');
  const zip = new Zip(bytes, MAX_UNPACKED_BYTES);
  if (zip.has('xl/workbook.xml')) return xlsx.read(zip, take);
  const mime = await zip.read('mimetype');
  if (mime && new TextDecoder().decode(mime).trim() === 'application/vnd.oasis.opendocument.spreadsheet') return ods.read(zip, take);
  throw new SheetError('other_zip');
}

/** True for the bytes of a ZIP archive (a workbook's container), by its first four bytes. */
export const isZip = (b) => b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
