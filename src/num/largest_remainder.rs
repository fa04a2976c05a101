//! Largest-remainder rounding, exactly as the contract's arithmetic section defines it:
//! each part's exact value is `N·wᵢ/Σw`; each gets the floor; the units left over go one each to
//! the parts with the largest fractional remainders; equal remainders go to the earlier part.
//!
//! Remainders are compared as exact integers (`N·wᵢ mod Σw` over the common denominator `Σw`),
//! never as rounded decimals: two remainders that are equal must compare equal, or the tie rule
//! would hand a cent to the wrong payer. Weights that fit in 64 bits take a `u128` path (every
//! product `N·wᵢ` fits because `N < 2⁶⁴`); larger ones, as exact mixes of keys produce, take an
//! arbitrary-precision path with the same algorithm.

use crate::num::big::BigUint;
use std::cmp::Ordering;

/// Non-negative integer weights of the parts, in the stated order. Only ratios matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weights {
    Small(Vec<u64>),
    Big(Vec<BigUint>),
}

impl Weights {
    /// Picks the fast representation whenever every weight fits in 64 bits.
    pub fn from_big(w: Vec<BigUint>) -> Weights {
        if w.iter().all(|x| x.bits() <= 64) {
            Weights::Small(w.iter().map(|x| x.to_u128().unwrap_or(0) as u64).collect())
        } else {
            Weights::Big(w)
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Weights::Small(w) => w.len(),
            Weights::Big(w) => w.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when all weights are zero (or there are none): nothing can be split.
    pub fn is_zero(&self) -> bool {
        match self {
            Weights::Small(w) => w.iter().all(|&x| x == 0),
            Weights::Big(w) => w.iter().all(BigUint::is_zero),
        }
    }

    pub fn get(&self, i: usize) -> BigUint {
        match self {
            Weights::Small(w) => BigUint::from(w[i]),
            Weights::Big(w) => w[i].clone(),
        }
    }

    /// The exact share of part `i` in `units` (see [`exact_string`]); 128-bit arithmetic when it
    /// cannot overflow, arbitrary precision otherwise.
    pub fn exact_string(
        &self,
        units: u128,
        i: usize,
        unit_num: u64,
        unit_scale: u32,
        decimals: u32,
    ) -> String {
        if let Weights::Small(w) = self {
            let sum: u128 = w.iter().map(|&x| u128::from(x)).sum();
            let num = units
                .checked_mul(u128::from(w[i]))
                .and_then(|x| x.checked_mul(u128::from(unit_num)))
                .and_then(|x| x.checked_mul(10u128.checked_pow(decimals)?));
            let den = 10u128
                .checked_pow(unit_scale)
                .and_then(|p| sum.checked_mul(p));
            if let Some(q) = num.zip(den).and_then(|(n, d)| n.checked_div(d)) {
                return crate::num::money::with_point(&crate::num::money::int_text(q), decimals);
            }
        }
        exact_string(
            units,
            &self.get(i),
            &self.sum(),
            unit_num,
            unit_scale,
            decimals,
        )
    }

    pub fn sum(&self) -> BigUint {
        match self {
            Weights::Small(w) => BigUint::from(w.iter().map(|&x| u128::from(x)).sum::<u128>()),
            Weights::Big(w) => w.iter().sum(),
        }
    }
}

/// Splits `units` over the weights. Returns one amount per weight; they add up to `units`.
/// If all weights are zero, every part gets zero (the caller reports `zero_weights` first).
pub fn split(units: u128, weights: &Weights) -> Vec<u128> {
    match weights {
        // Products of two 64-bit numbers fit in 128 bits; beyond that, the exact slow path.
        Weights::Small(w) if units > u128::from(u64::MAX) => {
            let w: Vec<BigUint> = w.iter().map(|&x| BigUint::from(x)).collect();
            let sum: BigUint = w.iter().sum();
            split_with(units, w.into_iter(), &sum)
        }
        Weights::Small(w) => {
            let sum: u128 = w.iter().map(|&x| u128::from(x)).sum();
            // Most real splits (a Land's cents over its Gemeinden' populations) fit in 64 bits,
            // where division is one machine instruction instead of a 128-bit routine: several
            // times faster in WebAssembly, with exactly the same integers.
            let max = w.iter().copied().max().unwrap_or(0);
            if let (Ok(u), Ok(s)) = (u64::try_from(units), u64::try_from(sum)) {
                if max.checked_mul(u).is_some() {
                    return split_with(units, w.iter().copied(), &s);
                }
            }
            split_with(units, w.iter().map(|&x| u128::from(x)), &sum)
        }
        Weights::Big(w) => {
            let sum: BigUint = w.iter().sum();
            split_with(units, w.iter().cloned(), &sum)
        }
    }
}

/// Integer operations the algorithm needs, for `u64`, `u128` and `BigUint` alike.
trait Int: Clone + Ord {
    /// The remainder's type: `u128` for both machine-integer paths, so that they share one copy
    /// of the selection's code in the WASM module.
    type Rem: Remainders;
    fn is_zero(&self) -> bool;
    /// `(self·units) div sum` (fits in u128 since weight ≤ sum) and `(self·units) mod sum`.
    fn scaled_div_rem(&self, units: u128, sum: &Self) -> (u128, Self::Rem);
}

impl Int for u128 {
    type Rem = u128;
    fn is_zero(&self) -> bool {
        *self == 0
    }
    fn scaled_div_rem(&self, units: u128, sum: &Self) -> (u128, u128) {
        let p = self * units; // weight < 2⁶⁴ and units ≤ 2⁶⁴ - 1: see `split`
        (p / sum, p % sum)
    }
}

impl Int for u64 {
    type Rem = u128;
    fn is_zero(&self) -> bool {
        *self == 0
    }
    fn scaled_div_rem(&self, units: u128, sum: &Self) -> (u128, u128) {
        // `split` takes this path only when every weight·units fits in 64 bits
        let p = self * units as u64;
        (u128::from(p / sum), u128::from(p % sum))
    }
}

impl Int for BigUint {
    type Rem = BigUint;
    fn is_zero(&self) -> bool {
        BigUint::is_zero(self)
    }
    fn scaled_div_rem(&self, units: u128, sum: &Self) -> (u128, Self) {
        let (q, r) = (self * &BigUint::from(units)).div_rem(sum);
        (q.to_u128().unwrap_or(0), r)
    }
}

/// Finding the parts that get one unit more: the `left` largest remainders, equal remainders
/// to the earlier part.
trait Remainders: Ord + Sized {
    fn is_zero(&self) -> bool;
    /// Reorders `rs` so that its first `left` entries are the ones that get a unit.
    fn select(rs: &mut [(Self, usize)], left: usize);
}

/// Largest remainder first; equal remainders: earlier part first.
fn hand_out_order<R: Ord>(a: &(R, usize), b: &(R, usize)) -> Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

impl Remainders for u128 {
    fn is_zero(&self) -> bool {
        *self == 0
    }
    fn select(rs: &mut [(u128, usize)], left: usize) {
        if left < rs.len() {
            rs.select_nth_unstable_by(left - 1, hand_out_order);
        }
    }
}

impl Remainders for BigUint {
    fn is_zero(&self) -> bool {
        BigUint::is_zero(self)
    }
    /// Binary insertion, by hand: this path is rare (weights beyond 64 bits, or units beyond
    /// 2⁶⁴ - 1) and std's selection would add a second copy of its code to the WASM module.
    fn select(rs: &mut [(BigUint, usize)], _left: usize) {
        for i in 1..rs.len() {
            let at = rs[..i].partition_point(|x| hand_out_order(x, &rs[i]) == Ordering::Less);
            rs[at..=i].rotate_right(1);
        }
    }
}

fn split_with<T: Int>(units: u128, weights: impl Iterator<Item = T>, sum: &T) -> Vec<u128> {
    if sum.is_zero() {
        return weights.map(|_| 0).collect();
    }
    let (mut amounts, mut remainders) = (Vec::new(), Vec::new());
    // (room for every part at once: a Land's Gemeinden are thousands)
    amounts.reserve(weights.size_hint().0);
    remainders.reserve(weights.size_hint().0);
    let mut given = 0u128;
    for (i, w) in weights.enumerate() {
        let (q, r) = w.scaled_div_rem(units, sum);
        amounts.push(q);
        given += q;
        if !r.is_zero() {
            remainders.push((r, i));
        }
    }
    // Σ remainders = left·Σw with each remainder < Σw, so more than `left` parts have one.
    let left = usize::try_from(units - given)
        .unwrap_or(usize::MAX)
        .min(remainders.len());
    if left > 0 {
        T::Rem::select(&mut remainders, left);
        for (_, i) in &remainders[..left] {
            amounts[*i] += 1;
        }
    }
    amounts
}

/// The exact (unrounded) share `units·w/Σw`, times the unit `unit_num/10^unit_scale`, written
/// with `decimals` decimals (truncated, never rounded up).
pub fn exact_string(
    units: u128,
    weight: &BigUint,
    sum: &BigUint,
    unit_num: u64,
    unit_scale: u32,
    decimals: u32,
) -> String {
    if sum.is_zero() {
        return crate::num::money::with_point("0", decimals);
    }
    // value = units·w·unit_num / (Σw·10^unit_scale); keep `decimals` digits.
    let num = weight * &BigUint::from(units) * &BigUint::from(unit_num) * &BigUint::pow10(decimals);
    let den = sum * &BigUint::pow10(unit_scale);
    crate::num::money::with_point(&(&num / &den).to_decimal(), decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(w: &[u64]) -> Weights {
        Weights::Small(w.to_vec())
    }

    #[test]
    fn ties_go_to_the_earlier_part() {
        // 10 units over 16 equal parts: each exact 0.625; the first ten get one.
        let a = split(10, &small(&[1; 16]));
        assert_eq!(a, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn largest_remainder_wins() {
        // 10 over 1:2:3 → exact 1.667, 3.333, 5.0 → floors 1, 3, 5; left 1 → first part (0.667).
        assert_eq!(split(10, &small(&[1, 2, 3])), [2, 3, 5]);
    }

    #[test]
    fn equal_remainders_of_different_weights_are_ties() {
        // 2 units over 1:4 (Σ5): exact 0.4 and 1.6 → floors 0, 1; remainders 2/5 and 3/5.
        assert_eq!(split(2, &small(&[1, 4])), [0, 2]);
        // 1 unit over 1:1:1: equal remainders 1/3 → the first part.
        assert_eq!(split(1, &small(&[1, 1, 1])), [1, 0, 0]);
        // 4 units over 1:4:1 (Σ6): exact 2/3, 8/3, 2/3 — all remainders 2/3 → first, second.
        assert_eq!(split(4, &small(&[1, 4, 1])), [1, 3, 0]);
    }

    #[test]
    fn zero_weights_get_nothing() {
        assert_eq!(split(7, &small(&[0, 1, 0, 1])), [0, 4, 0, 3]);
    }

    #[test]
    fn the_64_bit_128_bit_and_big_paths_agree() {
        // around the edge where units·max weight leaves 64 bits
        let w = vec![1_510_378u64, 3, 0, 1_510_378, 999_999, 17];
        let big = Weights::Big(w.iter().map(|&x| BigUint::from(x)).collect());
        let edge = u128::from(u64::MAX / 1_510_378);
        for units in [
            0,
            1,
            7,
            123_456_789,
            edge - 1,
            edge,
            edge + 1,
            u128::from(u64::MAX),
        ] {
            assert_eq!(
                split(units, &small(&w)),
                split(units, &big),
                "units {units}"
            );
        }
    }

    #[test]
    fn exact_fast_and_slow_paths_agree() {
        let w = Weights::Small(vec![340_578, 260_343, 0, 95_379]);
        for units in [0u128, 1, 99, 50_000_000, 1 << 60] {
            for i in 0..4 {
                let slow = exact_string(units, &w.get(i), &w.sum(), 5, 2, 12);
                assert_eq!(w.exact_string(units, i, 5, 2, 12), slow);
            }
        }
    }

    #[test]
    fn big_and_small_paths_agree() {
        let w = [3u64, 7, 11, 13, 0, 5];
        let shift = BigUint::from(1u128 << 80);
        let big = Weights::Big(w.iter().map(|&x| BigUint::from(x) * &shift).collect());
        for units in [0u128, 1, 2, 17, 1_000_003, u64::MAX as u128] {
            assert_eq!(split(units, &small(&w)), split(units, &big), "{units}");
        }
    }

    #[test]
    fn the_big_path_hands_out_like_the_small_one_over_many_parts() {
        // many parts, repeated weights (equal remainders: ties to the earlier part)
        let mut x = 12_345u64;
        let w: Vec<u64> = (0..300)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                (x >> 33) % 50
            })
            .collect();
        let big = Weights::Big(w.iter().map(|&x| BigUint::from(x)).collect());
        for units in [1u128, 7, 299, 1_000_003, 98_765_432_109] {
            assert_eq!(split(units, &small(&w)), split(units, &big), "{units}");
        }
    }

    #[test]
    fn sums_exactly() {
        let w = small(&[2_959_517, 1_862_565, 8_004_489, 704_881]);
        for units in [0u128, 1, 99, 12_000_000, 10u128.pow(19)] {
            assert_eq!(split(units, &w).iter().sum::<u128>(), units);
        }
    }

    #[test]
    fn exact_values() {
        let s =
            |u, w: u32, sum: u32| exact_string(u, &BigUint::from(w), &BigUint::from(sum), 1, 2, 12);
        assert_eq!(s(10, 1, 16), "0.006250000000");
        assert_eq!(s(100, 1, 3), "0.333333333333");
        assert_eq!(s(100_000_000, 1, 1), "1000000.000000000000");
    }
}
