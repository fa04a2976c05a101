//! Text in: the strict JSON reader (numbers keep their text, duplicate keys are reported),
//! workbooks (`.xlsx`, `.ods`) as grids of cells ([`sheet`]), and
//! reading its fields with a path for every error. Uses [`crate::num`] and [`crate::error`].

pub(crate) mod json;
pub(crate) mod reader;
pub(crate) mod sheet;
