//! Workbooks as grids of cells (contract 1.2, "Plans from spreadsheets"): an Excel workbook
//! (`.xlsx`) or an OpenDocument spreadsheet (`.ods`), told apart by content, read into its
//! sheets' non-empty cells with each cell's value as the file stores it. What a cell means for a
//! plan is decided in one place for every door, by the plan reader.
//!
//! The container is read within the contract's limits: at most 10 MB of file and 50 MB
//! unpacked, no XML document types or entities of the file's own, nothing outside the file.

pub(crate) mod grid;
// The container (ZIP, XML) and the workbook writer natively only: in the browser and in Node the
// package's JavaScript reads and writes the container (www/core/sheet/), so the WASM module that
// every page loads carries neither, nor their crates.
#[cfg(not(target_arch = "wasm32"))]
mod ods;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod write;
#[cfg(not(target_arch = "wasm32"))]
mod xlsx;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod xml;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod zip;

use crate::error::{a, Error, Msg, Result};

/// Largest workbook file.
pub const MAX_FILE_BYTES: usize = 10_000_000;
/// Most bytes unpacked from a workbook, all parts together.
pub const MAX_UNPACKED_BYTES: usize = 50_000_000;
/// Most non-empty rows read of one sheet (a plan has a header and at most 500 entries); a
/// sheet with more is read no further and marked [`Sheet::truncated`].
pub const MAX_ROWS: usize = 1_000;
/// Columns of a sheet (Excel's `XFD`) and rows (`1048576`).
#[cfg(not(target_arch = "wasm32"))]
pub const MAX_COLUMN: u32 = 16_384;
#[cfg(not(target_arch = "wasm32"))]
pub const MAX_ROW: u32 = 1_048_576;
/// Longest text kept of a cell (Excel's own limit is 32,767 characters); a longer one is kept
/// cut, marked [`Value::TooLong`].
pub const MAX_CELL_BYTES: usize = 4096;
/// Most non-empty cells kept of one sheet (a plan needs at most 501 × 64).
pub const MAX_CELLS: usize = 200_000;
/// Most entries in a workbook's ZIP directory: a workbook has a few dozen; the directory of a
/// hostile file may list millions of tiny ones.
pub const MAX_PARTS: usize = 10_000;

#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub unpacked: usize,
}

#[cfg(not(target_arch = "wasm32"))]
impl Default for Limits {
    fn default() -> Self {
        Limits {
            unpacked: MAX_UNPACKED_BYTES,
        }
    }
}

/// What a file is, by its first bytes and, for a ZIP archive, its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Not a workbook container: text (JSON or CSV).
    Text,
    /// A ZIP archive (a workbook or some other document).
    Zip,
    /// An OLE compound file: an old Excel workbook (`.xls`, BIFF) or a password-protected
    /// `.xlsx` (which Excel wraps in one).
    Compound,
}

/// The kind of a file by its magic bytes.
pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::Compound
    } else {
        Kind::Text
    }
}

/// A cell's value as the file stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// A number as written in the file (`1200000`, `0.30000000000000004`, `1E-3`): the
    /// spreadsheet's binary value, not yet rounded to what the sheet shows.
    #[cfg(not(target_arch = "wasm32"))]
    Number(String),
    /// A number as the sheet shows it, already rounded to 15 significant digits by the container
    /// reader that handed it over (`grid.rs`); `None`: not a finite number.
    Shown(Option<String>),
    Bool(bool),
    /// A date or time (a date-formatted number in `.xlsx`).
    Date,
    /// An error value such as `#DIV/0!`.
    Error(String),
    /// A formula whose value the file does not hold.
    Uncached,
    /// A text longer than [`MAX_CELL_BYTES`].
    TooLong,
}

impl Value {
    /// A number cell (the plan reader tells a number's decimal point from a German comma by it).
    pub fn is_number(&self) -> bool {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            Value::Number(_) => true,
            Value::Shown(_) => true,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// 1-based column (A = 1).
    pub col: u32,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number, as the sheet shows it.
    pub row: u32,
    /// The non-empty cells, left to right.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    pub name: String,
    /// Its non-empty rows, top to bottom, at most [`MAX_ROWS`].
    pub rows: Vec<Row>,
    /// The sheet has more non-empty rows than [`MAX_ROWS`]; they were not read.
    pub truncated: bool,
    /// Cells kept, against [`MAX_CELLS`].
    cells: usize,
}

impl Sheet {
    /// Adds a row with at least one cell; `false` when the sheet is full (the row is not kept
    /// and reading the sheet can stop).
    fn push(&mut self, row: Row) -> Result<bool> {
        if self.rows.len() >= MAX_ROWS {
            self.truncated = true;
            return Ok(false);
        }
        self.count_cells(row.cells.len())?;
        self.rows.push(row);
        Ok(true)
    }

    /// Counts `n` more cells kept, failing beyond [`MAX_CELLS`].
    fn count_cells(&mut self, n: usize) -> Result<()> {
        self.cells += n;
        if self.cells > MAX_CELLS {
            let name = crate::text::reader::truncate(&self.name);
            return Err(Error::new(
                Msg::SheetTooManyCells,
                format!("sheet:{}", self.name),
                &[("sheet", a(&name)), ("max", a(&MAX_CELLS))],
            ));
        }
        Ok(())
    }
}

/// A workbook's sheets in the workbook's order (hidden ones included).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// `A1` notation of a cell.
pub fn cell_ref(col: u32, row: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col;
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// The path of a cell: `sheet:NAME!CELL`.
pub fn path(sheet: &str, col: u32, row: u32) -> String {
    format!("sheet:{sheet}!{}", cell_ref(col, row))
}

/// `limit_exceeded` at `sheet` for a workbook of `len` bytes, above [`MAX_FILE_BYTES`].
pub(crate) fn too_large_file(len: usize) -> Error {
    Error::new(
        Msg::WorkbookTooLarge,
        "sheet",
        &[("bytes", a(&len)), ("max", a(&MAX_FILE_BYTES))],
    )
}

pub(crate) fn encrypted() -> Error {
    Error::new(Msg::WorkbookEncrypted, "sheet", &[])
}

fn old_xls() -> Error {
    Error::new(Msg::WorkbookOldXls, "sheet", &[])
}

/// True when an OLE compound file holds an encrypted Office document (its directory names the
/// stream `EncryptedPackage`); else it is an old `.xls` or some other Office file.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// The error for an OLE compound file: a password-protected workbook or an old `.xls`.
pub fn compound(bytes: &[u8]) -> Error {
    if is_encrypted_ooxml(bytes) {
        encrypted()
    } else {
        old_xls()
    }
}

/// Reads a workbook: `.xlsx` or `.ods` by content. An old `.xls`, a password-protected
/// workbook or another ZIP document is `invalid_sheet` at `sheet` with what to do.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub fn read(bytes: &[u8]) -> Result<Workbook> {
    read_with(bytes, Limits::default(), &mut |_| false)
}

#[cfg(not(target_arch = "wasm32"))]
/// Reads the sheets in the workbook's order until `stop` says the last one read is enough (the
/// plan reader stops at the sheet with the plan, so later sheets cost nothing).
pub fn read_with(
    bytes: &[u8],
    limits: Limits,
    stop: &mut dyn FnMut(&Sheet) -> bool,
) -> Result<Workbook> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large_file(bytes.len()));
    }
    match kind(bytes) {
        Kind::Compound => return Err(compound(bytes)),
        Kind::Text => return Err(Error::new(Msg::WorkbookNotAWorkbook, "sheet", &[])),
        Kind::Zip => {}
    }
    let mut zip = zip::Zip::open(bytes, limits)?;
    if zip.has("xl/workbook.xml") {
        return xlsx::read(&mut zip, stop);
    }
    if let Some(mime) = zip.read("mimetype")? {
        if mime.trim_ascii() == b"application/vnd.oasis.opendocument.spreadsheet" {
            return ods::read(&mut zip, stop);
        }
    }
    Err(Error::new(Msg::WorkbookOtherZip, "sheet", &[]))
}

#[cfg(not(target_arch = "wasm32"))]
/// Parses an `A1` reference into (column, row), both 1-based; `None` outside the sheet.
pub(crate) fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col = 0u32;
    for b in r[..letters].bytes() {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let digits = &r[letters..];
    if digits.is_empty() || digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    (col <= MAX_COLUMN && (1..=MAX_ROW).contains(&row)).then_some((col, row))
}

#[cfg(not(target_arch = "wasm32"))]
/// Text for a cell, at most [`MAX_CELL_BYTES`] kept.
pub(crate) fn text_value(t: Option<String>) -> Value {
    match t {
        Some(t) => Value::Text(t),
        None => Value::TooLong,
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn beyond(sheet: &str, what: &str) -> Error {
    Error::new(
        Msg::SheetBeyondEdge,
        format!("sheet:{sheet}"),
        &[
            ("sheet", a(&crate::text::reader::truncate(sheet))),
            ("what", a(&what)),
        ],
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(cell_ref(1, 1), "A1");
        assert_eq!(cell_ref(26, 3), "Z3");
        assert_eq!(cell_ref(27, 3), "AA3");
        assert_eq!(cell_ref(16_384, 1_048_576), "XFD1048576");
        assert_eq!(parse_ref("XFD1048576"), Some((16_384, 1_048_576)));
        assert_eq!(parse_ref("c3"), Some((3, 3)));
        for bad in ["XFE1", "A0", "A1048577", "1", "A", "AAAA1", "A1x", "A-1"] {
            assert_eq!(parse_ref(bad), None, "{bad}");
        }
        assert_eq!(path("Plan", 3, 3), "sheet:Plan!C3");
    }

    #[test]
    fn kinds_by_content() {
        assert_eq!(kind(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(kind(b"Dienst;Jahr"), Kind::Text);
        assert_eq!(
            kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Kind::Compound
        );
        let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        xls.extend_from_slice(&[0; 500]);
        let err = read(&xls).unwrap_err();
        assert!(err.message.de.contains("als .xlsx speichern"), "{err}");
        xls.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let err = read(&xls).unwrap_err();
        assert!(err.message.de.contains("Kennwort"), "{err}");
        let other = zip::tests::zip(&[("word/document.xml", b"<w/>", true)]);
        assert_eq!(
            read(&other).unwrap_err().code,
            crate::error::ErrorCode::InvalidSheet
        );
    }
}
