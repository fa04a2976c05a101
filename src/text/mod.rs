//! Text in: the strict JSON reader (numbers keep their text, duplicate keys are reported),
//! workbooks (`.xlsx`, `.ods`) as grids of cells ([`sheet`]), and
//! reading its fields with a path for every error; text out for the WASM door ([`write_json`]).
//! Uses [`crate::num`] and [`crate::error`].

pub(crate) mod json;
pub(crate) mod reader;
pub(crate) mod sheet;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod write_json;

use crate::error::{a, Error, Msg, Result};

/// Fails with `msg` (a `limit_exceeded` message naming `len` and `max`) for a text longer than
/// `max` bytes: checked before any parsing, so an oversized input costs nothing.
pub(crate) fn check_len(len: usize, max: usize, msg: Msg) -> Result<()> {
    if len > max {
        return Err(Error::new(msg, "", &[("len", a(&len)), ("max", a(&max))]));
    }
    Ok(())
}
