//! Länder in request fields: a Land is named by its code, ISO code or AGS (`BY`, `DE-BY`, `09`).

use crate::data::laender;
use crate::error::{Error, ErrorCode, Result};
use crate::text::json::Json;
use crate::text::reader::truncate;

/// Resolves a Land name (`BY`, `DE-BY`, `09`) to its index, or fails with `unknown_land`.
pub fn land(v: &Json, path: &str) -> Result<usize> {
    let name = match v {
        Json::String(s) => s.as_str(),
        Json::Number(n) => n.as_str(),
        other => {
            let (de, en) = other.type_name();
            return Err(Error::new(
                ErrorCode::UnknownLand,
                path,
                format!("Ein Land wird mit seinem Kürzel angegeben (\"BY\", \"DE-BY\" oder \"09\"), nicht als {de}"),
                format!("a Land is named by its code (\"BY\", \"DE-BY\" or \"09\"), not by a {en}"),
            ));
        }
    };
    land_name(name, path)
}

pub fn land_name(name: &str, path: &str) -> Result<usize> {
    laender::find(name).ok_or_else(|| {
        let shown = truncate(name);
        Error::new(
            ErrorCode::UnknownLand,
            path,
            format!("Unbekanntes Land: \"{shown}\" (erwartet z. B. \"BY\", \"DE-BY\" oder \"09\")"),
            format!("Unknown Land: \"{shown}\" (expected e.g. \"BY\", \"DE-BY\" or \"09\")"),
        )
    })
}

pub fn duplicate_land(path: &str, code: &str) -> Error {
    Error::new(
        ErrorCode::DuplicateLand,
        path,
        format!("Das Land {code} ist doppelt angegeben"),
        format!("the Land {code} is given twice"),
    )
}
