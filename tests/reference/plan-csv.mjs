// Reads a plan written as CSV (contract 1.1, "Plans as CSV") into the JSON shape of a plan, so
// that plan.mjs checks and allocates it exactly like a JSON plan. Written from the contract text
// alone; where the contract is silent, the choice is commented here and listed in
// tests/reference/PLAN-NOTES.md.
//
// Two layers, deliberately separate:
//   1. the CSV syntax (encoding, quotes, header): its errors are `invalid_csv` at `csv:LINE:COLUMN`
//      (1-based; LINE is the physical line of the file, COLUMN the field number in that row,
//      as a spreadsheet counts its columns);
//   2. the cells as entry fields: what a cell means is then checked by the plan reader like any
//      JSON entry, so its errors carry the entry path (`plan.entries[3].alliance[2]`), as the
//      contract says for "an error in an entry".

import { fail } from './exact.mjs';

// "The first line names the columns, in any order, German or English ... (case-insensitive)."
const COLUMNS = new Map([
  ['dienst', 'service'], ['service', 'service'],
  ['linie', 'line'], ['line', 'line'],
  ['jahr', 'year'], ['year', 'year'],
  ['kosten', 'costs'], ['costs', 'costs'],
  ['allianz', 'alliance'], ['alliance', 'alliance'],
  ['modell', 'model'], ['model', 'model'],
  ['schlüssel', 'key'], ['key', 'key'],
]);
const REQUIRED = ['service', 'year', 'costs'];

const at = (line, column) => `csv:${line}:${column}`;

// ---------------------------------------------------------------- encoding

/**
 * The text of a CSV file. Bytes must be UTF-8: "Windows-1252 text is not (invalid_csv: save as
 * UTF-8)". Bytes are decoded with replacement characters, and the tokenizer below refuses a
 * U+FFFD wherever it stands, so the error points at the line and column of the first bad byte.
 * The same rule catches a file that a caller already decoded as UTF-8 into a JS string.
 */
export function csvText(input) {
  if (typeof input === 'string') return input;
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(input);
}

// ---------------------------------------------------------------- tokenizer

// Unicode White_Space: a cell of only these is empty where emptiness decides (blank rows,
// cells beyond the header). Inside a named column a cell is taken as written.
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const BLANK = new RegExp(`^[${WS}]*$`);
const SPACES = new RegExp(`[${WS}]+`);
const SPACES_OR_COMMAS = new RegExp(`[${WS},]+`);
const isBlank = (text) => BLANK.test(text);

const isLineEnd = (text, i) => text[i] === '\n' || text[i] === '\r';
/** The length of the line end at i: "\r\n", "\n", or a lone "\r" (old Mac files). */
const lineEndLength = (text, i) => (text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1);

/**
 * Splits the text into rows of cells. Each row: { line, cells: [{ text, quoted }] } with `line`
 * the physical line the row starts on. Line ends are "\r\n", "\n" (the contract's) and a lone
 * "\r" (old Mac files; the engine reads them too). "Blank lines are accepted": a row whose cells
 * are all empty or white space (also ";;;", as spreadsheets export cleared rows) is dropped.
 */
function tokenize(text, sep) {
  const rows = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const rowLine = line;
    const cells = [];
    let column = 1;
    for (;;) {
      let cell = '';
      let quoted = false;
      if (text[i] === '"') {
        // A quoted field: separators, quotes ("") and line ends inside it are text.
        quoted = true;
        const openLine = line;
        i++;
        for (;;) {
          if (i >= n) fail('invalid_csv', at(openLine, column), 'unclosed quote');
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (ch === '\uFFFD') fail('invalid_csv', at(line, column), 'not UTF-8');
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
          cell += ch;
          i++;
        }
        // After the closing quote only a separator or the end of the row may follow.
        if (i < n && text[i] !== sep && !isLineEnd(text, i)) {
          fail('invalid_csv', at(line, column), 'text after a closing quote');
        }
      } else {
        while (i < n && text[i] !== sep && !isLineEnd(text, i)) {
          if (text[i] === '\uFFFD') fail('invalid_csv', at(line, column), 'not UTF-8');
          cell += text[i];
          i++;
        }
      }
      cells.push({ text: cell, quoted });
      if (i < n && text[i] === sep) { i++; column++; continue; }
      // End of the row (line end or end of text).
      if (i < n) { i += lineEndLength(text, i); line++; }
      break;
    }
    if (!cells.every((c) => isBlank(c.text))) rows.push({ line: rowLine, cells });
  }
  return rows;
}

// ---------------------------------------------------------------- cells → entry fields

// "With ; an amount is written the German way (, before the decimals, . between thousands:
// 1.200.000,00); with , the plain way (1200000.00, no grouping)." Grouping is optional in the
// German form ("850.000" and "850000" are the same); when grouped, every group has 3 digits.
const GERMAN = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
const PLAIN = /^\d+(?:\.\d+)?$/;

/**
 * An amount cell as the plain decimal string of a JSON plan. A cell in the wrong form is not
 * guessed at ("12.50" in a ; file could be twelve and a half or 1250): it is handed on as text
 * that no decimal reader accepts, so the entry fails with invalid_amount at
 * plan.entries[N].costs, the code the contract gives for "not a decimal".
 */
function amountCell(text, sep) {
  if (sep === ';') {
    const m = GERMAN.exec(text);
    if (m) return m[1].replaceAll('.', '') + (m[2] !== undefined ? `.${m[2]}` : '');
  } else if (PLAIN.test(text)) {
    return text;
  }
  return `not a ${sep === ';' ? 'German' : 'plain'} amount: ${text}`;
}

/** A year cell: digits become a JSON integer; anything else stays text (then invalid_year). */
const yearCell = (text) => (/^\d{1,6}$/.test(text) ? Number(text) : text);

/**
 * "Allianz lists Länder separated by spaces (and by , in a ; file), or alle/all." alle/all in
 * any case (a spreadsheet user types "Alle"). Empty pieces from doubled separators are dropped.
 */
function allianceCell(text, sep) {
  if (/^(alle|all)$/i.test(text.trim())) return 'all';
  // "(and by , in a ; file)": in a , file a comma is the cell separator, and a quoted "BY,HE"
  // is one (unknown) name, as the contract words it.
  return text.split(sep === ';' ? SPACES_OR_COMMAS : SPACES).filter((p) => p !== '');
}

// ---------------------------------------------------------------- the file

/**
 * CSV text (or bytes) → { plan: { entries: [...] } }. Throws invalid_csv for the syntax; what the
 * cells mean is checked later by the plan reader with entry paths.
 */
export function readPlanCsv(input) {
  let text = csvText(input);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  // "The separator is ; or ,, whichever the header line uses": the first non-blank line.
  const headerText = text.split(/\r\n|\n|\r/).find((l) => !isBlank(l)) ?? '';
  const sep = headerText.includes(';') ? ';' : ',';
  const rows = tokenize(text, sep);
  if (rows.length === 0) fail('invalid_csv', at(1, 1), 'no header line');

  const [header, ...data] = rows;
  // A first line without ; or , names at most one column: it is no header (3 are required).
  if (header.cells.length === 1) fail('invalid_csv', at(header.line, 1), 'no header line');
  // A header cell that is empty names no column (a spreadsheet's trailing ;); its cells must be
  // empty too.
  const fields = header.cells.map((cell, c) => {
    if (isBlank(cell.text)) return null;
    const field = COLUMNS.get(cell.text.trim().toLowerCase());
    if (!field) fail('invalid_csv', at(header.line, c + 1), `unknown column ${JSON.stringify(cell.text)}`);
    return field;
  });
  fields.forEach((f, c) => {
    if (f && fields.indexOf(f) !== c) fail('invalid_csv', at(header.line, c + 1), `column ${f} twice`);
  });
  // A missing required column is pointed at one past the header's last column, where it would
  // have to be added (the contract names no column for what is not there).
  for (const f of REQUIRED) {
    if (!fields.includes(f)) fail('invalid_csv', at(header.line, fields.length + 1), `no column ${f}`);
  }

  const entries = data.map((row) => {
    const entry = {};
    row.cells.forEach((cell, c) => {
      const f = fields[c];
      // Cells beyond the header or under an empty header name are fine while empty (a
      // spreadsheet pads rows); anything in them would be silently lost.
      if (!f) {
        if (!isBlank(cell.text)) fail('invalid_csv', at(row.line, c + 1), 'a cell outside the named columns');
        return;
      }
      // "An empty cell means the field is absent."
      if (cell.text === '') return;
      if (f === 'year') entry.year = yearCell(cell.text);
      else if (f === 'costs') entry.costs = amountCell(cell.text, sep);
      else if (f === 'alliance') entry.alliance = allianceCell(cell.text, sep);
      else entry[f] = cell.text;
    });
    return entry;
  });
  return { plan: { entries } };
}
