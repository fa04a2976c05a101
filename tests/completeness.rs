//! A loaded GV100AD file is checked against the built-in edition for the requested Land: no
//! Kommune of the Land is a located `invalid_gv100ad`; more than 5 % off is `gv100ad_incomplete`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use efa_rechner::{allocate_json, gv100ad, ErrorCode, KommunenDataset};
use serde_json::Value;

fn run(land: &str, level: &str, data: &KommunenDataset) -> Result<Value, efa_rechner::Error> {
    let req = format!(
        r#"{{"year": 2025, "costs": "100000.00", "model": "fitko", "kommunen": {{"land": "{land}", "level": "{level}"}}}}"#
    );
    allocate_json(req.as_bytes(), Some(data)).map(|r| serde_json::to_value(r).unwrap())
}

fn incomplete(v: &Value) -> Option<&Value> {
    v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "gv100ad_incomplete")
}

fn fixture() -> KommunenDataset {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gv100ad/valid-utf8.txt"
    );
    gv100ad::parse(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_land_missing_from_the_file_is_a_located_error_naming_it() {
    let d = fixture(); // Länder 02, 07, 08, 09 only
    for level in ["kreis", "gemeinde"] {
        let e = run("HE", level, &d).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidGv100ad, "gv100ad")
        );
        assert!(e.message.de.contains("Hessen (06)"), "{}", e.message.de);
        assert!(e.message.en.contains("Hesse (06)"), "{}", e.message.en);
    }
}

#[test]
fn a_land_far_off_the_builtin_edition_is_warned_with_both_counts() {
    let d = fixture(); // made-up numbers: Bayern with 6 Gemeinden
    let v = run("BY", "gemeinde", &d).unwrap();
    let w = incomplete(&v).expect("warning");
    assert_eq!(w["path"], "gv100ad");
    let en = w["message"]["en"].as_str().unwrap();
    assert!(
        en.contains("6 Gemeinden") && en.contains("2221 Gemeinden"),
        "{en}"
    );
    assert!(w["message"]["de"]
        .as_str()
        .unwrap()
        .contains("13248928 Einwohnern"));
    // The built-in edition itself, and no file: no warning.
    let v: Value = serde_json::to_value(
        allocate_json(
            br#"{"year": 2025, "costs": "1.00", "model": "fitko", "kommunen": {"land": "BY", "level": "gemeinde"}}"#,
            None,
        )
        .unwrap(),
    )
    .unwrap();
    assert!(incomplete(&v).is_none());
}

/// The issue's case: the real file cut at a record boundary inside Schleswig-Holstein.
#[test]
fn the_real_file_cut_after_451_lines() {
    let Some(path) = common::gv100ad_2025() else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let cut: String = text.split_inclusive('\n').take(451).collect();
    let d = gv100ad::parse(cut.as_bytes()).expect("a cut at a line end parses");
    let v = run("SH", "gemeinde", &d).unwrap();
    let w = incomplete(&v).expect("Schleswig-Holstein is incomplete");
    let en = w["message"]["en"].as_str().unwrap();
    assert!(
        en.contains("386 Gemeinden") && en.contains("1106 Gemeinden"),
        "{en}"
    );
    let e = run("HE", "gemeinde", &d).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::InvalidGv100ad, "gv100ad")
    );
    assert!(e.message.de.contains("Hessen"), "{}", e.message.de);
    // Kreis level: SH's 15 Kreise are all there (the Kreis records come first), but their
    // population is not.
    let v = run("SH", "kreis", &d).unwrap();
    assert!(incomplete(&v).is_some());
    // The whole file, and the 2022 edition: within 5 % everywhere, no warning.
    let whole = gv100ad::parse(text.as_bytes()).unwrap();
    let old = gv100ad::parse(
        &std::fs::read(
            common::shared("2022")
                .unwrap()
                .join("data/gv100ad/GV100AD_31122022.txt"),
        )
        .unwrap(),
    )
    .unwrap();
    for land in efa_rechner::metadata().laender {
        for level in ["kreis", "gemeinde"] {
            assert!(incomplete(&run(land.id, level, &whole).unwrap()).is_none());
            assert!(
                incomplete(&run(land.id, level, &old).unwrap()).is_none(),
                "{}",
                land.id
            );
        }
    }
}
