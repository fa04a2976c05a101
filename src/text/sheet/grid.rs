//! A workbook's sheets as another container reader hands them over: the browser reads the ZIP and
//! XML of a workbook with the platform (`www/core/sheet/`, so that the WASM module carries no
//! container reader) and passes each sheet as compact JSON; its errors come as a kind and the
//! parts only it knows, and get their texts here, from the one catalogue. What a cell means is
//! decided by the plan reader, as for a workbook read natively.
//!
//! A sheet: `{"name": "Plan", "truncated": false, "rows": [[ROW, [COL, KIND, VALUE], …], …]}`,
//! KIND one of `s` (text), `n` (number as the sheet shows it: the stored binary value rounded
//! to 15 significant digits, a plain decimal; no VALUE when it is not a finite number), `b` (boolean, `1`/`0`), `d` (date),
//! `e` (error value), `u` (formula without a cached value), `l` (text too long).
//! An error: `{"kind": "damaged", "path": "sheet", "args": {"what": "…"}}`.

// Only the WASM door hands sheets over; natively the workbook is read in Rust.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use super::{Cell, Row, Sheet, Value, MAX_CELLS, MAX_FILE_BYTES, MAX_UNPACKED_BYTES};
use crate::error::{a, Error, Msg, Result};
use crate::text::json::Json;
use crate::text::reader::truncate;

fn field<'a>(v: &'a Json, name: &str) -> Option<&'a Json> {
    match v {
        Json::Object(kv) => kv.iter().find(|(k, _)| k == name).map(|(_, v)| v),
        _ => None,
    }
}

fn text(v: Option<&Json>) -> Option<&str> {
    match v {
        Some(Json::String(s)) => Some(s),
        _ => None,
    }
}

fn number(v: Option<&Json>) -> Option<u32> {
    match v {
        Some(Json::Number(n)) => n.parse().ok(),
        _ => None,
    }
}

/// The handed-over form is the engine's own JSON: a fault in it is a fault of the reader.
fn malformed() -> Error {
    Error::new(
        Msg::WorkbookDamaged,
        "sheet",
        &[("what", a(&"grid of the container reader"))],
    )
}

/// One sheet in the compact form.
pub fn sheet(v: &Json) -> Result<Sheet> {
    let name = text(field(v, "name")).ok_or_else(malformed)?;
    let mut out = Sheet {
        name: name.to_string(),
        ..Sheet::default()
    };
    let Some(Json::Array(rows)) = field(v, "rows") else {
        return Err(malformed());
    };
    for r in rows {
        let Json::Array(items) = r else {
            return Err(malformed());
        };
        let row = number(items.first()).ok_or_else(malformed)?;
        let mut cells = Vec::with_capacity(items.len() - 1);
        for c in &items[1..] {
            cells.push(cell(c)?);
        }
        if !cells.is_empty() && !out.push(Row { row, cells })? {
            break;
        }
    }
    if matches!(field(v, "truncated"), Some(Json::Bool(true))) {
        out.truncated = true;
    }
    Ok(out)
}

fn cell(v: &Json) -> Result<Cell> {
    let Json::Array(parts) = v else {
        return Err(malformed());
    };
    let col = number(parts.first()).ok_or_else(malformed)?;
    let kind = text(parts.get(1)).ok_or_else(malformed)?;
    let raw = text(parts.get(2)).unwrap_or("");
    let value = match kind {
        "s" => Value::Text(raw.to_string()),
        "n" => Value::Shown(text(parts.get(2)).map(str::to_string)),
        "b" => Value::Bool(raw == "1"),
        "d" => Value::Date,
        "e" => Value::Error(raw.to_string()),
        "u" => Value::Uncached,
        "l" => Value::TooLong,
        _ => return Err(malformed()),
    };
    Ok(Cell { col, value })
}

/// An error of the container reader, by its kind, with the texts of the catalogue.
pub fn error(v: &Json) -> Error {
    let args = field(v, "args");
    let arg = |name: &str| truncate(text(args.and_then(|x| field(x, name))).unwrap_or(""));
    let path = text(field(v, "path")).unwrap_or("sheet");
    let (msg, args): (Msg, Vec<(&str, String)>) = match text(field(v, "kind")).unwrap_or("") {
        "too_large" => {
            let bytes = arg("bytes");
            return Error::new(
                Msg::WorkbookTooLarge,
                "sheet",
                &[("bytes", a(&bytes)), ("max", a(&MAX_FILE_BYTES))],
            );
        }
        "unpacked" => {
            let part = arg("part");
            let mb = MAX_UNPACKED_BYTES / 1_000_000;
            return Error::new(
                Msg::WorkbookUnpackedTooLarge,
                "sheet",
                &[("mb", a(&mb)), ("part", a(&part))],
            );
        }
        "too_many_cells" => {
            let sheet = arg("sheet");
            return Error::new(
                Msg::SheetTooManyCells,
                path,
                &[("sheet", a(&sheet)), ("max", a(&MAX_CELLS))],
            );
        }
        "too_many_parts" => {
            let max = super::MAX_PARTS;
            return Error::new(Msg::WorkbookTooManyParts, "sheet", &[("max", a(&max))]);
        }
        "not_workbook" => (Msg::WorkbookNotAWorkbook, vec![]),
        "other_zip" => (Msg::WorkbookOtherZip, vec![]),
        "encrypted" => (Msg::WorkbookEncrypted, vec![]),
        "unknown_method" => (Msg::WorkbookUnknownMethod, vec![]),
        "damaged" => (Msg::WorkbookDamaged, vec![("what", arg("what"))]),
        "entities" => (Msg::WorkbookEntities, vec![("part", arg("part"))]),
        "missing_part" => (Msg::WorkbookMissingPart, vec![("part", arg("part"))]),
        "beyond" => (
            Msg::SheetBeyondEdge,
            vec![("sheet", arg("sheet")), ("what", arg("what"))],
        ),
        "string_missing" => (Msg::SheetStringMissing, vec![("index", arg("index"))]),
        _ => return malformed(),
    };
    let args: Vec<_> = args.iter().map(|(k, v)| (*k, a(v))).collect();
    Error::new(msg, path, &args)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::text::json::parse;

    #[test]
    fn a_sheet_in_the_compact_form() {
        let v = parse(
            r#"{"name":"Plan","rows":[[1,[1,"s","Dienst"],[3,"n","0.001"],[4,"n"]],[4,[2,"b","1"],[5,"u"]]]}"#,
        )
        .unwrap();
        let s = sheet(&v).unwrap();
        assert_eq!(s.name, "Plan");
        assert_eq!(s.rows[0].cells[1].value, Value::Shown(Some("0.001".into())));
        assert_eq!(s.rows[0].cells[2].value, Value::Shown(None));
        assert_eq!(s.rows[1].row, 4);
        assert_eq!(s.rows[1].cells[0].value, Value::Bool(true));
        assert_eq!(s.rows[1].cells[1].value, Value::Uncached);
        assert!(sheet(&parse(r#"{"name":"x","rows":[[1,[1,"z","a"]]]}"#).unwrap()).is_err());
    }

    #[test]
    fn errors_by_kind_with_the_catalogues_texts() {
        let v = parse(r#"{"kind":"unpacked","args":{"part":"xl/worksheets/sheet1.xml"}}"#).unwrap();
        let e = error(&v);
        assert_eq!(e.code, ErrorCode::LimitExceeded);
        assert_eq!(
            e,
            super::super::zip::too_large("xl/worksheets/sheet1.xml", MAX_UNPACKED_BYTES)
        );
        let v = parse(r#"{"kind":"string_missing","path":"sheet:Plan!B2","args":{"index":"7"}}"#)
            .unwrap();
        assert_eq!(error(&v).path, "sheet:Plan!B2");
        assert_eq!(error(&parse("{}").unwrap()).code, ErrorCode::InvalidSheet);
    }
}
