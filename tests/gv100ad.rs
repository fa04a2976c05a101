//! The GV100AD reader: hand-made fixtures (always), the real Destatis files in ../shared (when
//! present).
#![cfg(not(target_arch = "wasm32"))]

use efa_rechner::gv100ad::{self, MAX_BYTES};
use efa_rechner::{Error, ErrorCode};
use efa_rechner::{Kommune, KommunenDataset};
use std::collections::BTreeMap;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gv100ad/");
const REAL_2025: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/gv100ad/GV100AD_30112025.txt"
);
const REAL_2022: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/gv100ad/GV100AD_31122022.txt"
);

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{FIXTURES}{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn fixture_text(name: &str) -> String {
    String::from_utf8(fixture(name)).expect("fixture is UTF-8")
}

/// The real file, or `None` with a message where ../shared is not checked out beside the repo.
fn real(path: &str) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!("skipped: ../shared not present ({path} not found)");
            None
        }
    }
}

fn parse_err(bytes: &[u8]) -> Error {
    match gv100ad::parse(bytes) {
        Ok(d) => panic!("expected an error, got {} Gemeinden", gemeinden(&d).len()),
        Err(e) => e,
    }
}

fn assert_invalid(bytes: &[u8], path: &str, en_contains: &str) -> Error {
    let e = parse_err(bytes);
    assert_eq!(e.code, ErrorCode::InvalidGv100ad, "{e}");
    assert_eq!(e.path, path, "{e}");
    assert!(
        e.message.en.contains(en_contains),
        "English message {:?} should mention {en_contains:?}",
        e.message.en
    );
    assert!(!e.message.de.is_empty() && e.message.de != e.message.en);
    // The messages name the line, so a user can find it.
    let line = path.trim_start_matches("gv100ad:");
    if line != "gv100ad" {
        assert!(
            e.message.de.contains(&format!("Zeile {line}")),
            "{:?}",
            e.message.de
        );
        assert!(
            e.message.en.contains(&format!("line {line}")),
            "{:?}",
            e.message.en
        );
    }
    e
}

fn gemeinden(d: &KommunenDataset) -> &[Kommune] {
    d.gemeinden.as_deref().expect("GV100AD data has Gemeinden")
}

fn find<'a>(list: &'a [Kommune], ags: &str) -> &'a Kommune {
    list.iter()
        .find(|k| k.ags == ags)
        .unwrap_or_else(|| panic!("AGS {ags} missing"))
}

/// Replaces one record (1-based line) of a text with `f(record)`.
fn edit_line(text: &str, line: usize, mut f: impl FnMut(&str) -> String) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| if i + 1 == line { f(l) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Replaces characters `from..=to` (1-based) of a record.
fn set_chars(record: &str, from: usize, value: &str) -> String {
    let chars: Vec<char> = record.chars().collect();
    let to = from - 1 + value.chars().count();
    chars[..from - 1]
        .iter()
        .copied()
        .chain(value.chars())
        .chain(chars[to..].iter().copied())
        .collect()
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("character outside Latin-1"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Fixtures

#[test]
fn valid_fixture_gives_kreise_and_gemeinden() {
    let d = gv100ad::parse(&fixture("valid-utf8.txt")).expect("valid fixture parses");
    assert_eq!(d.gebietsstand, "2024-12-31");
    assert_eq!(d.source.id, "gv100ad-2024-12-31");
    assert_eq!(
        d.source.title,
        "Destatis, Gemeindeverzeichnis GV100AD, Gebietsstand 31.12.2024"
    );
    assert_eq!(
        d.source.licence.as_deref(),
        Some("Destatis: Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet")
    );
    assert_eq!(d.source.reference_date.as_deref(), Some("2024-12-31"));

    let kreise: Vec<(&str, &str, u64)> = d
        .kreise
        .iter()
        .map(|k| (k.ags.as_str(), k.name.as_str(), k.population))
        .collect();
    assert_eq!(
        kreise,
        [
            ("02000", "Hamburg, Freie und Hansestadt", 1_862_565),
            ("08111", "Stuttgart, Landeshauptstadt", 613_392),
            ("09162", "München, Landeshauptstadt", 1_510_378),
            ("09189", "Traunstein", 4521 + 5102 + 1234),
        ]
    );

    let g = gemeinden(&d);
    let ags: Vec<&str> = g.iter().map(|k| k.ags.as_str()).collect();
    // Gemeinde digits are positions 16-18, not the Verband digits 19-22.
    assert_eq!(
        ags,
        [
            "02000000", "07000999", "08111000", "09162000", "09189112", "09189155", "09189160",
            "09189451", "09189452"
        ]
    );
    assert_eq!(find(g, "09189112").name, "Grabenstätt");
    assert_eq!(find(g, "09189155").name, "Übersee");
    // Names are data, never markup: kept verbatim for the widget to show as text.
    assert_eq!(
        find(g, "09189160").name,
        "Weißensee <img src=x onerror=alert(1)>"
    );
    // gemeindefreie Gebiete: zeros and a blank field both mean population 0.
    assert_eq!(find(g, "09189451").population, 0);
    assert_eq!(find(g, "09189452").population, 0);
    // Outside any Kreis (like the real 07000999), kept as a Gemeinde, in no Kreis.
    assert_eq!(find(g, "07000999").population, 0);
    assert!(d.kreise.iter().all(|k| !k.ags.starts_with("07")));
}

#[test]
fn latin1_fixture_equals_utf8_fixture() {
    let utf8 = fixture("valid-utf8.txt");
    let l1 = fixture("valid-latin1.txt");
    assert!(
        std::str::from_utf8(&l1).is_err(),
        "the Latin-1 fixture must not be valid UTF-8"
    );
    // The committed Latin-1 file is exactly the UTF-8 one re-encoded, so they cannot drift.
    assert_eq!(l1, latin1(std::str::from_utf8(&utf8).unwrap()));
    assert_eq!(gv100ad::parse(&l1).unwrap(), gv100ad::parse(&utf8).unwrap());
}

#[test]
fn windows_1252_letters_in_latin1_files() {
    // š is 0x9A in Windows-1252 (a C1 control in strict Latin-1); ä makes the file non-UTF-8.
    let text = fixture_text("valid-utf8.txt");
    let text = edit_line(&text, 20, |r| set_chars(r, 23, "Dešno-Grabenstätt"));
    let mut bytes = Vec::new();
    for c in text.chars() {
        bytes.push(if c == 'š' {
            0x9A
        } else {
            u8::try_from(u32::from(c)).unwrap()
        });
    }
    let d = gv100ad::parse(&bytes).unwrap();
    assert_eq!(find(gemeinden(&d), "09189112").name, "Dešno-Grabenstätt");
}

#[test]
fn parse_str_bom_crlf_and_trailing_blank_lines() {
    let text = fixture_text("valid-utf8.txt");
    let expected = gv100ad::parse_str(&text).unwrap();
    assert_eq!(expected, gv100ad::parse(text.as_bytes()).unwrap());

    let crlf = text.replace('\n', "\r\n");
    assert_eq!(gv100ad::parse_str(&crlf).unwrap(), expected);
    let with_bom = format!("\u{FEFF}{crlf}\r\n\r\n\n");
    assert_eq!(gv100ad::parse_str(&with_bom).unwrap(), expected);
    assert_eq!(gv100ad::parse(with_bom.as_bytes()).unwrap(), expected);
    // A BOM before Latin-1 bytes is not a thing, but a BOM before UTF-8 is.
    let mut bom_bytes = b"\xEF\xBB\xBF".to_vec();
    bom_bytes.extend_from_slice(text.as_bytes());
    assert_eq!(gv100ad::parse(&bom_bytes).unwrap(), expected);
    // The last record may lack its line end when it is complete.
    assert_eq!(
        gv100ad::parse_str(text.trim_end_matches('\n')).unwrap(),
        expected
    );
}

#[test]
fn truncated_file() {
    let e = assert_invalid(&fixture("truncated.txt"), "gv100ad:24", "truncated");
    assert!(e.message.de.contains("abgeschnitten"));
}

#[test]
fn five_thousand_character_line() {
    let e = assert_invalid(&fixture("long-line.txt"), "gv100ad:3", "5000 characters");
    assert!(e.message.en.contains("at most 220"));
}

#[test]
fn bad_satzart() {
    let e = assert_invalid(&fixture("bad-satzart.txt"), "gv100ad:8", "\"70\"");
    assert!(e.message.en.contains("columns 1-2"));
}

#[test]
fn non_digit_population() {
    let e = assert_invalid(&fixture("bad-population.txt"), "gv100ad:17", "0001510A378");
    assert!(e.message.en.contains("columns 140-150"));
    assert!(e.message.de.contains("Bevölkerung"));
}

#[test]
fn inconsistent_gebietsstand() {
    let e = assert_invalid(
        &fixture("mixed-gebietsstand.txt"),
        "gv100ad:15",
        "different from line 1",
    );
    assert!(e.message.en.contains("columns 3-10"));
}

#[test]
fn invalid_gebietsstand_dates() {
    let text = fixture_text("valid-utf8.txt");
    for bad in ["20240231", "20241301", "2024123x", "00001231", "        "] {
        let changed: String = text
            .split('\n')
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    set_chars(l, 3, bad)
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_invalid(changed.as_bytes(), "gv100ad:1", "not a valid date");
    }
    // Leap day is fine.
    let leap: String = text
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                set_chars(l, 3, "20240229")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        gv100ad::parse_str(&leap).unwrap().gebietsstand,
        "2024-02-29"
    );
}

#[test]
fn record_too_short_for_its_satzart() {
    let text = fixture_text("valid-utf8.txt");
    // A Gemeinde record that ends before the population (with a line end, so not "truncated").
    let short = edit_line(&text, 12, |r| r.chars().take(145).collect());
    assert_invalid(
        short.as_bytes(),
        "gv100ad:12",
        "record too short (145 characters, a record has 220)",
    );
    // Every record of every Satzart has its 220 characters: cut short anywhere (also where only
    // blanks would follow) it is refused, never read as if the rest were blank.
    for (line, satzart) in text.split('\n').enumerate().filter(|(_, l)| !l.is_empty()) {
        for cut in [103, 150, 207, 219] {
            let short = edit_line(&text, line + 1, |r| r.chars().take(cut).collect());
            let e = assert_invalid(
                short.as_bytes(),
                &format!("gv100ad:{}", line + 1),
                &format!("record too short ({cut} characters"),
            );
            assert!(e.message.en.contains(&format!("Satzart {}", &satzart[..2])));
        }
    }
    // A single character is too short for anything.
    let one = edit_line(&text, 5, |_| "1".to_string());
    assert_invalid(one.as_bytes(), "gv100ad:5", "columns 1-2");
}

#[test]
fn every_satzart_is_checked_field_by_field() {
    let text = fixture_text("valid-utf8.txt");
    let lines: Vec<&str> = text.split('\n').collect();
    let line_of = |satzart: &str| lines.iter().position(|l| l.starts_with(satzart)).unwrap() + 1;
    let cases: [(&str, usize, &str, &str); 10] = [
        ("10", 13, "7", "not laid out as Satzart 10"),
        ("20", 14, "x", "not laid out as Satzart 20"),
        ("30", 11, "AB", "not all digits"),
        ("40", 16, "1", "not laid out as Satzart 40"),
        (
            "40",
            123,
            "46",
            "Textkennzeichen in columns 123-124 is not one Satzart 40 may have",
        ),
        ("50", 19, "00A1", "not laid out as Satzart 50"),
        ("50", 123, "  ", "Textkennzeichen"),
        ("60", 123, "59", "Textkennzeichen"),
        (
            "60",
            129,
            "0000000000x",
            "area in columns 129-139 is not a number",
        ),
        (
            "20",
            150,
            "x",
            "blank field in columns 129-200 is not blank in Satzart 20",
        ),
    ];
    for (satzart, at, value, message) in cases {
        let line = line_of(satzart);
        let bad = edit_line(&text, line, |r| set_chars(r, at, value));
        assert_invalid(bad.as_bytes(), &format!("gv100ad:{line}"), message);
    }
    let line = line_of("60");
    let bad = edit_line(&text, line, |r| set_chars(r, 151, "00000000 1x"));
    assert_invalid(
        bad.as_bytes(),
        &format!("gv100ad:{line}"),
        "male population",
    );
}

/// The stream reader gives what the whole-file reader gives, however the file is cut into
/// chunks, and the same errors at the same lines.
#[test]
fn stream_reader_equals_the_whole_file_reader() {
    let read = |bytes: &[u8], chunk: usize| {
        let mut r = gv100ad::StreamReader::new();
        for c in bytes.chunks(chunk.max(1)) {
            r.push(c)?;
        }
        r.finish()
    };
    for name in ["valid-utf8.txt", "valid-latin1.txt"] {
        let bytes = fixture(name);
        let whole = gv100ad::parse(&bytes).unwrap();
        for chunk in [1, 2, 3, 7, 220, 221, 4096, bytes.len()] {
            assert_eq!(
                read(&bytes, chunk).unwrap(),
                whole,
                "{name}, chunks of {chunk}"
            );
        }
    }
    let text = fixture_text("valid-utf8.txt");
    let with_bom_crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    assert_eq!(
        read(with_bom_crlf.as_bytes(), 5).unwrap(),
        gv100ad::parse(text.as_bytes()).unwrap()
    );
    for name in [
        "truncated.txt",
        "long-line.txt",
        "bad-satzart.txt",
        "bad-population.txt",
        "mixed-gebietsstand.txt",
    ] {
        let bytes = fixture(name);
        let whole = gv100ad::parse(&bytes).unwrap_err();
        for chunk in [1, 64, 100_000] {
            let e = read(&bytes, chunk).unwrap_err();
            assert_eq!(
                (e.code, &e.path),
                (whole.code, &whole.path),
                "{name}, chunks of {chunk}"
            );
        }
    }
    // UTF-8 first, Latin-1 later: refused with the line.
    let mut mixed = text.clone().into_bytes();
    mixed.extend_from_slice(&latin1(text.split('\n').nth(19).unwrap()));
    mixed.push(b'\n');
    let e = read(&mixed, 50).unwrap_err();
    assert!(e.message.en.contains("character encoding"), "{e}");
    // A line that never ends is refused early, not buffered.
    let mut r = gv100ad::StreamReader::new();
    let e = r.push(&vec![b'6'; 10_000]).unwrap_err();
    assert_eq!(e.path, "gv100ad:1");
}

#[test]
fn stream_reader_reads_the_real_file_in_64_kib_chunks() {
    let Some(bytes) = real(REAL_2025) else { return };
    let mut r = gv100ad::StreamReader::new();
    for c in bytes.chunks(65_536) {
        r.push(c).unwrap();
    }
    assert_eq!(r.finish().unwrap(), gv100ad::parse(&bytes).unwrap());
}

#[test]
fn long_record_with_multibyte_characters_is_counted_in_characters() {
    let text = fixture_text("valid-utf8.txt");
    // 220 characters of which many are two bytes: fine.
    let wide = edit_line(&text, 20, |r| set_chars(r, 23, &"ä".repeat(50)));
    assert!(wide.split('\n').nth(19).unwrap().len() > 220);
    let d = gv100ad::parse_str(&wide).unwrap();
    assert_eq!(find(gemeinden(&d), "09189112").name, "ä".repeat(50));
    // 221 characters: not fine.
    let long = edit_line(&text, 20, |r| format!("{r}ä"));
    assert_invalid(long.as_bytes(), "gv100ad:20", "221 characters");
}

#[test]
fn gemeinde_without_kreis_record() {
    let text = fixture_text("valid-utf8.txt");
    // Drop the Kreis record of Traunstein (line 18): its Gemeinden, from line 19 on, are orphans.
    let without: String = text
        .split('\n')
        .enumerate()
        .filter(|(i, _)| *i + 1 != 18)
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    let e = assert_invalid(
        without.as_bytes(),
        "gv100ad:19",
        "no Kreis record (Satzart 40)",
    );
    assert!(e.message.en.contains("09189112"));
    // An inhabited gemeindefreies Gebiet outside any Kreis would change the Kreis totals: refused.
    let inhabited = edit_line(&text, 6, |r| set_chars(r, 140, "00000000007"));
    assert_invalid(inhabited.as_bytes(), "gv100ad:6", "Kreis 07000");
}

#[test]
fn duplicate_ags() {
    let text = fixture_text("valid-utf8.txt");
    // Line 21 (Übersee 09189155) gets the Gemeinde digits of line 20 (Grabenstätt 09189112).
    let dup = edit_line(&text, 21, |r| set_chars(r, 16, "112"));
    let e = assert_invalid(dup.as_bytes(), "gv100ad:21", "09189112");
    assert!(e.message.en.contains("first in line 20"));
    // The same for Kreise.
    let dup = edit_line(&text, 18, |r| set_chars(r, 11, "09162"));
    assert_invalid(dup.as_bytes(), "gv100ad:18", "key 09162");
}

#[test]
fn bad_keys_and_names() {
    let text = fixture_text("valid-utf8.txt");
    let e = assert_invalid(
        edit_line(&text, 17, |r| set_chars(r, 14, "6x")).as_bytes(),
        "gv100ad:17",
        "not all digits",
    );
    assert!(e.message.en.contains("columns 11-22"));
    assert_invalid(
        edit_line(&text, 15, |r| set_chars(r, 11, "17")).as_bytes(),
        "gv100ad:15",
        "not the key of a Land 01-16",
    );
    assert_invalid(
        edit_line(&text, 17, |r| set_chars(r, 23, &" ".repeat(50))).as_bytes(),
        "gv100ad:17",
        "empty",
    );
    assert_invalid(
        edit_line(&text, 17, |r| set_chars(r, 23, "M\u{0}nchen")).as_bytes(),
        "gv100ad:17",
        "control characters",
    );
}

#[test]
fn empty_and_gemeinde_free_files() {
    for empty in ["", "\n", "\r\n\r\n"] {
        let e = assert_invalid(empty.as_bytes(), "gv100ad", "no records");
        assert_eq!(e.code, ErrorCode::InvalidGv100ad);
    }
    let text = fixture_text("valid-utf8.txt");
    let no_gemeinden: String = text
        .split('\n')
        .filter(|l| !l.starts_with("60"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_invalid(
        no_gemeinden.as_bytes(),
        "gv100ad",
        "no Gemeinden (Satzart 60)",
    );
    // Something else altogether.
    assert_invalid(b"ags;name;population\n", "gv100ad:1", "Satzart");
    assert_invalid(b"\x00\x01\x02", "gv100ad:1", "Satzart");
}

#[test]
fn empty_line_between_records() {
    let text = fixture_text("valid-utf8.txt");
    let gap = edit_line(&text, 10, |r| format!("\n{r}"));
    assert_invalid(gap.as_bytes(), "gv100ad:10", "empty line");
}

#[test]
fn size_limit() {
    let big = vec![b' '; MAX_BYTES + 1];
    let e = gv100ad::parse(&big).unwrap_err();
    assert_eq!(e.code, ErrorCode::LimitExceeded);
    assert_eq!(e.path, "gv100ad");
    let e = gv100ad::parse_str(std::str::from_utf8(&big).unwrap()).unwrap_err();
    assert_eq!(e.code, ErrorCode::LimitExceeded);
}

#[test]
fn never_panics_on_mangled_input() {
    // Every prefix of the fixture, and single-byte corruptions, give Ok or a coded error.
    let bytes = fixture("valid-utf8.txt");
    for cut in (0..bytes.len()).step_by(7) {
        let _ = gv100ad::parse(&bytes[..cut]);
    }
    for (i, b) in [0xFFu8, b'\n', b'\r', b' ', b'9', 0xC3]
        .iter()
        .cycle()
        .take(600)
        .enumerate()
    {
        let mut m = bytes.clone();
        let at = (i * 131) % m.len();
        m[at] = *b;
        if let Err(e) = gv100ad::parse(&m) {
            assert!(matches!(e.code, ErrorCode::InvalidGv100ad));
            assert!(e.path.starts_with("gv100ad"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The real files (../shared/data/gv100ad)

/// Population by Land and Satzart-60 records by Land, from efa-financing.md (Destatis 31.12.2024).
const LAND_TOTALS_2025: [(&str, u64, usize); 16] = [
    ("01", 2_959_517, 1_106),
    ("02", 1_862_565, 1),
    ("03", 8_004_489, 964),
    ("04", 704_881, 2),
    ("05", 18_034_454, 396),
    ("06", 6_280_793, 425),
    ("07", 4_129_569, 2_301),
    ("08", 11_245_898, 1_103),
    ("09", 13_248_928, 2_221),
    ("10", 1_012_141, 53),
    ("11", 3_685_265, 1),
    ("12", 2_556_747, 413),
    ("13", 1_573_597, 726),
    ("14", 4_042_422, 418),
    ("15", 2_135_597, 218),
    ("16", 2_100_277, 605),
];

fn by_land(list: &[Kommune]) -> BTreeMap<String, (u64, usize)> {
    let mut m = BTreeMap::new();
    for k in list {
        let e = m.entry(k.ags[..2].to_string()).or_insert((0, 0));
        e.0 += k.population;
        e.1 += 1;
    }
    m
}

fn assert_sorted_unique(list: &[Kommune], digits: usize) {
    assert!(
        list.windows(2).all(|w| w[0].ags < w[1].ags),
        "sorted, unique"
    );
    assert!(list
        .iter()
        .all(|k| k.ags.len() == digits && k.ags.bytes().all(|b| b.is_ascii_digit())));
    assert!(list
        .iter()
        .all(|k| !k.name.is_empty() && k.name == k.name.trim()));
}

#[test]
fn real_2025_file() {
    let Some(bytes) = real(REAL_2025) else { return };
    let d = gv100ad::parse(&bytes).expect("the 2025 file parses");
    assert_eq!(d.gebietsstand, "2025-11-30");
    assert_eq!(d.source.id, "gv100ad-2025-11-30");
    assert_eq!(
        d.source.title,
        "Destatis, Gemeindeverzeichnis GV100AD, Gebietsstand 30.11.2025"
    );
    let g = gemeinden(&d);
    assert_eq!(g.len(), 10_953);
    assert_eq!(d.kreise.len(), 400);
    assert_sorted_unique(g, 8);
    assert_sorted_unique(&d.kreise, 5);

    let gem = by_land(g);
    let kr = by_land(&d.kreise);
    for (land, population, records) in LAND_TOTALS_2025 {
        assert_eq!(gem[land], (population, records), "Gemeinden of Land {land}");
        assert_eq!(kr[land].0, population, "Kreise of Land {land}");
    }
    assert_eq!(g.iter().map(|k| k.population).sum::<u64>(), 83_577_140);
    assert_eq!(
        d.kreise.iter().map(|k| k.population).sum::<u64>(),
        83_577_140
    );

    // Stadtstaaten: Hamburg and Berlin are one Kreis and one Gemeinde each; Bremen two of each.
    assert_eq!(find(&d.kreise, "02000").population, 1_862_565);
    assert_eq!(find(g, "02000000").name, "Hamburg, Freie und Hansestadt");
    assert_eq!(find(&d.kreise, "11000").population, 3_685_265);
    assert_eq!(find(g, "11000000").name, "Berlin, Stadt");
    assert_eq!(d.kreise_of("04").len(), 2);
    // Known keys: the Gemeinde digits are positions 16-18.
    assert_eq!(find(g, "09162000").name, "München, Landeshauptstadt");
    assert_eq!(find(g, "14625080").name, "Crostwitz / Chrósćicy");
    assert_eq!(
        find(g, "12061061").name,
        "Byhleguhre-Byhlen/Beła Góra-Bělin"
    );
    // gemeindefreie Gebiete: about 200 with population 0; three lie outside any Kreis.
    let empty = g.iter().filter(|k| k.population == 0).count();
    assert_eq!(empty, 200);
    for ags in ["07000999", "13000998", "13000999"] {
        assert_eq!(find(g, ags).population, 0);
    }
}

#[test]
fn real_2025_file_in_latin1_gives_the_same_data() {
    let Some(bytes) = real(REAL_2025) else { return };
    let text = String::from_utf8(bytes).unwrap();
    // Sorbian and Polish letters (ł, ś, č, ...) in Brandenburg and Sachsen names have no Latin-1
    // byte; Destatis' Latin-1 editions cannot carry them either. Replace them one for one
    // ('?') so that every record keeps its 220 characters, then compare both encodings.
    let mapped: String = text
        .chars()
        .map(|c| if u32::from(c) > 0xFF { '?' } else { c })
        .collect();
    let from_utf8 = gv100ad::parse_str(&mapped).unwrap();
    let l1 = latin1(&mapped);
    assert!(std::str::from_utf8(&l1).is_err());
    let from_latin1 = gv100ad::parse(&l1).unwrap();
    assert_eq!(from_latin1, from_utf8);
    // And apart from those names the data equals the original.
    let original = gv100ad::parse_str(&text).unwrap();
    let strip = |d: &KommunenDataset| -> Vec<(String, u64)> {
        gemeinden(d)
            .iter()
            .map(|k| (k.ags.clone(), k.population))
            .collect()
    };
    assert_eq!(strip(&from_latin1), strip(&original));
    assert_eq!(from_latin1.kreise, original.kreise);
    let renamed = gemeinden(&from_latin1)
        .iter()
        .zip(gemeinden(&original))
        .filter(|(a, b)| a.name != b.name)
        .count();
    assert!(renamed > 0 && renamed < 100, "{renamed} names changed");
}

#[test]
fn real_2025_file_with_crlf_and_bom() {
    let Some(bytes) = real(REAL_2025) else { return };
    let text = String::from_utf8(bytes).unwrap();
    let expected = gv100ad::parse_str(&text).unwrap();
    let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    assert_eq!(gv100ad::parse(crlf.as_bytes()).unwrap(), expected);
}

#[test]
fn real_2022_file() {
    let Some(bytes) = real(REAL_2022) else { return };
    let d = gv100ad::parse(&bytes).expect("the 2022 file parses");
    assert_eq!(d.gebietsstand, "2022-12-31");
    assert_eq!(gemeinden(&d).len(), 10_993);
    assert_eq!(d.kreise.len(), 400);
    assert_sorted_unique(gemeinden(&d), 8);
    assert_sorted_unique(&d.kreise, 5);
    let total: u64 = gemeinden(&d).iter().map(|k| k.population).sum();
    assert_eq!(d.kreise.iter().map(|k| k.population).sum::<u64>(), total);
    assert_eq!(by_land(gemeinden(&d)).len(), 16);
}

#[test]
fn real_file_truncated_anywhere_is_caught() {
    let Some(bytes) = real(REAL_2025) else { return };
    // Cut inside a record (not at a line end): always an error on the last line.
    let text = std::str::from_utf8(&bytes).unwrap();
    let lines = text.lines().count();
    for cut in [1000usize, 1_000_003, 2_345_678, bytes.len() - 5] {
        let cut = (cut..).find(|&c| text.is_char_boundary(c)).unwrap();
        if text.as_bytes()[cut - 1] == b'\n' {
            continue;
        }
        let e = gv100ad::parse_str(&text[..cut]).unwrap_err();
        let line = text[..cut].lines().count();
        assert_eq!(e.path, format!("gv100ad:{line}"), "cut at {cut}: {e}");
        assert!(line <= lines);
    }
}
