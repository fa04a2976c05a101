//! Where a cell of a plan file is, for paths and messages: a CSV file's `csv:LINE:COLUMN` and
//! „CSV-Zeile 3, Spalte 4“, or a sheet's `sheet:NAME!D3` and „Tabelle NAME, Zelle D3“.

use crate::error::{a, Args, Context, Error, ErrorCode, Msg};
use crate::text::sheet;

/// What kind of file the records come from.
#[derive(Clone, Copy)]
pub(crate) enum Place<'a> {
    Csv,
    /// A workbook's sheet, by name.
    Sheet(&'a str),
}

impl Place<'_> {
    /// The path of a cell (1-based line or row, and column).
    pub(crate) fn path(&self, line: usize, col: usize) -> String {
        match self {
            Place::Csv => format!("csv:{line}:{col}"),
            Place::Sheet(name) => sheet::path(name, col as u32, line as u32),
        }
    }

    /// An error of the file itself at a cell: `invalid_csv` (or the message's own code, such as
    /// `limit_exceeded`) in a CSV file, `invalid_sheet` (or `limit_exceeded`) in a sheet.
    pub(crate) fn file_error(&self, line: usize, col: usize, msg: Msg, args: &Args) -> Error {
        let path = self.path(line, col);
        match (self, msg.code()) {
            (Place::Sheet(_), ErrorCode::InvalidCsv) => {
                Error::coded(ErrorCode::InvalidSheet, msg, path, args)
            }
            _ => Error::new(msg, path, args),
        }
    }

    /// The error with its message set in the cell it is about.
    pub(crate) fn in_cell(&self, err: Error, line: usize, col: usize) -> Error {
        match self {
            Place::Csv => err.within(Context::CsvCell, &[("line", a(&line)), ("col", a(&col))]),
            Place::Sheet(name) => {
                let cell = sheet::cell_ref(col as u32, line as u32);
                err.within(
                    Context::SheetCell,
                    &[("sheet", a(name)), ("cell", a(&cell))],
                )
            }
        }
    }

    /// The error with its message set in the line (row) it is about.
    pub(crate) fn in_line(&self, err: Error, line: usize) -> Error {
        match self {
            Place::Csv => err.within(Context::CsvLine, &[("line", a(&line))]),
            Place::Sheet(name) => {
                err.within(Context::SheetRow, &[("sheet", a(name)), ("line", a(&line))])
            }
        }
    }
}
