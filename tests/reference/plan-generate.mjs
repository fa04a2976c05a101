// Seeded generator of random plans (contract 1.1) for differential testing: each plan as a JSON
// object and, where a spreadsheet can express it, as CSV text with ";" (German numbers) and with
// "," (plain numbers). About one plan in eight carries exactly one defect whose code and path the
// contract fixes; the generator states that error, and the reference must agree with it.
//
// Deterministic: the same seed gives the same plan everywhere (integer-only PRNG, generate.mjs).
// Entries that the version-1 generator makes (generateRequest) give the JSON-only plans their
// variety: custom models, mix keys, memberships, rounding units, cost items.

import { Rng, landName, generateRequest } from './generate.mjs';
import { allocate } from './allocate.mjs';

const CODES = ['SH', 'HH', 'NI', 'HB', 'NW', 'HE', 'RP', 'BW', 'BY', 'SL', 'BE', 'BB', 'MV', 'SN', 'ST', 'TH'];
const MODELS = ['alliance', 'itplr-2023-35', 'fitko'];
const SERVICES = [
  'Wohngeld', 'Elterngeld', 'Baugenehmigung', 'Ummeldung', 'Einbürgerung', 'Hundesteuer',
  'Schwerbehindertenausweis', 'Führerschein, Umtausch', 'Kfz-Zulassung; online', 'Bauantrag "digital"',
  'Ausländerbehörde – Termin', 'Gewerbe-An/Ummeldung', 'BAföG', 'Unterhaltsvorschuss',
  // Cells a spreadsheet would run as a formula: the plan reads them as plain names.
  '=HYPERLINK("http://example.invalid";"klick")', '+49 Bürgertelefon', '-Abzug', '@Sachgebiet',
  'Ein Dienst mit einem Namen von genau vierundsechzig Zeichen, ja!',
];
const RARE_SERVICES = ['Zeile eins\nZeile zwei', ' Leerzeichen vorn', '"ganz in Anführungszeichen"'];
const TITLES = ['EfA-Portfolio 2025-2026', 'Haushalt Hessen', 'Länderübersicht „Fokus“', '=SUMME(A1:A9)', 'T'.repeat(120)];
const KEYS = ['ks', 'ks-2014', 'ks-2015', 'ks-2016', 'ks-2019', 'population', 'equal'];

const usesAlliance = (model) => model === undefined || model === 'alliance' || model === 'itplr-2023-35';

/** Cents as the text of a JSON amount: "1234.56", sometimes "1234.5" or "1234" when exact. */
function centsText(rng, cents) {
  const euros = cents / 100n;
  const rest = cents % 100n;
  if (rest === 0n && rng.chance(40)) return String(euros);
  if (rest % 10n === 0n && rng.chance(30)) return `${euros}.${rest / 10n}`;
  return `${euros}.${String(rest).padStart(2, '0')}`;
}

/** An entry a CSV line can hold: one amount in cents, named model and key, no membership. */
function simpleEntry(rng, years, needAlliance) {
  const model = rng.weighted([[3, undefined], [4, 'alliance'], [5, 'itplr-2023-35'], [2, 'fitko']]);
  const entry = { service: '', year: rng.pick(years) };
  const cents = rng.weighted([[1, 0n], [3, rng.big(1n, 10_000n)], [12, rng.big(1n, 10n ** 10n)], [3, rng.big(1n, 10n ** 15n)], [1, 10n ** 15n]]);
  const text = centsText(rng, cents);
  entry.costs = /^\d+$/.test(text) && cents < 10n ** 15n && rng.chance(25) ? Number(text) : text;
  if (usesAlliance(model) || needAlliance || rng.chance(70)) {
    if (rng.chance(15)) entry.alliance = rng.pick(['all', 'all', 'ALL']);
    else entry.alliance = rng.sample(CODES, rng.weighted([[4, rng.int(1, 4)], [3, rng.int(5, 15)], [1, 16]])).map((c) => landName(rng, c));
  }
  if (model !== undefined) entry.model = model;
  const key = rng.weighted([[4, undefined], [6, rng.pick(KEYS)]]);
  if (key !== undefined) entry.key = key;
  return entry;
}

/** A version-1 request of the full generator as an entry (without kommunen, which plans refuse). */
function complexEntry(rng) {
  const request = generateRequest(rng.u32());
  delete request.kommunen;
  return { service: '', ...request };
}

/** True when the version-1 reference allocates the entry, and its comparison if asked. */
function allocates(entry, compare) {
  const { service, line, ...request } = entry;
  try {
    allocate(structuredClone(request));
    if (compare) {
      const again = structuredClone(request);
      again.model = compare;
      if (Array.isArray(again.costs)) for (const it of again.costs) if (it.model !== undefined) it.model = compare;
      allocate(again);
    }
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- CSV writing

const HEADER_NAMES = {
  service: ['Dienst', 'service'], line: ['Linie', 'line'], year: ['Jahr', 'year'], costs: ['Kosten', 'costs'],
  alliance: ['Allianz', 'alliance'], model: ['Modell', 'model'], key: ['Schlüssel', 'key'],
};

function caseVariant(rng, name) {
  return rng.weighted([[6, name], [2, name.toLowerCase()], [1, name.toUpperCase()]]);
}

/** A JSON amount (string or number) in the German form: 1.200.000,00 (grouping optional). */
function germanAmount(rng, value) {
  const [int, frac] = String(value).split('.');
  const grouped = rng.chance(70) ? int.replace(/\B(?=(\d{3})+$)/g, '.') : int;
  return frac === undefined ? grouped : `${grouped},${frac}`;
}

function allianceText(rng, alliance, sep) {
  if (alliance === 'all' || alliance === 'ALL') return rng.pick(['alle', 'all', 'Alle', 'ALLE']);
  // Spaces between names, and in a ";" file also "," (with or without a space).
  return alliance.map((n, i) => (i === 0 ? n : (sep === ';' ? rng.pick([' ', ',', ', ']) : rng.pick([' ', '  '])) + n)).join('');
}

function quote(rng, text, sep) {
  // Quotes keep what an unquoted cell would lose: separators, line ends, white space around.
  const needs = text.includes(sep) || text.includes('"') || text.includes('\n') || text.includes('\r') || text !== text.trim();
  return needs || rng.chance(8) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The entries as CSV text. Returns { text, lines: [physical line of each entry], columns: [field
 * of each column] } so that defects can be placed and their csv:LINE:COLUMN stated.
 */
export function writeCsv(rng, entries, sep) {
  const used = new Set(['service', 'year', 'costs']);
  for (const e of entries) for (const f of ['line', 'alliance', 'model', 'key']) if (e[f] !== undefined || rng.chance(5)) used.add(f);
  const columns = rng.shuffle([...used]);
  const eol = rng.pick(['\r\n', '\n']);
  const header = columns.map((f) => {
    const name = caseVariant(rng, rng.pick(HEADER_NAMES[f]));
    return rng.chance(10) ? `"${name}"` : name;
  }).join(sep);
  const out = [header];
  let physical = 1;
  const lines = [];
  for (const e of entries) {
    while (rng.chance(8)) { out.push(''); physical += 1; } // blank lines are accepted
    const cells = columns.map((f) => {
      const v = e[f];
      if (v === undefined) return '';
      if (f === 'costs') return quote(rng, sep === ';' ? germanAmount(rng, v) : String(v), sep);
      if (f === 'alliance') return quote(rng, allianceText(rng, v, sep), sep);
      return quote(rng, String(v), sep);
    });
    physical += 1;
    lines.push(physical);
    const row = cells.join(sep);
    physical += (row.match(/\n/g) ?? []).length; // a quoted line end continues the row
    out.push(row);
  }
  let text = out.join(eol);
  if (rng.chance(70)) text += eol;
  if (rng.chance(40)) text = `\uFEFF${text}`;
  return { text, lines, columns };
}

// ---------------------------------------------------------------- plans

/**
 * A random plan for `seed`:
 * { seed, plan: { plan: {...} }, options: { compare?, title? },
 *   csv: { ';': text, ',': text } | null,         the same plan as CSV, where CSV can hold it
 *   bytes: Uint8Array | undefined,                 a defect only bytes can carry (Windows-1252)
 *   expect: { code, path } | null,                 the one defect's error, null for a valid plan
 *   forms: ['object', 'json', 'csv;', 'csv,'] }    the inputs worth sending
 */
export function generatePlan(seed) {
  const rng = new Rng(seed * 7919 + 17);
  const csvCapable = rng.chance(55);
  const compare = rng.weighted([[5, undefined], [3, 'alliance'], [3, 'itplr-2023-35'], [2, 'fitko']]);
  const years = rng.sample([2013, 2019, 2020, 2024, 2025, 2026, 2027, 2028, 2030], rng.weighted([[3, 1], [5, 2], [3, 3], [1, 5]])).sort();
  // One seed in 97 makes a plan near the limit of 500 entries.
  const count = seed % 97 === 0 ? rng.int(400, 500) : rng.weighted([[10, rng.int(1, 4)], [6, rng.int(5, 12)], [2, rng.int(13, 40)]]);
  const services = rng.sample(SERVICES, rng.int(1, Math.min(6, count)));
  if (rng.chance(5)) services.push(rng.pick(RARE_SERVICES));

  const entries = [];
  for (let i = 0; i < count; i++) {
    let entry;
    for (let attempt = 0; attempt < 30; attempt++) {
      const simple = csvCapable || rng.chance(40);
      entry = simple ? simpleEntry(rng, years, compare !== undefined && compare !== 'fitko') : complexEntry(rng);
      entry.service = rng.pick(services);
      const line = rng.weighted([[3, undefined], [4, 'fokus'], [3, 'foederal']]);
      if (line !== undefined) entry.line = line;
      if (allocates(entry, compare)) break;
      entry = null;
    }
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) entries.push({ service: 'Wohngeld', year: 2025, costs: '1000.00', alliance: ['BY', 'HE'] });

  const plan = { entries };
  const options = {};
  if (compare !== undefined) {
    if (csvCapable || rng.chance(30)) options.compare = compare;
    else plan.compare = compare;
  }
  if (rng.chance(40)) {
    const title = rng.pick(TITLES);
    if (csvCapable || rng.chance(50)) options.title = title;
    else plan.title = title;
  }
  if (!csvCapable && rng.chance(50)) {
    plan.ceilings = {};
    for (const line of rng.sample(['fokus', 'foederal'], rng.int(1, 2))) {
      plan.ceilings[line] = rng.pick(['0', '0.00', '1000000', '2000000.00', '15000000.00', '250000.5', String(rng.big(0n, 10n ** 9n)), `${rng.big(0n, 10n ** 7n)}.${rng.int(0, 999)}`]);
    }
  }
  const out = { seed, plan: { plan }, options, csv: null, expect: null, forms: ['object', 'json'] };
  if (csvCapable) {
    const semi = writeCsv(rng, entries, ';');
    const comma = writeCsv(rng, entries, ',');
    out.csv = { ';': semi.text, ',': comma.text };
    out.csvLayout = { ';': semi, ',': comma };
    out.forms.push('csv;', 'csv,');
  }
  if (rng.chance(12)) (csvCapable && rng.chance(50) ? breakCsv : breakJson)(rng, out);
  delete out.csvLayout;
  return out;
}

// ---------------------------------------------------------------- defects

/** One defect in the JSON plan; the CSV forms are dropped (they no longer say the same). */
function breakJson(rng, out) {
  const plan = out.plan.plan;
  const list = plan.entries;
  const i = rng.int(0, list.length - 1);
  const e = list[i];
  const at = `plan.entries[${i}]`;
  out.csv = null;
  out.forms = ['object', 'json'];
  const plain = e.membership === undefined; // a changed year or alliance must not break dates
  const defects = [
    () => { plan.entries = []; return ['invalid_plan', 'plan.entries']; },
    () => { while (list.length <= 500) list.push(list[list.length % Math.max(1, i + 1)]); return ['invalid_plan', 'plan.entries']; },
    () => { e.line = rng.pick(['federal', 'fokusleistung', '2023/43', 'FOKUS']); return ['invalid_line', `${at}.line`]; },
    () => { e.kommunen = { land: 'HE' }; return ['unknown_field', `${at}.kommunen`]; },
    () => { delete e.service; return ['missing_field', `${at}.service`]; },
    () => { plan.compare = rng.pick(['solidarity', 'ITPLR-2023-35', 'custom']); delete out.options.compare; return ['unknown_model', 'plan.compare']; },
    () => { plan[rng.pick(['titel', 'entry', 'ceiling'])] = 1; return ['unknown_field', `plan.${Object.keys(plan).at(-1)}`]; },
    () => { plan.ceilings = { ...plan.ceilings, fokus: rng.pick(['-1', 'viel', '1,5']) }; return ['invalid_amount', 'plan.ceilings.fokus']; },
    () => { plan.ceilings = { bund: '1' }; return ['unknown_field', 'plan.ceilings.bund']; },
    () => { e.model = rng.pick(['itplr', 'efa', 'Alliance']); for (const it of Array.isArray(e.costs) ? e.costs : []) delete it.model; return ['unknown_model', `${at}.model`]; },
  ];
  if (plain && Array.isArray(e.alliance)) {
    defects.push(() => { const k = rng.int(0, e.alliance.length - 1); e.alliance[k] = rng.pick(['XX', 'DE-XX', '17', 'Bayern']); return ['unknown_land', `${at}.alliance[${k}]`]; });
  }
  if (plain && !Array.isArray(e.costs) && e.rounding === undefined) {
    defects.push(() => { e.costs = rng.pick(['-5', '1e3', 'zehn']); return ['invalid_amount', `${at}.costs`]; });
    defects.push(() => { e.year = rng.pick([1999, 2101]); return ['invalid_year', `${at}.year`]; });
  }
  const [code, path] = rng.pick(defects)();
  out.expect = { code, path };
}

/** One defect in the CSV forms; only the broken form is sent (the others would contradict it). */
function breakCsv(rng, out) {
  const sep = rng.pick([';', ',']);
  const layout = out.csvLayout[sep];
  const entries = out.plan.plan.entries;
  const rows = rawRows(layout.text, sep);
  const bom = layout.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lastLine = layout.lines[entries.length - 1];
  const defects = [
    // Windows-1252: "ü" as the single byte 0xFC at the start of entry i's row.
    () => {
      const line = layout.lines[rng.int(0, entries.length - 1)];
      const before = Buffer.byteLength(physicalLines(layout.text).slice(0, line - 1).join(''), 'utf8');
      const bytes = Buffer.from(layout.text, 'utf8');
      out.bytes = new Uint8Array(Buffer.concat([bytes.subarray(0, before), Buffer.from([0xfc]), bytes.subarray(before)]));
      return ['invalid_csv', `csv:${line}:1`];
    },
    // A header without a required column (the rows without its cells).
    () => {
      const f = rng.pick(['service', 'year', 'costs']);
      const idx = layout.columns.indexOf(f);
      out.csv[sep] = bom + rows.map((r) => r.cells.filter((_, c) => c !== idx || r.cells.length === 1 && r.cells[0] === '').join(sep) + r.end).join('');
      return ['invalid_csv', `csv:1:${layout.columns.length}`];
    },
    // An unknown column name in the header.
    () => {
      const c = rng.int(1, layout.columns.length);
      rows[0].cells[c - 1] = rng.pick(['Kosten2', 'Betrag', 'Dienstleistung', 'Jahr (WJ)']);
      out.csv[sep] = bom + rows.map((r) => r.cells.join(sep) + r.end).join('');
      return ['invalid_csv', `csv:1:${c}`];
    },
    // A header and no data.
    () => {
      out.csv[sep] = bom + rows[0].cells.join(sep) + rows[0].end;
      return ['invalid_plan', 'plan.entries'];
    },
    // A defect in one entry's cell: the file is written again; the error carries the entry path.
    ...[
      ['alliance', 'unknown_land', (e) => { e.alliance = [...(Array.isArray(e.alliance) ? e.alliance : ['BY']), rng.pick(['XX', 'Bayern', '17'])]; }],
      ['costs', 'invalid_amount', (e) => { e.costs = rng.pick(['-5', '1,2,3', 'zehn', '+7']); }],
      ['line', 'invalid_line', (e) => { e.line = rng.pick(['bund', 'federal', 'fokusleistung']); }],
      ['model', 'unknown_model', (e) => { e.model = rng.pick(['itplr', 'solidar', 'Alliance']); }],
      ['year', 'invalid_year', (e) => { e.year = rng.pick([1999, 2101, 'zwanzig']); }],
    ].map(([field, code, spoil]) => () => {
      const i = rng.int(0, entries.length - 1);
      const broken = structuredClone(entries);
      spoil(broken[i]);
      const written = writeCsv(rng, broken, sep);
      out.csv[sep] = written.text;
      const sub = code === 'unknown_land' ? `[${broken[i].alliance.length - 1}]` : '';
      return [code, `plan.entries[${i}].${field}${sub}`];
    }),
  ];
  // An unclosed quote: the last row opens a quote that runs to the end of the file. Only where
  // that row has no quote of its own, so that nothing closes it early.
  const lastRow = rows.find((r) => r.line === lastLine);
  if (!lastRow.cells.join(sep).includes('"')) {
    defects.push(() => {
      lastRow.cells[0] = `"${lastRow.cells[0]}`;
      out.csv[sep] = bom + rows.map((r) => r.cells.join(sep) + r.end).join('');
      return ['invalid_csv', `csv:${lastLine}:1`];
    });
  }
  const [code, path] = rng.pick(defects)();
  out.expect = { code, path };
  out.forms = out.bytes ? ['bytes'] : [`csv${sep}`];
}

/** The text split after each "\n", so that line N is element N-1 (with its line end). */
const physicalLines = (text) => text.split(/(?<=\n)/);

/**
 * The rows of a CSV text the writer made, cells kept raw (quotes included):
 * [{ line, cells: [raw], end: '\r\n' | '\n' | '' }]; blank lines are rows with one empty cell.
 */
function rawRows(text, sep) {
  const rows = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const row = { line, cells: [], end: '' };
    let cell = '';
    for (;;) {
      if (i >= text.length) { row.cells.push(cell); break; }
      const ch = text[i];
      if (ch === '"' && cell === '') {
        let j = i + 1;
        while (!(text[j] === '"' && text[j + 1] !== '"')) {
          if (text[j] === '\n') line++;
          j += text[j] === '"' ? 2 : 1;
        }
        cell = text.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (ch === sep) { row.cells.push(cell); cell = ''; i++; continue; }
      if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
        row.cells.push(cell);
        row.end = ch === '\r' ? '\r\n' : '\n';
        i += row.end.length;
        line++;
        break;
      }
      cell += ch;
      i++;
    }
    rows.push(row);
  }
  return rows;
}
