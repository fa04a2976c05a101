// A plan response as an Excel workbook (.xlsx), written in the browser without the engine: the
// same sheets as src/plan/export_xlsx.rs (what goes in which cell) written as src/text/sheet/
// write.rs writes them, so the download is byte for byte what `efa-rechner plan --format xlsx`
// writes (tests/node/sheet.test.mjs compares them). Amounts are number cells with a two-decimal
// euro format, every text an inline string (never a formula), the header row frozen and bold,
// column widths from the content; the ZIP entries are stored (a plan's workbook is small).

const text = (s) => ({ t: 'text', v: String(s) });
const amount = (s) => ({ t: 'amount', v: s });
const int = (i) => ({ t: 'int', v: i });
const EMPTY = { t: 'empty' };

/** The amounts of a year map in year order (a map's integer keys iterate in ascending order). */
const amounts = (y) => Object.values(y ?? {}).map(amount);

/** The sheets of the plan's workbook, as src/plan/export_xlsx.rs makes them. */
export function planSheets(r) {
  const years = r.years.map(String);
  const out = [];
  const m = r.compare;
  // Payers × years, with the comparison and the difference.
  let head = [text('Zahler'), text('Kennung'), ...years.map(text), text('Summe')];
  if (m) head.push(...years.map((y) => text(`Vergleich ${m} ${y}`)), text(`Vergleich ${m} Summe`), text('Differenz (negativ: Entlastung)'));
  let rows = [head];
  for (const p of r.payers) {
    const row = [text(p.name), text(p.id), ...amounts(p.years), amount(p.total)];
    if (p.compare) row.push(...amounts(p.compare.years), amount(p.compare.total), amount(p.compare.difference));
    rows.push(row);
  }
  const sum = [text('Summe'), EMPTY, ...amounts(r.yearTotals), amount(r.total)];
  if (m) {
    // The comparison has the same costs: the same totals, no difference.
    const decimals = r.total.split('.')[1]?.length ?? 0;
    sum.push(...amounts(r.yearTotals), amount(r.total), amount(decimals ? `0.${'0'.repeat(decimals)}` : '0'));
  }
  rows.push(sum);
  out.push({ name: 'Zahler', rows });

  // Services × years.
  rows = [[text('Dienst'), ...years.map(text), text('Summe')]];
  for (const s of r.services) rows.push([text(s.service), ...amounts(s.years), amount(s.total)]);
  out.push({ name: 'Dienste', rows });

  // The entries, one column per payer of the plan.
  head = [text('Nr.'), text('Dienst'), text('Linie'), text('Jahr'), text('Modell'), text('Schlüssel'), text('Summe'), ...r.payers.map((p) => text(p.id))];
  if (m) head.push(text(`Vergleich ${m} Summe`), ...r.payers.map((p) => text(`Vergleich ${p.id}`)));
  rows = [head];
  const of = (payers, id) => {
    const x = payers.find((q) => q.id === id);
    return x ? amount(x.amount) : EMPTY;
  };
  for (const e of r.entries) {
    const row = [int(e.index + 1), text(e.service), e.line ? text(e.line) : EMPTY, int(e.year), text(e.model), text(e.key), amount(e.total), ...r.payers.map((p) => of(e.payers, p.id))];
    if (e.compare) row.push(amount(e.compare.total), ...r.payers.map((p) => of(e.compare.payers, p.id)));
    rows.push(row);
  }
  out.push({ name: 'Einträge', rows });

  // The budget lines of IT-PLR Beschluss 2023/43.
  rows = [[text('Linie'), text('Jahr'), text('Betrag nach 2023/35'), text('Obergrenze'), text('Überschritten')]];
  for (const l of r.lines) rows.push([text(l.line), int(l.year), amount(l.amount), amount(l.ceiling), text(l.exceeded ? 'ja' : 'nein')]);
  out.push({ name: 'Linien 2023-43', rows });

  // Sources.
  rows = [[text('Kennung'), text('Quelle'), text('Lizenz'), text('Stand')]];
  for (const s of r.sources) rows.push([text(s.id), text(s.title), s.licence != null ? text(s.licence) : EMPTY, s.referenceDate != null ? text(s.referenceDate) : EMPTY]);
  out.push({ name: 'Quellen', rows });

  if (r.warnings?.length) {
    rows = [[text('Hinweis'), text('Stelle'), text('Text')]];
    for (const w of r.warnings) rows.push([text(w.code), text(w.path), text(w.message.de)]);
    out.push({ name: 'Hinweise', rows });
  }
  return out;
}

let table;
/** The CRC-32 of ZIP entries (IEEE). */
function crc32(data) {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** A ZIP archive of stored entries ([name, bytes]), as write.rs writes it. */
function zip(entries) {
  const enc = new TextEncoder();
  const parts = [];
  const cd = [];
  let offset = 0;
  const header = (central, name, data, crc, at) => {
    const b = new Uint8Array((central ? 46 : 30) + name.length);
    const v = new DataView(b.buffer);
    v.setUint32(0, central ? 0x02014b50 : 0x04034b50, true);
    let p = 4;
    const u16 = (x) => {
      v.setUint16(p, x, true);
      p += 2;
    };
    const u32 = (x) => {
      v.setUint32(p, x, true);
      p += 4;
    };
    if (central) u16(20); // made by
    u16(20); // needed
    u16(0x0800); // UTF-8 names
    u16(0); // stored
    u16(0); // time
    u16(0x0021); // date: 1980-01-01
    u32(crc);
    u32(data.length);
    u32(data.length);
    u16(name.length);
    u16(0); // extra
    if (central) {
      p += 10; // comment, disk, attributes
      u32(at);
    }
    b.set(name, p);
    return b;
  };
  for (const [n, data] of entries) {
    const name = enc.encode(n);
    const crc = crc32(data);
    const local = header(false, name, data, crc, 0);
    cd.push(header(true, name, data, crc, offset));
    parts.push(local, data);
    offset += local.length + data.length;
  }
  const cdSize = cd.reduce((s, b) => s + b.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset, true);
  return new Blob([...parts, ...cd, end], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Text for XML, as write.rs escapes it (Excel's _xHHHH_ for characters XML does not allow). */
export function escape(s) {
  return s.replace(/[&<>"]|_(?=x)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === '_' ? '_x005F_' : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

const colLetters = (col) => {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** The engine's decimal text (-?digits[.digits]), written as a number; anything else is text. */
const isAmount = (s) => /^-?[0-9]+(\.[0-9]+)?$/.test(s);

/** How wide a cell shows, in characters. */
function shownWidth(c) {
  if (c.t === 'text') return [...c.v].length;
  if (c.t === 'amount') {
    const int = c.v.split('.')[0].replace(/^-+/, '').length;
    return int + Math.floor(Math.max(int - 1, 0) / 3) + 3 + 2 + (c.v.startsWith('-') ? 1 : 0);
  }
  if (c.t === 'int') return String(c.v).length;
  return 0;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function sheetXml(sheet) {
  let x = `${HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`;
  const columns = Math.max(0, ...sheet.rows.map((r) => r.length));
  if (columns > 0) {
    x += '<cols>';
    for (let col = 0; col < columns; col++) {
      const w = Math.min(Math.max(Math.max(0, ...sheet.rows.filter((r) => col < r.length).map((r) => shownWidth(r[col]))), 6), 80) + 2;
      x += `<col min="${col + 1}" max="${col + 1}" width="${w}" customWidth="1"/>`;
    }
    x += '</cols>';
  }
  x += '<sheetData>';
  sheet.rows.forEach((row, r) => {
    const n = r + 1;
    x += `<row r="${n}">`;
    row.forEach((cell, c) => {
      const at = `${colLetters(c + 1)}${n}`;
      // Style 1: bold (the header), 2: the euro amount format.
      const bold = r === 0 ? ' s="1"' : '';
      if (cell.t === 'text') x += `<c r="${at}" t="inlineStr"${bold}><is><t xml:space="preserve">${escape(cell.v)}</t></is></c>`;
      else if (cell.t === 'amount') x += isAmount(cell.v) ? `<c r="${at}" s="2"><v>${cell.v}</v></c>` : `<c r="${at}" t="inlineStr"><is><t xml:space="preserve">${escape(cell.v)}</t></is></c>`;
      else if (cell.t === 'int') x += `<c r="${at}"${bold}><v>${cell.v}</v></c>`;
    });
    x += '</row>';
  });
  return `${x}</sheetData></worksheet>`;
}

const STYLES = `${HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Standard" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/**
 * The plan response `r` (from allocatePlan) as an Excel workbook: a Blob of what
 * `efa-rechner plan --format xlsx` writes for the same plan.
 */
export function planToXlsx(r) {
  return xlsxOf(planSheets(r), r.title);
}

/** Sheets of typed cells ({name, rows: [[{t: 'text'|'amount'|'int'|'empty', v}]]}) as a workbook. */
export function xlsxOf(sheets, title) {
  let types = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`;
  let book = `${HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>`;
  let rels = `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`;
  const parts = [];
  sheets.forEach((sheet, i) => {
    const n = i + 1;
    types += `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${SHEET_TYPE}"/>`;
    book += `<sheet name="${escape(sheet.name)}" sheetId="${n}" r:id="rId${n}"/>`;
    rels += `<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`;
    parts.push([`xl/worksheets/sheet${n}.xml`, sheetXml(sheet)]);
  });
  types += '</Types>';
  book += '</sheets></workbook>';
  rels += `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
  const core = `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escape(title ?? '')}</dc:title><dc:creator>efa-rechner</dc:creator></cp:coreProperties>`;
  const rootRels = `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
  const enc = new TextEncoder();
  const entries = [
    ['[Content_Types].xml', types],
    ['_rels/.rels', rootRels],
    ['docProps/core.xml', core],
    ['xl/workbook.xml', book],
    ['xl/_rels/workbook.xml.rels', rels],
    ['xl/styles.xml', STYLES],
    ...parts,
  ];
  return zip(entries.map(([n, s]) => [n, enc.encode(s)]));
}
