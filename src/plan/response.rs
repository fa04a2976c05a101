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
/// The answer to a plan (contract 1.1): sums per payer, service and year, every entry, the
/// budget lines. Written as JSON by serde, as CSV for German Excel by
/// [`PlanResponse::to_excel_csv`].
pub struct PlanResponse {
    /// `"1.1"`.
    pub contract_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The plan's title.
    pub title: Option<String>,
    /// Always `EUR`.
    pub currency: &'static str,
    /// The model every entry was computed again with (extension: echoes `plan.compare`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<&'static str>,
    /// The entries' distinct years, ascending.
    pub years: Vec<i32>,
    /// The total.
    pub total: Money,
    /// Extension: the plan's total per year (the comparison's are the same: same costs).
    pub year_totals: YearAmounts,
    /// Every payer by year.
    pub payers: Vec<PlanPayer>,
    /// Every service by year.
    pub services: Vec<PlanService>,
    /// Every entry as allocated.
    pub entries: Vec<PlanEntryOut>,
    /// The budget lines of IT-PLR Beschluss 2023/43 by year.
    pub lines: Vec<LineOut>,
    /// Every source the result draws on, each once.
    pub sources: Vec<Source>,
    /// The file's, the entries' and the budget lines' warnings.
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
/// A Land or the Bund across the plan.
pub struct PlanPayer {
    /// The Land's code (`BY`) or `BUND`.
    pub id: &'static str,
    /// `land` or `bund`.
    pub kind: &'static str,
    /// The German name.
    pub name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The Land's AGS (none for the Bund).
    pub ags: Option<&'static str>,
    /// The amounts by year.
    pub years: YearAmounts,
    /// The total.
    pub total: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The same under the comparison model, when the plan compares.
    pub compare: Option<PayerCompare>,
}

#[derive(Debug, Clone, Serialize)]
/// A payer under the comparison model.
pub struct PayerCompare {
    /// The amounts by year.
    pub years: YearAmounts,
    /// The total.
    pub total: Money,
    /// The payer's total minus its compare total: negative when the plan's models relieve it.
    pub difference: Money,
}

#[derive(Debug, Clone, Serialize)]
/// One service (all entries with its name) across the plan.
pub struct PlanService {
    /// The service's name.
    pub service: String,
    /// The amounts by year.
    pub years: YearAmounts,
    /// The total.
    pub total: Money,
    /// Extension: what each payer pays for this service, by year (every payer of any of the
    /// service's entries, in payer order), so a Land's services × years table needs no sums
    /// outside the engine.
    pub payers: Vec<ServicePayer>,
}

#[derive(Debug, Clone, Serialize)]
/// What one payer pays for one service.
pub struct ServicePayer {
    /// The Land's code (`BY`) or `BUND`.
    pub id: &'static str,
    /// The amounts by year.
    pub years: YearAmounts,
    /// The total.
    pub total: Money,
}

#[derive(Debug, Clone, Serialize)]
/// One entry as allocated.
pub struct PlanEntryOut {
    /// Its index in `plan.entries`.
    pub index: usize,
    /// The service's name.
    pub service: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Its budget line (`fokus` or `foederal`), if it names one.
    pub line: Option<&'static str>,
    /// Its Wirtschaftsjahr.
    pub year: i32,
    /// Extension: the entry's model and key ids, as the version-1 response names them.
    pub model: String,
    /// Its key's id.
    pub key: String,
    /// The total.
    pub total: Money,
    /// Its payers.
    pub payers: Vec<EntryPayer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The entry under the comparison model, when the plan compares.
    pub compare: Option<EntryCompare>,
    /// Extension: the entry as the version-1 request the engine allocated (for a CSV plan, the
    /// request its line became), so a user interface can open it in `<efa-rechner>`.
    pub request: Json,
}

#[derive(Debug, Clone, Serialize)]
/// What one payer pays for one entry.
pub struct EntryPayer {
    /// The Land's code (`BY`) or `BUND`.
    pub id: &'static str,
    /// With the entry's own rounding unit, exactly as the version-1 response writes it.
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
/// One entry under the comparison model.
pub struct EntryCompare {
    /// Extension: the comparison model and the entry's total (equal to the entry's own).
    pub model: &'static str,
    /// The total.
    pub total: Money,
    /// Its payers.
    pub payers: Vec<EntryPayer>,
}

#[derive(Debug, Clone, Serialize)]
/// A budget line in one year.
pub struct LineOut {
    /// `fokus` or `foederal`.
    pub line: &'static str,
    /// Its Wirtschaftsjahr.
    pub year: i32,
    /// The totals of this line's entries of this year whose model is `itplr-2023-35`.
    pub amount: Money,
    /// The line's ceiling, as given (default `15000000.00`).
    pub ceiling: Money,
    /// Whether the amount is above the ceiling (warned about, never cut).
    pub exceeded: bool,
}

/// A warning of the plan: an entry's warning (path into the plan; `entries` lists every entry
/// that gave the same warning) or `ceiling_exceeded`.
#[derive(Debug, Clone, Serialize)]
pub struct PlanWarning {
    /// A stable code (`ceiling_exceeded`, `csv_windows_1252`, an entry's warning code).
    pub code: &'static str,
    /// The field it is about, in the plan.
    pub path: String,
    /// The text in German and English.
    pub message: Messages,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    /// Every entry that gave this warning (an entry's warning only).
    pub entries: Vec<usize>,
    /// `ceiling_exceeded` only: the line and year above the ceiling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `ceiling_exceeded` only: the year.
    pub year: Option<i32>,
}
