//! The plan response (contract version 1.1) plus the documented extensions (`compare` at the
//! top, `services[].payers`, entries' `model`, `key`, `request` and `compare.model`/`total`,
//! warnings' `entries`). Every amount is a [`Money`], written as the contract's decimal string only
//! when the response is serialized.

use crate::data::sources::Source;
use crate::error::Messages;
use crate::num::money::Money;
use crate::text::json::Json;
use serde::ser::SerializeMap;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanResponse {
    /// `"1.1"`.
    pub contract_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub currency: &'static str,
    /// The model every entry was computed again with (extension: echoes `plan.compare`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<&'static str>,
    /// The entries' distinct years, ascending.
    pub years: Vec<i32>,
    pub total: Money,
    /// Extension: the plan's total per year (the comparison's are the same: same costs).
    pub year_totals: YearAmounts,
    pub payers: Vec<PlanPayer>,
    pub services: Vec<PlanService>,
    pub entries: Vec<PlanEntryOut>,
    pub lines: Vec<LineOut>,
    pub sources: Vec<Source>,
    pub warnings: Vec<PlanWarning>,
}

/// Amounts by year, written as a JSON object `{"2025": "…", "2026": "…"}` in ascending years.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearAmounts(pub Vec<(i32, Money)>);

impl Serialize for YearAmounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (year, amount) in &self.0 {
            map.serialize_entry(&year.to_string(), amount)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanPayer {
    pub id: &'static str,
    pub kind: &'static str,
    pub name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ags: Option<&'static str>,
    pub years: YearAmounts,
    pub total: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<PayerCompare>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PayerCompare {
    pub years: YearAmounts,
    pub total: Money,
    /// The payer's total minus its compare total: negative when the plan's models relieve it.
    pub difference: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanService {
    pub service: String,
    pub years: YearAmounts,
    pub total: Money,
    /// Extension: what each payer pays for this service, by year (every payer of any of the
    /// service's entries, in payer order), so a Land's services × years table needs no sums
    /// outside the engine.
    pub payers: Vec<ServicePayer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServicePayer {
    pub id: &'static str,
    pub years: YearAmounts,
    pub total: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanEntryOut {
    pub index: usize,
    pub service: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<&'static str>,
    pub year: i32,
    /// Extension: the entry's model and key ids, as the version-1 response names them.
    pub model: String,
    pub key: String,
    pub total: Money,
    pub payers: Vec<EntryPayer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<EntryCompare>,
    /// Extension: the entry as the version-1 request the engine allocated (for a CSV plan, the
    /// request its line became), so a user interface can open it in `<efa-rechner>`.
    pub request: Json,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryPayer {
    pub id: &'static str,
    /// With the entry's own rounding unit, exactly as the version-1 response writes it.
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryCompare {
    /// Extension: the comparison model and the entry's total (equal to the entry's own).
    pub model: &'static str,
    pub total: Money,
    pub payers: Vec<EntryPayer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineOut {
    pub line: &'static str,
    pub year: i32,
    /// The totals of this line's entries of this year whose model is `itplr-2023-35`.
    pub amount: Money,
    pub ceiling: Money,
    pub exceeded: bool,
}

/// A warning of the plan: an entry's warning (path into the plan; `entries` lists every entry
/// that gave the same warning) or `ceiling_exceeded`.
#[derive(Debug, Clone, Serialize)]
pub struct PlanWarning {
    pub code: &'static str,
    pub path: String,
    pub message: Messages,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<usize>,
    /// `ceiling_exceeded` only: the line and year above the ceiling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}
