//! Reading request fields from [`Json`] with a path for every error, so that a user learns which
//! field is wrong (`costs[1].amount`, `membership.HE.from`, `key.mix`).

use crate::error::{Error, ErrorCode, Result};
use crate::num::money;
use crate::text::json::Json;
use rust_decimal::Decimal;

/// Appends a field name to a path: `""` + `year` → `year`; `costs[1]` + `amount` → `costs[1].amount`.
/// A field name longer than 64 characters is shortened (a path must point, not echo a 900 KB
/// name back).
pub fn join(path: &str, name: &str) -> String {
    let name = if name.chars().count() > 64 {
        truncate(name)
    } else {
        name.to_string()
    };
    if path.is_empty() {
        name
    } else {
        format!("{path}.{name}")
    }
}

/// Appends a list index: `alliance` + 2 → `alliance[2]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The fields of one JSON object, checked against the names the contract allows there.
pub struct Fields<'a> {
    pub path: String,
    fields: &'a [(String, Json)],
}

impl<'a> Fields<'a> {
    /// Fails with `unknown_field` on the first field not in `allowed`, and with `invalid_json` on
    /// a duplicate key (JSON leaves them undefined; we never guess which one was meant).
    pub fn new(v: &'a Json, path: &str, allowed: &[&str], what: (&str, &str)) -> Result<Self> {
        let Json::Object(fields) = v else {
            let (de, en) = v.type_name();
            return Err(Error::new(
                ErrorCode::InvalidRequest,
                path,
                format!("{} muss ein JSON-Objekt sein, nicht {de}", what.0),
                format!("{} must be a JSON object, not {en}", what.1),
            ));
        };
        for (i, (name, _)) in fields.iter().enumerate() {
            if !allowed.contains(&name.as_str()) {
                return Err(Error::new(
                    ErrorCode::UnknownField,
                    join(path, name),
                    format!(
                        "Unbekanntes Feld \"{}\"; erlaubt: {}",
                        truncate(name),
                        allowed.join(", ")
                    ),
                    format!(
                        "unknown field \"{}\"; allowed: {}",
                        truncate(name),
                        allowed.join(", ")
                    ),
                ));
            }
            if fields[..i].iter().any(|(n, _)| n == name) {
                return Err(Error::new(
                    ErrorCode::InvalidJson,
                    join(path, name),
                    format!("Das Feld \"{name}\" kommt doppelt vor"),
                    format!("the field \"{name}\" occurs twice"),
                ));
            }
        }
        Ok(Fields {
            path: path.to_string(),
            fields,
        })
    }

    pub fn get(&self, name: &str) -> Option<&'a Json> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn require(&self, name: &str) -> Result<&'a Json> {
        self.get(name).ok_or_else(|| {
            Error::new(
                ErrorCode::MissingField,
                self.child(name),
                format!("Pflichtfeld \"{name}\" fehlt"),
                format!("required field \"{name}\" is missing"),
            )
        })
    }

    pub fn child(&self, name: &str) -> String {
        join(&self.path, name)
    }
}

/// Keeps echoed user text short in messages (a 10 MB field name must not come back whole).
pub fn truncate(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

/// What a decimal field is, for its error code and messages.
#[derive(Clone, Copy)]
pub struct DecimalKind {
    pub code: ErrorCode,
    pub de: &'static str,
    pub en: &'static str,
}

pub const AMOUNT: DecimalKind = DecimalKind {
    code: ErrorCode::InvalidAmount,
    de: "Betrag",
    en: "amount",
};
pub const WEIGHT: DecimalKind = DecimalKind {
    code: ErrorCode::InvalidWeight,
    de: "Gewicht",
    en: "weight",
};
pub const RATIO: DecimalKind = DecimalKind {
    code: ErrorCode::InvalidRatio,
    de: "Anteil",
    en: "share",
};

/// Reads a non-negative decimal from a string (`"12.50"`) or an exact JSON number (`12.5`).
pub fn decimal(v: &Json, path: &str, kind: DecimalKind) -> Result<Decimal> {
    let parsed = match v {
        Json::String(s) => money::parse_plain(s),
        Json::Number(n) => money::parse_json_number(n),
        other => {
            let (de, en) = other.type_name();
            return Err(Error::new(
                kind.code,
                path,
                format!(
                    "{} muss eine Dezimalzahl als Zeichenkette sein (\"1234.56\"), nicht {de}",
                    kind.de
                ),
                format!(
                    "{} must be a decimal string (\"1234.56\"), not {en}",
                    kind.en
                ),
            ));
        }
    };
    let shown = match v {
        Json::String(s) | Json::Number(s) => truncate(s),
        _ => String::new(),
    };
    match parsed {
        Some(d) if money::is_negative(&d) => Err(Error::new(
            kind.code,
            path,
            format!("{} darf nicht negativ sein: \"{shown}\"", kind.de),
            format!("{} must not be negative: \"{shown}\"", kind.en),
        )),
        Some(d) => Ok(d),
        None => Err(Error::new(
            kind.code,
            path,
            format!(
                "{} ist keine Dezimalzahl mit Punkt und höchstens 28 Stellen: \"{shown}\"",
                kind.de
            ),
            format!(
                "{} is not a decimal number with a point and at most 28 digits: \"{shown}\"",
                kind.en
            ),
        )),
    }
}

/// Reads a share between 0 and 1 inclusive.
pub fn ratio(v: &Json, path: &str) -> Result<Decimal> {
    let d = decimal(v, path, RATIO)?;
    if d > Decimal::ONE {
        return Err(Error::new(
            ErrorCode::InvalidRatio,
            path,
            format!(
                "Ein Anteil liegt zwischen 0 und 1, nicht {}",
                money::display(d)
            ),
            format!("a share lies between 0 and 1, not {}", money::display(d)),
        ));
    }
    Ok(d)
}

/// Reads a string field or fails with `code`.
pub fn string<'a>(v: &'a Json, path: &str, code: ErrorCode, what: (&str, &str)) -> Result<&'a str> {
    match v {
        Json::String(s) => Ok(s),
        other => {
            let (de, en) = other.type_name();
            Err(Error::new(
                code,
                path,
                format!("{} muss eine Zeichenkette sein, nicht {de}", what.0),
                format!("{} must be a string, not {en}", what.1),
            ))
        }
    }
}

/// Reads a list or fails with `code`; lists longer than `max` are a `limit_exceeded` error.
pub fn list<'a>(
    v: &'a Json,
    path: &str,
    code: ErrorCode,
    max: usize,
    what: (&str, &str),
) -> Result<&'a [Json]> {
    match v {
        Json::Array(items) if items.len() > max => Err(Error::new(
            ErrorCode::LimitExceeded,
            path,
            format!(
                "{} hat {} Einträge; höchstens {max} sind erlaubt",
                what.0,
                items.len()
            ),
            format!(
                "{} has {} entries; at most {max} are allowed",
                what.1,
                items.len()
            ),
        )),
        Json::Array(items) => Ok(items),
        other => {
            let (de, en) = other.type_name();
            Err(Error::new(
                code,
                path,
                format!("{} muss eine Liste sein, nicht {de}", what.0),
                format!("{} must be a list, not {en}", what.1),
            ))
        }
    }
}

/// Reads one of a few named options (`"kreis"` or `"gemeinde"`), `default` when absent; anything
/// else fails with `code`, naming the options.
pub fn choice<T: Copy>(
    v: Option<&Json>,
    path: &str,
    default: T,
    options: &[(&str, T)],
    code: ErrorCode,
    what: (&str, &str),
) -> Result<T> {
    let Some(v) = v else { return Ok(default) };
    if let Json::String(s) = v {
        if let Some((_, t)) = options.iter().find(|(name, _)| name == s) {
            return Ok(*t);
        }
    }
    let names: Vec<String> = options.iter().map(|(n, _)| format!("\"{n}\"")).collect();
    Err(Error::new(
        code,
        path,
        format!("{} ist {}", what.0, names.join(" oder ")),
        format!("{} is {}", what.1, names.join(" or ")),
    ))
}
