//! The embedded default Kreis data (npm landkreise-deutschland 3.0.0, Destatis 31.12.2018).
#![cfg(not(target_arch = "wasm32"))]

use efa_rechner::kreise_default::{self, dataset};
use std::collections::BTreeSet;

#[test]
fn four_hundred_and_one_kreise_of_all_sixteen_laender() {
    let d = dataset();
    assert_eq!(d.kreise.len(), 401);
    assert!(d.gemeinden.is_none(), "the default is Kreis-level only");
    let laender: BTreeSet<&str> = d.kreise.iter().map(|k| &k.ags[..2]).collect();
    let expected: BTreeSet<String> = (1..=16).map(|n| format!("{n:02}")).collect();
    assert_eq!(
        laender,
        expected.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    for land in &expected {
        assert!(!d.kreise_of(land).is_empty(), "Land {land} has Kreise");
    }
}

#[test]
fn keys_are_five_digits_sorted_and_unique() {
    let d = dataset();
    assert!(d
        .kreise
        .iter()
        .all(|k| k.ags.len() == 5 && k.ags.bytes().all(|b| b.is_ascii_digit())));
    assert!(d.kreise.windows(2).all(|w| w[0].ags < w[1].ags));
    assert!(d
        .kreise
        .iter()
        .all(|k| !k.name.is_empty() && k.name == k.name.trim() && k.population > 0));
}

#[test]
fn known_rows() {
    let d = dataset();
    let get = |ags: &str| d.kreise.iter().find(|k| k.ags == ags).unwrap();
    // Some AGS are JSON numbers in the package; leading zeros must not be lost.
    assert_eq!(get("01001").name, "Flensburg, Stadt");
    assert_eq!(get("01001").population, 89_504);
    assert_eq!(get("02000").name, "Hamburg, Freie und Hansestadt");
    assert_eq!(get("11000").name, "Berlin, Stadt");
    assert_eq!(get("11000").population, 3_644_826);
    assert_eq!(d.kreise_of("04").len(), 2);
    // Eisenach (16056) was still kreisfrei on 31.12.2018.
    assert!(d.kreise.iter().any(|k| k.ags == "16056"));
    assert_eq!(
        d.kreise.iter().map(|k| k.population).sum::<u64>(),
        83_019_213
    );
}

#[test]
fn source_licence_and_reference_date() {
    let d = dataset();
    assert_eq!(d.gebietsstand, "2018-12-31");
    assert_eq!(d.source.id, "landkreise-deutschland-3.0.0");
    assert_eq!(d.source.licence.as_deref(), Some("CC-BY-4.0"));
    assert_eq!(d.source.reference_date.as_deref(), Some("2018-12-31"));
    assert!(d.source.title.contains("Destatis"), "{}", d.source.title);
    assert!(d.source.title.contains("landkreise-deutschland 3.0.0"));
    assert!(d.source.title.contains("31.12.2018"));
    assert_eq!(kreise_default::LICENCE, "CC-BY-4.0");
    assert_eq!(kreise_default::REFERENCE_DATE, "2018-12-31");
    assert_eq!(kreise_default::SOURCE_ID, "landkreise-deutschland-3.0.0");
    assert!(kreise_default::ATTRIBUTION.contains("Statistisches Bundesamt (Destatis)"));
    assert!(kreise_default::ORIGIN.contains("Stand 31.12.2018"));
    // The same object every time: parsed once.
    assert!(std::ptr::eq(dataset(), dataset()));
}

#[test]
fn every_tsv_row_arrives() {
    let rows = kreise_default::TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .count();
    assert_eq!(rows, dataset().kreise.len());
    assert!(kreise_default::TSV.contains("# licence: CC-BY-4.0\n"));
    assert!(kreise_default::TSV.contains("# package: landkreise-deutschland@3.0.0\n"));
}

/// The 2018 default against the 2025 Gemeindeverzeichnis: the same Kreise but for the 2021
/// merger of Eisenach into the Wartburgkreis.
#[test]
fn default_kreise_match_gv100ad_2025_but_for_eisenach() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/gv100ad/GV100AD_30112025.txt"
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("skipped: ../shared not present ({path} not found)");
        return;
    };
    let gv = efa_rechner::gv100ad::parse(&bytes).unwrap();
    let old: BTreeSet<&str> = dataset().kreise.iter().map(|k| k.ags.as_str()).collect();
    let new: BTreeSet<&str> = gv.kreise.iter().map(|k| k.ags.as_str()).collect();
    assert_eq!(old.difference(&new).copied().collect::<Vec<_>>(), ["16056"]);
    assert!(new.difference(&old).next().is_none());
}
