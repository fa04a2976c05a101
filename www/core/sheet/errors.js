// Errors of the container reader: a kind and the parts only the reader knows. The engine gives
// them their German and English texts from its one catalogue (src/text/sheet/grid.rs), so a
// workbook read here fails with the same code, path and message as one read natively.

export class SheetError extends Error {
  constructor(kind, args = {}, path = 'sheet') {
    super(kind);
    this.kind = kind;
    this.args = args;
    this.path = path;
  }
}

export const damaged = (what) => new SheetError('damaged', { what });
export const missingPart = (part) => new SheetError('missing_part', { part });
export const beyond = (sheet, what) => new SheetError('beyond', { sheet, what }, `sheet:${sheet}`);

/** `A1` notation of a cell. */
export function cellRef(col, row) {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row}`;
}
