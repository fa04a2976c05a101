// efa-rechner/sheet: workbooks (.xlsx, .ods) in the browser and in Node, without the engine's
// module growing: the container reader that allocatePlan loads on first use of a workbook, and
// the workbook writer for a plan's result.

/**
 * Reads a workbook's bytes sheet by sheet, handing each sheet to `take` as compact JSON (the
 * engine's form); `take` returns true to stop. Resolves to null, or to the reader's error as JSON
 * (`{kind, path, args}`), which the engine words. `allocatePlan` does all this for you.
 */
export function readSheets(bytes: Uint8Array, take: (sheet: string) => boolean): Promise<string | null>;

/**
 * A plan response (from `allocatePlan`) as an Excel workbook (`.xlsx`): payers × years (with the
 * comparison), services × years, entries, the 2023/43 lines, the sources (and notes, if any);
 * amounts as number cells with a two-decimal euro format, texts as plain strings, the header row
 * frozen. The same bytes as `efa-rechner plan FILE --format xlsx`.
 */
export function planToXlsx(response: import('./efa_rechner.js').PlanResponse): Blob;
