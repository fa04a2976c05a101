//! The built-in edition (src/data/kreise.tsv, src/data/gemeinden.tsv): made by `make data` from
//! the Destatis GV100AD file of 30.11.2025 (population 31.12.2024), committed, embedded.
//! With ../shared: byte-equal to what the generator makes from the file, and every Land's
//! Gemeinde split equal to the split with the file loaded. (That the tables agree with their own
//! recorded counts, sums and checksums is checked where they are read: `src/data/builtin.rs`.)
#![cfg(not(target_arch = "wasm32"))]

mod common;

// The generator behind `make data`, as `cargo run --example gen-data` runs it.
#[path = "../examples/gen-data/tables.rs"]
mod tables;

use efa_rechner::gv100ad;
use serde_json::{json, Value};

/// A committed table, as the engine embeds it.
fn committed(name: &str) -> String {
    std::fs::read_to_string(common::repo().join("src/data").join(name)).unwrap()
}

fn request(land: &str, level: &str) -> Value {
    json!({
        "year": 2025, "costs": "1234567.89", "model": "fitko",
        "kommunen": {"land": land, "level": level, "landShare": "0.3", "exemptBelow": 500}
    })
}

#[test]
fn both_levels_without_a_file_name_the_builtin_edition() {
    for level in ["kreis", "gemeinde"] {
        let r = efa_rechner::allocate_json(request("HE", level).to_string().as_bytes(), None);
        let r = serde_json::to_value(r.unwrap()).unwrap();
        assert_eq!(r["kommunen"]["gebietsstand"], "2025-11-30");
        assert_eq!(r["kommunen"]["source"]["id"], "gv100ad-2025-11-30-builtin");
        let ids: Vec<&str> = r["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"gv100ad-2025-11-30-builtin"), "{ids:?}");
        let rows = r["kommunen"]["rows"].as_array().unwrap();
        assert_eq!(rows.len(), if level == "kreis" { 26 } else { 425 });
    }
}

// ------------------------------------------------------------------ with ../shared

#[test]
fn committed_tables_equal_what_the_generator_makes_from_the_file() {
    let Some(path) = common::gv100ad_2025() else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let tables = tables::generate(&bytes, None).unwrap();
    assert!(
        tables.kreise == committed("kreise.tsv"),
        "src/data/kreise.tsv is stale: run `make data`"
    );
    assert!(
        tables.gemeinden == committed("gemeinden.tsv"),
        "src/data/gemeinden.tsv is stale: run `make data`"
    );
    // Same input, same bytes.
    assert_eq!(tables::generate(&bytes, None).unwrap(), tables);
}

#[test]
fn an_edition_without_a_known_population_date_needs_one() {
    let Some(shared) = common::shared("GV100AD 2022") else {
        return;
    };
    let bytes = std::fs::read(shared.join("data/gv100ad/GV100AD_31122022.txt")).unwrap();
    let e = tables::generate(&bytes, None).unwrap_err();
    assert!(e.contains("--population-date"), "{e}");
    let t = tables::generate(&bytes, Some("2021-12-31")).unwrap();
    assert!(t
        .kreise
        .contains("# gebietsstand: 2022-12-31\n# population-date: 2021-12-31\n"));
}

#[test]
fn gemeinde_split_from_the_builtin_table_equals_the_split_from_the_file_for_every_land() {
    let Some(path) = common::gv100ad_2025() else {
        return;
    };
    let file = gv100ad::parse(&std::fs::read(path).unwrap()).unwrap();
    for land in efa_rechner::metadata().laender {
        for level in ["kreis", "gemeinde"] {
            let req = request(land.id, level).to_string();
            let builtin =
                serde_json::to_value(efa_rechner::allocate_json(req.as_bytes(), None).unwrap())
                    .unwrap();
            let loaded = serde_json::to_value(
                efa_rechner::allocate_json(req.as_bytes(), Some(&file)).unwrap(),
            )
            .unwrap();
            let (b, l) = (&builtin["kommunen"], &loaded["kommunen"]);
            assert_eq!(b["rows"], l["rows"], "{} {level}", land.id);
            assert_eq!(b["landKeeps"], l["landKeeps"], "{} {level}", land.id);
            assert_eq!(builtin["payers"], loaded["payers"]);
            assert_eq!(
                l["source"]["id"], "gv100ad-2025-11-30",
                "a loaded file wins"
            );
        }
    }
}
