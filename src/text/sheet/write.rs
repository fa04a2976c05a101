//! Workbooks out: sheets of typed cells as an `.xlsx` file (Office Open XML), which Excel and
//! LibreOffice open. Amounts are number cells with a two-decimal euro format, text cells inline
//! strings (never formulas), the first row of every sheet is a frozen header in bold, and column
//! widths follow the longest content. The ZIP entries are stored, not deflated: a plan's
//! workbook is a few kilobytes, and a deflater would cost more code than it saves bytes.

use serde::Serialize;

/// One cell of a sheet written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "t", content = "v", rename_all = "lowercase")]
pub enum OutCell {
    /// A plain string.
    Text(String),
    /// A decimal amount in euro (`-19846.92`), written as a number with two decimals shown.
    Amount(String),
    /// A whole number (a year, a count), written as a number.
    Int(i64),
    Empty,
}

/// A sheet: its name (at most 31 characters, none of `[]:*?/\`) and rows, the first the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutSheet {
    pub name: String,
    pub rows: Vec<Vec<OutCell>>,
}

/// The CRC-32 of ZIP entries (IEEE); ten lines here instead of a crate with 16 KB of tables.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A ZIP archive of stored entries.
fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let head = |central: bool| {
            let mut h = Vec::with_capacity(64);
            h.extend_from_slice(if central {
                b"PK\x01\x02"
            } else {
                b"PK\x03\x04"
            });
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u16.to_le_bytes()); // time
            h.extend_from_slice(&0x0021u16.to_le_bytes()); // date: 1980-01-01
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 10]); // comment, disk, attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(head(false));
        out.extend_from_slice(data);
        cd.extend(head(true));
    }
    let cd_offset = out.len() as u32;
    let n = (entries.len() as u16).to_le_bytes();
    out.extend_from_slice(&cd);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&n);
    out.extend_from_slice(&n);
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Text for XML: the five special characters escaped, characters XML 1.0 does not allow written
/// as Excel's `_xHHHH_` escapes (and a literal `_x` escaped, so it reads back as written).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '_' if chars.peek() == Some(&'x') => out.push_str("_x005F_"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.push_str(&format!("_x{:04X}_", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// `A1` column letters.
fn col_letters(col: usize) -> String {
    super::cell_ref(col as u32, 1)
        .trim_end_matches('1')
        .to_string()
}

/// A decimal amount as it is written into the sheet: the engine's own decimal text when it is
/// one (`-?digits[.digits]`), else `None` (then it is written as text, never as a number).
fn amount(s: &str) -> Option<&str> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, "0"));
    (!int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit()))
    .then_some(s)
}

/// How wide a cell shows, in characters.
fn shown_width(c: &OutCell) -> usize {
    match c {
        OutCell::Text(t) => t.chars().count(),
        // Digits, group separators, the decimals and " €".
        OutCell::Amount(a) => {
            let int = a
                .split('.')
                .next()
                .unwrap_or(a)
                .trim_start_matches('-')
                .len();
            int + int.saturating_sub(1) / 3 + 3 + 2 + usize::from(a.starts_with('-'))
        }
        OutCell::Int(i) => i.to_string().len(),
        OutCell::Empty => 0,
    }
}

fn sheet_xml(sheet: &OutSheet) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    x.push_str(r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>"#);
    let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns > 0 {
        x.push_str("<cols>");
        for col in 0..columns {
            let width = sheet
                .rows
                .iter()
                .filter_map(|r| r.get(col))
                .map(shown_width)
                .max()
                .unwrap_or(0)
                .clamp(6, 80)
                + 2;
            x.push_str(&format!(
                r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#,
                n = col + 1
            ));
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let n = r + 1;
        x.push_str(&format!(r#"<row r="{n}">"#));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{n}", col_letters(c + 1));
            // Style 1: bold (the header), 2: the euro amount format.
            let bold = if r == 0 { r#" s="1""# } else { "" };
            match cell {
                OutCell::Text(t) => x.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"{bold}><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(t)
                )),
                OutCell::Amount(a) => match amount(a) {
                    Some(a) => x.push_str(&format!(r#"<c r="{at}" s="2"><v>{a}</v></c>"#)),
                    None => x.push_str(&format!(
                        r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape(a)
                    )),
                },
                OutCell::Int(i) => x.push_str(&format!(r#"<c r="{at}"{bold}><v>{i}</v></c>"#)),
                OutCell::Empty => {}
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

const STYLES: &str = r##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\ &quot;€&quot;"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Standard" xfId="0" builtinId="0"/></cellStyles></styleSheet>"##;

/// The workbook of these sheets, `title` in its document properties.
pub fn xlsx(sheets: &[OutSheet], title: Option<&str>) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            escape(&sheet.name)
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            sheet_xml(sheet).into_bytes(),
        ));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#, sheets.len() + 1));
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>efa-rechner</dc:creator></cp:coreProperties>"#,
        escape(title.unwrap_or(""))
    );
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;
    let mut entries: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", types.into_bytes()),
        ("_rels/.rels", root_rels.as_bytes().to_vec()),
        ("docProps/core.xml", core.into_bytes()),
        ("xl/workbook.xml", book.into_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.into_bytes()),
        ("xl/styles.xml", STYLES.as_bytes().to_vec()),
    ];
    entries.extend(parts.iter().map(|(n, d)| (n.as_str(), d.clone())));
    zip(&entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn escapes() {
        assert_eq!(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(escape("x\u{1}y"), "x_x0001_y");
        assert_eq!(escape("_x0041_"), "_x005F_x0041_");
        assert_eq!(amount("-19846.92"), Some("-19846.92"));
        assert_eq!(amount("=1+1"), None);
    }

    /// What this writer writes, the reader reads back: names, texts (formulas stay text),
    /// amounts as numbers.
    #[test]
    fn reads_back() {
        let sheets = vec![OutSheet {
            name: "Zahler & Co".into(),
            rows: vec![
                vec![
                    OutCell::Text("Dienst".into()),
                    OutCell::Text("Jahr".into()),
                    OutCell::Text("Kosten".into()),
                ],
                vec![
                    OutCell::Text("=HYPERLINK(\"x\")".into()),
                    OutCell::Int(2025),
                    OutCell::Amount("-19846.92".into()),
                ],
                vec![
                    OutCell::Text("a_x0041_\u{1}".into()),
                    OutCell::Empty,
                    OutCell::Amount("1".into()),
                ],
            ],
        }];
        let book = super::super::read(&xlsx(&sheets, Some("T"))).unwrap();
        let s = &book.sheets[0];
        assert_eq!(s.name, "Zahler & Co");
        use super::super::Value;
        assert_eq!(
            s.rows[1].cells[0].value,
            Value::Text("=HYPERLINK(\"x\")".into())
        );
        assert_eq!(s.rows[1].cells[1].value, Value::Number("2025".into()));
        assert_eq!(s.rows[1].cells[2].value, Value::Number("-19846.92".into()));
        assert_eq!(
            s.rows[2].cells[0].value,
            Value::Text("a_x0041_\u{1}".into())
        );
        assert_eq!(s.rows[2].cells[1].col, 3);
    }
}
