//! The embedded default Kreis data, so that the Kommune level works without any file.
//!
//! The data is the npm package `landkreise-deutschland` (Destatis, CC-BY-4.0, Stand 31.12.2018,
//! 401 Kreise and kreisfreie Städte), turned into `src/data/generated/kreise.tsv` by
//! `scripts/gen-kreise-data.mjs`. `build.rs` validates that file and hands its header metadata to
//! the constants below, so licence and reference date are stated in one place, the file itself.
//! Because the build rejects a malformed file, parsing it here cannot fail.

use crate::kommunen_data::{Kommune, KommunenDataset};
use crate::sources::Source;
use std::sync::OnceLock;

/// The generated TSV: `#` header lines, then `ags<TAB>name<TAB>population` sorted by AGS.
pub const TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/data/generated/kreise.tsv"
));

/// Licence of the default data (SPDX id), for the response and the page footer.
pub const LICENCE: &str = env!("EFA_KREISE_LICENCE");
/// Attribution text the licence asks for.
pub const ATTRIBUTION: &str = env!("EFA_KREISE_ATTRIBUTION");
/// Reference date (Stand) of the population figures, ISO `YYYY-MM-DD`.
pub const REFERENCE_DATE: &str = env!("EFA_KREISE_REFERENCE_DATE");
/// The upstream statistic the package reproduces.
pub const ORIGIN: &str = env!("EFA_KREISE_SOURCE");
/// The npm package the data was generated from, and its version.
pub const PACKAGE_NAME: &str = env!("EFA_KREISE_PACKAGE_NAME");
pub const PACKAGE_VERSION: &str = env!("EFA_KREISE_PACKAGE_VERSION");
/// Source id, e.g. `landkreise-deutschland-3.0.0`.
pub const SOURCE_ID: &str = concat!(
    env!("EFA_KREISE_PACKAGE_NAME"),
    "-",
    env!("EFA_KREISE_PACKAGE_VERSION")
);

/// The default data set: Kreise only (`gemeinden: None`), parsed on first use and kept.
pub fn dataset() -> &'static KommunenDataset {
    static DATASET: OnceLock<KommunenDataset> = OnceLock::new();
    DATASET.get_or_init(|| KommunenDataset {
        source: source(),
        gebietsstand: REFERENCE_DATE.to_string(),
        kreise: parse_rows(TSV),
        gemeinden: None,
    })
}

/// The citation of the default data, with licence and reference date.
pub fn source() -> Source {
    Source {
        id: SOURCE_ID.to_string(),
        title: format!(
            "Destatis, Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und \
             Bevölkerungsdichte, Stand {} (npm {PACKAGE_NAME} {PACKAGE_VERSION})",
            german_date(REFERENCE_DATE)
        ),
        licence: Some(LICENCE.to_string()),
        reference_date: Some(REFERENCE_DATE.to_string()),
    }
}

/// `2018-12-31` → `31.12.2018`.
fn german_date(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// Rows of the build-validated TSV; a line that does not fit (impossible after `build.rs`) is
/// skipped rather than panicking, and the tests check that all rows arrive.
fn parse_rows(tsv: &str) -> Vec<Kommune> {
    tsv.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let ags = fields.next()?;
            let name = fields.next()?;
            let population = fields.next()?.parse().ok()?;
            Some(Kommune {
                ags: ags.to_string(),
                name: name.to_string(),
                population,
            })
        })
        .collect()
}
