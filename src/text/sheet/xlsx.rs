//! Excel workbooks (`.xlsx`, Office Open XML SpreadsheetML): the workbook's sheet list, its
//! relationships, the shared strings, the cell styles (to tell dates from numbers) and each
//! worksheet's `sheetData`.

use super::xml::{attr, local, Node, Xml};
use super::zip::Zip;
use super::{
    beyond, parse_ref, path, text_value, Cell, Row, Sheet, Value, Workbook, MAX_CELL_BYTES,
    MAX_COLUMN, MAX_ROW,
};
use crate::error::{a, Error, Msg, Result};
use quick_xml::events::BytesStart;

/// A relationship of `xl/workbook.xml`: its id, type and the part it points to.
struct Rel {
    id: String,
    kind: String,
    target: String,
}

fn part(zip: &mut Zip<'_>, name: &str) -> Result<Option<Vec<u8>>> {
    zip.read(name)
}

fn missing(name: &str) -> Error {
    let part = crate::text::reader::truncate(name);
    Error::new(Msg::WorkbookMissingPart, "sheet", &[("part", a(&part))])
}

/// A relationship target as a part name: relative to `xl/`, or absolute from the root.
fn resolve(target: &str) -> String {
    let full = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in full.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn rels(zip: &mut Zip<'_>) -> Result<Vec<Rel>> {
    let Some(bytes) = part(zip, "xl/_rels/workbook.xml.rels")? else {
        return Err(missing("xl/_rels/workbook.xml.rels"));
    };
    let mut x = Xml::new(&bytes, "xl/_rels/workbook.xml.rels")?;
    let mut out = Vec::new();
    loop {
        match x.next()? {
            Node::Open(e) if local(e.name().as_ref()) == b"Relationship" => {
                if let (Some(id), Some(kind), Some(target)) =
                    (attr(&e, b"Id")?, attr(&e, b"Type")?, attr(&e, b"Target")?)
                {
                    out.push(Rel { id, kind, target });
                }
            }
            Node::End => return Ok(out),
            _ => {}
        }
    }
}

/// Decodes Excel's escapes of control characters in strings (`_x000D_`).
fn unescape_x(s: String) -> String {
    if !s.contains("_x") {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()) && tail.get(6..7) == Some("_"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a string item (`<si>` or `<is>`) just opened: its `<t>` and rich-text runs'
/// `<t>`, without phonetic guides. `None` when longer than [`MAX_CELL_BYTES`].
fn string_item(x: &mut Xml<'_>) -> Result<Option<String>> {
    let depth = x.depth();
    let mut out = String::new();
    let mut over = false;
    while x.depth() >= depth {
        match x.next()? {
            Node::Open(e) => match local(e.name().as_ref()) {
                b"t" => match x.text(MAX_CELL_BYTES)? {
                    Some(t) if !over && out.len() + t.len() <= MAX_CELL_BYTES => out.push_str(&t),
                    _ => over = true,
                },
                b"rPh" | b"phoneticPr" => x.skip()?,
                _ => {}
            },
            Node::End => break,
            _ => {}
        }
    }
    Ok((!over).then(|| unescape_x(out)))
}

fn shared_strings(zip: &mut Zip<'_>, name: &str) -> Result<Vec<Option<String>>> {
    let Some(bytes) = part(zip, name)? else {
        return Ok(Vec::new());
    };
    let mut x = Xml::new(&bytes, "xl/sharedStrings.xml")?;
    let mut out = Vec::new();
    loop {
        match x.next()? {
            Node::Open(e) if local(e.name().as_ref()) == b"si" => out.push(string_item(&mut x)?),
            Node::End => return Ok(out),
            _ => {}
        }
    }
}

/// True for a number format that shows a date or time.
fn is_date_format(id: u32, code: Option<&str>) -> bool {
    if let Some(code) = code {
        // Letters outside quotes, brackets (colours, locales, currencies) and escapes.
        let mut quoted = false;
        let mut bracket = false;
        let mut escaped = false;
        for c in code.chars() {
            if escaped {
                escaped = false;
                continue;
            }
            match c {
                '"' => quoted = !quoted,
                '[' if !quoted => bracket = true,
                ']' if !quoted => bracket = false,
                '\\' | '_' | '*' if !quoted => escaped = true,
                _ if quoted || bracket => {}
                'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return true,
                _ => {}
            }
        }
        return false;
    }
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// For each cell style (`s` of a cell): whether it formats a date.
fn date_styles(zip: &mut Zip<'_>, name: &str) -> Result<Vec<bool>> {
    let Some(bytes) = part(zip, name)? else {
        return Ok(Vec::new());
    };
    let mut x = Xml::new(&bytes, "xl/styles.xml")?;
    let mut codes: Vec<(u32, String)> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut in_xfs = false;
    loop {
        match x.next()? {
            Node::Open(e) => match local(e.name().as_ref()) {
                b"numFmt" => {
                    if let (Some(id), Some(code)) =
                        (attr(&e, b"numFmtId")?, attr(&e, b"formatCode")?)
                    {
                        codes.push((id.parse().unwrap_or(0), code));
                    }
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    ids.push(
                        attr(&e, b"numFmtId")?
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0),
                    );
                }
                _ => {}
            },
            Node::Close if in_xfs && x.depth() < 2 => in_xfs = false,
            Node::End => break,
            _ => {}
        }
    }
    Ok(ids
        .into_iter()
        .map(|id| {
            let code = codes
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, c)| c.as_str());
            is_date_format(id, code)
        })
        .collect())
}

/// Reads the sheets in the workbook's order until `stop` says the last one read is enough.
pub fn read(zip: &mut Zip<'_>, stop: &mut dyn FnMut(&Sheet) -> bool) -> Result<Workbook> {
    let rels = rels(zip)?;
    let target_of = |kind_suffix: &str| {
        rels.iter()
            .find(|r| r.kind.ends_with(kind_suffix))
            .map(|r| resolve(&r.target))
    };
    let strings_part = target_of("/sharedStrings").unwrap_or("xl/sharedStrings.xml".into());
    let styles_part = target_of("/styles").unwrap_or("xl/styles.xml".into());

    let Some(bytes) = part(zip, "xl/workbook.xml")? else {
        return Err(missing("xl/workbook.xml"));
    };
    let mut sheets: Vec<(String, String)> = Vec::new();
    let mut x = Xml::new(&bytes, "xl/workbook.xml")?;
    loop {
        match x.next()? {
            Node::Open(e) if local(e.name().as_ref()) == b"sheet" => {
                let name = attr(&e, b"name")?.unwrap_or_default();
                let id = attr(&e, b"id")?.unwrap_or_default();
                let target = rels
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| resolve(&r.target))
                    .ok_or_else(|| missing(&format!("sheet {name}")))?;
                sheets.push((name, target));
            }
            Node::End => break,
            _ => {}
        }
    }
    drop(bytes);
    let strings = shared_strings(zip, &strings_part)?;
    let dates = date_styles(zip, &styles_part)?;
    let mut book = Workbook::default();
    for (name, target) in sheets {
        let Some(bytes) = part(zip, &target)? else {
            return Err(missing(&target));
        };
        let sheet = worksheet(&bytes, name, &target, &strings, &dates)?;
        let done = stop(&sheet);
        book.sheets.push(sheet);
        if done {
            break;
        }
    }
    Ok(book)
}

/// A cell as read, before its type is applied.
#[derive(Default)]
struct RawCell {
    col: u32,
    kind: Option<String>,
    style: usize,
    formula: bool,
    v: Option<String>,
    inline: Option<Option<String>>,
}

fn worksheet(
    bytes: &[u8],
    name: String,
    part: &str,
    strings: &[Option<String>],
    dates: &[bool],
) -> Result<Sheet> {
    let mut x = Xml::new(bytes, part)?;
    let mut sheet = Sheet {
        name,
        ..Sheet::default()
    };
    let mut row: Option<Row> = None;
    let mut last_row = 0u32;
    let mut last_col = 0u32;
    let mut cell: Option<RawCell> = None;
    // The depths of the open row and cell: a close below them ends them.
    let (mut row_depth, mut cell_depth) = (0, 0);
    loop {
        match x.next()? {
            Node::Open(e) => match local(e.name().as_ref()) {
                b"row" => {
                    let r = row_number(&e, last_row, &sheet.name)?;
                    last_row = r;
                    last_col = 0;
                    row_depth = x.depth();
                    row = Some(Row {
                        row: r,
                        cells: Vec::new(),
                    });
                }
                b"c" => {
                    let c = open_cell(&e, last_col, &sheet.name)?;
                    last_col = c.col;
                    cell_depth = x.depth();
                    cell = Some(c);
                }
                b"f" if cell.is_some() => {
                    if let Some(c) = cell.as_mut() {
                        c.formula = true;
                    }
                    x.skip()?;
                }
                b"v" if cell.is_some() => {
                    let v = x.text(MAX_CELL_BYTES)?;
                    if let Some(c) = cell.as_mut() {
                        c.v = Some(v.unwrap_or_default());
                    }
                }
                b"is" if cell.is_some() => {
                    let t = string_item(&mut x)?;
                    if let Some(c) = cell.as_mut() {
                        c.inline = Some(t);
                    }
                }
                _ => {}
            },
            Node::Close if cell.is_some() && x.depth() < cell_depth => {
                if let Some(c) = cell.take() {
                    let r = row.as_ref().map_or(last_row.max(1), |r| r.row);
                    if let Some(value) = cell_value(c.kind.as_deref(), &c, strings, dates, || {
                        path(&sheet.name, c.col, r)
                    })? {
                        let target = row.get_or_insert_with(|| Row {
                            row: r,
                            cells: Vec::new(),
                        });
                        if target.cells.len() >= MAX_COLUMN as usize {
                            return Err(beyond(&sheet.name, "cells"));
                        }
                        target.cells.push(Cell { col: c.col, value });
                    }
                }
            }
            Node::Close if row.is_some() && x.depth() < row_depth => {
                if let Some(r) = row.take() {
                    if !r.cells.is_empty() && !sheet.push(r)? {
                        return Ok(sheet);
                    }
                }
            }
            Node::Close | Node::Text(_) => {}
            Node::End => return Ok(sheet),
        }
    }
}

/// The number of a `<row>`: its `r`, or the one after the last row.
fn row_number(e: &BytesStart<'_>, last_row: u32, sheet: &str) -> Result<u32> {
    let r = match attr(e, b"r")? {
        Some(r) => r
            .parse::<u32>()
            .ok()
            .filter(|r| (1..=MAX_ROW).contains(r))
            .ok_or_else(|| beyond(sheet, &format!("row {r}")))?,
        None => last_row + 1,
    };
    if r > MAX_ROW {
        return Err(beyond(sheet, "row"));
    }
    Ok(r)
}

/// A `<c>` as it opens: its column (its `r`, or the one after the last cell), type and style.
fn open_cell(e: &BytesStart<'_>, last_col: u32, sheet: &str) -> Result<RawCell> {
    let col = match attr(e, b"r")? {
        Some(r) => match parse_ref(&r) {
            Some((c, _)) => c,
            None => return Err(beyond(sheet, &crate::text::reader::truncate(&r))),
        },
        None => last_col + 1,
    };
    if col > MAX_COLUMN {
        return Err(beyond(sheet, "column"));
    }
    Ok(RawCell {
        col,
        kind: attr(e, b"t")?,
        style: attr(e, b"s")?.and_then(|s| s.parse().ok()).unwrap_or(0),
        ..RawCell::default()
    })
}

/// A cell's value by its type attribute; `None` for an empty cell.
fn cell_value(
    kind: Option<&str>,
    c: &RawCell,
    strings: &[Option<String>],
    dates: &[bool],
    at: impl Fn() -> String,
) -> Result<Option<Value>> {
    // openpyxl writes a formula's missing value as an empty <v/>.
    let v = c.v.as_deref().filter(|v| !v.is_empty());
    let value = match kind {
        Some("s") => {
            let Some(v) = v else { return Ok(None) };
            let i: Option<usize> = v.trim().parse().ok();
            match i.and_then(|i| strings.get(i)) {
                Some(s) => text_value(s.clone()),
                None => {
                    let index = crate::text::reader::truncate(v);
                    return Err(Error::new(
                        Msg::SheetStringMissing,
                        at(),
                        &[("index", a(&index))],
                    ));
                }
            }
        }
        Some("inlineStr") => match &c.inline {
            Some(t) => text_value(t.clone()),
            None => match v {
                Some(v) => Value::Text(unescape_x(v.to_string())),
                None => return Ok(None),
            },
        },
        Some("str") => match v {
            Some(v) => Value::Text(unescape_x(v.to_string())),
            None if c.formula => Value::Uncached,
            None => return Ok(None),
        },
        Some("b") => match v {
            Some(v) => Value::Bool(v.trim() == "1"),
            None if c.formula => Value::Uncached,
            None => return Ok(None),
        },
        Some("e") => Value::Error(v.unwrap_or("#N/A").to_string()),
        Some("d") => Value::Date,
        _ => match v {
            Some(v) if dates.get(c.style).copied().unwrap_or(false) => {
                let _ = v;
                Value::Date
            }
            Some(v) => Value::Number(v.trim().to_string()),
            None if c.formula => Value::Uncached,
            None => return Ok(None),
        },
    };
    Ok(match value {
        Value::Text(t) if t.is_empty() => None,
        v => Some(v),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_escapes() {
        assert_eq!(resolve("worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(
            resolve("/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("../xl/./sharedStrings.xml"), "xl/sharedStrings.xml");
        assert_eq!(unescape_x("a_x000D__x000A_b_x".into()), "a\r\nb_x");
        assert_eq!(unescape_x("_x00".into()), "_x00");
    }

    #[test]
    fn date_formats() {
        assert!(is_date_format(14, None));
        assert!(!is_date_format(4, None));
        assert!(is_date_format(164, Some("DD.MM.YYYY")));
        assert!(!is_date_format(164, Some("#,##0.00\\ [$€-407]")));
        assert!(!is_date_format(164, Some("#,##0.00 \"EUR\"")));
        assert!(!is_date_format(164, Some("General")));
        assert!(!is_date_format(164, Some("0.00E+00")));
        assert!(is_date_format(164, Some("[$-407]MMMM YYYY")));
    }
}
