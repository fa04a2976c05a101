//! The Kommune-level data set: Kreise (and, from a GV100AD file, Gemeinden) with population.
//! Filled either from the built-in edition (`crate::data::builtin`, `crate::data::builtin`)
//! or from a GV100AD file (`crate::data::gv100ad`).

use crate::data::sources::Source;

/// One Kreis (5-digit AGS) or Gemeinde (8-digit AGS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kommune {
    /// The Amtlicher Gemeindeschlüssel.
    pub ags: String,
    /// The name as Destatis writes it.
    pub name: String,
    /// Inhabitants.
    pub population: u64,
}

/// Kommunen of all Länder, each list sorted by ascending AGS: read from a GV100AD file
/// ([`gv100ad::parse`](crate::gv100ad::parse)), or the built-in edition the engine uses without
/// one.
///
/// ```
/// let data = efa_rechner::gv100ad::parse(include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gv100ad/valid-utf8.txt")))?;
/// let hamburg = data.kreise_of("02");
/// assert_eq!(hamburg[0].ags, "02000");
/// assert_eq!(data.gemeinden_of("02").unwrap()[0].ags, "02000000");
/// # Ok::<(), efa_rechner::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KommunenDataset {
    /// Where the data comes from, with licence and reference date (Gebietsstand).
    pub source: Source,
    /// Gebietsstand as ISO date, e.g. `2025-11-30`.
    pub gebietsstand: String,
    /// Kreise and kreisfreie Städte (5-digit AGS). From GV100AD: population is the sum of the
    /// Kreis's Gemeinden.
    pub kreise: Vec<Kommune>,
    /// Gemeinden incl. gemeindefreie Gebiete (8-digit AGS, GV100AD Satzart 60); `None` for the
    /// built-in Kreis table alone.
    pub gemeinden: Option<Vec<Kommune>>,
}

impl KommunenDataset {
    /// The Kreise of one Land (2-digit AGS prefix), in AGS order.
    pub fn kreise_of(&self, land_ags: &str) -> &[Kommune] {
        of_land(&self.kreise, land_ags)
    }

    /// The Gemeinden of one Land, in AGS order; `None` without Gemeinde data.
    pub fn gemeinden_of(&self, land_ags: &str) -> Option<&[Kommune]> {
        self.gemeinden.as_deref().map(|g| of_land(g, land_ags))
    }
}

/// The contiguous run of a list sorted by AGS whose AGS starts with `land_ags` (binary search:
/// a Land's Gemeinden are found without scanning all 10,953).
fn of_land<'a>(sorted: &'a [Kommune], land_ags: &str) -> &'a [Kommune] {
    let n = land_ags.len();
    let start = sorted.partition_point(|k| {
        let ags = k.ags.as_bytes();
        ags.get(..n).unwrap_or(ags) < land_ags.as_bytes()
    });
    let len = sorted[start..].partition_point(|k| k.ags.starts_with(land_ags));
    &sorted[start..start + len]
}
