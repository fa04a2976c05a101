//! A plan from text: JSON or CSV, told apart by content (a JSON plan starts with `{` after an
//! optional BOM and white space; anything else is read as CSV), so every door accepts both.

use crate::error::Result;
use crate::json::{self, Json};
use crate::plan::{self, Plan, PlanOptions};
use crate::plan_csv;
use crate::plan_response::PlanResponse;

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
    plan::check_size(text.len())?;
    if is_json(text) {
        plan::parse(&json::parse_bytes(text)?, options)
    } else {
        plan_csv::parse(text, options)
    }
}

/// Reads and allocates a plan given as JSON or CSV text: the CLI's and tests' entry point.
pub fn allocate_plan_text(text: &[u8], options: &PlanOptions) -> Result<PlanResponse> {
    plan::allocate_plan(&read(text, options)?)
}

/// Allocates a JSON plan already read into [`Json`].
pub fn allocate_plan_value(value: &Json, options: &PlanOptions) -> Result<PlanResponse> {
    plan::allocate_plan(&plan::parse(value, options)?)
}
