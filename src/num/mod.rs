//! Exact values: decimal amounts and the rounding unit, largest-remainder splitting, calendar
//! dates. No value here ever passes through a binary float. Uses only [`crate::error`].

pub(crate) mod big;
pub(crate) mod date;
pub(crate) mod largest_remainder;
pub(crate) mod money;
