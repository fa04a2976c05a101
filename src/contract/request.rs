//! The contract's request (version 1), read from [`Json`] into checked, typed values.
//! Every rejection names the offending field; unknown fields are errors.

use crate::contract::keys::{self, Key};
use crate::contract::land;
use crate::contract::models::{self, Model};
use crate::contract::periods::{self, Membership};
use crate::data::laender::LAENDER;
use crate::error::{a, l, Error, ErrorCode, Msg, Result};
use crate::num::money::{self, Money, Unit};
use crate::text::json::Json;
use crate::text::reader::{self, Fields};
use rust_decimal::Decimal;

/// Largest request text the engine reads (a real request is a few kilobytes).
pub const MAX_REQUEST_BYTES: usize = crate::text::json::MAX_BYTES;
/// Most cost items in one request.
pub const MAX_ITEMS: usize = 1000;
/// Most parts in one response (one per cost item, period, tranche and payer): 1,000 items under
/// `itplr-2023-35` with all 16 Länder in the alliance make 33,000.
pub const MAX_PARTS: usize = 50_000;
/// Longest category label.
pub const MAX_CATEGORY_CHARS: usize = 64;
/// Category of a single `costs` amount.
pub const CATEGORY_TOTAL: &str = "gesamt";

/// The five cost categories IT-PLR Beschluss 2021/24 allows to charge to reusing Länder, with
/// their German and English names. Other labels are accepted too (they do not change a result).
pub const CATEGORIES: [(&str, &str, &str); 5] = [
    (
        "infrastruktur",
        "Betrieb der technischen Infrastruktur",
        "Operating the technical infrastructure",
    ),
    (
        "weiterentwicklung",
        "Fachliche Weiterentwicklung und Change-Management",
        "Functional development and change management",
    ),
    (
        "plattform",
        "Plattformentgelte (EfA-Anteil)",
        "Platform fees (EfA share)",
    ),
    (
        "betrieb",
        "Betrieb des Onlinedienstes inkl. Wartung und Support",
        "Operating the online service incl. maintenance and support",
    ),
    (
        "nutzung",
        "Unmittelbar durch Nutzung verursachte Kosten (Druck, Porto)",
        "Costs caused directly by use (print, postage)",
    ),
];

/// A checked request (contract version 1): read from its JSON text ([`Request::from_json`]) or
/// built in Rust ([`Request::builder`]); either way every field is checked the same, and a bad
/// one is an [`Error`] with its code and path.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub(crate) year: i32,
    pub(crate) unit: Unit,
    pub(crate) items: Vec<CostItem>,
    /// The Nachnutzungsallianz (ascending AGS); `None` when the request names none.
    pub(crate) alliance: Option<Vec<usize>>,
    pub(crate) model: Model,
    pub(crate) key: Key,
    /// True when the request left `key` out (the documented default applies).
    pub(crate) key_defaulted: bool,
    pub(crate) memberships: Vec<Membership>,
    pub(crate) kommunen: Option<KommunenSpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CostItem {
    pub category: String,
    pub amount: Decimal,
    /// The amount in whole rounding units.
    pub units: u128,
    pub model: Option<Model>,
    pub key: Option<Key>,
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Kreis,
    Gemeinde,
}

impl Level {
    pub fn id(self) -> &'static str {
        match self {
            Level::Kreis => "kreis",
            Level::Gemeinde => "gemeinde",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KommuneKey {
    Population,
    Equal,
}

impl KommuneKey {
    pub fn id(self) -> &'static str {
        match self {
            KommuneKey::Population => "population",
            KommuneKey::Equal => "equal",
        }
    }
}

/// The second level: how one Land passes its amount on to its Kommunen (IT-PLR Beschluss 2022/21).
#[derive(Debug, Clone, PartialEq)]
pub struct KommunenSpec {
    pub land: usize,
    pub level: Level,
    /// Share the Land keeps itself (0..1).
    pub land_share: Decimal,
    pub key: KommuneKey,
    /// Kommunen with fewer inhabitants pay nothing.
    pub exempt_below: u64,
    /// How the response lists the Kommunen (extension: `"rows"` or `"columns"`).
    pub format: KommunenFormat,
}

/// Rows (`[{ags, name, population, amount, exempt}]`, the contract's form) or columns (one list
/// per field: much cheaper to hand across the WASM boundary for thousands of Gemeinden).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KommunenFormat {
    #[default]
    Rows,
    Columns,
}

const TOP_FIELDS: [&str; 8] = [
    "year",
    "costs",
    "alliance",
    "model",
    "key",
    "membership",
    "rounding",
    "kommunen",
];

/// Reads and checks a whole request.
pub fn parse(v: &Json) -> Result<Request> {
    let f = Fields::new(v, "", &TOP_FIELDS, ("Die Anfrage", "the request"))?;
    let year = parse_year(f.require("year")?)?;
    let unit = match f.get("rounding") {
        Some(r) => parse_rounding(r)?,
        None => Unit::CENT,
    };
    let items = parse_costs(f.require("costs")?, unit, year)?;
    let alliance = f.get("alliance").map(parse_alliance).transpose()?;
    let model = match f.get("model") {
        Some(m) => models::parse(m, "model", year)?,
        None => models::named("alliance", year).ok_or_else(internal)?,
    };
    let (key, key_defaulted) = match f.get("key") {
        Some(k) => (keys::parse(k, "key", year)?, false),
        None => (Key::ks_by_year(year, "key"), true),
    };
    let memberships = match f.get("membership") {
        Some(m) => periods::parse_membership(m, "membership", year, alliance.as_deref())?,
        None => Vec::new(),
    };
    let kommunen = f.get("kommunen").map(parse_kommunen).transpose()?;
    let request = Request {
        year,
        unit,
        items,
        alliance,
        model,
        key,
        key_defaulted,
        memberships,
        kommunen,
    };
    if request.alliance.is_none() && request.uses_alliance() {
        return Err(Error::new(Msg::AllianceMissing, "alliance", &[]));
    }
    Ok(request)
}

impl Request {
    /// Reads and checks a request from its JSON text (at most [`MAX_REQUEST_BYTES`]).
    ///
    /// ```
    /// let request = efa_rechner::Request::from_json(br#"{"year": 2025, "costs": "1.00", "alliance": "all"}"#)?;
    /// let response = efa_rechner::allocate(&request, None)?;
    /// assert_eq!(response.total.to_string(), "1.00");
    ///
    /// let error = efa_rechner::Request::from_json(br#"{"year": 2025, "costs": "1.00", "aliance": "all"}"#);
    /// assert_eq!(error.unwrap_err().code, efa_rechner::ErrorCode::UnknownField);
    /// # Ok::<(), efa_rechner::Error>(())
    /// ```
    pub fn from_json(text: &[u8]) -> Result<Request> {
        parse(&read_json(text)?)
    }

    /// The models in use: the request's and every cost item's own.
    pub fn models(&self) -> impl Iterator<Item = &Model> {
        std::iter::once(&self.model).chain(self.items.iter().filter_map(|i| i.model.as_ref()))
    }

    /// True when some tranche in use is paid by the alliance.
    pub fn uses_alliance(&self) -> bool {
        let item_models = self
            .items
            .iter()
            .map(|i| i.model.as_ref().unwrap_or(&self.model));
        item_models
            .flat_map(|m| m.tranches.iter())
            .any(|t| t.payers == models::Payers::Alliance)
    }

    /// Sum of all cost items in units.
    pub fn total_units(&self) -> u128 {
        self.items.iter().map(|i| i.units).sum()
    }
}

fn internal() -> Error {
    Error::new(Msg::Internal, "", &[])
}

fn parse_year(v: &Json) -> Result<i32> {
    let year = match v {
        Json::Number(n) => n.parse::<i32>().ok(),
        _ => None,
    };
    match year {
        Some(y) if (2000..=2100).contains(&y) => Ok(y),
        _ => {
            let shown = match v {
                Json::Number(n) | Json::String(n) => reader::truncate(n),
                other => other.type_name().1.to_string(),
            };
            Err(Error::new(
                Msg::InvalidYear,
                "year",
                &[("value", a(&shown))],
            ))
        }
    }
}

fn parse_rounding(v: &Json) -> Result<Unit> {
    let f = Fields::new(v, "rounding", &["unit"], ("rounding", "rounding"))?;
    let Some(u) = f.get("unit") else {
        return Ok(Unit::CENT);
    };
    let bad = || Error::new(Msg::InvalidUnit, "rounding.unit", &[]);
    let d = match u {
        Json::String(s) => money::parse_plain(s),
        Json::Number(n) => money::parse_json_number(n),
        _ => None,
    }
    .ok_or_else(bad)?;
    Unit::new(d).ok_or_else(bad)
}

/// Reads `costs`: one amount (category `gesamt`) or a list of cost items.
fn parse_costs(v: &Json, unit: Unit, year: i32) -> Result<Vec<CostItem>> {
    let items = match v {
        Json::String(_) | Json::Number(_) => {
            vec![cost_item(
                CATEGORY_TOTAL.to_string(),
                v,
                "costs",
                unit,
                None,
                None,
            )?]
        }
        Json::Array(list) => {
            if list.is_empty() {
                return Err(Error::new(Msg::CostsEmpty, "costs", &[]));
            }
            let list = reader::list(
                v,
                "costs",
                ErrorCode::InvalidRequest,
                MAX_ITEMS,
                ("costs", "costs"),
            )?;
            let mut items = Vec::with_capacity(list.len());
            for (i, entry) in list.iter().enumerate() {
                let p = reader::index("costs", i);
                let f = Fields::new(
                    entry,
                    &p,
                    &["category", "amount", "model", "key"],
                    ("Ein Kostenposten", "a cost item"),
                )?;
                let category = match f.get("category") {
                    Some(c) => parse_category(c, &f.child("category"))?,
                    None => CATEGORY_TOTAL.to_string(),
                };
                let model = f
                    .get("model")
                    .map(|m| models::parse(m, &f.child("model"), year))
                    .transpose()?;
                let key = f
                    .get("key")
                    .map(|k| keys::parse(k, &f.child("key"), year))
                    .transpose()?;
                items.push(cost_item(
                    category,
                    f.require("amount")?,
                    &f.child("amount"),
                    unit,
                    model,
                    key,
                )?);
            }
            items
        }
        other => {
            let (de, en) = other.type_name();
            return Err(Error::new(
                Msg::CostsWrongType,
                "costs",
                &[("type", l(de, en))],
            ));
        }
    };
    Ok(items)
}

fn parse_category(v: &Json, path: &str) -> Result<String> {
    let s = reader::string(
        v,
        path,
        ErrorCode::InvalidRequest,
        ("Die Kategorie", "the category"),
    )?;
    if s.trim().is_empty() || s.chars().count() > MAX_CATEGORY_CHARS {
        return Err(Error::new(
            Msg::CategoryLength,
            path,
            &[("max", a(&MAX_CATEGORY_CHARS))],
        ));
    }
    Ok(s.to_string())
}

fn cost_item(
    category: String,
    v: &Json,
    path: &str,
    unit: Unit,
    model: Option<Model>,
    key: Option<Key>,
) -> Result<CostItem> {
    let amount = reader::decimal(v, path, reader::AMOUNT)?;
    if amount > Decimal::from(money::MAX_AMOUNT) {
        return Err(Error::new(Msg::AmountTooLarge, path, &[]));
    }
    let units = unit.units_of(amount).ok_or_else(|| {
        let u = money::display(unit.to_decimal());
        Error::new(
            Msg::AmountNotMultipleOfUnit,
            path,
            &[("amount", a(&money::display(amount))), ("unit", a(&u))],
        )
    })?;
    Ok(CostItem {
        category,
        amount,
        units,
        model,
        key,
        path: path.to_string(),
    })
}

fn parse_alliance(v: &Json) -> Result<Vec<usize>> {
    match v {
        Json::String(s) if s.eq_ignore_ascii_case("all") => Ok((0..LAENDER.len()).collect()),
        Json::Array(items) => {
            if items.is_empty() {
                return Err(Error::new(Msg::AllianceEmpty, "alliance", &[]));
            }
            let items = reader::list(
                v,
                "alliance",
                ErrorCode::InvalidAlliance,
                64,
                ("alliance", "alliance"),
            )?;
            let mut seen = [false; 16];
            for (i, item) in items.iter().enumerate() {
                let p = reader::index("alliance", i);
                let l = land::land(item, &p)?;
                if seen[l] {
                    return Err(land::duplicate_land(&p, LAENDER[l].code));
                }
                seen[l] = true;
            }
            Ok((0..LAENDER.len()).filter(|&l| seen[l]).collect())
        }
        _ => Err(Error::new(Msg::AllianceWrongType, "alliance", &[])),
    }
}

fn parse_kommunen(v: &Json) -> Result<KommunenSpec> {
    let f = Fields::new(
        v,
        "kommunen",
        &["land", "level", "landShare", "key", "exemptBelow", "format"],
        ("kommunen", "kommunen"),
    )?;
    let land = land::land(f.require("land")?, "kommunen.land")?;
    let level = reader::choice(
        f.get("level"),
        "kommunen.level",
        Level::Kreis,
        &[("kreis", Level::Kreis), ("gemeinde", Level::Gemeinde)],
        ErrorCode::InvalidRequest,
        ("Die Ebene", "the level"),
    )?;
    let land_share = match f.get("landShare") {
        Some(s) => reader::ratio(s, "kommunen.landShare")?,
        None => Decimal::ZERO,
    };
    let key = reader::choice(
        f.get("key"),
        "kommunen.key",
        KommuneKey::Population,
        &[
            ("population", KommuneKey::Population),
            ("equal", KommuneKey::Equal),
        ],
        ErrorCode::UnknownKey,
        ("Der Schlüssel für Kommunen", "the key for Kommunen"),
    )?;
    let exempt_below = match f.get("exemptBelow") {
        None => 0,
        Some(v) => {
            let n = match v {
                Json::Number(n) | Json::String(n) => n.parse::<u64>().ok(),
                _ => None,
            };
            n.ok_or_else(|| Error::new(Msg::ExemptBelowInvalid, "kommunen.exemptBelow", &[]))?
        }
    };
    let format = reader::choice(
        f.get("format"),
        "kommunen.format",
        KommunenFormat::Rows,
        &[
            ("rows", KommunenFormat::Rows),
            ("columns", KommunenFormat::Columns),
        ],
        ErrorCode::InvalidRequest,
        ("Das Format", "the format"),
    )?;
    Ok(KommunenSpec {
        land,
        level,
        land_share,
        key,
        exempt_below,
        format,
    })
}

/// Reads a request's JSON text (at most [`MAX_REQUEST_BYTES`]) into [`Json`].
pub fn read_json(text: &[u8]) -> Result<Json> {
    check_request_size(text.len())?;
    crate::text::json::parse_bytes(text)
}

/// Fails with `limit_exceeded` for a request text of more than [`MAX_REQUEST_BYTES`].
pub fn check_request_size(len: usize) -> Result<()> {
    crate::text::check_len(len, MAX_REQUEST_BYTES, Msg::RequestTooLarge)
}

/// Builds a [`Request`] in Rust, field by field as the contract names them.
/// [`RequestBuilder::build`] checks the fields exactly as a JSON request's are checked: the same
/// codes, the same paths.
///
/// ```
/// use efa_rechner::{Money, Request};
///
/// let request = Request::builder(2025)
///     .cost("betrieb", "800000.00".parse()?)
///     .cost("weiterentwicklung", Money::new(20_000_000, 2))
///     .alliance(["BY", "HE", "NW"])
///     .model("itplr-2023-35")
///     .build()?;
/// let response = efa_rechner::allocate(&request, None)?;
/// assert_eq!(response.total.to_string(), "1000000.00");
///
/// // A mistake is the same coded error as in JSON.
/// let error = Request::builder(2025).costs(Money::new(100, 2)).alliance(["XX"]).build();
/// assert_eq!(error.unwrap_err().path, "alliance[0]");
/// # Ok::<(), efa_rechner::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RequestBuilder {
    fields: Vec<(String, Json)>,
    items: Vec<Json>,
}

impl Request {
    /// A request for the Wirtschaftsjahr `year`, to be filled in; see [`RequestBuilder`].
    pub fn builder(year: i32) -> RequestBuilder {
        RequestBuilder {
            fields: vec![("year".into(), Json::Number(year.to_string()))],
            items: Vec::new(),
        }
    }
}

impl RequestBuilder {
    fn set(mut self, name: &str, value: Json) -> Self {
        self.fields.retain(|(n, _)| n != name);
        self.fields.push((name.to_string(), value));
        self
    }

    /// The whole cost as one amount (category `gesamt`), instead of cost items.
    pub fn costs(self, total: Money) -> Self {
        self.set("costs", Json::String(total.to_string()))
    }

    /// One cost item of a category (`betrieb`, `weiterentwicklung`, …), added to the others.
    pub fn cost(mut self, category: &str, amount: Money) -> Self {
        self.items.push(Json::Object(vec![
            ("category".into(), Json::String(category.into())),
            ("amount".into(), Json::String(amount.to_string())),
        ]));
        self
    }

    /// The Nachnutzungsallianz: Länder by code (`BY`), ISO code (`DE-BY`) or AGS (`09`).
    pub fn alliance<'a>(self, laender: impl IntoIterator<Item = &'a str>) -> Self {
        let list = laender
            .into_iter()
            .map(|l| Json::String(l.into()))
            .collect();
        self.set("alliance", Json::Array(list))
    }

    /// A named model: `alliance` (the default), `itplr-2023-35` or `fitko`.
    pub fn model(self, model: &str) -> Self {
        self.set("model", Json::String(model.into()))
    }

    /// A named key: `ks` (the default), `ks-2019`, `population` or `equal`.
    pub fn key(self, key: &str) -> Self {
        self.set("key", Json::String(key.into()))
    }

    /// The rounding unit (default `0.01`).
    pub fn rounding_unit(self, unit: Money) -> Self {
        let unit = Json::Object(vec![("unit".into(), Json::String(unit.to_string()))]);
        self.set("rounding", unit)
    }

    /// The Kommune level: how `land` passes its amount on, at `level` `kreis` or `gemeinde`, by
    /// population, with the Land keeping nothing.
    pub fn kommunen(self, land: &str, level: &str) -> Self {
        let spec = Json::Object(vec![
            ("land".into(), Json::String(land.into())),
            ("level".into(), Json::String(level.into())),
        ]);
        self.set("kommunen", spec)
    }

    /// Checks the request.
    pub fn build(self) -> Result<Request> {
        let mut fields = self.fields;
        if !self.items.is_empty() {
            fields.retain(|(n, _)| n != "costs");
            fields.push(("costs".into(), Json::Array(self.items)));
        }
        parse(&Json::Object(fields))
    }
}
