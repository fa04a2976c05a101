//! Weighing a key over one payer group: the key's numbers restricted to the group and turned
//! into exact integers (a common decimal scale; for mixes a common denominator), so the split
//! never rounds twice ("nach deren Verhältnis zueinander").

use crate::contract::keys::{Key, KeyKind};
use crate::data::laender::LAENDER;
use crate::error::{a, Error, Msg, Result};
use crate::num::big::BigUint;
use crate::num::largest_remainder::Weights;
use crate::num::money;
use rust_decimal::Decimal;

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
    /// The raw weight of one Land under a simple key.
    fn raw(&self, land: usize) -> Decimal {
        match &self.kind {
            KeyKind::Ks { edition, .. } => {
                // the project's plain-decimal reader: rust_decimal's `from_str` (scientific
                // notation, rounding) would be the only user of its parser in the WASM module
                crate::num::money::parse_plain(edition.shares[land]).unwrap_or_default()
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
                let display_sum = trim(&money::with_point(&sum.to_decimal(), scale));
                (ints, display, display_sum)
            }
        };
        if ints.iter().all(BigUint::is_zero) {
            let names: Vec<&str> = group.iter().map(|&l| LAENDER[l].code).collect();
            return Err(Error::new(
                Msg::ZeroWeights,
                &self.path,
                &[("key", a(&self.id())), ("payers", a(&names.join(", ")))],
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
        let mut children: Vec<(Vec<BigUint>, BigUint)> = Vec::with_capacity(parts.len());
        for (k, _) in parts {
            let w = k.weigh(group)?;
            let ints: Vec<BigUint> = (0..w.ints.len()).map(|i| w.ints.get(i)).collect();
            children.push((ints, w.ints.sum()));
        }
        let (pw, _) = common_scale(&parts.iter().map(|(_, w)| *w).collect::<Vec<_>>());
        let total_den: BigUint = children.iter().map(|(_, t)| t).product();
        let mut ints = vec![BigUint::zero(); group.len()];
        for ((n, t), p) in children.iter().zip(&pw) {
            let factor = p * &(&total_den / t);
            for (acc, x) in ints.iter_mut().zip(n) {
                *acc += &(x * &factor);
            }
        }
        let sum: BigUint = ints.iter().sum();
        let display = ints
            .iter()
            .map(|x| {
                trim(&crate::num::largest_remainder::exact_string(
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
            m * BigUint::pow10(scale - d.scale())
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
        ints.iter().map(|x| x / &g).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::keys::parse;
    use crate::error::ErrorCode;
    use crate::text::json;

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
