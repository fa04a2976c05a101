//! Is a loaded GV100AD file complete for the Land a request asks about? A file cut short, or an
//! extract of other Länder, parses without a fault, yet would split a Land's amount over part of
//! its Kommunen as if nothing were missing. So the file is compared with the built-in edition
//! ([`crate::data::edition`]): no Kommune of the Land at all is an `invalid_gv100ad` error naming the
//! Land; a count or population more than 5 % off is the warning `gv100ad_incomplete` with both
//! figures (a newer edition differs by far less: 2022 to 2025, at most 0.4 %).

use crate::contract::request::{KommunenSpec, Level};
use crate::contract::response::Warning;
use crate::data::kommunen::KommunenDataset;
use crate::data::laender::LAENDER;
use crate::error::{a, l, Error, Msg, Result, WarningMsg};

/// The tolerance, in percent of the built-in figure.
pub const TOLERANCE_PERCENT: u64 = 5;

/// Checks `loaded` for the Land and level of `spec`; `Ok(None)` when nothing is loaded or the
/// loaded file will not be used (level `gemeinde` with a Kreis-only data set).
pub fn check(spec: &KommunenSpec, loaded: Option<&KommunenDataset>) -> Result<Option<Warning>> {
    let Some(data) = loaded else { return Ok(None) };
    let land = &LAENDER[spec.land];
    let (kommunen, builtin_count, what_de, what_en) = match spec.level {
        Level::Kreis => (
            data.kreise_of(land.ags),
            crate::data::builtin::kreise().kreise_of(land.ags).len(),
            "Kreise",
            "Kreise",
        ),
        Level::Gemeinde => match data.gemeinden_of(land.ags) {
            Some(g) => (
                g,
                crate::data::edition::gemeinden_of_land(land.ags),
                "Gemeinden",
                "Gemeinden",
            ),
            None => return Ok(None),
        },
    };
    if kommunen.is_empty() {
        return Err(Error::new(
            Msg::Gv100adWithoutLand,
            "gv100ad",
            &[
                ("what", l(what_de, what_en)),
                ("land", l(land.name_de, land.name_en)),
                ("ags", a(&land.ags)),
            ],
        ));
    }
    let count = kommunen.len();
    let population: u64 = kommunen.iter().map(|k| k.population).sum();
    let builtin_population = crate::data::builtin::population_of_land(land.ags);
    let off = |file: u64, builtin: u64| file.abs_diff(builtin) * 100 > builtin * TOLERANCE_PERCENT;
    if !off(count as u64, builtin_count as u64) && !off(population, builtin_population) {
        return Ok(None);
    }
    Ok(Some(incomplete(
        land,
        (what_de, what_en),
        [
            count as u64,
            population,
            builtin_count as u64,
            builtin_population,
        ],
    )))
}

/// The warning (cold: built at most once per call, kept out of line).
#[cold]
#[inline(never)]
fn incomplete(
    land: &crate::data::laender::Land,
    (what_de, what_en): (&str, &str),
    [count, population, builtin_count, builtin_population]: [u64; 4],
) -> Warning {
    let stand = crate::data::edition::german_date(crate::data::edition::GEBIETSSTAND);
    // (numbers ungrouped: a grouping helper cost 0.2 KB of the WASM budget)
    let msg = WarningMsg::Gv100adIncomplete;
    Warning {
        code: msg.code(),
        path: "gv100ad".to_string(),
        message: msg.render(&[
            ("land", l(land.name_de, land.name_en)),
            ("what", l(what_de, what_en)),
            ("count", a(&count)),
            ("population", a(&population)),
            ("builtin_count", a(&builtin_count)),
            ("builtin_population", a(&builtin_population)),
            ("stand", a(&stand)),
            ("tolerance", a(&TOLERANCE_PERCENT)),
        ]),
    }
}
