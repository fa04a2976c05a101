//! Keys: how a tranche's amount is shared among its payers (IT-PLR Beschluss 2021/24 allows
//! inhabitants, actual use, target-group size and the Königsteiner Schlüssel, also combined).
//!
//! This is what a key *is* and how a request writes it; weighing it over a payer group is
//! calculation ([`crate::calc::keys`]).

use crate::contract::land;
use crate::data::laender::{self, KsEdition, LAENDER};
use crate::error::{a, l, Error, ErrorCode, Msg, Result};
use crate::num::money;
use crate::text::json::Json;
use crate::text::reader::{self, Fields};
use rust_decimal::Decimal;

/// The kinds of numbers a user can give per Land.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenKind {
    Weights,
    Usage,
    TargetGroup,
}

impl GivenKind {
    pub fn id(self) -> &'static str {
        match self {
            GivenKind::Weights => "weights",
            GivenKind::Usage => "usage",
            GivenKind::TargetGroup => "targetGroup",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum KeyKind {
    /// Königsteiner Schlüssel; `by_year` when written as plain `"ks"`.
    Ks {
        edition: &'static KsEdition,
        by_year: bool,
    },
    /// Inhabitants of the Länder (Destatis 31.12.2024).
    Population,
    /// Every payer weighs 1.
    Equal,
    /// Numbers per Land from the request; Länder left out weigh 0.
    Given {
        kind: GivenKind,
        values: Box<[Decimal; 16]>,
    },
    /// Parts, each normalised within the payer group, combined by part weights summing to 1.
    Mix(Vec<(Key, Decimal)>),
}

/// A key as the request states it, with the path it was read from (for `zero_weights`).
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub kind: KeyKind,
    pub path: String,
}

impl Key {
    pub fn ks_by_year(year: i32, path: &str) -> Key {
        Key {
            kind: KeyKind::Ks {
                edition: laender::ks_for_year(year),
                by_year: true,
            },
            path: path.to_string(),
        }
    }

    /// The id shown in responses: `ks-2019`, `population`, `equal`, `weights`, `usage`,
    /// `targetGroup`, `mix`.
    pub fn id(&self) -> String {
        match &self.kind {
            KeyKind::Ks { edition, .. } => edition.id(),
            KeyKind::Population => "population".into(),
            KeyKind::Equal => "equal".into(),
            KeyKind::Given { kind, .. } => kind.id().into(),
            KeyKind::Mix(_) => "mix".into(),
        }
    }

    /// Where the key's numbers come from, in words.
    pub fn source(&self) -> String {
        match &self.kind {
            KeyKind::Ks { edition, .. } => edition.source.to_string(),
            KeyKind::Population => laender::POPULATION_SOURCE.to_string(),
            KeyKind::Equal => "Gleiche Anteile je Zahler (IT-PLR Beschluss 2021/24 lässt die Kombination von Schlüsseln zu)".into(),
            KeyKind::Given { kind, .. } => match kind {
                GivenKind::Usage => "Nutzungszahlen aus der Anfrage (IT-PLR Beschluss 2021/24: tatsächliche Nutzungen)".into(),
                GivenKind::TargetGroup => "Zielgruppengröße aus der Anfrage (IT-PLR Beschluss 2021/24)".into(),
                GivenKind::Weights => "Gewichte aus der Anfrage".into(),
            },
            KeyKind::Mix(parts) => {
                let inner: Vec<String> = parts
                    .iter()
                    .map(|(k, w)| format!("{} × {}", money::display(*w), k.id()))
                    .collect();
                format!("Mischschlüssel {} (IT-PLR Beschluss 2021/24: Schlüssel kombinierbar)", inner.join(" + "))
            }
        }
    }

    /// Every source this key draws on (a mix names its parts'), for the response's `sources`.
    pub fn sources(&self, out: &mut Vec<(String, String)>) {
        match &self.kind {
            KeyKind::Mix(parts) => parts.iter().for_each(|(k, _)| k.sources(out)),
            _ => out.push((self.id(), self.source())),
        }
    }
}

/// Largest number of parts in a mix (a mix of more parts than keys exist is a mistake).
const MAX_MIX_PARTS: usize = 16;
/// Most simple keys in one key, nested mixes included. The exact weights of a mix grow with the
/// product of its parts' sums: 16 parts keep them within a few thousand bits, while mixes nested
/// 16 × 16 × 16 (800 KB of request) took minutes to weigh.
pub const MAX_MIX_LEAVES: usize = 16;

impl Key {
    /// Number of simple keys in this key (1 unless it is a mix).
    fn leaves(&self) -> usize {
        match &self.kind {
            KeyKind::Mix(parts) => parts.iter().map(|(k, _)| k.leaves()).sum(),
            _ => 1,
        }
    }
}

/// Reads a key: `"ks"`, `"ks-2019"`, `"population"`, `"equal"`, `{"weights"|"usage"|"targetGroup":
/// {...}}` or `{"mix": [...]}`.
pub fn parse(v: &Json, path: &str, year: i32) -> Result<Key> {
    let kind = match v {
        Json::String(s) => parse_named(s, path, year)?,
        Json::Object(fields) if fields.len() == 1 => {
            let (name, inner) = &fields[0];
            let inner_path = reader::join(path, name);
            match name.as_str() {
                "weights" => parse_given(GivenKind::Weights, inner, &inner_path)?,
                "usage" => parse_given(GivenKind::Usage, inner, &inner_path)?,
                "targetGroup" => parse_given(GivenKind::TargetGroup, inner, &inner_path)?,
                "mix" => parse_mix(inner, &inner_path, year)?,
                _ => return Err(unknown_key(path, name)),
            }
        }
        Json::Object(_) => return Err(Error::new(Msg::KeyObjectFields, path, &[])),
        other => {
            let (de, en) = other.type_name();
            return Err(Error::new(Msg::KeyWrongType, path, &[("type", l(de, en))]));
        }
    };
    Ok(Key {
        kind,
        path: path.to_string(),
    })
}

fn unknown_key(path: &str, name: &str) -> Error {
    let editions: Vec<String> = laender::KS_EDITIONS.iter().map(|e| e.id()).collect();
    let shown = reader::truncate(name);
    Error::new(
        Msg::UnknownKey,
        path,
        &[("name", a(&shown)), ("editions", a(&editions.join(", ")))],
    )
}

fn parse_named(s: &str, path: &str, year: i32) -> Result<KeyKind> {
    match s {
        "ks" => Ok(KeyKind::Ks {
            edition: laender::ks_for_year(year),
            by_year: true,
        }),
        "population" => Ok(KeyKind::Population),
        "equal" => Ok(KeyKind::Equal),
        _ => s
            .strip_prefix("ks-")
            .filter(|y| y.len() == 4)
            .and_then(|y| y.parse::<u16>().ok())
            .and_then(laender::ks_edition)
            .map(|edition| KeyKind::Ks {
                edition,
                by_year: false,
            })
            .ok_or_else(|| unknown_key(path, s)),
    }
}

fn parse_given(kind: GivenKind, v: &Json, path: &str) -> Result<KeyKind> {
    let Json::Object(fields) = v else {
        let (de, en) = v.type_name();
        return Err(Error::new(
            Msg::GivenNotAnObject,
            path,
            &[("type", l(de, en))],
        ));
    };
    if fields.len() > 64 {
        return Err(Error::new(Msg::GivenTooMany, path, &[]));
    }
    let mut values = [Decimal::ZERO; 16];
    let mut seen = [false; 16];
    for (name, value) in fields {
        let p = reader::join(path, name);
        let land = land::land_name(name, &p)?;
        if seen[land] {
            return Err(land::duplicate_land(&p, LAENDER[land].code));
        }
        seen[land] = true;
        values[land] = reader::decimal(value, &p, reader::WEIGHT)?;
    }
    Ok(KeyKind::Given {
        kind,
        values: Box::new(values),
    })
}

fn parse_mix(v: &Json, path: &str, year: i32) -> Result<KeyKind> {
    let items = reader::list(
        v,
        path,
        ErrorCode::UnknownKey,
        MAX_MIX_PARTS,
        ("Ein Mischschlüssel", "a mix"),
    )?;
    if items.is_empty() {
        return Err(Error::new(Msg::MixEmpty, path, &[]));
    }
    let mut parts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = reader::index(path, i);
        let f = Fields::new(
            item,
            &p,
            &["key", "weight"],
            ("Ein Teil des Mischschlüssels", "a mix part"),
        )?;
        let key = parse(f.require("key")?, &f.child("key"), year)?;
        let weight = reader::ratio(f.require("weight")?, &f.child("weight"))?;
        parts.push((key, weight));
        let leaves: usize = parts.iter().map(|(k, _)| k.leaves()).sum();
        if leaves > MAX_MIX_LEAVES {
            return Err(Error::new(
                Msg::MixTooManyKeys,
                p,
                &[("max", a(&MAX_MIX_LEAVES))],
            ));
        }
    }
    if let Some(sum) = money::shares_sum(parts.iter().map(|(_, w)| *w)) {
        return Err(Error::new(Msg::MixWeightsSum, path, &[("sum", a(&sum))]));
    }
    Ok(KeyKind::Mix(parts))
}
