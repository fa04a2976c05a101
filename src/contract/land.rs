//! Länder in request fields: a Land is named by its code, ISO code or AGS (`BY`, `DE-BY`, `09`).

use crate::data::laender;
use crate::error::{a, l, Error, Msg, Result};
use crate::text::json::Json;
use crate::text::reader::truncate;

/// Resolves a Land name (`BY`, `DE-BY`, `09`) to its index, or fails with `unknown_land`.
pub fn land(v: &Json, path: &str) -> Result<usize> {
    let name = match v {
        Json::String(s) => s.as_str(),
        Json::Number(n) => n.as_str(),
        other => {
            let (de, en) = other.type_name();
            return Err(Error::new(Msg::LandNotAName, path, &[("type", l(de, en))]));
        }
    };
    land_name(name, path)
}

pub fn land_name(name: &str, path: &str) -> Result<usize> {
    laender::find(name)
        .ok_or_else(|| Error::new(Msg::UnknownLand, path, &[("name", a(&truncate(name)))]))
}

pub fn duplicate_land(path: &str, code: &str) -> Error {
    Error::new(Msg::DuplicateLand, path, &[("land", a(&code))])
}
