//! OpenDocument spreadsheets (`.ods`): the tables of `content.xml` in document order, with
//! repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`) counted without
//! being spelt out when empty.

use super::xml::{attr, attr_exact, local, Node, Xml};
use super::zip::Zip;
use super::{
    beyond, encrypted, text_value, Cell, Row, Sheet, Value, Workbook, MAX_CELL_BYTES, MAX_COLUMN,
    MAX_ROW,
};
use crate::error::{a, Error, Msg, Result};

/// Reads the tables in document order until `stop` says the last one read is enough.
pub fn read(zip: &mut Zip<'_>, stop: &mut dyn FnMut(&Sheet) -> bool) -> Result<Workbook> {
    if let Some(manifest) = zip.read("META-INF/manifest.xml")? {
        // An encrypted part is listed with its encryption data.
        if manifest
            .windows(b"encryption-data".len())
            .any(|w| w == b"encryption-data")
        {
            return Err(encrypted());
        }
    }
    let Some(bytes) = zip.read("content.xml")? else {
        return Err(Error::new(
            Msg::WorkbookMissingPart,
            "sheet",
            &[("part", a(&"content.xml"))],
        ));
    };
    let mut x = Xml::new(&bytes, "content.xml")?;
    let mut book = Workbook::default();
    loop {
        match x.next()? {
            Node::Open(e) if e.name().as_ref() == b"table:table" => {
                let name = attr(&e, b"name")?.unwrap_or_default();
                let sheet = table(&mut x, name)?;
                let done = stop(&sheet);
                book.sheets.push(sheet);
                if done {
                    break;
                }
            }
            // Text boxes, charts and the like hold no cells of the sheet.
            Node::Open(e) if matches!(local(e.name().as_ref()), b"annotation" | b"frame") => {
                x.skip()?
            }
            Node::End => break,
            _ => {}
        }
    }
    Ok(book)
}

/// A repeat count attribute (at least 1).
fn repeat(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Result<u32> {
    Ok(attr(e, name)?
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1))
}

/// The table just opened, up to its end.
fn table(x: &mut Xml<'_>, name: String) -> Result<Sheet> {
    let depth = x.depth();
    let mut sheet = Sheet {
        name,
        ..Sheet::default()
    };
    // The next row's number (1-based); beyond MAX_ROW only empty rows may follow.
    let mut next_row: u64 = 1;
    while x.depth() >= depth {
        match x.next()? {
            Node::Open(e) => match local(e.name().as_ref()) {
                b"table-row" => {
                    let times = repeat(&e, b"number-rows-repeated")?;
                    let cells = row_cells(x, &sheet.name)?;
                    if !cells.is_empty() {
                        if next_row + u64::from(times) - 1 > u64::from(MAX_ROW) {
                            return Err(beyond(&sheet.name, "row"));
                        }
                        for i in 0..times {
                            let row = Row {
                                row: (next_row + u64::from(i)) as u32,
                                cells: cells.clone(),
                            };
                            if !sheet.push(row)? {
                                // Full: the rest of the table is not read.
                                while x.depth() >= depth {
                                    if let Node::End = x.next()? {
                                        break;
                                    }
                                }
                                return Ok(sheet);
                            }
                        }
                    }
                    next_row += u64::from(times);
                }
                b"table" | b"annotation" | b"frame" | b"shapes" => x.skip()?,
                _ => {}
            },
            Node::End => break,
            _ => {}
        }
    }
    Ok(sheet)
}

/// The non-empty cells of the row just opened, up to its end.
fn row_cells(x: &mut Xml<'_>, sheet: &str) -> Result<Vec<Cell>> {
    let depth = x.depth();
    let mut cells = Vec::new();
    let mut next_col: u64 = 1;
    while x.depth() >= depth {
        match x.next()? {
            Node::Open(e) => match local(e.name().as_ref()) {
                b"table-cell" | b"covered-table-cell" => {
                    let times = repeat(&e, b"number-columns-repeated")?;
                    let value = cell(x, &e)?;
                    if let Some(value) = value {
                        if next_col + u64::from(times) - 1 > u64::from(MAX_COLUMN) {
                            return Err(beyond(sheet, "column"));
                        }
                        for i in 0..times {
                            cells.push(Cell {
                                col: (next_col + u64::from(i)) as u32,
                                value: value.clone(),
                            });
                        }
                    }
                    next_col += u64::from(times);
                }
                _ => {}
            },
            Node::End => break,
            _ => {}
        }
    }
    Ok(cells)
}

/// The value of the cell just opened (`e`), reading up to its end; `None` when empty.
fn cell(x: &mut Xml<'_>, e: &quick_xml::events::BytesStart<'_>) -> Result<Option<Value>> {
    let value_type = attr_exact(e, b"office:value-type")?;
    let calc_type = attr_exact(e, b"calcext:value-type")?;
    let formula = attr(e, b"formula")?.is_some();
    let number = attr_exact(e, b"office:value")?;
    let boolean = attr_exact(e, b"office:boolean-value")?;
    let string = attr_exact(e, b"office:string-value")?;
    let text = paragraphs(x)?;
    if calc_type.as_deref() == Some("error") {
        return Ok(Some(Value::Error(text.unwrap_or_default())));
    }
    Ok(Some(match value_type.as_deref() {
        Some("float" | "percentage" | "currency") => match number {
            Some(n) => Value::Number(n.trim().to_string()),
            None => Value::Uncached,
        },
        Some("boolean") => Value::Bool(boolean.as_deref().map(str::trim) == Some("true")),
        Some("date" | "time") => Value::Date,
        Some(_) => match string.map(Some).unwrap_or(text) {
            Some(t) if t.is_empty() => return Ok(None),
            t => text_value(t),
        },
        None if formula => Value::Uncached,
        None => match text {
            Some(t) if t.is_empty() => return Ok(None),
            t => text_value(t),
        },
    }))
}

/// The text of the cell just opened: its paragraphs joined by line ends, spaces (`text:s`),
/// tabs and line breaks spelt out, notes and drawings left out. `None` beyond
/// [`MAX_CELL_BYTES`].
fn paragraphs(x: &mut Xml<'_>) -> Result<Option<String>> {
    let depth = x.depth();
    let mut out = String::new();
    let mut paragraphs = 0;
    let mut over = false;
    let mut push = |out: &mut String, s: &str| {
        if out.len() + s.len() > MAX_CELL_BYTES {
            over = true;
        } else {
            out.push_str(s);
        }
    };
    while x.depth() >= depth {
        match x.next()? {
            Node::Open(e) => match e.name().as_ref() {
                b"text:p" | b"text:h" => {
                    if paragraphs > 0 {
                        push(&mut out, "\n");
                    }
                    paragraphs += 1;
                }
                b"text:s" => {
                    let n = repeat(&e, b"c")?.min(MAX_CELL_BYTES as u32 + 1);
                    push(&mut out, &" ".repeat(n as usize));
                }
                b"text:tab" => push(&mut out, "\t"),
                b"text:line-break" => push(&mut out, "\n"),
                b"office:annotation" | b"draw:frame" | b"draw:custom-shape" | b"draw:g" => {
                    x.skip()?
                }
                _ => {}
            },
            Node::Text(t) if x.depth() > depth => push(&mut out, &t),
            Node::End => break,
            _ => {}
        }
    }
    Ok((!over).then_some(out))
}
