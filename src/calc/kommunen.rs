//! The Kommune level: how a Land passes its amount on to its Kreise or Gemeinden.
//!
//! IT-PLR Beschluss 2022/21 leaves it to each Land; the contract's arithmetic: the Land's amount
//! is split by largest remainder into what the Land keeps (`landShare`) and what its Kommunen pay
//! (ties: the Land first); the Kommunen's part is split over the Kommunen whose population is at
//! least `exemptBelow` (and above 0 under the population key), ties by lower AGS.

use crate::contract::request::{KommuneKey, KommunenFormat, KommunenSpec, Level};
use crate::contract::response::{KommuneColumns, KommuneRow, KommunenOut, KreisRef};
use crate::data::kommunen::{Kommune, KommunenDataset};
use crate::data::laender::LAENDER;
use crate::error::{a, l, Error, Msg, Result};
use crate::num::big::BigUint;
use crate::num::largest_remainder::{self, Weights};
use crate::num::money::{self, Unit};

/// Splits `land_units` (the Land's whole amount) over the Land and its Kommunen.
/// `loaded` is a GV100AD data set, if the caller has one; without it both levels use the
/// built-in edition.
pub fn allocate<'a>(
    spec: &KommunenSpec,
    land_units: u128,
    unit: Unit,
    loaded: Option<&'a KommunenDataset>,
) -> Result<KommunenOut<'a>> {
    let land = &LAENDER[spec.land];
    let (data, kommunen) = dataset(spec.level, land.ags, loaded)?;
    let weights = weights(spec, kommunen);
    let (keeps, pass_on) = land_and_kommunen(spec, land_units);
    // Nobody left to pay is an error only when there is something to pay: splitting nothing
    // over nobody is fine (all rows 0).
    if pass_on > 0 && weights.iter().all(|&w| w == 0) {
        return Err(Error::new(
            Msg::NoKommuneLeft,
            "kommunen.exemptBelow",
            &[
                ("land", l(land.name_de, land.name_en)),
                ("count", a(&kommunen.len())),
            ],
        ));
    }
    let amounts = largest_remainder::split(pass_on, &Weights::Small(weights.clone()));
    let (rows, columns) = match spec.format {
        KommunenFormat::Rows => (Some(rows(kommunen, &amounts, &weights, unit)), None),
        KommunenFormat::Columns => {
            let exempt = weights.iter().map(|&w| w == 0).collect();
            let columns = KommuneColumns {
                kommunen,
                amount: amounts,
                exempt,
            };
            (None, Some(columns))
        }
    };
    Ok(KommunenOut {
        land: land.code,
        level: spec.level.id(),
        land_amount: unit.money(land_units),
        land_share: money::display(spec.land_share),
        land_keeps: unit.money(keeps),
        key: spec.key.id(),
        exempt_below: spec.exempt_below,
        gebietsstand: data.gebietsstand.clone(),
        source: data.source.clone(),
        rows,
        columns,
        kreise: (spec.level == Level::Gemeinde).then(|| kreise(data, land.ags)),
    })
}

/// The data set of the level and the Land's Kommunen in it: the loaded file where it has the
/// level, else the built-in one (whose Gemeinden are read per Land, see `builtin::gemeinden_of`).
fn dataset<'a>(
    level: Level,
    land_ags: &str,
    loaded: Option<&'a KommunenDataset>,
) -> Result<(&'a KommunenDataset, &'a [Kommune])> {
    let data = match loaded {
        Some(d) if level == Level::Kreis || d.gemeinden.is_some() => d,
        _ => crate::data::builtin::kreise(),
    };
    let kommunen = match (level, &data.gemeinden) {
        (Level::Kreis, _) => data.kreise_of(land_ags),
        (Level::Gemeinde, Some(_)) => data.gemeinden_of(land_ags).unwrap_or_default(),
        (Level::Gemeinde, None) => {
            crate::data::builtin::gemeinden_of(land_ags).ok_or_else(|| {
                // Only in a WASM module whose page has not handed it the package's Gemeinde table.
                Error::new(Msg::GemeindenNotLoaded, "kommunen.level", &[])
            })?
        }
    };
    Ok((data, kommunen))
}

/// Each Kommune's weight under the key; 0 for one that is exempt (below `exemptBelow`, or
/// without inhabitants under the population key).
fn weights(spec: &KommunenSpec, kommunen: &[Kommune]) -> Vec<u64> {
    let pays = |population: u64| -> bool {
        population >= spec.exempt_below && (spec.key == KommuneKey::Equal || population > 0)
    };
    kommunen
        .iter()
        .map(|k| match (pays(k.population), spec.key) {
            (false, _) => 0,
            (true, KommuneKey::Population) => k.population,
            (true, KommuneKey::Equal) => 1,
        })
        .collect()
}

/// The Land's amount split into what it keeps (`landShare`) and what its Kommunen pay; the Land
/// comes first, so a tie goes to the Land.
fn land_and_kommunen(spec: &KommunenSpec, land_units: u128) -> (u128, u128) {
    // landShare is a ratio (0 to 1): the Kommunen's share is 1 − landShare, as integers at
    // landShare's scale (no rust_decimal subtraction, whose code is 5 KB in the WASM module)
    let land = spec.land_share.mantissa().unsigned_abs();
    let whole = 10u128.pow(spec.land_share.scale());
    let split = largest_remainder::split(
        land_units,
        &Weights::from_big(vec![BigUint::from(land), BigUint::from(whole - land)]),
    );
    (split[0], split[1])
}

/// The Kommunen as rows, AGS and name borrowed from the data set.
fn rows<'a>(
    kommunen: &'a [Kommune],
    amounts: &[u128],
    weights: &[u64],
    unit: Unit,
) -> Vec<KommuneRow<'a>> {
    kommunen
        .iter()
        .zip(amounts)
        .zip(weights)
        .map(|((k, &amount), &w)| KommuneRow {
            ags: &k.ags,
            name: &k.name,
            population: k.population,
            amount: unit.money(amount),
            exempt: w == 0,
        })
        .collect()
}

/// A Land's Kreise by AGS and name (level `gemeinde` names each Gemeinde's Kreis).
fn kreise<'a>(data: &'a KommunenDataset, land_ags: &str) -> Vec<KreisRef<'a>> {
    data.kreise_of(land_ags)
        .iter()
        .map(|k| KreisRef {
            ags: &k.ags,
            name: &k.name,
        })
        .collect()
}
