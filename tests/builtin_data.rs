//! The built-in edition (src/data/kreise.tsv, src/data/gemeinden.tsv): made by `make data` from
//! the Destatis GV100AD file of 30.11.2025 (population 31.12.2024), committed, embedded.
//! With ../shared: byte-equal to what the generator makes from the file, and every Land's
//! Gemeinde split equal to the split with the file loaded. Always: the tables agree with their
//! own recorded counts, sums and checksums, and with the Land population table.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use efa_rechner::data_table::{self, fnv1a64};
use efa_rechner::laender::LAENDER;
use efa_rechner::{edition, gemeinden_default, gv100ad, kreise_default};
use serde_json::{json, Value};

const GEMEINDEN_TSV: &str = gemeinden_default::TSV;

#[test]
fn four_hundred_kreise_and_10953_gemeinden() {
    let kreise = kreise_default::dataset();
    assert_eq!(kreise.kreise.len(), 400);
    assert!(
        kreise.gemeinden.is_none(),
        "the Kreis data set is Kreis-level only"
    );
    let full = gemeinden_default::dataset().expect("native builds embed the Gemeinde table");
    assert_eq!(full.gemeinden.as_ref().unwrap().len(), 10_953);
    assert_eq!(full.kreise, kreise.kreise);
    assert!(
        std::ptr::eq(full, gemeinden_default::dataset().unwrap()),
        "parsed once"
    );
    assert!(
        std::ptr::eq(kreise, kreise_default::dataset()),
        "parsed once"
    );
    // Eisenach (16056) joined the Wartburgkreis (16063) in 2021.
    assert!(!kreise.kreise.iter().any(|k| k.ags == "16056"));
    let get = |ags: &str| kreise.kreise.iter().find(|k| k.ags == ags).unwrap();
    assert_eq!(get("01001").name, "Flensburg, Stadt");
    assert_eq!(get("01001").population, 96_326);
    assert_eq!(get("11000").name, "Berlin, Stadt");
    assert_eq!(get("11000").population, 3_685_265);
    let g = full.gemeinden.as_ref().unwrap();
    let darmstadt = g.iter().find(|k| k.ags == "06411000").unwrap();
    assert_eq!(darmstadt.name, "Darmstadt, Wissenschaftsstadt");
    assert_eq!(g.iter().filter(|k| k.population == 0).count(), 200);
}

#[test]
fn every_land_sums_to_the_land_population_table() {
    let kreise = kreise_default::dataset();
    let full = gemeinden_default::dataset().unwrap();
    for land in &LAENDER {
        let k: u64 = kreise
            .kreise_of(land.ags)
            .iter()
            .map(|k| k.population)
            .sum();
        let g: u64 = full
            .gemeinden_of(land.ags)
            .unwrap()
            .iter()
            .map(|k| k.population)
            .sum();
        assert_eq!(k, land.population, "{} Kreise", land.code);
        assert_eq!(g, land.population, "{} Gemeinden", land.code);
        assert_eq!(edition::population_of_land(land.ags), land.population);
        assert_eq!(
            edition::gemeinden_of_land(land.ags),
            full.gemeinden_of(land.ags).unwrap().len(),
            "{}",
            land.code
        );
    }
}

#[test]
fn tables_match_their_recorded_counts_and_checksums() {
    for text in [kreise_default::TSV, GEMEINDEN_TSV] {
        let table = data_table::parse(text).unwrap();
        let data_start = text.find("\n0").unwrap() + 1;
        assert_eq!(
            table.meta("checksum").unwrap(),
            format!("fnv1a64:{:016x}", fnv1a64(&text.as_bytes()[data_start..]))
        );
        assert_eq!(table.meta("rows").unwrap(), table.rows.len().to_string());
        assert_eq!(table.meta("edition"), Some("gv100ad-2025-11-30"));
        assert_eq!(table.meta("gebietsstand"), Some("2025-11-30"));
        assert_eq!(table.meta("population-date"), Some("2024-12-31"));
        assert_eq!(table.meta("population"), Some("83577140"));
        assert!(text.len() < 1 << 20, "compact: under 1 MB");
    }
    // The Kreis table records the Gemeinde table's count and checksum (the WASM door checks a
    // fetched table against them).
    let g = data_table::parse(GEMEINDEN_TSV).unwrap();
    assert_eq!(edition::GEMEINDEN_ROWS, g.meta("rows").unwrap());
    assert_eq!(edition::GEMEINDEN_CHECKSUM, g.meta("checksum").unwrap());
}

#[test]
fn a_damaged_table_is_refused() {
    // One digit changed, one row cut, a header edited: each is caught.
    let damaged = [
        GEMEINDEN_TSV.replacen("\t96326\n", "\t96327\n", 1),
        GEMEINDEN_TSV[..GEMEINDEN_TSV.len() - 40].to_string()
            + &GEMEINDEN_TSV[GEMEINDEN_TSV.len() - 40..].replacen('\n', "", 1),
        GEMEINDEN_TSV.replacen("# rows: 10953", "# rows: 10952", 1),
        GEMEINDEN_TSV.replacen("Flensburg, Stadt", "Flensburg, Stadr", 1),
    ];
    for text in &damaged {
        assert_ne!(text, GEMEINDEN_TSV);
        let e = data_table::parse(text).unwrap_err();
        assert!(!e.is_empty());
    }
}

#[test]
fn source_line_and_licence() {
    let s = kreise_default::source();
    assert_eq!(s.id, "gv100ad-2025-11-30-builtin");
    assert_eq!(s.reference_date.as_deref(), Some("2025-11-30"));
    assert!(
        s.title
            .contains("Gebietsstand 30.11.2025, Bevölkerung 31.12.2024"),
        "{}",
        s.title
    );
    assert_eq!(
        edition::SOURCE_LINE,
        "© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, \
         Gebietsstand 30.11.2025, Bevölkerung 31.12.2024. Vervielfältigung und Verbreitung, auch \
         auszugsweise, mit Quellenangabe gestattet."
    );
    assert!(s
        .licence
        .unwrap()
        .contains("auch auszugsweise, mit Quellenangabe gestattet"));
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
    let tables = edition::generate(&bytes, None).unwrap();
    assert!(
        tables.kreise == kreise_default::TSV,
        "src/data/kreise.tsv is stale: run `make data`"
    );
    assert!(
        tables.gemeinden == GEMEINDEN_TSV,
        "src/data/gemeinden.tsv is stale: run `make data`"
    );
    // Same input, same bytes.
    assert_eq!(edition::generate(&bytes, None).unwrap(), tables);
}

#[test]
fn an_edition_without_a_known_population_date_needs_one() {
    let Some(shared) = common::shared("GV100AD 2022") else {
        return;
    };
    let bytes = std::fs::read(shared.join("data/gv100ad/GV100AD_31122022.txt")).unwrap();
    let e = edition::generate(&bytes, None).unwrap_err();
    assert!(e.contains("--population-date"), "{e}");
    let t = edition::generate(&bytes, Some("2021-12-31")).unwrap();
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
    for land in &LAENDER {
        for level in ["kreis", "gemeinde"] {
            let req = request(land.code, level).to_string();
            let builtin =
                serde_json::to_value(efa_rechner::allocate_json(req.as_bytes(), None).unwrap())
                    .unwrap();
            let loaded = serde_json::to_value(
                efa_rechner::allocate_json(req.as_bytes(), Some(&file)).unwrap(),
            )
            .unwrap();
            let (b, l) = (&builtin["kommunen"], &loaded["kommunen"]);
            assert_eq!(b["rows"], l["rows"], "{} {level}", land.code);
            assert_eq!(b["landKeeps"], l["landKeeps"], "{} {level}", land.code);
            assert_eq!(builtin["payers"], loaded["payers"]);
            assert_eq!(
                l["source"]["id"], "gv100ad-2025-11-30",
                "a loaded file wins"
            );
        }
    }
}
