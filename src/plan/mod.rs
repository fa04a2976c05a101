//! Plans (contract version 1.1): many services over several Wirtschaftsjahre, each entry a
//! version-1 request. Read from JSON ([`read_json`]), CSV ([`read_csv`]) or a workbook
//! ([`read_sheet`], contract 1.2), told apart by content (a ZIP or compound file is a workbook;
//! a JSON plan starts with `{` after an optional BOM and white space; anything else is read as
//! CSV), so every door accepts all three; allocated entry by entry with exact sums ([`allocate`]);
//! answered as [`response`] and exported for German Excel ([`export`]). The top layer of the
//! engine: uses [`crate::calc`] and everything below.

pub(crate) mod allocate;
pub(crate) mod export;
// The workbook export natively; the package writes the same sheets in JavaScript.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod export_xlsx;
pub(crate) mod place;
pub(crate) mod read_csv;
pub(crate) mod read_json;
pub(crate) mod read_sheet;
pub(crate) mod response;

use crate::error::Result;
use crate::plan::read_json::{Plan, PlanOptions};
use crate::plan::response::PlanResponse;
use crate::text::json::{self, Json};

/// True when the text is a JSON document rather than CSV.
pub fn is_json(text: &[u8]) -> bool {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    matches!(
        text.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// Reads a plan from JSON or CSV text.
pub fn read(text: &[u8], options: &PlanOptions) -> Result<Plan> {
    read_json::check_size(text.len())?;
    if is_json(text) {
        read_json::parse(&json::parse_bytes(text)?, options)
    } else {
        read_csv::parse(text, options)
    }
}

/// Reads a plan from a file's bytes: a workbook (`.xlsx`, `.ods`, told apart by content, see
/// [`read_sheet`]), else JSON or CSV text as [`read`]. Kept apart from [`read`] so that a door
/// that only ever gets text (the WASM module's strings) does not carry the workbook reader.
pub fn read_file(bytes: &[u8], options: &PlanOptions) -> Result<Plan> {
    use crate::text::sheet::{self, Kind};
    match sheet::kind(bytes) {
        Kind::Text => read(bytes, options),
        #[cfg(not(target_arch = "wasm32"))]
        Kind::Zip => read_sheet::parse(bytes, options),
        // The WASM module has no container reader: the package's JavaScript reads a workbook and
        // hands its sheets to `read_sheet::from_workbook` (`allocatePlan`, src/wasm.rs).
        #[cfg(target_arch = "wasm32")]
        Kind::Zip => Err(crate::error::Error::new(
            crate::error::Msg::WorkbookNotInBrowser,
            "sheet",
            &[],
        )),
        Kind::Compound => Err(sheet::compound(bytes)),
    }
}

/// Reads and allocates a plan given as a file's bytes: a workbook (`.xlsx`, `.ods`), JSON or CSV,
/// told apart by content. `options` set the title and the comparison model.
///
/// ```
/// use efa_rechner::{allocate_plan_text, PlanOptions};
///
/// let csv = "Dienst;Jahr;Kosten;Allianz;Modell\n\
///            Wohngeld;2025;1.200.000,00;BY HE NW;itplr-2023-35\n\
///            Wohngeld;2026;1.300.000,00;BY HE NW;itplr-2023-35\n";
/// let options = PlanOptions { compare: Some("alliance".into()), title: None };
/// let plan = allocate_plan_text(csv.as_bytes(), &options)?;
/// assert_eq!(plan.years, [2025, 2026]);
/// assert_eq!(plan.total.to_string(), "2500000.00");
/// let bund = plan.payers.iter().find(|p| p.id == "BUND").unwrap();
/// assert_eq!(bund.compare.as_ref().unwrap().total.to_string(), "0.00");
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub fn allocate_plan_text(text: &[u8], options: &PlanOptions) -> Result<PlanResponse> {
    allocate::allocate_plan(&read_file(text, options)?)
}

/// Allocates a JSON plan already read into a [`Json`] value.
///
/// ```
/// use efa_rechner::{allocate_plan_value, Json, PlanOptions};
///
/// let entry = Json::Object(vec![
///     ("service".into(), Json::String("Wohngeld".into())),
///     ("year".into(), Json::Number("2025".into())),
///     ("costs".into(), Json::String("100.00".into())),
///     ("alliance".into(), Json::String("all".into())),
/// ]);
/// let plan = Json::Object(vec![(
///     "plan".into(),
///     Json::Object(vec![("entries".into(), Json::Array(vec![entry]))]),
/// )]);
/// let response = allocate_plan_value(&plan, &PlanOptions::default())?;
/// assert_eq!(response.payers.len(), 16);
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub fn allocate_plan_value(value: &Json, options: &PlanOptions) -> Result<PlanResponse> {
    allocate::allocate_plan(&read_json::parse(value, options)?)
}

impl Plan {
    /// Reads and checks a plan from a file's bytes (a workbook, JSON or CSV, told apart by
    /// content), for [`allocate_plan`](crate::allocate_plan).
    ///
    /// ```
    /// use efa_rechner::{allocate_plan, Plan, PlanOptions};
    ///
    /// let plan = Plan::read(b"service,year,costs,alliance\nWohngeld,2025,10.00,BY\n", &PlanOptions::default())?;
    /// let response = allocate_plan(&plan)?;
    /// assert_eq!(response.entries[0].payers[0].id, "BY");
    /// # Ok::<(), efa_rechner::Error>(())
    /// ```
    pub fn read(bytes: &[u8], options: &PlanOptions) -> Result<Plan> {
        read_file(bytes, options)
    }
}
