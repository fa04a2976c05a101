//! The contract's response (version 1) plus the documented extensions (`contractVersion`, `unit`,
//! `model`, `periods`, `items`, per-part `item` and `groupWeight`, Kommune `landAmount` and rows'
//! `exempt`). Field names are camelCase; every amount is a [`Money`], written as the contract's
//! decimal string only when the response is serialized.

use crate::data::kommunen::Kommune;
use crate::data::sources::Source;
use crate::error::Messages;
use crate::num::money::Money;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// The contract version a response carries.
pub const CONTRACT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
/// The answer to a request: who pays what, part by part, with sources and warnings. `'a` is
/// the Kommune data set the Kommune rows borrow from.
pub struct Response<'a> {
    /// [`CONTRACT_VERSION`].
    pub contract_version: u32,
    /// The Wirtschaftsjahr.
    pub year: i32,
    /// Always `EUR`.
    pub currency: &'static str,
    /// The rounding unit (`"0.01"`).
    pub unit: Money,
    /// The sum of all cost items.
    pub total: Money,
    /// The request's key.
    pub key: KeyOut,
    /// The request's model.
    pub model: ModelOut,
    /// The stretches of the year in which the alliance does not change (one without memberships).
    pub periods: Vec<PeriodOut>,
    /// The cost items.
    pub items: Vec<ItemOut>,
    /// Every item's tranches.
    pub tranches: Vec<TrancheOut>,
    /// Every payer that pays anything: the Länder in AGS order, then the Bund.
    pub payers: Vec<PayerOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The Kommune level, when the request asks for it.
    pub kommunen: Option<KommunenOut<'a>>,
    /// Every source the result draws on, each once.
    pub sources: Vec<Source>,
    /// What the user should know about a result that stands.
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Serialize)]
/// A key by id, with its source.
pub struct KeyOut {
    /// The id (`ks-2019`, `population`, `mix`, …).
    pub id: String,
    /// Where its numbers come from, in words.
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
/// A model by id, with its source.
pub struct ModelOut {
    /// The id (`ks-2019`, `population`, `mix`, …).
    pub id: String,
    /// Where its numbers come from, in words.
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
/// A stretch of the year with the same alliance members.
pub struct PeriodOut {
    /// Position in the list.
    pub index: usize,
    /// First day, ISO date.
    pub from: String,
    /// Last day, ISO date.
    pub to: String,
    /// Number of days, the period's weight.
    pub days: u64,
    /// Alliance members in the period (codes); empty when the request names no alliance.
    pub members: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
/// One cost item.
pub struct ItemOut {
    /// Position in the list.
    pub index: usize,
    /// Its category (`gesamt` for a single amount).
    pub category: String,
    /// The amount.
    pub amount: Money,
    /// The model it is allocated by (its own or the request's).
    pub model: String,
    /// The key it is allocated by (its own or the request's).
    pub key: String,
}

/// Who pays a tranche, as the request writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PayersOut {
    /// `alliance`, `all` or `bund`.
    Named(&'static str),
    /// Listed Länder by code.
    List(Vec<&'static str>),
}

#[derive(Debug, Clone, Serialize)]
/// One tranche of one cost item.
pub struct TrancheOut {
    /// The cost item this tranche belongs to.
    pub item: usize,
    /// Position in the item's model.
    pub index: usize,
    /// The tranche's share of the item (`0.5`).
    pub share: String,
    /// Who pays it.
    pub payers: PayersOut,
    /// The key it is allocated by (its own or the request's).
    pub key: String,
    /// The tranche's amount, summed over periods.
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
/// A Land or the Bund with what it pays.
pub struct PayerOut {
    /// The Land's code (`BY`) or `BUND`.
    pub id: &'static str,
    /// `land` or `bund`.
    pub kind: &'static str,
    /// The German name.
    pub name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The Land's AGS (none for the Bund).
    pub ags: Option<&'static str>,
    /// The amount.
    pub amount: Money,
    /// Its parts: one per item, period and tranche it pays in.
    pub parts: Vec<PartOut>,
}

/// One cent-exact slice of a payer's amount: one item, one period, one tranche.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartOut {
    /// The cost item (index into `items`).
    pub item: usize,
    /// Its category (`gesamt` for a single amount).
    pub category: String,
    /// The period (index into `periods`).
    pub period: usize,
    /// The tranche within the item's model.
    pub tranche: usize,
    /// The payer's weight under the tranche's key (`"7.43709"`).
    pub weight: String,
    /// The sum of the weights in the tranche's payer group (`"44.07373"`).
    pub group_weight: String,
    /// The unrounded value, 12 decimals, truncated.
    pub exact: String,
    /// The amount.
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
/// The Kommune level: how one Land passes its amount on to its Kreise or Gemeinden.
pub struct KommunenOut<'a> {
    /// The Land's code.
    pub land: &'static str,
    /// `kreis` or `gemeinde`.
    pub level: &'static str,
    /// The Land's whole amount, which the Kommune level divides.
    pub land_amount: Money,
    /// The share the Land keeps (`0.3`).
    pub land_share: String,
    /// What the Land keeps.
    pub land_keeps: Money,
    /// `population` or `equal`.
    pub key: &'static str,
    /// Kommunen with fewer inhabitants pay nothing.
    pub exempt_below: u64,
    /// The Gebietsstand of the data, ISO date.
    pub gebietsstand: String,
    /// The data's source with licence.
    pub source: Source,
    /// The Kommunen as rows (default); absent with `format: "columns"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<KommuneRow<'a>>>,
    /// The same as one list per field, with `format: "columns"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<KommuneColumns<'a>>,
    /// Extension, level `gemeinde` only: the Land's Kreise (AGS and name), so that a user
    /// interface can name each Gemeinde's Kreis (its AGS's first five digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kreise: Option<Vec<KreisRef<'a>>>,
}

/// A Kreis by AGS and name.
#[derive(Debug, Clone, Serialize)]
pub struct KreisRef<'a> {
    /// The AGS (5 digits for a Kreis, 8 for a Gemeinde).
    pub ags: &'a str,
    /// The name as Destatis writes it.
    pub name: &'a str,
}

/// The Kommunen column by column (`kommunen.format: "columns"`, the fast path for thousands of
/// Gemeinden): entry `i` of every list belongs to the same Kommune. AGS, name and population are
/// borrowed from the data set, never copied; amounts are integer counts of the response's `unit`
/// (no decimal string per row). As JSON: `{ags[], name[], population[], amount[], exempt[]}` with
/// `amount` as integer strings (`"123456"` at unit `"0.01"` is 1,234.56 €); the WASM door hands
/// `amount` over as a `BigUint64Array` and keeps AGS, name and population once per data set.
#[derive(Debug, Clone)]
pub struct KommuneColumns<'a> {
    /// The Kommunen, a contiguous run of the data set in AGS order.
    pub kommunen: &'a [Kommune],
    /// Amounts in units of the response's `unit`.
    pub amount: Vec<u128>,
    /// Whether each Kommune is exempt.
    pub exempt: Vec<bool>,
}

impl Serialize for KommuneColumns<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // (the JSON door: the CLI and the library; the WASM door does not come here)
        let ks = self.kommunen;
        let mut m = serializer.serialize_struct("KommuneColumns", 5)?;
        m.serialize_field("ags", &ks.iter().map(|k| &k.ags).collect::<Vec<_>>())?;
        m.serialize_field("name", &ks.iter().map(|k| &k.name).collect::<Vec<_>>())?;
        m.serialize_field(
            "population",
            &ks.iter().map(|k| k.population).collect::<Vec<_>>(),
        )?;
        let units: Vec<String> = self
            .amount
            .iter()
            .map(|&u| crate::num::money::int_text(u))
            .collect();
        m.serialize_field("amount", &units)?;
        m.serialize_field("exempt", &self.exempt)?;
        m.end()
    }
}

#[derive(Debug, Clone, Serialize)]
/// One Kommune; AGS and name are borrowed from the data set (thousands of rows, no copies).
pub struct KommuneRow<'a> {
    /// The AGS (5 digits for a Kreis, 8 for a Gemeinde).
    pub ags: &'a str,
    /// The name as Destatis writes it.
    pub name: &'a str,
    /// Inhabitants.
    pub population: u64,
    /// The amount.
    pub amount: Money,
    /// True when the Kommune pays nothing because it is below `exemptBelow` (or has no
    /// inhabitants under the population key).
    pub exempt: bool,
}

#[derive(Debug, Clone, Serialize)]
/// Something the user should know about a result that stands.
pub struct Warning {
    /// A stable code (`ks_newest_embedded`, `gv100ad_incomplete`, …).
    pub code: &'static str,
    /// The field it is about.
    pub path: String,
    /// The text in German and English.
    pub message: Messages,
}
