//! A small unsigned big integer: exactly the operations that largest-remainder splitting and key
//! mixing need (add, multiply, divide with remainder, gcd, compare, decimal text).
//!
//! Hand-written rather than a library: the general-purpose crates cost about 27 KB of WebAssembly
//! for algorithms (Karatsuba, radix conversion, signed and bit operations) these few weights never
//! use, and the WASM module has a size budget. Tested against `num-bigint` by proptest below.

use std::cmp::Ordering;
use std::ops::{Add, AddAssign, Div, Mul};

/// An unsigned integer of any size: little-endian base-2³² digits without leading zeros (zero has
/// none), so equal values have equal digits and the derived equality is exact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BigUint(Vec<u32>);

impl BigUint {
    pub fn zero() -> BigUint {
        BigUint(Vec::new())
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    pub fn is_one(&self) -> bool {
        self.0 == [1]
    }

    fn normalized(mut d: Vec<u32>) -> BigUint {
        while d.last() == Some(&0) {
            d.pop();
        }
        BigUint(d)
    }

    /// Number of significant bits (0 for zero).
    pub fn bits(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(top) => self.0.len() as u64 * 32 - u64::from(top.leading_zeros()),
        }
    }

    /// The value as `u128`, if it fits.
    pub fn to_u128(&self) -> Option<u128> {
        if self.0.len() > 4 {
            return None;
        }
        Some(
            self.0
                .iter()
                .rev()
                .fold(0u128, |acc, &d| (acc << 32) | u128::from(d)),
        )
    }

    /// `10^n`.
    pub fn pow10(n: u32) -> BigUint {
        let mut x = BigUint::from(1u32);
        for _ in 0..n {
            x.mul_small(10, 0);
        }
        x
    }

    /// `self = self·m + a` in place.
    fn mul_small(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for d in &mut self.0 {
            let t = u64::from(*d) * u64::from(m) + carry;
            *d = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        if m == 0 {
            *self = BigUint::normalized(std::mem::take(&mut self.0));
        }
    }

    /// `self = self / m`, returning the remainder (`m > 0`).
    fn div_small(&mut self, m: u32) -> u32 {
        let mut rem = 0u64;
        for d in self.0.iter_mut().rev() {
            let t = (rem << 32) | u64::from(*d);
            *d = (t / u64::from(m)) as u32;
            rem = t % u64::from(m);
        }
        *self = BigUint::normalized(std::mem::take(&mut self.0));
        rem as u32
    }

    /// Quotient and remainder. Dividing by zero gives zero and zero (callers never do; the
    /// engine must not panic).
    pub fn div_rem(&self, divisor: &BigUint) -> (BigUint, BigUint) {
        if divisor.is_zero() {
            return (BigUint::zero(), BigUint::zero());
        }
        if self < divisor {
            return (BigUint::zero(), self.clone());
        }
        if let [m] = divisor.0[..] {
            let mut q = self.clone();
            let r = q.div_small(m);
            return (q, BigUint::from(r));
        }
        // Knuth, TAOCP vol. 2, 4.3.1, algorithm D: normalise so the divisor's top digit has its
        // high bit set, then estimate each quotient digit from the top two digits and correct.
        let shift = divisor.0.last().map_or(0, |t| t.leading_zeros());
        let v = shl_digits(&divisor.0, shift);
        let mut u = shl_digits(&self.0, shift);
        if u.len() == self.0.len() {
            u.push(0);
        }
        let n = v.len();
        let m = u.len() - n;
        let mut q = vec![0u32; m];
        let (v1, v2) = (u64::from(v[n - 1]), u64::from(v[n - 2]));
        for j in (0..m).rev() {
            let top = (u64::from(u[j + n]) << 32) | u64::from(u[j + n - 1]);
            let mut qhat = top / v1;
            let mut rhat = top % v1;
            while qhat > u64::from(u32::MAX)
                || (rhat <= u64::from(u32::MAX)
                    && qhat * v2 > ((rhat << 32) | u64::from(u[j + n - 2])))
            {
                qhat -= 1;
                rhat += v1;
            }
            // u[j..=j+n] -= qhat·v
            let mut borrow = 0i64;
            let mut carry = 0u64;
            for i in 0..n {
                let p = qhat * u64::from(v[i]) + carry;
                carry = p >> 32;
                let t = i64::from(u[i + j]) - borrow - i64::from(p as u32);
                u[i + j] = t as u32;
                borrow = i64::from(t < 0);
            }
            let t = i64::from(u[j + n]) - borrow - carry as i64;
            u[j + n] = t as u32;
            if t < 0 {
                // qhat was one too large: add the divisor back
                qhat -= 1;
                let mut c = 0u64;
                for i in 0..n {
                    let s = u64::from(u[i + j]) + u64::from(v[i]) + c;
                    u[i + j] = s as u32;
                    c = s >> 32;
                }
                u[j + n] = u[j + n].wrapping_add(c as u32);
            }
            q[j] = qhat as u32;
        }
        u.truncate(n);
        let r = shr_digits(&u, shift);
        (BigUint::normalized(q), BigUint::normalized(r))
    }

    /// Greatest common divisor (Euclid); `gcd(0, x) = x`.
    pub fn gcd(&self, other: &BigUint) -> BigUint {
        let (mut a, mut b) = (self.clone(), other.clone());
        while !b.is_zero() {
            let r = a.div_rem(&b).1;
            a = b;
            b = r;
        }
        a
    }
}

fn shl_digits(d: &[u32], shift: u32) -> Vec<u32> {
    if shift == 0 {
        return d.to_vec();
    }
    let mut out = Vec::with_capacity(d.len() + 1);
    let mut carry = 0u32;
    for &x in d {
        out.push((x << shift) | carry);
        carry = x >> (32 - shift);
    }
    if carry > 0 {
        out.push(carry);
    }
    out
}

fn shr_digits(d: &[u32], shift: u32) -> Vec<u32> {
    if shift == 0 {
        return d.to_vec();
    }
    let mut out = vec![0u32; d.len()];
    for i in 0..d.len() {
        let hi = d.get(i + 1).map_or(0, |&x| x << (32 - shift));
        out[i] = (d[i] >> shift) | hi;
    }
    out
}

impl From<u128> for BigUint {
    fn from(mut x: u128) -> BigUint {
        let mut d = Vec::new();
        while x > 0 {
            d.push(x as u32);
            x >>= 32;
        }
        BigUint(d)
    }
}

impl From<u64> for BigUint {
    fn from(x: u64) -> BigUint {
        BigUint::from(u128::from(x))
    }
}

impl From<u32> for BigUint {
    fn from(x: u32) -> BigUint {
        BigUint::from(u128::from(x))
    }
}

impl Ord for BigUint {
    fn cmp(&self, other: &BigUint) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

impl PartialOrd for BigUint {
    fn partial_cmp(&self, other: &BigUint) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl AddAssign<&BigUint> for BigUint {
    fn add_assign(&mut self, other: &BigUint) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        let mut carry = 0u64;
        for (i, d) in self.0.iter_mut().enumerate() {
            let s = u64::from(*d) + u64::from(other.0.get(i).copied().unwrap_or(0)) + carry;
            *d = s as u32;
            carry = s >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }
}

impl Add<&BigUint> for &BigUint {
    type Output = BigUint;
    fn add(self, other: &BigUint) -> BigUint {
        let mut s = self.clone();
        s += other;
        s
    }
}

impl Mul<&BigUint> for &BigUint {
    type Output = BigUint;
    /// Schoolbook multiplication: the weights have a few dozen digits at most.
    fn mul(self, other: &BigUint) -> BigUint {
        if self.is_zero() || other.is_zero() {
            return BigUint::zero();
        }
        let mut out = vec![0u32; self.0.len() + other.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.0.iter().enumerate() {
                let t = u64::from(a) * u64::from(b) + u64::from(out[i + j]) + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            out[i + other.0.len()] = carry as u32;
        }
        BigUint::normalized(out)
    }
}

impl Mul<&BigUint> for BigUint {
    type Output = BigUint;
    fn mul(self, other: &BigUint) -> BigUint {
        &self * other
    }
}

impl Mul<BigUint> for BigUint {
    type Output = BigUint;
    fn mul(self, other: BigUint) -> BigUint {
        &self * &other
    }
}

impl Div<&BigUint> for &BigUint {
    type Output = BigUint;
    fn div(self, other: &BigUint) -> BigUint {
        self.div_rem(other).0
    }
}

impl<'a> std::iter::Sum<&'a BigUint> for BigUint {
    fn sum<I: Iterator<Item = &'a BigUint>>(iter: I) -> BigUint {
        iter.fold(BigUint::zero(), |mut s, x| {
            s += x;
            s
        })
    }
}

impl<'a> std::iter::Product<&'a BigUint> for BigUint {
    fn product<I: Iterator<Item = &'a BigUint>>(iter: I) -> BigUint {
        iter.fold(BigUint::from(1u32), |p, x| &p * x)
    }
}

impl BigUint {
    /// The decimal text (`"0"` for zero), nine digits at a time.
    pub fn to_decimal(&self) -> String {
        if let Some(x) = self.to_u128() {
            return crate::num::money::int_text(x);
        }
        let mut x = self.clone();
        let mut chunks = Vec::new();
        while !x.is_zero() {
            chunks.push(x.div_small(1_000_000_000));
        }
        let mut s = String::new();
        for (i, c) in chunks.iter().rev().enumerate() {
            let digits = crate::num::money::int_text(u128::from(*c));
            if i > 0 {
                s.extend(std::iter::repeat_n('0', 9 - digits.len()));
            }
            s.push_str(&digits);
        }
        s
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::BigUint;
    use proptest::prelude::*;

    type Reference = num_bigint::BigUint;

    fn both(digits: &[u32]) -> (BigUint, Reference) {
        (
            BigUint::normalized(digits.to_vec()),
            Reference::from_slice(digits),
        )
    }

    fn digits() -> impl Strategy<Value = Vec<u32>> {
        // small digits, all-ones digits and leading zeros exercise the corrections of algorithm D
        prop::collection::vec(
            prop_oneof![any::<u32>(), Just(u32::MAX), Just(0u32), 0u32..4],
            0..9,
        )
    }

    fn same(a: &BigUint, b: &Reference) -> bool {
        a.to_decimal() == b.to_string() && a.bits() == b.bits()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn agrees_with_num_bigint(a in digits(), b in digits()) {
            let ((x, rx), (y, ry)) = (both(&a), both(&b));
            prop_assert!(same(&(&x + &y), &(&rx + &ry)));
            prop_assert!(same(&(&x * &y), &(&rx * &ry)));
            prop_assert_eq!(x.cmp(&y), rx.cmp(&ry));
            prop_assert!(same(&x.gcd(&y), &num_integer::Integer::gcd(&rx, &ry)));
            if !y.is_zero() {
                let (q, r) = x.div_rem(&y);
                prop_assert!(same(&q, &(&rx / &ry)), "{} / {}", rx, ry);
                prop_assert!(same(&r, &(&rx % &ry)), "{} % {}", rx, ry);
            }
        }
    }

    #[test]
    fn edges() {
        assert_eq!(BigUint::zero().to_decimal(), "0");
        assert_eq!(
            BigUint::pow10(30).to_decimal(),
            format!("1{}", "0".repeat(30))
        );
        assert_eq!(BigUint::from(u128::MAX).to_u128(), Some(u128::MAX));
        assert_eq!(
            (&BigUint::from(u128::MAX) + &BigUint::from(1u32)).to_u128(),
            None
        );
        assert!(BigUint::from(1u32).is_one());
        assert_eq!(
            BigUint::from(7u32).div_rem(&BigUint::zero()),
            (BigUint::zero(), BigUint::zero())
        );
    }
}
