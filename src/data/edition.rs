//! The built-in Destatis edition: which Gemeindeverzeichnis the built-in Kreis and Gemeinde
//! tables ([`crate::data::builtin`]) come from, and its source line. The generator that makes
//! both tables from a GV100AD file (`make data`) is `examples/gen-data/`, outside the engine.
//!
//! `build.rs` checks the committed tables (`src/data/*.tsv`) and passes their header values in as
//! `EFA_EDITION_*` variables, so the edition is stated in one place: the tables themselves.

use crate::data::sources::Source;

/// Edition id, e.g. `gv100ad-2025-11-30`.
pub const ID: &str = env!("EFA_EDITION_ID");
/// Gebietsstand (territorial status) of the edition, ISO date.
pub const GEBIETSSTAND: &str = env!("EFA_EDITION_GEBIETSSTAND");
/// Reference date of the population figures, ISO date.
pub const POPULATION_DATE: &str = env!("EFA_EDITION_POPULATION_DATE");
/// The source line Destatis asks for ("Quellenangabe").
pub const SOURCE_LINE: &str = env!("EFA_EDITION_SOURCE");
/// Number of Gemeinden in the Gemeinde table, and its checksum (FNV-1a 64 of its data lines):
/// the WASM door checks a fetched Gemeinde table against them.
pub const GEMEINDEN_ROWS: &str = env!("EFA_EDITION_GEMEINDEN_ROWS");
pub const GEMEINDEN_CHECKSUM: &str = env!("EFA_EDITION_GEMEINDEN_CHECKSUM");
/// `01=1106 02=1 …`: Gemeinden per Land in the edition.
const GEMEINDEN_PER_LAND: &str = env!("EFA_EDITION_GEMEINDEN_PER_LAND");

/// `2025-11-30` → `30.11.2025`.
pub fn german_date(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// The citation of the built-in edition, as the response's `sources` carry it: `licence` is the
/// whole Quellenangabe with Destatis' permission, ready to show beside a result.
pub fn source() -> Source {
    Source {
        id: format!("{ID}-builtin"),
        title: format!(
            "Destatis, Gemeindeverzeichnis GV100AD, Gebietsstand {}, Bevölkerung {} (in \
             efa-rechner eingebaut)",
            german_date(GEBIETSSTAND),
            german_date(POPULATION_DATE)
        ),
        licence: Some(SOURCE_LINE.to_string()),
        reference_date: Some(GEBIETSSTAND.to_string()),
    }
}

/// Number of Gemeinden (incl. gemeindefreie Gebiete) of a Land (2-digit AGS) in the edition.
pub fn gemeinden_of_land(land_ags: &str) -> usize {
    GEMEINDEN_PER_LAND
        .split(' ')
        .filter_map(|entry| entry.split_once('='))
        .find(|(land, _)| *land == land_ags)
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(0)
}
