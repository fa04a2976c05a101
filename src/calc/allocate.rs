//! The allocation: items → periods → tranches → payers, each step by largest remainder, as the
//! contract's arithmetic section prescribes. Every cent lands in exactly one part, so every
//! tranche, period and item adds up exactly and the payers add up to the total.

use crate::calc::keys::GroupWeights;
use crate::calc::kommunen;
use crate::calc::periods::{self, Period};
use crate::contract::keys::{Key, KeyKind};
use crate::contract::models::{self, Model, Payers, TrancheKey};
use crate::contract::request::{self, Request};
use crate::contract::response::*;
use crate::data::kommunen::KommunenDataset;
use crate::data::laender::{self, LAENDER, N_LAENDER};
use crate::data::sources::Source;
use crate::error::{a, l, Args, Error, Msg, Result, WarningMsg};
use crate::num::largest_remainder::{self, Weights};
use crate::num::money;
use crate::text::json;
use num_bigint::BigUint;
use rust_decimal::Decimal;
use std::collections::hash_map::{Entry, HashMap};

/// Payer index of the Bund, after the 16 Länder.
const BUND: usize = N_LAENDER;
/// Decimals of the `exact` values in parts.
const EXACT_DECIMALS: u32 = 12;

/// Reads a request from JSON text and allocates it: the CLI's and tests' entry point.
pub fn allocate_json<'a>(text: &[u8], data: Option<&'a KommunenDataset>) -> Result<Response<'a>> {
    allocate(&Request::from_json(text)?, data)
}

/// Allocates a request already read into [`json::Json`] (the WASM door builds that from a JS
/// object).
pub fn allocate_value<'a>(
    value: &json::Json,
    data: Option<&'a KommunenDataset>,
) -> Result<Response<'a>> {
    let request = request::parse(value)?;
    allocate(&request, data)
}

/// Allocates a checked request.
pub fn allocate<'a>(req: &Request, data: Option<&'a KommunenDataset>) -> Result<Response<'a>> {
    let periods = periods::periods(req.year, req.alliance.as_deref(), &req.memberships);
    check_parts(req, &periods)?;
    let period_weights = Weights::Small(periods.iter().map(|p| p.days).collect());
    let unit = req.unit;
    // A key's weights depend only on the key and the payer group: weigh each pair once, not once
    // per item, period and tranche (a nested mix key is costly to weigh).
    let mut weighed: HashMap<(*const Key, Vec<usize>), GroupWeights> = HashMap::new();
    // The Bund alone carries its whole tranche.
    let bund_weights = GroupWeights {
        ints: Weights::Small(vec![1]),
        display: vec!["1".into()],
        display_sum: "1".into(),
    };

    let mut totals = [0u128; N_LAENDER + 1];
    let mut appears = [false; N_LAENDER + 1];
    let mut parts: Vec<Vec<PartOut>> = vec![Vec::new(); N_LAENDER + 1];
    let mut items_out = Vec::new();
    let mut tranches_out = Vec::new();

    for (ii, item) in req.items.iter().enumerate() {
        let model = item.model.as_ref().unwrap_or(&req.model);
        let key = item.key.as_ref().unwrap_or(&req.key);
        let shares = share_weights(model);
        let mut tranche_units = vec![0u128; model.tranches.len()];

        let period_units = largest_remainder::split(item.units, &period_weights);
        for ((pi, period), &pu) in periods.iter().enumerate().zip(&period_units) {
            let split = largest_remainder::split(pu, &shares);
            for ((ti, tranche), &tu) in model.tranches.iter().enumerate().zip(&split) {
                tranche_units[ti] += tu;
                let group = payer_group(&tranche.payers, period, req)?;
                let tkey = match &tranche.key {
                    TrancheKey::Inherit => key,
                    TrancheKey::Fixed(k) => k,
                };
                // Borrowed from the cache, never copied: this runs for every tranche and period.
                let weights: &GroupWeights = if group == [BUND] {
                    &bund_weights
                } else {
                    match weighed.entry((std::ptr::from_ref(tkey), group.clone())) {
                        Entry::Occupied(e) => e.into_mut(),
                        Entry::Vacant(e) => e.insert(tkey.weigh(&group)?),
                    }
                };
                let amounts = largest_remainder::split(tu, &weights.ints);
                for (gi, (&payer, &amount)) in group.iter().zip(&amounts).enumerate() {
                    totals[payer] += amount;
                    appears[payer] = true;
                    parts[payer].push(PartOut {
                        item: ii,
                        category: item.category.clone(),
                        period: pi,
                        tranche: ti,
                        weight: weights.display[gi].clone(),
                        group_weight: weights.display_sum.clone(),
                        exact: weights.ints.exact_string(
                            tu,
                            gi,
                            unit.numerator(),
                            unit.decimals(),
                            EXACT_DECIMALS,
                        ),
                        amount: unit.money(amount),
                    });
                }
            }
        }
        items_out.push(ItemOut {
            index: ii,
            category: item.category.clone(),
            amount: unit.money(item.units),
            model: model.id.to_string(),
            key: key.id(),
        });
        for (ti, tranche) in model.tranches.iter().enumerate() {
            tranches_out.push(TrancheOut {
                item: ii,
                index: ti,
                share: money::display(tranche.share),
                payers: tranche.payers.describe(),
                key: match (&tranche.payers, &tranche.key) {
                    (Payers::Bund, _) => "bund".to_string(),
                    (_, TrancheKey::Inherit) => key.id(),
                    (_, TrancheKey::Fixed(k)) => k.id(),
                },
                amount: unit.money(tranche_units[ti]),
            });
        }
    }

    let payers: Vec<PayerOut> = (0..=N_LAENDER)
        .filter(|&p| appears[p])
        .map(|p| {
            let (id, kind, name, ags) = if p == BUND {
                ("BUND", "bund", "Bund", None)
            } else {
                let l = &LAENDER[p];
                (l.code, "land", l.name_de, Some(l.ags))
            };
            PayerOut {
                id,
                kind,
                name,
                ags,
                amount: unit.money(totals[p]),
                parts: std::mem::take(&mut parts[p]),
            }
        })
        .collect();

    let mut file_warning = None;
    let kommunen = match &req.kommunen {
        Some(spec) => {
            if !appears[spec.land] {
                let land = &LAENDER[spec.land];
                return Err(Error::new(
                    Msg::NotAPayer,
                    "kommunen.land",
                    &[("land", l(land.name_de, land.name_en))],
                ));
            }
            file_warning = crate::calc::completeness::check(spec, data)?;
            Some(kommunen::allocate(spec, totals[spec.land], unit, data)?)
        }
        None => None,
    };

    Ok(Response {
        contract_version: CONTRACT_VERSION,
        year: req.year,
        currency: "EUR",
        // With the decimals the amounts carry (`"0.10"` stays `"0.10"`), so a client can rely on it.
        unit: unit.as_money(),
        total: unit.money(req.total_units()),
        key: KeyOut {
            id: req.key.id(),
            source: req.key.source(),
        },
        model: ModelOut {
            id: req.model.id.to_string(),
            source: model_source(&req.model),
        },
        periods: periods
            .iter()
            .enumerate()
            .map(|(i, p)| PeriodOut {
                index: i,
                from: p.from.to_iso(),
                to: p.to.to_iso(),
                days: p.days,
                members: p.members.iter().map(|&l| LAENDER[l].code).collect(),
            })
            .collect(),
        items: items_out,
        tranches: tranches_out,
        payers,
        sources: sources(req, kommunen.as_ref()),
        warnings: warnings(req).into_iter().chain(file_warning).collect(),
        kommunen,
    })
}

/// How many parts (one per item, period, tranche and payer) the response to `req` holds: the
/// measure of its cost, checked here and by plans across their entries.
pub fn count_parts(req: &Request) -> usize {
    let periods = periods::periods(req.year, req.alliance.as_deref(), &req.memberships);
    parts_in(req, &periods, usize::MAX)
}

/// Parts of the response, counted item by item and stopped as soon as `stop` is passed.
fn parts_in(req: &Request, periods: &[Period], stop: usize) -> usize {
    let mut parts = 0usize;
    for item in &req.items {
        let model = item.model.as_ref().unwrap_or(&req.model);
        for period in periods {
            for tranche in &model.tranches {
                parts += match &tranche.payers {
                    Payers::Alliance => period.members.len(),
                    Payers::All => N_LAENDER,
                    Payers::Bund => 1,
                    Payers::Laender(l) => l.len(),
                };
            }
        }
        if parts > stop {
            break;
        }
    }
    parts
}

/// Fails with `limit_exceeded` when the response would hold more than
/// [`request::MAX_PARTS`] parts (one per item, period, tranche and payer): a 30 KB request of
/// 1,000 items, 33 membership periods and 32 tranches otherwise asks for 17 million parts
/// (minutes and gigabytes).
fn check_parts(req: &Request, periods: &[Period]) -> Result<()> {
    if parts_in(req, periods, request::MAX_PARTS) > request::MAX_PARTS {
        return Err(Error::new(
            Msg::TooManyParts,
            "costs",
            &[("max", a(&request::MAX_PARTS))],
        ));
    }
    Ok(())
}

/// The tranche shares as exact integer weights.
fn share_weights(model: &Model) -> Weights {
    let scale = model
        .tranches
        .iter()
        .map(|t| t.share.scale())
        .max()
        .unwrap_or(0);
    Weights::from_big(
        model
            .tranches
            .iter()
            .map(|t| {
                BigUint::from(t.share.mantissa().unsigned_abs())
                    * BigUint::from(10u32).pow(scale - t.share.scale())
            })
            .collect(),
    )
}

/// The payers of one tranche in one period, in contract order (ascending AGS, then the Bund).
fn payer_group(payers: &Payers, period: &Period, req: &Request) -> Result<Vec<usize>> {
    let group: Vec<usize> = match payers {
        Payers::Alliance => period.members.clone(),
        Payers::All => (0..N_LAENDER).collect(),
        Payers::Bund => vec![BUND],
        Payers::Laender(l) => l.clone(),
    };
    if group.is_empty() {
        let path = if req.memberships.is_empty() {
            "alliance"
        } else {
            "membership"
        };
        return Err(Error::new(
            Msg::EmptyPeriod,
            path,
            &[
                ("from", a(&period.from.to_iso())),
                ("to", a(&period.to.to_iso())),
            ],
        ));
    }
    Ok(group)
}

fn model_source(model: &Model) -> String {
    models::info(model.id)
        .map(|m| m.source.to_string())
        .unwrap_or_else(|| {
            "Eigenes Modell aus der Anfrage (IT-PLR Beschluss 2021/24: Schlüssel kombinierbar)"
                .into()
        })
}

/// Every source the result draws on, each once.
fn sources(req: &Request, kommunen: Option<&KommunenOut>) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    let mut push = |s: Source| {
        if !out.iter().any(|o| o.id == s.id) {
            out.push(s);
        }
    };
    for model in req.models() {
        push(Source::new(model.id, model_source(model)));
    }
    let mut keys: Vec<(String, String)> = Vec::new();
    let item_keys = req.items.iter().filter_map(|i| i.key.as_ref());
    for key in std::iter::once(&req.key).chain(item_keys) {
        key.sources(&mut keys);
    }
    for model in req.models() {
        for t in &model.tranches {
            if let TrancheKey::Fixed(k) = &t.key {
                k.sources(&mut keys);
            }
        }
    }
    for (id, title) in keys {
        let mut s = Source::new(id.clone(), title);
        if id == "population" {
            s.reference_date = Some(laender::POPULATION_REFERENCE_DATE.to_string());
        }
        push(s);
    }
    if req.uses_alliance() && req.key_defaulted {
        push(Source::new(
            "alliance-split-default",
            models::ALLIANCE_SPLIT_DEFAULT,
        ));
    }
    if !req.memberships.is_empty() {
        push(Source::new(
            "membership-pro-rata",
            "Nicht veröffentlicht: Voreinstellung anteilig nach Tagen der Mitgliedschaft",
        ));
    }
    if let Some(k) = kommunen {
        push(Source::new(
            "itplr-2022-21",
            "IT-Planungsrat, Beschluss 2022/21 (22.06.2022): jedes Land entscheidet über die Weitergabe an Kommunen",
        ));
        push(k.source.clone());
    }
    out
}

fn warning(msg: WarningMsg, path: &str, args: &Args) -> Warning {
    Warning {
        code: msg.code(),
        path: path.to_string(),
        message: msg.render(args),
    }
}

fn warnings(req: &Request) -> Vec<Warning> {
    let mut out = Vec::new();
    fn by_year_ks(k: &Key) -> bool {
        match &k.kind {
            KeyKind::Ks { by_year, .. } => *by_year,
            KeyKind::Mix(parts) => parts.iter().any(|(p, _)| by_year_ks(p)),
            _ => false,
        }
    }
    // A tranche uses the year's KS when its own key is `ks`, or when it inherits an item's or the
    // request's key that is.
    let uses_ks_by_year = req.items.iter().any(|item| {
        let model = item.model.as_ref().unwrap_or(&req.model);
        let key = item.key.as_ref().unwrap_or(&req.key);
        model.tranches.iter().any(|t| match (&t.payers, &t.key) {
            (Payers::Bund, _) => false,
            (_, TrancheKey::Inherit) => by_year_ks(key),
            (_, TrancheKey::Fixed(k)) => by_year_ks(k),
        })
    });
    let first = laender::KS_EDITIONS[0].year;
    if uses_ks_by_year && req.year < i32::from(first) {
        out.push(warning(
            WarningMsg::KsBeforeFirstEdition,
            "year",
            &[("year", a(&req.year)), ("first", a(&first))],
        ));
    }
    let newest = laender::KS_EDITIONS[laender::KS_EDITIONS.len() - 1].year;
    if uses_ks_by_year && req.year > i32::from(newest) {
        out.push(warning(
            WarningMsg::KsNewestEmbedded,
            "year",
            &[("newest", a(&newest))],
        ));
    }
    if req.alliance.is_some() && !req.uses_alliance() {
        out.push(warning(WarningMsg::AllianceUnused, "alliance", &[]));
    }
    if req
        .kommunen
        .as_ref()
        .is_some_and(|k| k.land_share == Decimal::ONE)
    {
        out.push(warning(
            WarningMsg::KommunenPayNothing,
            "kommunen.landShare",
            &[],
        ));
    }
    out
}
