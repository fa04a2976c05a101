//! Plans from workbooks (contract 1.2) through the library and the CLI: workbooks written by two
//! writers that are not this project (openpyxl and LibreOffice Calc, `tests/fixtures/sheet/`
//! with the script that made them) give example 12's result or the error their name says; hostile
//! workbooks, made here, are answered quickly with a coded error.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::zip::{Zip, DEFLATED};
use common::*;
use efa_rechner::{allocate_plan_text, PlanOptions};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Longest an answer may take: a hang guard, not a speed target (the figures are in
/// docs/plans.md; `make bench` measures).
const HANG_GUARD: Duration = Duration::from_secs(10);

fn run(bytes: &[u8]) -> Value {
    match allocate_plan_text(bytes, &PlanOptions::default()) {
        Ok(r) => serde_json::to_value(&r).unwrap(),
        Err(e) => json!({ "error": e }),
    }
}

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/sheet")
}

fn example_12() -> Value {
    read_json(&repo().join("tests/fixtures/plan/12-plan-german.expected.json"))
}

fn same_as_example_12(name: &str, got: &Value) {
    assert!(got.get("error").is_none(), "{name}: {got}");
    let diffs = subset_differences(&example_12(), got, "");
    assert!(diffs.is_empty(), "{name}:\n{}", diffs.join("\n"));
}

/// What each `bad-*` workbook must answer: code, path, and a word of the German message.
fn bad_expectations() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    vec![
        (
            "bad-amount-decimals.xlsx",
            "invalid_amount",
            "plan.entries[2].costs",
            "Zelle D4",
        ),
        (
            "bad-boolean.xlsx",
            "invalid_sheet",
            "sheet:Sheet!D4",
            "Wahrheitswert",
        ),
        (
            "bad-cell-right-of-header.xlsx",
            "invalid_sheet",
            "sheet:Sheet!J3",
            "rechts",
        ),
        ("bad-date.xlsx", "invalid_sheet", "sheet:Sheet!C3", "Datum"),
        (
            "bad-error-value-libreoffice.ods",
            "invalid_sheet",
            "sheet:Sheet!D3",
            "#DIV/0!",
        ),
        (
            "bad-error-value-libreoffice.xlsx",
            "invalid_sheet",
            "sheet:Sheet!D3",
            "#DIV/0!",
        ),
        (
            "bad-formula-uncached.xlsx",
            "invalid_sheet",
            "sheet:Sheet!C2",
            "gespeicherten Wert",
        ),
        (
            "bad-no-plan-sheet.xlsx",
            "invalid_sheet",
            "sheet",
            "Notizen",
        ),
        (
            "bad-old-format.xls",
            "invalid_sheet",
            "sheet",
            "als .xlsx speichern",
        ),
    ]
}

fn check_bad(name: &str, got: &Value, code: &str, path: &str, word: &str) {
    let e = got
        .get("error")
        .unwrap_or_else(|| panic!("{name}: expected an error, got {got}"));
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some(code), Some(path)),
        "{name}: {e}"
    );
    let de = e["message"]["de"].as_str().unwrap();
    assert!(de.contains(word), "{name}: {de}");
    assert!(!e["message"]["en"].as_str().unwrap().is_empty(), "{name}");
}

#[test]
fn workbooks_of_other_writers_give_example_12() {
    let mut n = 0;
    for f in std::fs::read_dir(fixtures()).unwrap() {
        let p = f.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if !name.starts_with("plan-") {
            continue;
        }
        n += 1;
        same_as_example_12(&name, &run(&std::fs::read(&p).unwrap()));
        let (code, got) = cli(&["plan", p.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}");
        same_as_example_12(&name, &got);
    }
    assert_eq!(n, 7, "plan workbooks");
}

#[test]
fn bad_workbooks_point_at_the_cell() {
    for (name, code, path, word) in bad_expectations() {
        let p = fixtures().join(name);
        check_bad(name, &run(&std::fs::read(&p).unwrap()), code, path, word);
        let (exit, got) = cli(&["plan", p.to_str().unwrap()]);
        assert_eq!(exit, 2, "{name}");
        check_bad(name, &got, code, path, word);
    }
}

#[test]
fn entry_errors_name_sheet_and_cell() {
    // A bad Land in a sheet: the entry's error, the message naming the sheet and the cell.
    let book = xlsx(
        "Plan",
        &[
            &["Dienst", "Jahr", "Kosten", "Allianz"],
            &["Wohngeld", "2025", "1000", "BY XX"],
        ],
    );
    let got = run(&book);
    assert_eq!(got["error"]["code"], "unknown_land", "{got}");
    assert_eq!(got["error"]["path"], "plan.entries[0].alliance[1]");
    let de = got["error"]["message"]["de"].as_str().unwrap();
    assert!(de.starts_with("Tabelle Plan, Zelle D2: "), "{de}");
    let en = got["error"]["message"]["en"].as_str().unwrap();
    assert!(en.starts_with("sheet Plan, cell D2: "), "{en}");
}

/// The writers themselves, run now: LibreOffice and openpyxl (installed by scripts/setup.sh)
/// write the fixtures again, and each new workbook gives what the committed one gives. Fails
/// when a writer is missing: run `scripts/setup.sh` (`make setup`).
#[test]
fn the_writers_write_the_fixtures_again() {
    let python = repo().join("target/py/bin/python");
    assert!(
        python.is_file(),
        "openpyxl's Python ({}) is missing: run scripts/setup.sh (make setup), which installs it",
        python.display()
    );
    let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"]
        .iter()
        .any(|p| Path::new(p).exists());
    assert!(
        soffice,
        "LibreOffice (soffice) is missing: run scripts/setup.sh (make setup), which installs Debian's libreoffice-calc-nogui"
    );
    let out = std::env::temp_dir().join(format!("efa-sheet-writers-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let status = Command::new(&python)
        .arg(fixtures().join("make.py"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "make.py failed");
    let mut n = 0;
    for f in std::fs::read_dir(&out).unwrap() {
        let p = f.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        let got = run(&std::fs::read(&p).unwrap());
        if name.starts_with("plan-") {
            same_as_example_12(&name, &got);
        } else if let Some((_, code, path, word)) =
            bad_expectations().into_iter().find(|b| b.0 == name)
        {
            check_bad(&name, &got, code, path, word);
        } else {
            panic!("make.py wrote {name}, which this test does not know");
        }
        n += 1;
    }
    std::fs::remove_dir_all(&out).unwrap();
    assert_eq!(
        n,
        std::fs::read_dir(fixtures()).unwrap().count() - 1,
        "one new file per fixture"
    );
}

// ---- workbooks made here (hostile ones) -------------------------------------------------------

/// A ZIP archive of deflated entries.
fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    Zip::of(DEFLATED, entries)
}

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The XML of a worksheet whose rows hold inline strings.
fn sheet_xml(rows: &[&[&str]]) -> String {
    let mut x = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (i, row) in rows.iter().enumerate() {
        x.push_str(&format!("<row r=\"{}\">", i + 1));
        for (j, cell) in row.iter().enumerate() {
            let col = col_name(j + 1);
            x.push_str(&format!(
                "<c r=\"{col}{}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                i + 1,
                xml_escape(cell)
            ));
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

fn xlsx_parts(sheet: String, strings: &str) -> Vec<u8> {
    zip(&[
        ("xl/workbook.xml", WORKBOOK.into()),
        ("xl/_rels/workbook.xml.rels", RELS.into()),
        ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
        ("xl/sharedStrings.xml", strings.into()),
    ])
}

fn xlsx(name: &str, rows: &[&[&str]]) -> Vec<u8> {
    let wb = WORKBOOK.replace("name=\"Plan\"", &format!("name=\"{name}\""));
    zip(&[
        ("xl/workbook.xml", wb.into_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.into()),
        ("xl/worksheets/sheet1.xml", sheet_xml(rows).into_bytes()),
    ])
}

const HEADER: &[&str] = &["Dienst", "Jahr", "Kosten", "Allianz"];
const ROW: &[&str] = &["Wohngeld", "2025", "1.000,00", "BY HE"];

/// A deflate stream of `head`, `count` × `chunk` and `tail`, made by repeating one compressed
/// chunk (so a 300 MB cell costs 300 KB and no 300 MB buffer).
fn deflate_repeated(head: &[u8], chunk: &[u8], count: usize, tail: &[u8]) -> Vec<u8> {
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush,
    };
    let part = |data: &[u8], flush: TDEFLFlush| {
        let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(6, -15, 0));
        let mut out = vec![0u8; data.len() + 1024];
        let (status, _, written) = compress(&mut c, data, &mut out, flush);
        assert!(status as i32 >= 0);
        out.truncate(written);
        out
    };
    let mut out = part(head, TDEFLFlush::Sync);
    let body = part(chunk, TDEFLFlush::Sync);
    for _ in 0..count {
        out.extend_from_slice(&body);
    }
    out.extend(part(tail, TDEFLFlush::Finish));
    out
}

/// A workbook whose sheet holds one cell of `mb` MB of text, deflated by repetition, with the
/// sheet's declared size `declared` (`None`: the true one).
fn bomb(mb: usize, declared: Option<u32>) -> Vec<u8> {
    let head = sheet_xml(&[HEADER]).replace(
        "</sheetData>",
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>",
    );
    let tail = "</t></is></c></row></sheetData></worksheet>";
    let chunk = vec![b'a'; 1 << 20];
    let body = deflate_repeated(head.as_bytes(), &chunk, mb, tail.as_bytes());
    let true_size = (head.len() + (mb << 20) + tail.len()) as u32;
    let mut zip = Zip::default();
    zip.add("xl/workbook.xml", DEFLATED, WORKBOOK.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", DEFLATED, RELS.as_bytes());
    zip.raw(
        "xl/worksheets/sheet1.xml",
        DEFLATED,
        &body,
        declared.unwrap_or(true_size),
    );
    zip.finish()
}

/// A compound file (the container of old `.xls` and of password-protected `.xlsx`) with the given
/// stream names in its directory.
fn compound(streams: &[&str]) -> Vec<u8> {
    let mut out = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    out.resize(512, 0);
    for s in streams {
        let mut entry: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        out.extend(entry);
    }
    out.resize(4096, 0);
    out
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    code: &'static str,
    path: &'static str,
}

fn hostile_cases() -> Vec<Case> {
    let case = |name, bytes, code, path| Case {
        name,
        bytes,
        code,
        path,
    };
    let strings_oob = {
        let sheet = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>4294967296</v></c></row></sheetData></worksheet>"#;
        let sst = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Dienst</t></si><si><t>Jahr</t></si><si><t>Kosten</t></si></sst>"#;
        xlsx_parts(sheet.into(), sst)
    };
    let laughs = {
        let mut d =
            String::from("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY l0 \"lol\">");
        for i in 1..10 {
            let p = format!("&l{};", i - 1);
            d.push_str(&format!("<!ENTITY l{i} \"{}\">", p.repeat(10)));
        }
        d.push_str("]>");
        d + &sheet_xml(&[HEADER, &["&l9;", "2025", "1", "BY"]]).replace("&amp;l9;", "&l9;")
    };
    let external = {
        let d = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
        d.to_string() + &sheet_xml(&[HEADER, &["&x;", "2025", "1", "BY"]]).replace("&amp;x;", "&x;")
    };
    let external_strings = {
        let sst =
            "<!DOCTYPE sst [<!ENTITY x SYSTEM \"/etc/passwd\">]><sst><si><t>&x;</t></si></sst>";
        xlsx_parts(sheet_xml(&[HEADER, ROW]), sst)
    };
    let deep = {
        let s = sheet_xml(&[HEADER, ROW]);
        s.replace(
            "<sheetData>",
            &format!(
                "<sheetData>{}{}",
                "<x>".repeat(100_000),
                "</x>".repeat(100_000)
            ),
        )
    };
    let wide_header = {
        let names: Vec<String> = (0..10_000).map(|i| format!("Spalte{i}")).collect();
        let mut row: Vec<&str> = HEADER.to_vec();
        row.extend(names.iter().map(String::as_str));
        sheet_xml(&[&row, ROW])
    };
    let wide_row = {
        // 10,000 cells, the first ones filling the plan's columns.
        let x = sheet_xml(&[HEADER, ROW]);
        let cells: String = (0..10_000)
            .map(|i| {
                format!(
                    "<c r=\"{}\" t=\"inlineStr\"><is><t>x</t></is></c>",
                    col_name(5 + i) + "2"
                )
            })
            .collect();
        x.replace(
            "BY HE</t></is></c></row>",
            &format!("BY HE</t></is></c>{cells}</row>"),
        )
    };
    let corner = sheet_xml(&[HEADER, ROW]).replace(
        "</sheetData>",
        "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
    );
    let beyond = sheet_xml(&[HEADER, ROW]).replace(
        "</sheetData>",
        "<row r=\"1048577\"><c r=\"A1048577\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
    );
    let long_service = "a".repeat(32_767);
    let long_cell = sheet_xml(&[HEADER, &[&long_service, "2025", "1", "BY"]]);
    let long_strings = {
        let mut sst = String::from("<sst>");
        for _ in 0..1_000 {
            sst.push_str(&format!("<si><t>{long_service}</t></si>"));
        }
        sst.push_str("</sst>");
        let s = sheet_xml(&[HEADER, ROW]).replace(
            "<c r=\"A2\" t=\"inlineStr\"><is><t>Wohngeld</t></is></c>",
            "<c r=\"A2\" t=\"s\"><v>999</v></c>",
        );
        xlsx_parts(s, &sst)
    };
    let many_entries = {
        let rows: Vec<&[&str]> = std::iter::once(HEADER)
            .chain(std::iter::repeat_n(ROW, 100_000))
            .collect();
        sheet_xml(&rows)
    };
    let ods_repeats = {
        let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Plan"><table:table-row><table:table-cell office:value-type="string"><text:p>Dienst</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Jahr</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Kosten</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
        zip(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            ("content.xml", content.into()),
        ])
    };
    let ods_encrypted = zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
        (
            "META-INF/manifest.xml",
            b"<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>".to_vec()
        ),
        ("content.xml", vec![0x9c; 500]),
    ]);
    let with_sheet = |s: String| {
        zip(&[
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", RELS.into()),
            ("xl/worksheets/sheet1.xml", s.into_bytes()),
        ])
    };
    vec![
        case(
            "zip bomb: a 300 MB cell, sizes true",
            bomb(300, None),
            "limit_exceeded",
            "sheet",
        ),
        case(
            "zip bomb: a 300 MB cell declared as 1 KB",
            bomb(300, Some(1000)),
            "limit_exceeded",
            "sheet",
        ),
        case(
            "zip bomb: a 300 MB cell declared as 49 MB",
            bomb(300, Some(49_000_000)),
            "limit_exceeded",
            "sheet",
        ),
        case(
            "billion laughs",
            with_sheet(laughs),
            "invalid_sheet",
            "sheet",
        ),
        case(
            "external entity in the sheet",
            with_sheet(external),
            "invalid_sheet",
            "sheet",
        ),
        case(
            "external entity in the shared strings",
            external_strings,
            "invalid_sheet",
            "sheet",
        ),
        case(
            "100,000 nested elements",
            with_sheet(deep),
            "invalid_sheet",
            "sheet",
        ),
        case(
            "shared-string index out of range",
            strings_oob,
            "invalid_sheet",
            "sheet:Plan!A2",
        ),
        case(
            "a cell at XFD1048576",
            with_sheet(corner),
            "invalid_sheet",
            "sheet:Plan!XFD1048576",
        ),
        case(
            "a row beyond 1048576",
            with_sheet(beyond),
            "invalid_sheet",
            "sheet:Plan",
        ),
        case(
            "10,000 header columns",
            with_sheet(wide_header),
            "limit_exceeded",
            "sheet:Plan!BM1",
        ),
        case(
            "10,000 cells in a row",
            with_sheet(wide_row),
            "invalid_sheet",
            "sheet:Plan!E2",
        ),
        case(
            "a 32,767-character cell",
            with_sheet(long_cell),
            "limit_exceeded",
            "sheet:Plan!A2",
        ),
        case(
            "1,000 shared strings of 32,767 characters",
            long_strings,
            "limit_exceeded",
            "sheet:Plan!A2",
        ),
        case(
            "100,000 entries",
            with_sheet(many_entries),
            "invalid_plan",
            "plan.entries",
        ),
        case(
            "ods: 1048575 rows × 16384 cells by repetition",
            ods_repeats,
            "limit_exceeded",
            "sheet:Plan",
        ),
        case(
            "ods: password-protected",
            ods_encrypted,
            "invalid_sheet",
            "sheet",
        ),
        case(
            "xlsx: password-protected",
            compound(&["EncryptionInfo", "EncryptedPackage"]),
            "invalid_sheet",
            "sheet",
        ),
        case(
            "xls: old Excel format",
            compound(&["Workbook", "SummaryInformation"]),
            "invalid_sheet",
            "sheet",
        ),
        case(
            "a ZIP that is no workbook",
            zip(&[("word/document.xml", b"<w/>".to_vec())]),
            "invalid_sheet",
            "sheet",
        ),
        case(
            "a cut-off workbook",
            {
                let w = xlsx("Plan", &[HEADER, ROW]);
                w[..w.len() / 2].to_vec()
            },
            "invalid_sheet",
            "sheet",
        ),
    ]
}

fn col_name(mut c: usize) -> String {
    let mut s = Vec::new();
    while c > 0 {
        s.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

#[test]
fn a_dimension_of_the_whole_sheet_is_harmless() {
    let s = sheet_xml(&[HEADER, ROW]).replace(
        "<sheetData>",
        "<dimension ref=\"A1:XFD1048576\"/><sheetData>",
    );
    let book = zip(&[
        ("xl/workbook.xml", WORKBOOK.into()),
        ("xl/_rels/workbook.xml.rels", RELS.into()),
        ("xl/worksheets/sheet1.xml", s.into_bytes()),
    ]);
    let got = run(&book);
    assert_eq!(got["total"], "1000.00", "{got}");
}

#[test]
fn hostile_workbooks_are_answered_quickly_and_coded() {
    let mut slowest = (Duration::ZERO, "");
    for c in hostile_cases() {
        let t = Instant::now();
        let got = run(&c.bytes);
        let took = t.elapsed();
        let e = got
            .get("error")
            .unwrap_or_else(|| panic!("{}: expected an error, got {got}", c.name));
        assert_eq!(
            (e["code"].as_str().unwrap(), e["path"].as_str().unwrap()),
            (c.code, c.path),
            "{}: {e}",
            c.name
        );
        for lang in ["de", "en"] {
            let m = e["message"][lang].as_str().unwrap();
            assert!(!m.is_empty() && m.len() <= 2000, "{}: {m}", c.name);
        }
        assert!(took < HANG_GUARD, "{}: {took:?}", c.name);
        if took > slowest.0 {
            slowest = (took, c.name);
        }
    }
    eprintln!("slowest hostile workbook: {} ({:?})", slowest.1, slowest.0);
    // The same workbooks for the browser's container reader (tests/node/sheet.test.mjs): with
    // EFA_HOSTILE_SHEETS=DIR each is written there, with its expected answer in index.json.
    if let Some(dir) = std::env::var_os("EFA_HOSTILE_SHEETS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut index = Vec::new();
        for (i, c) in hostile_cases().into_iter().enumerate() {
            let file = format!("{i:02}.bin");
            std::fs::write(dir.join(&file), &c.bytes).unwrap();
            index.push(json!({ "name": c.name, "file": file, "code": c.code, "path": c.path }));
        }
        std::fs::write(dir.join("index.json"), Value::Array(index).to_string()).unwrap();
    }
    // The engine still works afterwards.
    assert_eq!(run(&xlsx("Plan", &[HEADER, ROW]))["total"], "1000.00");
}

#[test]
fn what_to_do_with_an_old_or_protected_workbook() {
    let xls = run(&compound(&["Workbook"]));
    assert!(xls["error"]["message"]["de"]
        .as_str()
        .unwrap()
        .contains("als .xlsx speichern"));
    let protected = run(&compound(&["EncryptedPackage"]));
    let de = protected["error"]["message"]["de"].as_str().unwrap();
    assert!(
        de.contains("Kennwort") && de.contains(".xlsx speichern"),
        "{de}"
    );
}

// ---- the export -----------------------------------------------------------------------------

fn python() -> PathBuf {
    let python = repo().join("target/py/bin/python");
    assert!(
        python.is_file(),
        "openpyxl's Python ({}) is missing: run scripts/setup.sh (make setup), which installs it",
        python.display()
    );
    python
}

fn soffice() -> &'static str {
    ["/usr/bin/soffice", "/usr/bin/libreoffice"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("LibreOffice (soffice) is missing: run scripts/setup.sh (make setup), which installs Debian's libreoffice-calc-nogui")
}

/// A result workbook (`book`, for the plan `response`) read back by openpyxl: every sheet, the
/// header frozen, the payers' amounts as number cells with the euro format equal to the
/// response's, no formula cell; then opened by LibreOffice, which keeps the numbers numbers.
fn check_result_workbook(book: &Path, response: &Value, dir: &Path) -> Value {
    let script = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    out[ws.title] = {"freeze": ws.freeze_panes, "rows": [[[c.value, c.data_type, c.number_format] for c in row] for row in ws.iter_rows()]}
print(json.dumps(out))
"#;
    let read = Command::new(python())
        .args(["-c", script])
        .arg(book)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let sheets: Value = serde_json::from_slice(&read.stdout).unwrap();
    for name in ["Zahler", "Dienste", "Einträge", "Linien 2023-43", "Quellen"] {
        assert_eq!(sheets[name]["freeze"], "A2", "{name}");
    }
    let years: Vec<String> = response["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.to_string())
        .collect();
    let payers = sheets["Zahler"]["rows"].as_array().unwrap();
    for (i, p) in response["payers"].as_array().unwrap().iter().enumerate() {
        let row = &payers[i + 1];
        assert_eq!(row[1][0], p["id"]);
        assert_eq!(row[1][1], "s");
        // the years, the sum; with a comparison its years, its sum and the difference
        let mut want: Vec<&Value> = years.iter().map(|y| &p["years"][y]).collect();
        want.push(&p["total"]);
        if p["compare"].is_object() {
            want.extend(years.iter().map(|y| &p["compare"]["years"][y]));
            want.push(&p["compare"]["total"]);
            want.push(&p["compare"]["difference"]);
        }
        for (j, w) in want.iter().enumerate() {
            let cell = &row[2 + j];
            assert_eq!(cell[1], "n", "{} {j}: {cell}", p["id"]);
            assert_eq!(cell[2], "#,##0.00\\ \"€\"");
            let got = cell[0].as_f64().unwrap();
            let w: f64 = w.as_str().unwrap().parse().unwrap();
            assert!((got - w).abs() < 0.005, "{} {j}: {got} vs {w}", p["id"]);
        }
    }
    // every text cell a plain string, never a formula
    for (name, sheet) in sheets.as_object().unwrap() {
        for row in sheet["rows"].as_array().unwrap() {
            for cell in row.as_array().unwrap() {
                assert_ne!(cell[1], "f", "{name}: a formula cell {cell}");
            }
        }
    }
    let services = sheets["Dienste"]["rows"].as_array().unwrap();
    assert_eq!(
        services.len(),
        response["services"].as_array().unwrap().len() + 1
    );

    // LibreOffice opens it and saves it as .ods: the amounts are still numbers.
    let profile = dir.join("profile");
    let status = Command::new(soffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "ods",
            "--outdir",
        ])
        .arg(dir)
        .arg(book)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    // LibreOffice's .ods is a ZIP; its content.xml names each cell's value type.
    let unzip = Command::new(python())
        .args([
            "-c",
            "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('content.xml'))",
        ])
        .arg(book.with_extension("ods"))
        .output()
        .unwrap();
    assert!(unzip.status.success());
    let content = String::from_utf8(unzip.stdout).unwrap();
    assert!(
        content.contains(r#"office:value-type="currency""#)
            || content.contains(r#"office:value-type="float""#)
    );
    let he_total = response["payers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["total"] != "0.00")
        .unwrap()["total"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        content.contains(&format!(
            r#"office:value="{}""#,
            he_total.trim_end_matches('0').trim_end_matches('.')
        )),
        "a payer's total {he_total} as a number in LibreOffice's file"
    );
    sheets
}

/// A result workbook written elsewhere (the browser's download, tests/browsers/checks/plan.mjs):
/// `EFA_RESULT_XLSX` names the file, `EFA_RESULT_JSON` the plan response it was made from.
#[test]
#[ignore = "run by the browser suite with a downloaded workbook"]
fn a_result_workbook_from_elsewhere_reads_back() {
    let var = |name: &str| std::env::var_os(name).unwrap_or_else(|| panic!("{name} is not set"));
    let book = PathBuf::from(var("EFA_RESULT_XLSX"));
    let response: Value =
        serde_json::from_slice(&std::fs::read(var("EFA_RESULT_JSON")).unwrap()).unwrap();
    let dir = std::env::temp_dir().join(format!("efa-sheet-readback-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("ergebnis.xlsx");
    std::fs::copy(&book, &copy).unwrap();
    check_result_workbook(&copy, &response, &dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The workbook export read back by openpyxl: every sheet, amounts as number cells with the euro
/// format equal to the response's amounts, texts as strings (a service named like a formula
/// too), the header frozen; then opened by LibreOffice, which keeps the numbers numbers.
#[test]
fn the_exported_workbook_reads_back_in_openpyxl_and_libreoffice() {
    let dir = std::env::temp_dir().join(format!("efa-sheet-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.csv");
    std::fs::write(
        &plan,
        "Dienst;Linie;Jahr;Kosten;Allianz;Modell\n=HYPERLINK(\"http://x\");fokus;2025;1.200.000,00;BY HE NW;itplr-2023-35\nElterngeld;;2026;850.000,50;SH,HH,HB;alliance\n",
    )
    .unwrap();
    let book = dir.join("ergebnis.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_efa-rechner"))
        .args([
            "plan",
            plan.to_str().unwrap(),
            "--compare",
            "alliance",
            "--format",
            "xlsx",
            "-o",
        ])
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let options = PlanOptions {
        compare: Some("alliance".into()),
        title: None,
    };
    let response =
        serde_json::to_value(allocate_plan_text(&std::fs::read(&plan).unwrap(), &options).unwrap())
            .unwrap();

    let sheets = check_result_workbook(&book, &response, &dir);
    let services = sheets["Dienste"]["rows"].as_array().unwrap();
    assert_eq!(services[1][0][0], "=HYPERLINK(\"http://x\")");
    assert_eq!(services[1][0][1], "s", "a text, never a formula");
    std::fs::remove_dir_all(&dir).unwrap();
}
