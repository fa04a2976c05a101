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

pub const CONTRACT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response<'a> {
    pub contract_version: u32,
    pub year: i32,
    pub currency: &'static str,
    /// The rounding unit (`"0.01"`).
    pub unit: Money,
    pub total: Money,
    pub key: KeyOut,
    pub model: ModelOut,
    pub periods: Vec<PeriodOut>,
    pub items: Vec<ItemOut>,
    pub tranches: Vec<TrancheOut>,
    pub payers: Vec<PayerOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kommunen: Option<KommunenOut<'a>>,
    pub sources: Vec<Source>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyOut {
    pub id: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelOut {
    pub id: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodOut {
    pub index: usize,
    pub from: String,
    pub to: String,
    pub days: u64,
    /// Alliance members in the period (codes); empty when the request names no alliance.
    pub members: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemOut {
    pub index: usize,
    pub category: String,
    pub amount: Money,
    pub model: String,
    pub key: String,
}

/// Who pays a tranche, as the request writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PayersOut {
    Named(&'static str),
    List(Vec<&'static str>),
}

#[derive(Debug, Clone, Serialize)]
pub struct TrancheOut {
    /// The cost item this tranche belongs to.
    pub item: usize,
    /// Position in the item's model.
    pub index: usize,
    pub share: String,
    pub payers: PayersOut,
    pub key: String,
    /// The tranche's amount, summed over periods.
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct PayerOut {
    pub id: &'static str,
    pub kind: &'static str,
    pub name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ags: Option<&'static str>,
    pub amount: Money,
    pub parts: Vec<PartOut>,
}

/// One cent-exact slice of a payer's amount: one item, one period, one tranche.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartOut {
    pub item: usize,
    pub category: String,
    pub period: usize,
    pub tranche: usize,
    /// The payer's weight under the tranche's key (`"7.43709"`).
    pub weight: String,
    /// The sum of the weights in the tranche's payer group (`"44.07373"`).
    pub group_weight: String,
    /// The unrounded value, 12 decimals, truncated.
    pub exact: String,
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KommunenOut<'a> {
    pub land: &'static str,
    pub level: &'static str,
    /// The Land's whole amount, which the Kommune level divides.
    pub land_amount: Money,
    pub land_share: String,
    pub land_keeps: Money,
    pub key: &'static str,
    pub exempt_below: u64,
    pub gebietsstand: String,
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
    pub ags: &'a str,
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
        let units: Vec<String> = self.amount.iter().map(u128::to_string).collect();
        m.serialize_field("amount", &units)?;
        m.serialize_field("exempt", &self.exempt)?;
        m.end()
    }
}

#[derive(Debug, Clone, Serialize)]
/// One Kommune; AGS and name are borrowed from the data set (thousands of rows, no copies).
pub struct KommuneRow<'a> {
    pub ags: &'a str,
    pub name: &'a str,
    pub population: u64,
    pub amount: Money,
    /// True when the Kommune pays nothing because it is below `exemptBelow` (or has no
    /// inhabitants under the population key).
    pub exempt: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub path: String,
    pub message: Messages,
}
