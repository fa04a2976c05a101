//! The built-in Kreis table, so that the Kommune level works without any file: the 400 Kreise
//! and kreisfreie Städte of the built-in Destatis edition ([`crate::edition`]), each with the
//! population of its Gemeinden. Embedded in every door (CLI, library, WASM: about 6 KB gzip).
//!
//! `src/data/kreise.tsv` is committed and made by `make data` from a GV100AD file; `build.rs`
//! rejects a malformed table, so parsing it here cannot fail.

use crate::kommunen_data::{Kommune, KommunenDataset};
use crate::sources::Source;
use std::sync::OnceLock;

/// The table as committed (`# ` header lines, then `ags<TAB>name<TAB>population`).
pub const TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/kreise.tsv"));

/// The built-in Kreise (`gemeinden: None`), parsed on first use and kept.
pub fn dataset() -> &'static KommunenDataset {
    static DATASET: OnceLock<KommunenDataset> = OnceLock::new();
    DATASET.get_or_init(|| KommunenDataset {
        source: source(),
        gebietsstand: crate::edition::GEBIETSSTAND.to_string(),
        kreise: rows(TSV),
        gemeinden: None,
    })
}

/// The citation of the built-in data, with licence and reference date.
pub fn source() -> Source {
    crate::edition::source()
}

/// Rows of a build-checked table (read without checks: build.rs has made them).
pub(crate) fn rows(text: &str) -> Vec<Kommune> {
    crate::data_table::rows_unchecked(text)
        .into_iter()
        .map(|r| Kommune {
            ags: r.ags,
            name: r.name,
            population: r.population,
        })
        .collect()
}
