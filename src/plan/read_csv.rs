//! Plans as CSV, as a spreadsheet exports them (contract 1.1, "Plans as CSV"): a header line
//! naming the columns (German or English, any case, any order), `;` or `,` as the header line
//! uses it, German amounts with `;` (`1.200.000,00`), plain ones with `,`, quotes with `""`,
//! UTF-8 with or without BOM, `\r\n`, blank lines. Every data line becomes one plan entry, which
//! is then read exactly like a JSON entry. Errors of the file itself (`invalid_csv`) point at
//! `csv:LINE:COLUMN` (both 1-based, COLUMN counts cells, as a spreadsheet's columns); errors in
//! what a cell means are entry errors (`plan.entries[3].costs`) whose message names the cell.

use crate::error::{a, l, Args, Error, Msg, Result, WarningMsg};
use crate::plan::place::Place;
use crate::plan::read_json::{self, Origin, Plan, PlanOptions};
use crate::plan::response::PlanWarning;
use crate::text::json::Json;
use crate::text::reader;

/// Longest cell in bytes: a service name has at most 64 characters, an alliance of 16 Länder
/// about 50 bytes.
pub const MAX_CELL_BYTES: usize = 1024;
/// Most cells in one line.
pub const MAX_COLUMNS: usize = 64;

/// The columns: the request field each fills and its names (lower case).
const COLUMNS: [(&str, &[&str]); 7] = [
    ("service", &["dienst", "service"]),
    ("line", &["linie", "line"]),
    ("year", &["jahr", "year"]),
    ("costs", &["kosten", "costs"]),
    ("alliance", &["allianz", "alliance"]),
    ("model", &["modell", "model"]),
    // "Schluessel" for keyboards and systems without umlauts.
    ("key", &["schlüssel", "key", "schluessel"]),
];
/// The required columns with their German and English names, as messages name them.
const REQUIRED: [(&str, &str, &str); 3] = [
    ("service", "Dienst", "service"),
    ("year", "Jahr", "year"),
    ("costs", "Kosten", "costs"),
];
/// The fields of the required columns.
pub(crate) const REQUIRED_FIELDS: [&str; 3] = [REQUIRED[0].0, REQUIRED[1].0, REQUIRED[2].0];
const COLUMN_NAMES: &str =
    "Dienst/service, Linie/line, Jahr/year, Kosten/costs, Allianz/alliance, Modell/model, Schlüssel/key";

fn at(line: usize, col: usize) -> String {
    format!("csv:{line}:{col}")
}

fn invalid_csv(line: usize, col: usize, msg: Msg, args: &Args) -> Error {
    Error::new(msg, at(line, col), args)
}

/// One cell: its text as written (quotes removed, taken exactly) and the line it starts on (a
/// sheet's row).
pub(crate) struct Cell {
    pub text: String,
    pub line: usize,
    /// A sheet's number cell (its text is the number as the sheet shows it, with a decimal
    /// comma): an amount with more decimals than a cent is refused, never rounded.
    pub number: bool,
}

/// A line of the file (a row of a sheet), its cells by position.
pub(crate) struct Record {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// The request field a column heading names (German or English, any case), if any.
pub(crate) fn column_field(name: &str) -> Option<&'static str> {
    // ASCII case folding plus the one umlaut of the names: Unicode's case tables would cost
    // the WASM module kilobytes for nothing.
    let lower = name.to_ascii_lowercase().replace('Ü', "ü");
    COLUMNS
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map(|(field, _)| *field)
}

/// The title and comparison model of the options, checked.
pub(crate) fn check_options(
    options: &PlanOptions,
) -> Result<(Option<String>, Option<&'static str>)> {
    let title = options
        .title
        .as_deref()
        .map(|t| read_json::check_title(t, "title"))
        .transpose()?;
    let compare = options
        .compare
        .as_deref()
        .map(|c| read_json::check_compare(c, "compare"))
        .transpose()?;
    Ok((title, compare))
}

/// Splits the text into records, one at a time (a plan stops reading after 500 entries).
struct Reader<'a> {
    src: &'a [u8],
    pos: usize,
    line: usize,
    sep: u8,
    /// The file was not UTF-8 and `src` is its Windows-1252 decoding.
    windows_1252: bool,
}

impl Reader<'_> {
    /// Consumes a line end at `pos` (`\r\n`, `\n` or `\r`), if there is one.
    fn line_end(&mut self) -> bool {
        match self.src.get(self.pos) {
            Some(b'\r') => {
                self.pos += 1;
                if self.src.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
                true
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                true
            }
            _ => false,
        }
    }

    fn check_cell(&self, len: usize, line: usize, col: usize) -> Result<()> {
        if len > MAX_CELL_BYTES {
            return Err(Error::new(
                Msg::CsvCellTooLong,
                at(line, col),
                &[("max", a(&MAX_CELL_BYTES))],
            ));
        }
        Ok(())
    }

    fn next_record(&mut self) -> Result<Option<Record>> {
        if self.pos >= self.src.len() {
            return Ok(None);
        }
        let mut rec = Record {
            line: self.line,
            cells: Vec::new(),
        };
        loop {
            let col = rec.cells.len() + 1;
            if col > MAX_COLUMNS {
                return Err(Error::new(
                    Msg::CsvTooManyCells,
                    at(self.line, col),
                    &[("max", a(&MAX_COLUMNS))],
                ));
            }
            let line = self.line;
            let bytes = if self.src.get(self.pos) == Some(&b'"') {
                self.quoted_cell(line, col)?
            } else {
                self.plain_cell(line, col)?
            };
            rec.cells.push(Cell {
                text: utf8(bytes, line, col, self.windows_1252)?,
                line,
                number: false,
            });
            if self.src.get(self.pos) == Some(&self.sep) {
                self.pos += 1;
                continue;
            }
            self.line_end();
            return Ok(Some(rec));
        }
    }

    /// A cell in quotes, starting at the opening quote: `""` is a quote, line ends belong to the
    /// cell; after the closing quote only blanks may come before the separator or line end.
    fn quoted_cell(&mut self, line: usize, col: usize) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.pos += 1;
        loop {
            let rest = &self.src[self.pos..];
            let Some(q) = rest.iter().position(|&b| b == b'"') else {
                return Err(invalid_csv(
                    line,
                    col,
                    Msg::CsvQuoteNotClosed,
                    &[("line", a(&line)), ("col", a(&col))],
                ));
            };
            let chunk = &rest[..q];
            self.check_cell(bytes.len() + chunk.len(), line, col)?;
            // Line ends inside quotes belong to the cell but still count as lines.
            let mut prev = 0u8;
            for &b in chunk {
                if b == b'\n' && prev != b'\r' || b == b'\r' {
                    self.line += 1;
                }
                prev = b;
            }
            bytes.extend_from_slice(chunk);
            self.pos += q + 1;
            if self.src.get(self.pos) == Some(&b'"') {
                bytes.push(b'"');
                self.pos += 1;
            } else {
                break;
            }
        }
        while let Some(b' ' | b'\t') = self.src.get(self.pos) {
            self.pos += 1;
        }
        let next = self.src.get(self.pos).copied();
        if !matches!(next, None | Some(b'\r' | b'\n')) && next != Some(self.sep) {
            return Err(invalid_csv(
                self.line,
                col,
                Msg::CsvNoSeparatorAfterQuote,
                &[],
            ));
        }
        Ok(bytes)
    }

    /// A cell without quotes: up to the separator or line end.
    fn plain_cell(&mut self, line: usize, col: usize) -> Result<Vec<u8>> {
        let start = self.pos;
        while let Some(&b) = self.src.get(self.pos) {
            if b == self.sep || b == b'\n' || b == b'\r' {
                break;
            }
            self.pos += 1;
            if self.pos - start > MAX_CELL_BYTES {
                break;
            }
        }
        self.check_cell(self.pos - start, line, col)?;
        Ok(self.src[start..self.pos].to_vec())
    }
}

/// The separator the header line (the first line that is not blank) uses: `;` when it has one
/// outside quotes, else `,`.
fn separator(src: &[u8]) -> Option<u8> {
    let mut quoted = false;
    let mut comma = false;
    let mut content = false;
    for &b in src {
        match b {
            b'"' => {
                quoted = !quoted;
                content = true;
            }
            b';' if !quoted => return Some(b';'),
            b',' if !quoted => comma = true,
            b'\n' | b'\r' if !quoted => {
                if content {
                    return comma.then_some(b',');
                }
            }
            b' ' | b'\t' => {}
            _ => content = true,
        }
    }
    comma.then_some(b',')
}

/// Windows-1252 (Excel's plain "CSV" on a German Windows) as UTF-8; its five unassigned bytes
/// become U+FFFD, which [`utf8`] then reports at their line and column.
fn windows_1252(bytes: &[u8]) -> String {
    // 0x80..=0x9F; 0xA0..=0xFF are Latin-1, i.e. the code points themselves.
    const HIGH: [char; 32] = [
        '€', '\u{fffd}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{fffd}', 'Ž',
        '\u{fffd}', '\u{fffd}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{fffd}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The warning a plan read from Windows-1252 carries.
fn windows_1252_warning() -> PlanWarning {
    let msg = WarningMsg::CsvWindows1252;
    PlanWarning {
        code: msg.code(),
        path: "csv".into(),
        message: msg.render(&[]),
        entries: Vec::new(),
        line: None,
        year: None,
    }
}

/// A cell's bytes as text. U+FFFD is an error at the line and column of the first one: in a
/// Windows-1252 file a byte that Windows-1252 does not assign, in UTF-8 text a character that a
/// caller already decoded with the wrong encoding.
fn utf8(bytes: Vec<u8>, line: usize, col: usize, windows_1252: bool) -> Result<String> {
    let (bytes, bad_at) = match String::from_utf8(bytes) {
        Ok(s) => match s.find('\u{fffd}') {
            None => return Ok(s),
            Some(i) => (s.into_bytes(), i),
        },
        // The reader only sees UTF-8 (or Windows-1252 decoded to it); kept for safety.
        Err(e) => {
            let i = e.utf8_error().valid_up_to();
            (e.into_bytes(), i)
        }
    };
    // A quoted cell may span lines: count the line ends before the bad byte.
    let before = &bytes[..bad_at];
    let line = line
        + before
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' || b == b'\n' && (i == 0 || before[i - 1] != b'\r'))
            .count();
    if windows_1252 {
        return Err(invalid_csv(
            line,
            col,
            Msg::CsvNotWindows1252,
            &[("line", a(&line)), ("col", a(&col))],
        ));
    }
    Err(invalid_csv(
        line,
        col,
        Msg::CsvReplacementChar,
        &[("line", a(&line)), ("col", a(&col))],
    ))
}

/// Reads a CSV plan. `options` give the title and the comparison model (CSV has no place for
/// them).
pub fn parse(bytes: &[u8], options: &PlanOptions) -> Result<Plan> {
    read_json::check_size(bytes.len())?;
    let (title, compare) = check_options(options)?;
    let src = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Text that is not UTF-8 is Windows-1252 (contract 1.2).
    let decoded;
    let (src, windows_1252) = match std::str::from_utf8(src) {
        Ok(_) => (src, false),
        Err(_) => {
            decoded = self::windows_1252(src);
            (decoded.as_bytes(), true)
        }
    };
    let Some(sep) = separator(src) else {
        if src.iter().all(u8::is_ascii_whitespace) {
            return Err(invalid_csv(1, 1, Msg::CsvEmpty, &[]));
        }
        let blank_lines = src
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .filter(|&&b| b == b'\n')
            .count();
        return Err(invalid_csv(
            1 + blank_lines,
            1,
            Msg::CsvNoHeader,
            &[("columns", a(&COLUMN_NAMES))],
        ));
    };
    let mut reader = Reader {
        src,
        pos: 0,
        line: 1,
        sep,
        windows_1252,
    };

    // The whole text is read first, so that a syntax or encoding error anywhere is reported
    // before what the cells mean; more than one data line past the limit is not kept.
    let blank = |r: &Record| r.cells.iter().all(|c| c.text.trim().is_empty());
    let mut header: Option<Record> = None;
    let mut data: Vec<Record> = Vec::new();
    let mut count = 0usize;
    while let Some(r) = reader.next_record()? {
        if blank(&r) {
            continue;
        }
        if header.is_none() {
            header = Some(r);
            continue;
        }
        count += 1;
        if count <= read_json::MAX_ENTRIES {
            data.push(r);
        }
    }
    let Some(header) = header else {
        return Err(invalid_csv(1, 1, Msg::CsvEmpty, &[]));
    };
    let mut plan = from_records(header, data, count, sep, Place::Csv, title, compare)?;
    if windows_1252 {
        plan.warnings.push(windows_1252_warning());
    }
    Ok(plan)
}

/// A plan from a file's records: the header, the data lines (at most one past the limit) and
/// their count. One reading of what the cells mean, for CSV files and sheets alike.
pub(crate) fn from_records(
    header: Record,
    data: Vec<Record>,
    count: usize,
    sep: u8,
    place: Place<'_>,
    title: Option<String>,
    compare: Option<&'static str>,
) -> Result<Plan> {
    // For each cell of the header: the request field of its column (None: an unnamed column).
    let mut fields: Vec<Option<&'static str>> = Vec::with_capacity(header.cells.len());
    for (i, cell) in header.cells.iter().enumerate() {
        let col = i + 1;
        let name = cell.text.trim();
        if name.is_empty() {
            fields.push(None);
            continue;
        }
        let Some(field) = column_field(name) else {
            let shown = reader::truncate(name);
            return Err(place.file_error(
                cell.line,
                col,
                Msg::CsvUnknownColumn,
                &[("name", a(&shown)), ("columns", a(&COLUMN_NAMES))],
            ));
        };
        if fields.contains(&Some(field)) {
            return Err(place.file_error(
                cell.line,
                col,
                Msg::CsvDuplicateColumn,
                &[("name", a(&name))],
            ));
        }
        fields.push(Some(field));
    }
    for (req, de, en) in REQUIRED {
        if !fields.contains(&Some(req)) {
            // Pointed at where the column would be added.
            return Err(place.file_error(
                header.line,
                header.cells.len() + 1,
                Msg::CsvMissingColumn,
                &[("name", l(de, en))],
            ));
        }
    }
    read_json::check_entry_count(count, "plan.entries")?;
    let columns: Vec<(&'static str, usize)> = fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| (f, i + 1)))
        .collect();
    let lines: Vec<usize> = data.iter().map(|r| r.line).collect();
    let mut rows = Vec::with_capacity(data.len());
    for (n, r) in data.iter().enumerate() {
        rows.push(row_entry(r, n, &fields, sep, place)?);
    }
    let origin = match place {
        Place::Csv => Origin::Csv { columns, lines },
        Place::Sheet(name) => Origin::Sheet {
            name: name.to_string(),
            columns,
            lines,
        },
    };
    read_json::build(
        rows.iter(),
        origin,
        title,
        compare,
        read_json::default_ceilings(),
    )
}

/// Data line `n` as a plan entry in JSON form; an empty cell leaves its field out. Cells are
/// taken as written (no trimming): they are the entry's values.
fn row_entry(
    record: &Record,
    n: usize,
    fields: &[Option<&'static str>],
    sep: u8,
    place: Place<'_>,
) -> Result<Json> {
    let mut out: Vec<(String, Json)> = Vec::new();
    for (i, cell) in record.cells.iter().enumerate() {
        let col = i + 1;
        let value = cell.text.as_str();
        if value.is_empty() {
            continue;
        }
        let Some(field) = fields.get(i).copied().flatten() else {
            if value.trim().is_empty() {
                continue;
            }
            return Err(place.file_error(cell.line, col, Msg::CsvCellWithoutHeading, &[]));
        };
        let json = match field {
            "year" if value.bytes().all(|b| b.is_ascii_digit()) => Json::Number(value.into()),
            "costs" if cell.number && value.split_once(',').is_some_and(|(_, f)| f.len() > 2) => {
                let shown = reader::truncate(value);
                let shown_en = shown.replace(',', ".");
                let err = Error::new(
                    Msg::SheetAmountDecimals,
                    format!("plan.entries[{n}].costs"),
                    &[("value", l(&shown, &shown_en))],
                );
                return Err(place.in_cell(err, cell.line, col));
            }
            "costs" => Json::String(amount(value, sep).ok_or_else(|| {
                let shown = reader::truncate(value);
                let msg = if sep == b';' {
                    Msg::CsvGermanAmount
                } else {
                    Msg::CsvPlainAmount
                };
                let err = Error::new(
                    msg,
                    format!("plan.entries[{n}].costs"),
                    &[("value", a(&shown))],
                );
                place.in_cell(err, cell.line, col)
            })?),
            "alliance" => {
                let t = value.trim();
                if t.eq_ignore_ascii_case("alle") || t.eq_ignore_ascii_case("all") {
                    Json::String("all".into())
                } else {
                    // Spaces, and in a `;` file commas too (in a `,` file a comma inside a
                    // quoted cell is no separator: the contract says so).
                    Json::Array(
                        value
                            .split(|c: char| c.is_whitespace() || c == ',' && sep == b';')
                            .filter(|s| !s.is_empty())
                            .map(|s| Json::String(s.into()))
                            .collect(),
                    )
                }
            }
            _ => Json::String(value.into()),
        };
        out.push((field.to_string(), json));
    }
    Ok(Json::Object(out))
}

/// A cell's amount as a plain decimal (`1200000.00`): German with `;` (`1.200.000,00`, and
/// `850.000` is 850000), plain with `,`. A trailing `€` or `EUR` (Excel's currency format) is
/// dropped. `None` when the cell does not follow the file's way of writing amounts.
fn amount(cell: &str, sep: u8) -> Option<String> {
    let s = cell
        .strip_suffix('€')
        .or_else(|| cell.strip_suffix("EUR"))
        .unwrap_or(cell)
        .trim_end_matches(|c: char| c.is_whitespace());
    if sep != b';' {
        return crate::num::money::parse_plain(s.strip_prefix('-').unwrap_or(s))
            .is_some()
            .then(|| s.to_string());
    }
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s),
    };
    let (int, frac) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if let Some(f) = frac {
        if !digits(f) {
            return None;
        }
    }
    let groups: Vec<&str> = int.split('.').collect();
    let grouped_ok = match groups.as_slice() {
        [one] => digits(one),
        [first, rest @ ..] => {
            digits(first) && first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g))
        }
        [] => false,
    };
    if !grouped_ok {
        return None;
    }
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_amounts() {
        let g = |s: &str| amount(s, b';');
        assert_eq!(g("1.200.000,00").as_deref(), Some("1200000.00"));
        assert_eq!(g("850.000").as_deref(), Some("850000"));
        assert_eq!(g("850.000,50").as_deref(), Some("850000.50"));
        assert_eq!(g("1200000,5").as_deref(), Some("1200000.5"));
        assert_eq!(g("12,00 €").as_deref(), Some("12.00"));
        assert_eq!(g("-5,00").as_deref(), Some("-5.00"));
        for bad in [
            "1.5",
            "1200000.00",
            "1.2.3",
            "12,",
            ",5",
            "1,000,00",
            "1..000",
            "a",
            "1 000",
        ] {
            assert_eq!(g(bad), None, "{bad}");
        }
        assert_eq!(amount("1200000.00", b',').as_deref(), Some("1200000.00"));
    }

    #[test]
    fn separator_from_the_header_line() {
        assert_eq!(separator(b"Dienst;Jahr;Kosten\n"), Some(b';'));
        assert_eq!(separator(b"service,year,costs\nx;y"), Some(b','));
        assert_eq!(separator(b"\r\n\"a;b\",year,costs\n"), Some(b','));
        assert_eq!(separator(b"Dienst\tJahr\n"), None);
    }
}
