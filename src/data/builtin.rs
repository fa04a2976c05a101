//! The built-in Kommune data, so that the Kommune level works without any file: the 400 Kreise
//! and kreisfreie Städte and the 10,953 Gemeinden of the built-in Destatis edition
//! ([`crate::data::edition`]), each with its population.
//!
//! `src/data/kreise.tsv` and `src/data/gemeinden.tsv` are committed and made by `make data`
//! (`examples/gen-data/`) from a GV100AD file; `build.rs` rejects a malformed table, so reading
//! them here cannot fail. The Kreis table is embedded in every door (about 6 KB gzip). The
//! Gemeinde table (about 106 KB gzip) is embedded in the CLI and the native library; the WASM
//! module does not embed it (its size budget): the npm package ships the same table as a file,
//! which the page fetches when the Gemeinde level is first used and hands to [`install`], which
//! checks it against the count and checksum the embedded Kreis table records.

use crate::data::edition;
use crate::data::kommunen::{Kommune, KommunenDataset};
use crate::data::table::{data_checksum, data_start, header, rows_unchecked};
use crate::error::{a, Error, Msg, Result};
use std::sync::OnceLock;

/// The Kreis table as committed (`# ` header lines, then `ags<TAB>name<TAB>population`).
pub const KREISE_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/kreise.tsv"));

/// The committed Gemeinde table (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub const GEMEINDEN_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/data/gemeinden.tsv"
));

/// The built-in Kreise (`gemeinden: None`), parsed on first use and kept.
pub fn kreise() -> &'static KommunenDataset {
    static DATASET: OnceLock<KommunenDataset> = OnceLock::new();
    DATASET.get_or_init(|| KommunenDataset {
        source: edition::source(),
        gebietsstand: edition::GEBIETSSTAND.to_string(),
        kreise: rows(KREISE_TSV),
        gemeinden: None,
    })
}

/// Population of a Land (2-digit AGS) in the edition: the sum of its Kreise.
pub fn population_of_land(land_ags: &str) -> u64 {
    kreise()
        .kreise_of(land_ags)
        .iter()
        .map(|k| k.population)
        .sum()
}

/// The built-in Gemeinde table once a door has it: its text (checked by checksum when it was
/// installed) and, per Land, where its block of lines lies and its rows, read on first use. The
/// table is sorted by AGS, so each Land is one block; reading only the Land a request needs keeps
/// 10,953 rows (two strings each) out of a page's first Gemeinde-level result.
struct GemeindeTable {
    text: String,
    /// Start and end of each Land's block of data lines in `text`, by Land (AGS 01 to 16).
    blocks: [(usize, usize); 16],
    /// Each Land's rows, read on first use.
    rows: Vec<OnceLock<Vec<Kommune>>>,
    count: usize,
}

static GEMEINDEN: OnceLock<GemeindeTable> = OnceLock::new();

fn table() -> Option<&'static GemeindeTable> {
    #[cfg(not(target_arch = "wasm32"))]
    if GEMEINDEN.get().is_none() {
        // Build-checked; cannot fail.
        let _ = install(GEMEINDEN_TSV);
    }
    GEMEINDEN.get()
}

/// True once the built-in Gemeinde table is there (always in native builds; in a WASM module
/// after [`install`]).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // (the WASM door asks)
pub fn gemeinden_loaded() -> bool {
    table().is_some()
}

/// The built-in Gemeinden of one Land (2-digit AGS), in AGS order; `None` in a WASM module that
/// has not been given the table yet. A Land's rows are read from the table on first use.
#[inline(never)]
pub fn gemeinden_of(land_ags: &str) -> Option<&'static [Kommune]> {
    let t = table()?;
    let Some(i) = land_index(land_ags) else {
        return Some(&[]);
    };
    let (start, end) = t.blocks[i];
    Some(t.rows[i].get_or_init(|| rows(t.text.get(start..end).unwrap_or_default())))
}

/// `"01"` … `"16"` → 0 … 15.
fn land_index(land_ags: &str) -> Option<usize> {
    match land_ags.as_bytes() {
        &[a @ b'0'..=b'9', b @ b'0'..=b'9'] => usize::from((a - b'0') * 10 + (b - b'0'))
            .checked_sub(1)
            .filter(|&i| i < 16),
        _ => None,
    }
}

/// Reads the Gemeinde table (the npm package's `gemeinden.tsv`) and makes it the built-in one;
/// returns its number of Gemeinden. Anything but the exact table of this engine's edition is
/// refused with `invalid_gv100ad` at path `gemeinden`. Installing twice keeps the first.
///
/// Only the header, the checksum and where each Land's block starts are read here; a Land's rows
/// are read when a request first needs them ([`gemeinden_of`]). That cannot fail later: the
/// checksum ties the bytes to the table build.rs checked line by line, so every error a table can
/// have is reported here, as before.
pub fn install(text: &str) -> Result<usize> {
    if let Some(t) = GEMEINDEN.get() {
        return Ok(t.count);
    }
    let refuse = |why: String| {
        Error::new(
            Msg::GemeindenTableMismatch,
            "gemeinden",
            &[("why", a(&why))],
        )
    };
    // Its checksum equals the one the build-checked Kreis table records for the Gemeinde table
    // of this edition: the bytes are those build.rs checked, so they are read without checks.
    let expected = [
        ("table", "gemeinden"),
        ("edition", edition::ID),
        ("rows", edition::GEMEINDEN_ROWS),
    ];
    for (key, value) in expected {
        let found = header(text, key).unwrap_or_default();
        if found != value {
            return Err(refuse(format!("{key} {found:?}, expected {value}")));
        }
    }
    let checksum = data_checksum(text);
    if checksum != edition::GEMEINDEN_CHECKSUM {
        return Err(refuse(format!(
            "checksum {checksum}, expected {}",
            edition::GEMEINDEN_CHECKSUM
        )));
    }
    Ok(GEMEINDEN.get_or_init(|| index(text)).count)
}

/// The table with its Land blocks found: a Kreis line (5 digits alone) starts or continues its
/// Land's block; every other data line is a Gemeinde.
fn index(text: &str) -> GemeindeTable {
    let mut blocks = [(0, 0); 16];
    let mut count = 0;
    let mut land = None;
    let mut at = data_start(text);
    for line in text.get(at..).unwrap_or_default().split_inclusive('\n') {
        if line.as_bytes().contains(&b'\t') {
            count += 1;
        } else {
            land = land_index(line.get(..2).unwrap_or_default());
            if let Some(b) = land.and_then(|i| blocks.get_mut(i)).filter(|b| b.1 == 0) {
                b.0 = at;
            }
        }
        at += line.len();
        if let Some(b) = land.and_then(|i| blocks.get_mut(i)) {
            b.1 = at;
        }
    }
    GemeindeTable {
        text: text.to_string(),
        blocks,
        rows: blocks.iter().map(|_| OnceLock::new()).collect(),
        count,
    }
}

/// Rows of a build-checked table (read without checks: build.rs has made them).
#[inline(never)] // (one copy for the Kreise and the Gemeinden)
fn rows(text: &str) -> Vec<Kommune> {
    rows_unchecked(text)
        .into_iter()
        .map(|r| Kommune {
            ags: r.ags,
            name: r.name,
            population: r.population,
        })
        .collect()
}

// The tables agree with their own recorded counts, sums and checksums, and with the Land
// population table.
// Native only: the checks read GEMEINDEN_TSV, which only native builds embed.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::data::laender::LAENDER;
    use crate::data::table::{self, fnv1a64};

    /// Every built-in Gemeinde, Land by Land.
    fn all_gemeinden() -> Vec<&'static Kommune> {
        LAENDER
            .iter()
            .flat_map(|land| gemeinden_of(land.ags).unwrap())
            .collect()
    }

    #[test]
    fn four_hundred_kreise_and_10953_gemeinden() {
        let kreise = super::kreise();
        assert_eq!(kreise.kreise.len(), 400);
        assert!(
            kreise.gemeinden.is_none(),
            "the Kreis data set is Kreis-level only"
        );
        assert!(gemeinden_loaded(), "native builds embed the Gemeinde table");
        let g = all_gemeinden();
        assert_eq!(g.len(), 10_953);
        assert_eq!(install(GEMEINDEN_TSV).unwrap(), 10_953);
        assert!(g.windows(2).all(|w| w[0].ags < w[1].ags), "AGS order");
        let by = gemeinden_of("09").unwrap();
        assert!(std::ptr::eq(by, gemeinden_of("09").unwrap()), "read once");
        assert!(by.iter().all(|k| k.ags.starts_with("09")));
        assert_eq!(gemeinden_of("17"), Some(&[][..]), "no such Land");
        assert!(std::ptr::eq(kreise, super::kreise()), "parsed once");
        // Eisenach (16056) joined the Wartburgkreis (16063) in 2021.
        assert!(!kreise.kreise.iter().any(|k| k.ags == "16056"));
        let get = |ags: &str| kreise.kreise.iter().find(|k| k.ags == ags).unwrap();
        assert_eq!(get("01001").name, "Flensburg, Stadt");
        assert_eq!(get("01001").population, 96_326);
        assert_eq!(get("11000").name, "Berlin, Stadt");
        assert_eq!(get("11000").population, 3_685_265);
        let darmstadt = g.iter().find(|k| k.ags == "06411000").unwrap();
        assert_eq!(darmstadt.name, "Darmstadt, Wissenschaftsstadt");
        assert_eq!(g.iter().filter(|k| k.population == 0).count(), 200);
        // Read Land by Land, the rows are those of the whole table read at once.
        let whole = table::parse(GEMEINDEN_TSV).unwrap().rows;
        assert_eq!(g.len(), whole.len());
        for (a, b) in g.iter().zip(&whole) {
            assert_eq!(
                (&a.ags, &a.name, a.population),
                (&b.ags, &b.name, b.population)
            );
        }
    }

    #[test]
    fn every_land_sums_to_the_land_population_table() {
        let kreise = super::kreise();
        for land in &LAENDER {
            let k: u64 = kreise
                .kreise_of(land.ags)
                .iter()
                .map(|k| k.population)
                .sum();
            let g: u64 = gemeinden_of(land.ags)
                .unwrap()
                .iter()
                .map(|k| k.population)
                .sum();
            assert_eq!(k, land.population, "{} Kreise", land.code);
            assert_eq!(g, land.population, "{} Gemeinden", land.code);
            assert_eq!(population_of_land(land.ags), land.population);
            assert_eq!(
                edition::gemeinden_of_land(land.ags),
                gemeinden_of(land.ags).unwrap().len(),
                "{}",
                land.code
            );
        }
    }

    #[test]
    fn tables_match_their_recorded_counts_and_checksums() {
        for text in [KREISE_TSV, GEMEINDEN_TSV] {
            let table = table::parse(text).unwrap();
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
        let g = table::parse(GEMEINDEN_TSV).unwrap();
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
            let e = table::parse(text).unwrap_err();
            assert!(!e.is_empty());
        }
    }

    #[test]
    fn source_line_and_licence() {
        let s = edition::source();
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
}
