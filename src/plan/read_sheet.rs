//! Plans from workbooks (contract 1.2, "Plans from spreadsheets"): the first sheet whose first
//! non-empty row names the columns becomes the rows of a `;` CSV file, and from there the CSV
//! plan reader decides what each cell means, so a workbook and a CSV file give the same entries.
//!
//! A text cell is taken as written; a number cell as the sheet shows it at full precision (its
//! binary value rounded to 15 significant digits, written with a decimal comma). Booleans, dates,
//! error values and formulas without a cached value are `invalid_sheet` at `sheet:NAME!CELL`.

use crate::error::{a, Args, Error, Msg, Result};
use crate::plan::place::Place;
use crate::plan::read_csv::{self as plan_csv, Cell, Record};
use crate::plan::read_json::{Plan, PlanOptions, MAX_ENTRIES};
use crate::text::reader;
use crate::text::sheet::{self, Sheet, Value};

/// A number as a spreadsheet shows it at full precision: the binary value of `raw` rounded to
/// 15 significant digits (Excel's precision), as a plain decimal (`0.30000000000000004` → `0.3`,
/// `333333.32999999996` → `333333.33`, `1E-3` → `0.001`). `None` for text that is no finite
/// number. Natively only: in the browser the package's container reader hands the number over
/// already shown so (`www/core/sheet/grid.js`, the same exact rounding with `BigInt`), so the
/// WASM module carries no binary-float parsing and formatting (about 30 KB gzip).
#[cfg(not(target_arch = "wasm32"))]
pub fn shown(raw: &str) -> Option<String> {
    let x: f64 = raw.trim().parse().ok()?;
    if !x.is_finite() {
        return None;
    }
    if x == 0.0 {
        return Some("0".into());
    }
    // Rust writes the exact binary value rounded to 15 digits (round half to even on the exact
    // value, which is never a tie at 15 digits for a binary fraction of this size).
    let sci = format!("{:.14e}", x.abs());
    let (mantissa, exp) = sci.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = exp + 1;
    let mut out = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    };
    if out.contains('.') {
        while out.ends_with('0') {
            out.pop();
        }
        if out.ends_with('.') {
            out.pop();
        }
    }
    if x < 0.0 {
        out.insert(0, '-');
    }
    Some(out)
}

/// An error of the workbook at a cell: `sheet:NAME!CELL`, the message naming sheet and cell.
fn cell_error(sheet: &str, col: u32, row: u32, msg: Msg, args: &Args) -> Error {
    let place = Place::Sheet(sheet);
    place.in_cell(
        place.file_error(row as usize, col as usize, msg, args),
        row as usize,
        col as usize,
    )
}

/// A cell as the text a `;` CSV file would hold for it.
fn cell_text(sheet: &str, col: u32, row: u32, value: &Value) -> Result<String> {
    let err = |msg: Msg, args: &Args| Err(cell_error(sheet, col, row, msg, args));
    match value {
        Value::Text(t) => Ok(t.clone()),
        #[cfg(not(target_arch = "wasm32"))]
        Value::Number(raw) => match shown(raw) {
            Some(d) => Ok(d.replace('.', ",")),
            None => err(Msg::SheetNotFinite, &[]),
        },
        Value::Shown(Some(d)) => Ok(d.replace('.', ",")),
        Value::Shown(None) => err(Msg::SheetNotFinite, &[]),
        Value::Bool(_) => err(Msg::SheetBoolean, &[]),
        Value::Date => err(Msg::SheetDate, &[]),
        Value::Error(e) => err(Msg::SheetErrorValue, &[("value", a(&reader::truncate(e)))]),
        Value::Uncached => err(Msg::SheetUncached, &[]),
        Value::TooLong => err(Msg::SheetCellTooLong, &[("max", a(&sheet::MAX_CELL_BYTES))]),
    }
}

/// True when the sheet's first non-empty row names the required columns (Dienst, Jahr, Kosten,
/// German or English, as a CSV header does).
pub fn is_plan_sheet(sheet: &Sheet) -> bool {
    let Some(first) = sheet.rows.first() else {
        return false;
    };
    let fields: Vec<&str> = first
        .cells
        .iter()
        .filter_map(|c| match &c.value {
            Value::Text(t) => plan_csv::column_field(t.trim()),
            _ => None,
        })
        .collect();
    plan_csv::REQUIRED_FIELDS.iter().all(|f| fields.contains(f))
}

/// A row as a CSV record: its cells by position, empty ones as empty text, up to `width`
/// columns; a non-empty cell beyond `width` is an error (cells right of the header's columns
/// must be empty).
fn record(sheet: &Sheet, row: &sheet::Row, width: u32) -> Result<Record> {
    let mut cells: Vec<Cell> = Vec::new();
    for c in &row.cells {
        if c.col > width {
            return Err(cell_error(
                &sheet.name,
                c.col,
                row.row,
                Msg::SheetRightOfHeader,
                &[],
            ));
        }
        let text = cell_text(&sheet.name, c.col, row.row, &c.value)?;
        while cells.len() + 1 < c.col as usize {
            cells.push(Cell {
                text: String::new(),
                line: row.row as usize,
                number: false,
            });
        }
        cells.push(Cell {
            text,
            line: row.row as usize,
            number: c.value.is_number(),
        });
    }
    Ok(Record {
        line: row.row as usize,
        cells,
    })
}

/// Reads a plan from a workbook's bytes (natively; in the browser the package's container reader
/// hands the sheets to [`from_workbook`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(bytes: &[u8], options: &PlanOptions) -> Result<Plan> {
    plan_csv::check_options(options)?;
    let book = sheet::read_with(bytes, sheet::Limits::default(), &mut is_plan_sheet)?;
    from_workbook(&book, options)
}

/// Reads a plan from a workbook's sheets as read up to the plan sheet (the last one): by the
/// native reader, or handed over by the browser's container reader (`text/sheet/grid.rs`).
pub fn from_workbook(book: &sheet::Workbook, options: &PlanOptions) -> Result<Plan> {
    let (title, compare) = plan_csv::check_options(options)?;
    let Some(sheet) = book.sheets.last().filter(|s| is_plan_sheet(s)) else {
        let names: Vec<String> = book
            .sheets
            .iter()
            .map(|s| reader::truncate(&s.name))
            .collect();
        let listed = if names.is_empty() {
            "–".to_string()
        } else {
            format!("\"{}\"", names.join("\", \""))
        };
        return Err(Error::new(
            Msg::SheetNoPlan,
            "sheet",
            &[("sheets", a(&listed))],
        ));
    };
    let header = &sheet.rows[0];
    // The header's last non-empty cell sets the width; its own cells are all text here or are
    // reported by the CSV reader as unknown columns.
    if let Some(c) = header
        .cells
        .iter()
        .find(|c| c.col as usize > plan_csv::MAX_COLUMNS)
    {
        return Err(cell_error(
            &sheet.name,
            c.col,
            header.row,
            Msg::SheetHeaderTooWide,
            &[("max", a(&plan_csv::MAX_COLUMNS))],
        ));
    }
    let width = header.cells.last().map_or(0, |c| c.col);
    let header_record = record(sheet, header, width)?;
    let mut data = Vec::new();
    for r in sheet.rows[1..].iter().take(MAX_ENTRIES + 1) {
        data.push(record(sheet, r, width)?);
    }
    if sheet.truncated {
        return Err(Error::new(
            Msg::SheetTooManyRows,
            "plan.entries",
            &[
                ("sheet", a(&reader::truncate(&sheet.name))),
                ("rows", a(&sheet::MAX_ROWS)),
                ("max", a(&MAX_ENTRIES)),
            ],
        ));
    }
    let count = sheet.rows.len() - 1;
    plan_csv::from_records(
        header_record,
        data,
        count,
        b';',
        Place::Sheet(&sheet.name),
        title,
        compare,
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_the_sheet_shows_them() {
        for (raw, want) in [
            ("0.30000000000000004", "0.3"),
            ("333333.32999999996", "333333.33"),
            ("1200000", "1200000"),
            ("850000.5", "850000.5"),
            ("2025", "2025"),
            ("1E-3", "0.001"),
            ("1.5E+3", "1500"),
            ("-5.1", "-5.1"),
            ("0", "0"),
            ("-0", "0"),
            ("123456789012345678", "123456789012346000"),
            ("0.1234567890123456789", "0.123456789012346"),
            ("9999999999999.99", "9999999999999.99"),
            ("4550000.499999999", "4550000.5"),
        ] {
            assert_eq!(shown(raw).as_deref(), Some(want), "{raw}");
        }
        for bad in ["", "x", "1e400", "NaN", "inf", "1,5"] {
            assert_eq!(shown(bad), None, "{bad}");
        }
    }
}
