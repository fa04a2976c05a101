//! The built-in Gemeinde table: the 10,953 Gemeinden of the built-in Destatis edition
//! ([`crate::edition`]), so that level `gemeinde` works without a GV100AD file.
//!
//! The CLI and the native library embed `src/data/gemeinden.tsv` (about 106 KB gzip). The WASM
//! module does not (its size budget): the npm package ships the same table as a separate file,
//! which the page fetches when the Gemeinde level is first used and hands to [`install`]; the
//! table is checked against the count and checksum that the embedded Kreis table records.

use crate::error::{Error, ErrorCode, Result};
use crate::kommunen_data::KommunenDataset;
use std::sync::OnceLock;

static INSTALLED: OnceLock<KommunenDataset> = OnceLock::new();

/// The committed table (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub const TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/data/gemeinden.tsv"
));

/// The built-in Kreise and Gemeinden, or `None` in a WASM module that has not been given the
/// table yet.
pub fn dataset() -> Option<&'static KommunenDataset> {
    #[cfg(not(target_arch = "wasm32"))]
    if INSTALLED.get().is_none() {
        // Build-checked; cannot fail.
        let _ = install(TSV);
    }
    INSTALLED.get()
}

/// Reads the Gemeinde table (the npm package's `gemeinden.tsv`) and makes it the built-in one.
/// Anything but the exact table of this engine's edition is refused with `invalid_gv100ad` at
/// path `gemeinden`. Installing twice keeps the first.
pub fn install(text: &str) -> Result<&'static KommunenDataset> {
    if let Some(d) = INSTALLED.get() {
        return Ok(d);
    }
    let refuse = |why: String| {
        Error::new(
            ErrorCode::InvalidGv100ad,
            "gemeinden",
            format!("Die Gemeindetabelle passt nicht zu dieser Version von efa-rechner: {why}"),
            format!("the Gemeinde table does not belong to this version of efa-rechner: {why}"),
        )
    };
    // Its checksum equals the one the build-checked Kreis table records for the Gemeinde table
    // of this edition: the bytes are those build.rs checked, so they are read without checks.
    use crate::data_table::{data_checksum, header, rows_unchecked};
    let expected = [
        ("table", "gemeinden"),
        ("edition", crate::edition::ID),
        ("rows", crate::edition::GEMEINDEN_ROWS),
    ];
    for (key, value) in expected {
        let found = header(text, key).unwrap_or_default();
        if found != value {
            return Err(refuse(format!("{key} {found:?}, expected {value}")));
        }
    }
    let checksum = data_checksum(text);
    if checksum != crate::edition::GEMEINDEN_CHECKSUM {
        return Err(refuse(format!(
            "checksum {checksum}, expected {}",
            crate::edition::GEMEINDEN_CHECKSUM
        )));
    }
    let rows = rows_unchecked(text);
    let kreise = crate::kreise_default::dataset();
    let gemeinden = rows
        .into_iter()
        .map(|r| crate::kommunen_data::Kommune {
            ags: r.ags,
            name: r.name,
            population: r.population,
        })
        .collect();
    Ok(INSTALLED.get_or_init(|| KommunenDataset {
        source: kreise.source.clone(),
        gebietsstand: kreise.gebietsstand.clone(),
        kreise: kreise.kreise.clone(),
        gemeinden: Some(gemeinden),
    }))
}
