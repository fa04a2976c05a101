// The text format of efa-rechner's built-in data tables (`src/data/kreise.tsv`,
// `src/data/gemeinden.tsv`): reading and checking them (the engine at run time, `build.rs` at
// build time, and the generator behind `make data`, `examples/gen-data/`, which writes them; the
// last two through `include!`, so that a bad table breaks the build, never a request). Plain
// `//` comments and no `crate::` paths: this file is also compiled inside build.rs.
//
// A table is `# key: value` header lines, then data lines:
// - `table: kreise`: `AGS<TAB>name<TAB>population`, AGS of 5 digits;
// - `table: gemeinden`: a Kreis line `AGS` (5 digits, alone), then that Kreis's Gemeinden as
//   `LAST-3-DIGITS<TAB>name<TAB>population`; so each AGS prefix is written once, which keeps the
//   file small for the npm package (≈ 106 KB gzip instead of 117 KB).
// Rows are in strictly ascending AGS order. The header records `rows`, `population` (the sum)
// and `checksum` (FNV-1a 64 of the data lines' bytes), so a cut or edited table is detected.

// Error texts are for the build, the generator and the tests; the WASM module only reads the
// tables it ships with (checked by checksum), so it says "malformed table" and saves the
// formatting code (1 KB of its 150 KB budget). The closure keeps the arguments "used".
#[cfg(not(target_arch = "wasm32"))]
macro_rules! bad {
    ($($arg:tt)*) => { format!($($arg)*) };
}
#[cfg(target_arch = "wasm32")]
macro_rules! bad {
    ($($arg:tt)*) => {{
        let _ = || format!($($arg)*);
        String::from("malformed table")
    }};
}

/// One row: a Kreis (5-digit AGS) or a Gemeinde (8-digit AGS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub ags: String,
    pub name: String,
    pub population: u64,
}

/// A table read and checked: its header entries in file order and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub meta: Vec<(String, String)>,
    pub rows: Vec<TableRow>,
}

impl Table {
    /// The value of a header entry.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// FNV-1a, 64 bit: a checksum every side (Rust, build.rs, JavaScript with BigInt) computes in a
/// few lines without a dependency. It detects accidents (a cut or edited file), not attacks.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The header keys every table must have.
pub const REQUIRED_KEYS: [&str; 9] = [
    "table",
    "edition",
    "gebietsstand",
    "population-date",
    "source",
    "licence",
    "rows",
    "population",
    "checksum",
];

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Where the data lines start: the byte offset of the first line that is not a `#` header line.
pub fn data_start(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if !line.starts_with('#') {
            break;
        }
        at += line.len();
    }
    at
}

/// The value of header line `# key: value`, without checking anything else.
pub fn header<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let head = text.get(..data_start(text)).unwrap_or_default();
    head.lines().find_map(|l| {
        let (k, v) = l.strip_prefix("# ")?.split_once(": ")?;
        (k == key).then(|| v.trim())
    })
}

/// `fnv1a64:…` of a table's data lines, as its `checksum` header records it.
pub fn data_checksum(text: &str) -> String {
    let data = text.get(data_start(text)..).unwrap_or_default();
    format!("fnv1a64:{:016x}", fnv1a64(data.as_bytes()))
}

/// The rows of a table that is known to be good (checked by build.rs, or by its checksum against
/// a checked one): read without checks or error texts, which keeps the WASM module small.
pub fn rows_unchecked(text: &str) -> Vec<TableRow> {
    let data = text.get(data_start(text)..).unwrap_or_default();
    // (lines are about 21 bytes long: room for all rows at once; a page's first Gemeinde result
    // waits for this)
    let mut rows = Vec::with_capacity(data.len() / 20);
    let mut kreis = "";
    for line in data.lines() {
        let mut f = line.split('\t');
        match (f.next(), f.next(), f.next()) {
            (Some(k), None, _) => kreis = k,
            (Some(key), Some(name), Some(population)) => rows.push(TableRow {
                // (not format!: its machinery costs more than the copy, 10,953 times)
                ags: if key.len() == 3 {
                    let mut ags = String::with_capacity(kreis.len() + 3);
                    ags.push_str(kreis);
                    ags.push_str(key);
                    ags
                } else {
                    key.to_string()
                },
                name: name.to_string(),
                population: population.parse().unwrap_or(0),
            }),
            _ => {}
        }
    }
    rows
}

/// Reads and checks a table; the error names the line.
pub fn parse(text: &str) -> Result<Table, String> {
    let mut meta: Vec<(String, String)> = Vec::new();
    let mut rows: Vec<TableRow> = Vec::new();
    let mut data_start: Option<usize> = None;
    let mut offset = 0usize;
    let mut kreis: Option<String> = None;
    let mut gemeinden = false;
    for (i, line_nl) in text.split_inclusive('\n').enumerate() {
        let n = i + 1;
        let line_offset = offset;
        offset += line_nl.len();
        let Some(line) = line_nl.strip_suffix('\n') else {
            return Err(bad!("line {n}: no line end (file cut short?)"));
        };
        if let Some(comment) = line.strip_prefix('#') {
            if data_start.is_some() {
                return Err(bad!("line {n}: header line after the first data line"));
            }
            header_line(&mut meta, comment, n)?;
            continue;
        }
        if data_start.is_none() {
            data_start = Some(line_offset);
            gemeinden = is_gemeinde_table(&meta)?;
        }
        if gemeinden && !line.contains('\t') {
            if line.len() != 5 || !all_digits(line) {
                return Err(bad!("line {n}: Kreis line {line:?} is not 5 digits"));
            }
            kreis = Some(line.to_string());
            continue;
        }
        let prefix = if gemeinden {
            Some(kreis.as_deref())
        } else {
            None
        };
        let row = data_row(line, n, prefix, rows.last())?;
        rows.push(row);
    }
    check(Table { meta, rows }, text, data_start)
}

/// A `# key: value` header line (other comment lines are free text).
fn header_line(meta: &mut Vec<(String, String)>, comment: &str, n: usize) -> Result<(), String> {
    if let Some((key, value)) = comment.trim().split_once(": ") {
        if key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            if meta.iter().any(|(k, _)| k == key) {
                return Err(bad!("line {n}: header `{key}` occurs twice"));
            }
            meta.push((key.to_string(), value.trim().to_string()));
        }
    }
    Ok(())
}

/// Whether the header says `table: gemeinden` (else `kreise`; anything else is an error).
fn is_gemeinde_table(meta: &[(String, String)]) -> Result<bool, String> {
    match meta
        .iter()
        .find(|(k, _)| k == "table")
        .map(|(_, v)| v.as_str())
    {
        Some("kreise") => Ok(false),
        Some("gemeinden") => Ok(true),
        other => Err(bad!("header `table` is {other:?}, not kreise or gemeinden")),
    }
}

/// Data line `n`: a Kreis (`kreis` is `None`) or a Gemeinde of the Kreis line before it
/// (`Some(kreis)`), above the row before.
fn data_row(
    line: &str,
    n: usize,
    kreis: Option<Option<&str>>,
    last: Option<&TableRow>,
) -> Result<TableRow, String> {
    let mut fields = line.split('\t');
    let (Some(key), Some(name), Some(population), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Err(bad!("line {n}: expected 3 tab-separated fields"));
    };
    let ags = match kreis {
        Some(kreis) => {
            let Some(k) = kreis else {
                return Err(bad!("line {n}: Gemeinde before the first Kreis line"));
            };
            if key.len() != 3 || !all_digits(key) {
                return Err(bad!("line {n}: Gemeinde digits {key:?} are not 3 digits"));
            }
            format!("{k}{key}")
        }
        None => {
            if key.len() != 5 || !all_digits(key) {
                return Err(bad!("line {n}: Kreis AGS {key:?} is not 5 digits"));
            }
            key.to_string()
        }
    };
    let land: u32 = ags.get(..2).and_then(|l| l.parse().ok()).unwrap_or(0);
    if !(1..=16).contains(&land) {
        return Err(bad!("line {n}: AGS {ags} is not in a Land 01..16"));
    }
    if last.is_some_and(|last| last.ags >= ags) {
        return Err(bad!(
            "line {n}: AGS {ags} is not above the row before (sorted, unique)"
        ));
    }
    if name.is_empty() || name != name.trim() || name.chars().any(char::is_control) {
        return Err(bad!("line {n}: bad name {name:?}"));
    }
    let population: u64 = match (all_digits(population), population.parse()) {
        (true, Ok(p)) => p,
        _ => {
            return Err(bad!(
                "line {n}: population {population:?} is not a whole number"
            ))
        }
    };
    Ok(TableRow {
        ags,
        name: name.to_string(),
        population,
    })
}

/// The whole table against its header: every required key, and the recorded rows, population,
/// checksum and dates.
fn check(table: Table, text: &str, data_start: Option<usize>) -> Result<Table, String> {
    for key in REQUIRED_KEYS {
        if table.meta(key).is_none() {
            return Err(bad!("header line `# {key}: …` is missing"));
        }
    }
    let declared = |key: &str| table.meta(key).unwrap_or_default().to_string();
    if declared("rows") != table.rows.len().to_string() {
        return Err(bad!(
            "header says {} rows, the file has {} (cut short?)",
            declared("rows"),
            table.rows.len()
        ));
    }
    let sum: u64 = table.rows.iter().map(|r| r.population).sum();
    if declared("population") != sum.to_string() {
        return Err(bad!(
            "header says population {}, the rows sum to {sum}",
            declared("population")
        ));
    }
    let data = text
        .get(data_start.unwrap_or(text.len())..)
        .unwrap_or_default();
    let checksum = format!("fnv1a64:{:016x}", fnv1a64(data.as_bytes()));
    if declared("checksum") != checksum {
        return Err(bad!(
            "header says checksum {}, the data has {checksum} (edited or damaged?)",
            declared("checksum")
        ));
    }
    for key in ["gebietsstand", "population-date"] {
        let date = declared(key);
        let iso = date.len() == 10
            && date.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !iso {
            return Err(bad!("header `{key}: {date}` is not YYYY-MM-DD"));
        }
    }
    Ok(table)
}
