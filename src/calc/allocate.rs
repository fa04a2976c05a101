//! The allocation: items → periods → tranches → payers, each step by largest remainder, as the
//! contract's arithmetic section prescribes. Every cent lands in exactly one part, so every
//! tranche, period and item adds up exactly and the payers add up to the total.

use crate::calc::keys::GroupWeights;
use crate::calc::kommunen;
use crate::calc::periods::{self, Period};
use crate::contract::keys::{Key, KeyKind};
use crate::contract::models::{self, Model, Payers, TrancheKey};
use crate::contract::request::{self, CostItem, Request};
use crate::contract::response::*;
use crate::data::kommunen::KommunenDataset;
use crate::data::laender::{self, LAENDER, N_LAENDER};
use crate::data::sources::Source;
use crate::error::{a, l, Args, Error, Msg, Result, WarningMsg};
use crate::num::big::BigUint;
use crate::num::largest_remainder::{self, Weights};
use crate::num::money::{self, Unit};
use crate::text::json;
use rust_decimal::Decimal;

/// Payer index of the Bund, after the 16 Länder.
const BUND: usize = N_LAENDER;
/// Decimals of the `exact` values in parts.
const EXACT_DECIMALS: u32 = 12;

/// Reads a request from the contract's JSON text and allocates it. `data` is a loaded GV100AD
/// file for the Kommune level ([`gv100ad::parse`](crate::gv100ad::parse)); without it the
/// built-in Destatis edition is used.
///
/// ```
/// let text = br#"{"year": 2025, "costs": "1000.00", "alliance": ["BY", "HE"]}"#;
/// let response = efa_rechner::allocate_json(text, None)?;
/// assert_eq!(response.payers.len(), 2);
/// assert_eq!(response.payers.iter().map(|p| p.amount).sum::<efa_rechner::Money>(), response.total);
///
/// let error = efa_rechner::allocate_json(br#"{"year": 2025}"#, None).unwrap_err();
/// assert_eq!((error.code.as_str(), error.path.as_str()), ("missing_field", "costs"));
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub fn allocate_json<'a>(text: &[u8], data: Option<&'a KommunenDataset>) -> Result<Response<'a>> {
    allocate(&Request::from_json(text)?, data)
}

/// Allocates a request already read into a [`Json`](crate::Json) value (the WASM door reads a
/// JS object into one).
///
/// ```
/// use efa_rechner::Json;
///
/// let request = Json::Object(vec![
///     ("year".into(), Json::Number("2025".into())),
///     ("costs".into(), Json::String("10.00".into())),
///     ("alliance".into(), Json::Array(vec![Json::String("HB".into())])),
/// ]);
/// let response = efa_rechner::allocate_value(&request, None)?;
/// assert_eq!(response.payers[0].id, "HB");
/// assert_eq!(response.payers[0].amount.to_string(), "10.00");
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub fn allocate_value<'a>(
    value: &json::Json,
    data: Option<&'a KommunenDataset>,
) -> Result<Response<'a>> {
    let request = request::parse(value)?;
    allocate(&request, data)
}

/// Allocates a checked request ([`Request::from_json`] or [`Request::builder`]): items →
/// periods → tranches → payers, each step by largest remainder, so every cent lands in exactly
/// one part. `data` as for [`allocate_json`].
///
/// ```
/// use efa_rechner::{allocate, Money, Request};
///
/// let request = Request::builder(2025)
///     .costs("100.00".parse()?)
///     .alliance(["BY", "HE", "NW"])
///     .model("itplr-2023-35")
///     .build()?;
/// let response = allocate(&request, None)?;
/// let bund = response.payers.iter().find(|p| p.id == "BUND").unwrap();
/// assert_eq!(bund.amount, Money::new(2500, 2)); // a quarter
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub fn allocate<'a>(req: &Request, data: Option<&'a KommunenDataset>) -> Result<Response<'a>> {
    let periods = periods::periods(req.year, req.alliance.as_deref(), &req.memberships);
    check_parts(req, &periods)?;
    let mut split = Split::new(req.unit, &periods);
    let mut items = Vec::with_capacity(req.items.len());
    let mut tranches = Vec::new();
    for (ii, item) in req.items.iter().enumerate() {
        let (item, item_tranches) = split.item(req, &periods, ii, item)?;
        items.push(item);
        tranches.extend(item_tranches);
    }
    let (kommunen, file_warning) = kommune_level(req, &split, data)?;
    let unit = req.unit;
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
        periods: periods_out(&periods),
        items,
        tranches,
        payers: split.payers(),
        sources: sources(req, kommunen.as_ref()),
        warnings: warnings(req).into_iter().chain(file_warning).collect(),
        kommunen,
    })
}

/// The running split: what each payer (the 16 Länder by AGS, then the Bund) has so far, part by
/// part, and the keys' weights already computed.
struct Split {
    unit: Unit,
    period_weights: Weights,
    totals: [u128; N_LAENDER + 1],
    appears: [bool; N_LAENDER + 1],
    parts: Vec<Vec<PartOut>>,
    /// A key's weights depend only on the key and the payer group: each pair is weighed once,
    /// not once per item, period and tranche (a nested mix key is costly to weigh).
    /// A request has a few such pairs: a list, not a hash map (whose code costs more than it
    /// saves in the WASM module).
    weighed: Vec<((*const Key, Vec<usize>), GroupWeights)>,
    /// The Bund alone carries its whole tranche.
    bund: GroupWeights,
}

impl Split {
    fn new(unit: Unit, periods: &[Period]) -> Self {
        Split {
            unit,
            period_weights: Weights::Small(periods.iter().map(|p| p.days).collect()),
            totals: [0; N_LAENDER + 1],
            appears: [false; N_LAENDER + 1],
            parts: vec![Vec::new(); N_LAENDER + 1],
            weighed: Vec::new(),
            bund: GroupWeights {
                ints: Weights::Small(vec![1]),
                display: vec!["1".into()],
                display_sum: "1".into(),
            },
        }
    }

    /// One cost item: over the periods by days, each period's share over the model's tranches,
    /// each tranche over its payers by its key.
    fn item(
        &mut self,
        req: &Request,
        periods: &[Period],
        ii: usize,
        item: &CostItem,
    ) -> Result<(ItemOut, Vec<TrancheOut>)> {
        let model = item.model.as_ref().unwrap_or(&req.model);
        let key = item.key.as_ref().unwrap_or(&req.key);
        let shares = share_weights(model);
        let mut tranche_units = vec![0u128; model.tranches.len()];
        let period_units = largest_remainder::split(item.units, &self.period_weights);
        for ((pi, period), &pu) in periods.iter().enumerate().zip(&period_units) {
            let split = largest_remainder::split(pu, &shares);
            for ((ti, tranche), &tu) in model.tranches.iter().enumerate().zip(&split) {
                tranche_units[ti] += tu;
                let group = payer_group(&tranche.payers, period, req)?;
                let tkey = match &tranche.key {
                    TrancheKey::Inherit => key,
                    TrancheKey::Fixed(k) => k,
                };
                let at = Part {
                    item: ii,
                    category: &item.category,
                    period: pi,
                    tranche: ti,
                };
                self.tranche(at, tu, &group, tkey)?;
            }
        }
        let unit = self.unit;
        let tranches = model
            .tranches
            .iter()
            .enumerate()
            .map(|(ti, tranche)| TrancheOut {
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
            })
            .collect();
        let item = ItemOut {
            index: ii,
            category: item.category.clone(),
            amount: unit.money(item.units),
            model: model.id.to_string(),
            key: key.id(),
        };
        Ok((item, tranches))
    }

    /// One tranche of one period (`units` of it) over its payer `group` by `key`: a part each.
    fn tranche(&mut self, at: Part, units: u128, group: &[usize], key: &Key) -> Result<()> {
        // Borrowed from the cache, never copied: this runs for every tranche and period.
        let weights: &GroupWeights = if group == [BUND] {
            &self.bund
        } else {
            let same = |(k, g): &(*const Key, Vec<usize>)| std::ptr::eq(*k, key) && g == group;
            let at = match self.weighed.iter().position(|(k, _)| same(k)) {
                Some(at) => at,
                None => {
                    let weights = key.weigh(group)?;
                    self.weighed
                        .push(((std::ptr::from_ref(key), group.to_vec()), weights));
                    self.weighed.len() - 1
                }
            };
            &self.weighed[at].1
        };
        let unit = self.unit;
        let amounts = largest_remainder::split(units, &weights.ints);
        for (gi, (&payer, &amount)) in group.iter().zip(&amounts).enumerate() {
            self.totals[payer] += amount;
            self.appears[payer] = true;
            self.parts[payer].push(PartOut {
                item: at.item,
                category: at.category.clone(),
                period: at.period,
                tranche: at.tranche,
                weight: weights.display[gi].clone(),
                group_weight: weights.display_sum.clone(),
                exact: weights.ints.exact_string(
                    units,
                    gi,
                    unit.numerator(),
                    unit.decimals(),
                    EXACT_DECIMALS,
                ),
                amount: unit.money(amount),
            });
        }
        Ok(())
    }

    /// Every payer that pays anything, in contract order, with its parts.
    fn payers(&mut self) -> Vec<PayerOut> {
        (0..=N_LAENDER)
            .filter(|&p| self.appears[p])
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
                    amount: self.unit.money(self.totals[p]),
                    parts: std::mem::take(&mut self.parts[p]),
                }
            })
            .collect()
    }
}

/// Where a part belongs: its item (and category), period and tranche.
#[derive(Clone, Copy)]
struct Part<'r> {
    item: usize,
    category: &'r String,
    period: usize,
    tranche: usize,
}

/// The Kommune level, if the request asks for it: the Land's amount over its Kommunen, and the
/// warning about a loaded file that looks incomplete.
fn kommune_level<'a>(
    req: &Request,
    split: &Split,
    data: Option<&'a KommunenDataset>,
) -> Result<(Option<KommunenOut<'a>>, Option<Warning>)> {
    let Some(spec) = &req.kommunen else {
        return Ok((None, None));
    };
    if !split.appears[spec.land] {
        let land = &LAENDER[spec.land];
        return Err(Error::new(
            Msg::NotAPayer,
            "kommunen.land",
            &[("land", l(land.name_de, land.name_en))],
        ));
    }
    let file_warning = crate::calc::completeness::check(spec, data)?;
    let land_units = split.totals[spec.land];
    let out = kommunen::allocate(spec, land_units, req.unit, data)?;
    Ok((Some(out), file_warning))
}

fn periods_out(periods: &[Period]) -> Vec<PeriodOut> {
    periods
        .iter()
        .enumerate()
        .map(|(i, p)| PeriodOut {
            index: i,
            from: p.from.to_iso(),
            to: p.to.to_iso(),
            days: p.days,
            members: p.members.iter().map(|&l| LAENDER[l].code).collect(),
        })
        .collect()
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
                    * BigUint::pow10(scale - t.share.scale())
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
