//! Keys: how a tranche's amount is shared among its payers (IT-PLR Beschluss 2021/24 allows
//! inhabitants, actual use, target-group size and the Königsteiner Schlüssel, also combined).
//!
//! A key is always applied to the payers of one tranche: the weights are restricted to that group
//! and renormalised ("nach deren Verhältnis zueinander"). Weights are turned into exact integers
//! (a common decimal scale; for mixes a common denominator), so the split never rounds twice.

use crate::error::{Error, ErrorCode, Result};
use crate::json::Json;
use crate::laender::{self, KsEdition, LAENDER};
use crate::largest_remainder::Weights;
use crate::money;
use crate::reader::{self, Fields};
use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use rust_decimal::Decimal;
use std::str::FromStr;

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

/// A key's weights over one payer group, in the group's order.
#[derive(Debug, Clone)]
pub struct GroupWeights {
    /// Exact integer weights for the split.
    pub ints: Weights,
    /// Each payer's weight as shown to users (`"7.43709"`, `"6280793"`, a mix's normalised share).
    pub display: Vec<String>,
    /// The sum over the group as shown to users (`"44.07373"`).
    pub display_sum: String,
}

/// Decimals shown for normalised (mix) weights.
const SHOWN_DECIMALS: u32 = 12;

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

    /// The raw weight of one Land under a simple key.
    fn raw(&self, land: usize) -> Decimal {
        match &self.kind {
            KeyKind::Ks { edition, .. } => {
                Decimal::from_str(edition.shares[land]).unwrap_or_default()
            }
            KeyKind::Population => Decimal::from(LAENDER[land].population),
            KeyKind::Equal => Decimal::ONE,
            KeyKind::Given { values, .. } => values[land],
            KeyKind::Mix(_) => Decimal::ZERO,
        }
    }

    /// Exact weights of the Länder in `group` (indices in ascending AGS order, non-empty).
    /// Fails with `zero_weights` when the key gives the whole group nothing.
    pub fn weigh(&self, group: &[usize]) -> Result<GroupWeights> {
        let (ints, display, display_sum) = match &self.kind {
            KeyKind::Mix(parts) => self.weigh_mix(parts, group)?,
            _ => {
                let raw: Vec<Decimal> = group.iter().map(|&l| self.raw(l)).collect();
                let (ints, scale) = common_scale(&raw);
                let sum: BigUint = ints.iter().sum();
                let display = raw.iter().map(|d| money::display(*d)).collect();
                let display_sum = trim(&money::with_point(&sum.to_string(), scale));
                (ints, display, display_sum)
            }
        };
        if ints.iter().all(Zero::is_zero) {
            let names: Vec<&str> = group.iter().map(|&l| LAENDER[l].code).collect();
            return Err(Error::new(
                ErrorCode::ZeroWeights,
                &self.path,
                format!(
                    "Der Schlüssel {} gibt den Zahlern {} zusammen das Gewicht 0; so lässt sich nichts verteilen",
                    self.id(),
                    names.join(", ")
                ),
                format!(
                    "the key {} gives the payers {} a total weight of 0, so nothing can be split",
                    self.id(),
                    names.join(", ")
                ),
            ));
        }
        Ok(GroupWeights {
            ints: Weights::from_big(reduce(ints)),
            display,
            display_sum,
        })
    }

    fn weigh_mix(
        &self,
        parts: &[(Key, Decimal)],
        group: &[usize],
    ) -> Result<(Vec<BigUint>, Vec<String>, String)> {
        // Σₖ pₖ·nₖᵢ/Tₖ over the common denominator Πₖ Tₖ·10^s.
        let children: Vec<(Vec<BigUint>, BigUint)> = parts
            .iter()
            .map(|(k, _)| {
                let w = k.weigh(group)?;
                let ints: Vec<BigUint> = (0..w.ints.len()).map(|i| w.ints.get(i)).collect();
                let t = w.ints.sum();
                Ok((ints, t))
            })
            .collect::<Result<_>>()?;
        let (pw, _) = common_scale(&parts.iter().map(|(_, w)| *w).collect::<Vec<_>>());
        let total_den: BigUint = children.iter().map(|(_, t)| t).product();
        let mut ints = vec![BigUint::zero(); group.len()];
        for ((n, t), p) in children.iter().zip(&pw) {
            let factor = p * (&total_den / t);
            for (acc, x) in ints.iter_mut().zip(n) {
                *acc += x * &factor;
            }
        }
        let sum: BigUint = ints.iter().sum();
        let display = ints
            .iter()
            .map(|x| {
                trim(&crate::largest_remainder::exact_string(
                    1,
                    x,
                    &sum,
                    1,
                    0,
                    SHOWN_DECIMALS,
                ))
            })
            .collect();
        Ok((ints, display, "1".to_string()))
    }
}

/// Scales decimals to one common scale and returns the integer numerators and the scale.
fn common_scale(values: &[Decimal]) -> (Vec<BigUint>, u32) {
    let scale = values.iter().map(|d| d.scale()).max().unwrap_or(0);
    let ints = values
        .iter()
        .map(|d| {
            let m = BigUint::from(d.mantissa().unsigned_abs());
            m * BigUint::from(10u32).pow(scale - d.scale())
        })
        .collect();
    (ints, scale)
}

/// Largest weight (in bits) that [`reduce`] still divides by the common divisor.
const REDUCE_MAX_BITS: u64 = 256;

/// Divides all weights by their greatest common divisor: same ratios, smaller numbers (so more
/// splits take the fast 64-bit path). Only for weights up to [`REDUCE_MAX_BITS`]: the binary
/// gcd is quadratic in the length, and a nested mix's weights run to many thousand bits, where
/// reducing cannot reach the 64-bit path anyway (hostile input took seconds per weighing).
fn reduce(ints: Vec<BigUint>) -> Vec<BigUint> {
    if ints.iter().any(|x| x.bits() > REDUCE_MAX_BITS) {
        return ints;
    }
    let g = ints.iter().fold(BigUint::zero(), |g, x| g.gcd(x));
    if g.is_zero() || g.is_one() {
        ints
    } else {
        ints.into_iter().map(|x| x / &g).collect()
    }
}

/// Drops trailing fractional zeros: `44.073730` → `44.07373`, `100.00000` → `100`.
fn trim(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
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
        Json::Object(_) => {
            return Err(Error::new(
                ErrorCode::UnknownKey,
                path,
                "Ein Schlüssel-Objekt hat genau ein Feld: weights, usage, targetGroup oder mix",
                "a key object has exactly one field: weights, usage, targetGroup or mix",
            ))
        }
        other => {
            let (de, en) = other.type_name();
            return Err(Error::new(
                ErrorCode::UnknownKey,
                path,
                format!(
                    "Ein Schlüssel ist eine Zeichenkette wie \"ks\" oder ein Objekt, nicht {de}"
                ),
                format!("a key is a string like \"ks\" or an object, not {en}"),
            ));
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
        ErrorCode::UnknownKey,
        path,
        format!(
            "Unbekannter Schlüssel \"{shown}\"; bekannt: ks, {}, population, equal, weights, usage, targetGroup, mix",
            editions.join(", ")
        ),
        format!(
            "unknown key \"{shown}\"; known: ks, {}, population, equal, weights, usage, targetGroup, mix",
            editions.join(", ")
        ),
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
            ErrorCode::InvalidWeight,
            path,
            format!("Erwartet ein Objekt wie {{\"BY\": \"3\"}}, nicht {de}"),
            format!("expected an object like {{\"BY\": \"3\"}}, not {en}"),
        ));
    };
    if fields.len() > 64 {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            path,
            "Höchstens 64 Einträge",
            "at most 64 entries",
        ));
    }
    let mut values = [Decimal::ZERO; 16];
    let mut seen = [false; 16];
    for (name, value) in fields {
        let p = reader::join(path, name);
        let land = reader::land_name(name, &p)?;
        if seen[land] {
            return Err(reader::duplicate_land(&p, LAENDER[land].code));
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
        return Err(Error::new(
            ErrorCode::SharesDoNotSumToOne,
            path,
            "Ein Mischschlüssel braucht mindestens einen Teil",
            "a mix needs at least one part",
        ));
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
                ErrorCode::LimitExceeded,
                p,
                format!("Ein Mischschlüssel hat höchstens {MAX_MIX_LEAVES} einfache Schlüssel, verschachtelte Mischungen eingeschlossen"),
                format!("a mix has at most {MAX_MIX_LEAVES} simple keys, nested mixes included"),
            ));
        }
    }
    let sum: Decimal = parts.iter().map(|(_, w)| *w).sum();
    if sum != Decimal::ONE {
        return Err(Error::new(
            ErrorCode::SharesDoNotSumToOne,
            path,
            format!(
                "Die Gewichte des Mischschlüssels ergeben {} statt genau 1",
                money::display(sum)
            ),
            format!(
                "the mix weights sum to {} instead of exactly 1",
                money::display(sum)
            ),
        ));
    }
    Ok(KeyKind::Mix(parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn key(s: &str) -> Result<Key> {
        parse(&json::parse(s).unwrap(), "key", 2025)
    }

    #[test]
    fn ks_over_an_alliance() {
        let w = key("\"ks\"").unwrap().weigh(&[5, 8, 4]).unwrap();
        assert_eq!(w.display, ["7.43709", "15.56072", "21.07592"]);
        assert_eq!(w.display_sum, "44.07373");
    }

    #[test]
    fn names() {
        assert_eq!(key("\"ks\"").unwrap().id(), "ks-2019");
        assert_eq!(
            parse(&json::parse("\"ks\"").unwrap(), "key", 2012)
                .unwrap()
                .id(),
            "ks-2014"
        );
        assert_eq!(key("\"ks-2016\"").unwrap().id(), "ks-2016");
        assert_eq!(key("\"ks-2017\"").unwrap_err().code, ErrorCode::UnknownKey);
        assert_eq!(key("\"KS\"").unwrap_err().code, ErrorCode::UnknownKey);
        assert_eq!(key("{\"foo\": 1}").unwrap_err().code, ErrorCode::UnknownKey);
        assert_eq!(key("3").unwrap_err().code, ErrorCode::UnknownKey);
    }

    #[test]
    fn given_numbers() {
        let k = key(r#"{"usage": {"SH": "1200", "hh": 800, "DE-HB": "150.5"}}"#).unwrap();
        let w = k.weigh(&[0, 1, 2, 3]).unwrap();
        assert_eq!(w.display, ["1200", "800", "0", "150.5"]);
        assert_eq!(w.display_sum, "2150.5");
        let e = key(r#"{"usage": {"SH": "1", "01": "2"}}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::DuplicateLand, "key.usage.01")
        );
        let e = key(r#"{"usage": {"XX": "1"}}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::UnknownLand, "key.usage.XX")
        );
        let e = key(r#"{"weights": {"BY": "-1"}}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidWeight, "key.weights.BY")
        );
    }

    #[test]
    fn zero_weights_in_group() {
        let k = key(r#"{"usage": {"BY": "5"}}"#).unwrap();
        let e = k.weigh(&[0, 1]).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::ZeroWeights, "key"));
    }

    #[test]
    fn mix_is_exact() {
        // Half equal, half by usage 1:3 over two payers: 0.5·½ + 0.5·¼ = 3/8, 0.5·½ + 0.5·¾ = 5/8.
        let k = key(r#"{"mix": [{"key": "equal", "weight": "0.5"}, {"key": {"usage": {"SH": 1, "HH": 3}}, "weight": "0.5"}]}"#).unwrap();
        let w = k.weigh(&[0, 1]).unwrap();
        assert_eq!(w.display, ["0.375", "0.625"]);
        assert_eq!(w.ints, Weights::Small(vec![3, 5]));
        let e = key(r#"{"mix": [{"key": "equal", "weight": "0.5"}]}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::SharesDoNotSumToOne, "key.mix")
        );
        let e = key(r#"{"mix": [{"key": "equal", "weight": "1.5"}]}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidRatio, "key.mix[0].weight")
        );
        let e = key(r#"{"mix": [{"key": {"usage": {"BY": 1}}, "weight": "1"}]}"#)
            .unwrap()
            .weigh(&[0])
            .unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::ZeroWeights, "key.mix[0].key")
        );
    }
}
