//! Reading request fields from [`Json`] with a path for every error, so that a user learns which
//! field is wrong (`costs[1].amount`, `membership.HE.from`, `key.mix`).

use crate::error::{a, l, Error, ErrorCode, Msg, Result};
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
                Msg::NotAnObject,
                path,
                &[("what", l(what.0, what.1)), ("type", l(de, en))],
            ));
        };
        for (i, (name, _)) in fields.iter().enumerate() {
            if !allowed.contains(&name.as_str()) {
                return Err(Error::new(
                    Msg::UnknownField,
                    join(path, name),
                    &[
                        ("name", a(&truncate(name))),
                        ("allowed", a(&allowed.join(", "))),
                    ],
                ));
            }
            if fields[..i].iter().any(|(n, _)| n == name) {
                return Err(Error::new(
                    Msg::DuplicateField,
                    join(path, name),
                    &[("name", a(name))],
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
        self.get(name)
            .ok_or_else(|| Error::new(Msg::MissingField, self.child(name), &[("name", a(&name))]))
    }

    pub fn child(&self, name: &str) -> String {
        join(&self.path, name)
    }
}

pub(crate) use crate::error::truncate;

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
    let what = ("what", l(kind.de, kind.en));
    let parsed = match v {
        Json::String(s) => money::parse_plain(s),
        Json::Number(n) => money::parse_json_number(n),
        other => {
            let (de, en) = other.type_name();
            return Err(Error::coded(
                kind.code,
                Msg::DecimalNotAString,
                path,
                &[what, ("type", l(de, en))],
            ));
        }
    };
    let shown = match v {
        Json::String(s) | Json::Number(s) => truncate(s),
        _ => String::new(),
    };
    let error = |msg| Error::coded(kind.code, msg, path, &[what, ("value", a(&shown))]);
    match parsed {
        Some(d) if money::is_negative(&d) => Err(error(Msg::DecimalNegative)),
        Some(d) => Ok(d),
        None => Err(error(Msg::DecimalInvalid)),
    }
}

/// Reads a share between 0 and 1 inclusive.
pub fn ratio(v: &Json, path: &str) -> Result<Decimal> {
    let d = decimal(v, path, RATIO)?;
    if d > Decimal::ONE {
        return Err(Error::new(
            Msg::RatioAboveOne,
            path,
            &[("value", a(&money::display(d)))],
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
            Err(Error::coded(
                code,
                Msg::NotAString,
                path,
                &[("what", l(what.0, what.1)), ("type", l(de, en))],
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
            Msg::ListTooLong,
            path,
            &[
                ("what", l(what.0, what.1)),
                ("count", a(&items.len())),
                ("max", a(&max)),
            ],
        )),
        Json::Array(items) => Ok(items),
        other => {
            let (de, en) = other.type_name();
            Err(Error::coded(
                code,
                Msg::NotAList,
                path,
                &[("what", l(what.0, what.1)), ("type", l(de, en))],
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
    let (de, en) = (names.join(" oder "), names.join(" or "));
    Err(Error::coded(
        code,
        Msg::NotAnOption,
        path,
        &[("what", l(what.0, what.1)), ("options", l(&de, &en))],
    ))
}
