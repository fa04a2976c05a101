//! Exact decimals: reading amounts, shares and weights from request text, the rounding unit, and
//! [`Money`], the type every amount has from the calculation to the door. No value ever passes
//! through a binary float.

use crate::error::{a, l, truncate, Error, Msg};
use rust_decimal::Decimal;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};
use std::str::FromStr;

/// Largest accepted amount (contract: "above 10¹³" is invalid).
pub const MAX_AMOUNT: i64 = 10_000_000_000_000;
/// Finest rounding unit: six decimals keeps every amount below 2⁶⁴ units.
pub const MAX_UNIT_DECIMALS: u32 = 6;
/// Coarsest rounding unit.
pub const MAX_UNIT: i64 = 1_000_000;

/// Reads a plain decimal (`"12"`, `"-0.50"`, `"1234.5678"`): ASCII digits, an optional leading
/// minus and an optional fraction. No exponent, no `+`, no spaces, no thousands separators, no
/// decimal comma: a request's money must mean exactly one thing.
pub fn parse_plain(text: &str) -> Option<Decimal> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let frac = frac.unwrap_or("");
    build(neg, int, frac, 0)
}

/// Reads a JSON number's text exactly, exponent included (`1.25e2` is 125).
pub fn parse_json_number(text: &str) -> Option<Decimal> {
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(i) => {
            let exp: i32 = text[i + 1..].parse().ok()?;
            (&text[..i], exp)
        }
        None => (text, 0),
    };
    let (neg, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    build(neg, int, frac, exp)
}

/// Builds `±int.frac × 10^exp` exactly, or `None` outside `Decimal`'s 28 digits.
fn build(neg: bool, int: &str, frac: &str, exp: i32) -> Option<Decimal> {
    let all = format!("{int}{frac}");
    let all = all.trim_start_matches('0');
    let mut scale = i64::try_from(frac.len()).ok()? - i64::from(exp);
    let mut digits = all.to_string();
    if scale < 0 {
        if digits.is_empty() {
            scale = 0;
        } else {
            digits.extend(std::iter::repeat_n(
                '0',
                usize::try_from(-scale).ok()?.min(64),
            ));
            scale = 0;
        }
    }
    // Trailing zeros beyond 28 decimals carry no value: drop them before the range check.
    while scale > 28 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    if scale > 28 || digits.len() > 29 {
        return None;
    }
    let m: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let m = if neg { -m } else { m };
    let mut d = Decimal::try_from_i128_with_scale(m, u32::try_from(scale).ok()?).ok()?;
    if neg && m == 0 {
        d.set_sign_negative(true);
    }
    Some(d)
}

/// True for any value written with a minus sign, including `-0`.
pub fn is_negative(d: &Decimal) -> bool {
    d.is_sign_negative()
}

/// The rounding unit: amounts are whole multiples of it, and every result is a whole number of
/// units. Stored as `int / 10^scale` (`0.01` is 1/10², `0.05` is 5/10², `100` is 100/10⁰).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    int: u64,
    scale: u32,
}

impl Unit {
    pub const CENT: Unit = Unit { int: 1, scale: 2 };

    /// `None` unless `0 < d <= 10⁶` with at most six significant decimals. The written decimals
    /// are kept (up to six): `"0.10"` makes amounts like `"0.30"`, `"0.1"` makes `"0.3"`.
    pub fn new(d: Decimal) -> Option<Unit> {
        let norm = d.normalize();
        if norm <= Decimal::ZERO
            || norm > Decimal::from(MAX_UNIT)
            || norm.scale() > MAX_UNIT_DECIMALS
        {
            return None;
        }
        let scale = d.scale().min(MAX_UNIT_DECIMALS).max(norm.scale());
        let int = u64::try_from(norm.mantissa())
            .ok()?
            .checked_mul(10u64.pow(scale - norm.scale()))?;
        Some(Unit { int, scale })
    }

    /// Number of decimals every amount is written with.
    pub fn decimals(&self) -> u32 {
        self.scale
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::from_i128_with_scale(i128::from(self.int), self.scale)
    }

    /// `amount / unit` if it is a whole number; `None` otherwise. `amount` must be non-negative
    /// and at most [`MAX_AMOUNT`] (checked by the caller), so the result fits in a `u64`.
    pub fn units_of(&self, amount: Decimal) -> Option<u128> {
        let a = u128::try_from(amount.mantissa()).ok()?;
        let a_scale = amount.scale();
        let s = a_scale.max(self.scale);
        let a_scaled = a.checked_mul(10u128.checked_pow(s - a_scale)?)?;
        let u_scaled = u128::from(self.int).checked_mul(10u128.checked_pow(s - self.scale)?)?;
        (a_scaled % u_scaled == 0).then(|| a_scaled / u_scaled)
    }

    /// `n` units as an amount, with exactly the unit's decimals.
    pub fn money(&self, n: u128) -> Money {
        let minor = n.saturating_mul(u128::from(self.int));
        Money::new(i128::try_from(minor).unwrap_or(i128::MAX), self.scale)
    }

    /// The unit itself as an amount (`0.01`, or `0.10` as written).
    pub fn as_money(&self) -> Money {
        self.money(1)
    }

    /// Integer numerator of the unit over `10^decimals`, for exact values.
    pub fn numerator(&self) -> u64 {
        self.int
    }
}

/// Puts a decimal point `scale` digits from the right of a non-negative integer's digits,
/// padding with zeros: `("5", 2)` → `"0.05"`, `("123", 0)` → `"123"`.
pub fn with_point(digits: &str, scale: u32) -> String {
    let mut out = String::with_capacity(digits.len() + scale as usize + 2);
    push_with_point(&mut out, digits, scale);
    out
}

/// [`with_point`] appended to `out`. By hand rather than with `format!`: every amount of a
/// response passes here, and core::fmt's machinery made writing them slower in WASM.
fn push_with_point(out: &mut String, digits: &str, scale: u32) {
    let scale = scale as usize;
    if scale == 0 {
        out.push_str(digits);
        return;
    }
    if digits.len() > scale {
        let (whole, decimals) = digits.split_at(digits.len() - scale);
        out.push_str(whole);
        out.push('.');
        out.push_str(decimals);
    } else {
        out.push_str("0.");
        for _ in digits.len()..scale {
            out.push('0');
        }
        out.push_str(digits);
    }
}

/// The decimal digits of `v`, written into `buf` from its end (u64 steps where the value fits:
/// a 128-bit division is a library call in WASM).
pub(crate) fn digits(v: u128, buf: &mut [u8; 39]) -> &str {
    let mut at = buf.len();
    let mut big = v;
    while big > u128::from(u64::MAX) {
        at -= 1;
        buf[at] = b'0' + (big % 10) as u8;
        big /= 10;
    }
    let mut small = big as u64;
    loop {
        at -= 1;
        buf[at] = b'0' + (small % 10) as u8;
        small /= 10;
        if small == 0 {
            break;
        }
    }
    // only ASCII digits were written
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// `v` as decimal text: [`digits`] instead of `u128`'s `Display`, whose core::fmt code (1.5 KB)
/// the WASM module then leaves out.
pub(crate) fn int_text(v: u128) -> String {
    digits(v, &mut [0; 39]).to_string()
}

/// The sum of shares (each from 0 to 1: tranche shares, mix weights) as [`display`] writes it, or
/// `None` when it is exactly 1. Added as integers at 28 decimals (32 parts of at most 10^28 fit
/// an i128): rust_decimal's addition is 5 KB of code in the WASM module. A sum that rust_decimal
/// could not hold (28 decimals and 8 or more) is written exactly where rust_decimal rounded it.
pub fn shares_sum(shares: impl Iterator<Item = Decimal>) -> Option<String> {
    let mut sum: i128 = shares
        .map(|d| d.mantissa() * 10i128.pow(Decimal::MAX_SCALE - d.scale()))
        .sum();
    if sum == 10i128.pow(Decimal::MAX_SCALE) {
        return None;
    }
    let mut scale = Decimal::MAX_SCALE;
    while scale > 0 && sum % 10 == 0 {
        sum /= 10;
        scale -= 1;
    }
    Some(match Decimal::try_from_i128_with_scale(sum, scale) {
        Ok(d) => display(d),
        Err(_) => with_point(&int_text(sum.unsigned_abs()), scale),
    })
}

/// A decimal written without trailing zeros (`"7.43709"`, `"0.5"`, `"3"`), for weights and shares.
pub fn display(d: Decimal) -> String {
    d.normalize().to_string()
}

/// An amount of euros, exact: a whole number of `10^-scale` EUR, written with exactly `scale`
/// decimals (`"8514.45"` is 851,445 at scale 2). Every amount of a [`Response`](crate::Response)
/// and a [`PlanResponse`](crate::PlanResponse) is one; it becomes the contract's decimal string
/// only when it is written (`Display`, and serde as a JSON string).
///
/// Two amounts are equal when they are written the same: `1.50` at scale 2 is not `1.5` at
/// scale 1 (compare [`Money::minor_at`] for the value). Adding and subtracting keep the larger
/// scale, exactly.
///
/// ```
/// use efa_rechner::Money;
///
/// let a: Money = "1200.50".parse()?;
/// let b = Money::new(4_950, 2); // 49.50
/// assert_eq!((a + b).to_string(), "1250.00");
/// assert_eq!((b - a).to_string(), "-1151.00");
/// assert_eq!(a.minor_at(4), 12_005_000);
/// assert_eq!([a, b].into_iter().sum::<Money>(), "1250.00".parse()?);
/// # Ok::<(), efa_rechner::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i128,
    scale: u32,
}

impl Money {
    /// Most decimals an amount may have (as `rust_decimal`).
    pub const MAX_SCALE: u32 = 28;

    /// `minor` units of `10^-scale` EUR; a scale above [`Money::MAX_SCALE`] is taken as that.
    pub const fn new(minor: i128, scale: u32) -> Money {
        let scale = if scale > Self::MAX_SCALE {
            Self::MAX_SCALE
        } else {
            scale
        };
        Money { minor, scale }
    }

    /// The whole number of `10^-scale` EUR.
    ///
    /// ```
    /// assert_eq!("-12.30".parse::<efa_rechner::Money>()?.minor(), -1230);
    /// # Ok::<(), efa_rechner::Error>(())
    /// ```
    pub const fn minor(self) -> i128 {
        self.minor
    }

    /// The number of decimals.
    ///
    /// ```
    /// assert_eq!("12.300".parse::<efa_rechner::Money>()?.scale(), 3);
    /// # Ok::<(), efa_rechner::Error>(())
    /// ```
    pub const fn scale(self) -> u32 {
        self.scale
    }

    /// The amount in units of `10^-scale` EUR, for a `scale` at least the amount's own (a
    /// smaller one truncates toward zero).
    pub fn minor_at(self, scale: u32) -> i128 {
        if scale >= self.scale {
            self.minor
                .saturating_mul(10i128.saturating_pow(scale - self.scale))
        } else {
            self.minor / 10i128.saturating_pow(self.scale - scale)
        }
    }

    /// The same value written with at least `scale` decimals.
    ///
    /// ```
    /// let m = efa_rechner::Money::new(5, 1); // 0.5
    /// assert_eq!(m.with_scale(2).to_string(), "0.50");
    /// assert_eq!(m.with_scale(0), m, "never fewer decimals");
    /// ```
    pub fn with_scale(self, scale: u32) -> Money {
        let scale = scale.max(self.scale).min(Self::MAX_SCALE);
        Money::new(self.minor_at(scale), scale)
    }

    /// As a `rust_decimal::Decimal` (exact for every amount the engine writes).
    ///
    /// ```
    /// let d = efa_rechner::Money::new(851_445, 2).to_decimal();
    /// assert_eq!(d.to_string(), "8514.45");
    /// ```
    pub fn to_decimal(self) -> Decimal {
        Decimal::try_from_i128_with_scale(self.minor, self.scale).unwrap_or(Decimal::MAX)
    }
}

impl From<Decimal> for Money {
    fn from(d: Decimal) -> Money {
        Money::new(d.mantissa(), d.scale())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        let scale = self.scale.max(other.scale);
        Money::new(
            self.minor_at(scale).saturating_add(other.minor_at(scale)),
            scale,
        )
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        let scale = self.scale.max(other.scale);
        Money::new(
            self.minor_at(scale).saturating_sub(other.minor_at(scale)),
            scale,
        )
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::new(0, 0), Add::add)
    }
}

impl fmt::Display for Money {
    /// `-?digits.decimals`, with exactly `scale` decimals; width and alignment are honoured.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text())
    }
}

impl Money {
    /// `-?digits.decimals`, as `Display` writes it without width or alignment.
    fn text(&self) -> String {
        let mut buf = [0u8; 39];
        let digits = digits(self.minor.unsigned_abs(), &mut buf);
        let mut out = String::with_capacity(digits.len() + self.scale as usize + 3);
        if self.minor < 0 {
            out.push('-');
        }
        push_with_point(&mut out, digits, self.scale);
        out
    }
}

impl FromStr for Money {
    type Err = Error;

    /// Reads a plain decimal (`"1200.50"`, `"-3"`): the contract's way of writing money, with
    /// the decimals as written. Anything else is `invalid_amount`.
    fn from_str(text: &str) -> Result<Money, Error> {
        let negative = text.starts_with('-');
        let body = text.strip_prefix('-').unwrap_or(text);
        let Some(d) = parse_plain(body).filter(|_| !body.starts_with('-')) else {
            let shown = truncate(text);
            return Err(Error::new(
                Msg::DecimalInvalid,
                "",
                &[("what", l("Betrag", "amount")), ("value", a(&shown))],
            ));
        };
        let m = Money::from(d);
        Ok(if negative {
            Money::new(-m.minor, m.scale)
        } else {
            m
        })
    }
}

impl serde::Serialize for Money {
    /// As the contract writes money: a JSON string (`"8514.45"`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// `shares_sum` against rust_decimal's sum, wherever rust_decimal holds the sum exactly.
    #[test]
    fn shares_sum_as_rust_decimal() {
        let cases: &[&[&str]] = &[
            &["1"],
            &["0.5", "0.5"],
            &["0.25", "0.25", "0.5000"],
            &["0.3333333333333333333333333333"; 3],
            &["0.5", "0.25"],
            &["0.1", "0.2", "0.3"],
            &["1", "1", "0.000"],
            &["0", "0.00"],
            &["0.0000000000000000000000000001", "1"],
            &["1"; 32],
            &["0.9999999999999999999999999999"; 7],
        ];
        for parts in cases {
            let ds: Vec<Decimal> = parts.iter().map(|p| dec(p)).collect();
            let sum: Decimal = ds.iter().copied().sum();
            let want = (sum != Decimal::ONE).then(|| display(sum));
            assert_eq!(shares_sum(ds.into_iter()), want, "{parts:?}");
        }
        // beyond rust_decimal's 96 bits: exact, where rust_decimal rounds
        let ds = vec![dec("0.9999999999999999999999999999"); 9];
        assert_eq!(
            shares_sum(ds.into_iter()).as_deref(),
            Some("8.9999999999999999999999999991")
        );
    }

    #[test]
    fn plain_decimals() {
        assert_eq!(parse_plain("1234.56"), Some(dec("1234.56")));
        assert_eq!(parse_plain("0"), Some(Decimal::ZERO));
        assert_eq!(parse_plain("007"), Some(dec("7")));
        assert!(is_negative(&parse_plain("-0").unwrap()));
        for bad in [
            "", "-", ".5", "5.", "1,5", "1.234,5", " 1", "1 ", "+1", "1e3", "١٢٣", "NaN",
            "Infinity", "0x10", "1_000", "--1", "1.2.3",
        ] {
            assert_eq!(parse_plain(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn too_many_digits_is_rejected_not_rounded() {
        assert_eq!(parse_plain("1.00000000000000000000000000001"), None);
        assert_eq!(parse_plain(&"9".repeat(30)), None);
        // Trailing zeros beyond 28 decimals are harmless.
        assert_eq!(
            parse_plain(&format!("1.{}", "0".repeat(40))),
            Some(Decimal::ONE)
        );
    }

    #[test]
    fn json_numbers_with_exponent() {
        assert_eq!(parse_json_number("12.5"), Some(dec("12.5")));
        assert_eq!(parse_json_number("1.25e2"), Some(dec("125")));
        assert_eq!(parse_json_number("125E-2"), Some(dec("1.25")));
        assert_eq!(parse_json_number("0e400"), Some(Decimal::ZERO));
        assert_eq!(parse_json_number("1e400"), None);
        assert_eq!(parse_json_number("1e-400"), None);
        assert_eq!(parse_json_number("-3"), Some(dec("-3")));
    }

    #[test]
    fn units() {
        let cent = Unit::new(dec("0.01")).unwrap();
        assert_eq!(cent, Unit::CENT);
        assert_eq!(cent.units_of(dec("1000000.00")), Some(100_000_000));
        assert_eq!(cent.units_of(dec("0.105")), None);
        assert_eq!(cent.units_of(dec("5")), Some(500));
        assert_eq!(cent.money(851_445).to_string(), "8514.45");
        assert_eq!(cent.money(0).to_string(), "0.00");
        assert_eq!(cent.money(7).to_string(), "0.07");
        let nickel = Unit::new(dec("0.05")).unwrap();
        assert_eq!(nickel.units_of(dec("0.15")), Some(3));
        assert_eq!(nickel.units_of(dec("0.12")), None);
        assert_eq!(nickel.money(3).to_string(), "0.15");
        let hundred = Unit::new(dec("100")).unwrap();
        assert_eq!(hundred.units_of(dec("2500")), Some(25));
        assert_eq!(hundred.money(25).to_string(), "2500");
        assert_eq!(Unit::new(dec("0.10")).unwrap().money(3).to_string(), "0.30");
        assert_eq!(Unit::new(dec("0.1")).unwrap().money(3).to_string(), "0.3");
        for bad in ["0", "-0.01", "0.0000001", "1000001"] {
            assert_eq!(Unit::new(dec(bad)), None, "{bad}");
        }
        let finest = Unit::new(dec("0.000001")).unwrap();
        assert_eq!(finest.units_of(dec("10000000000000")), Some(10u128.pow(19)));
    }
}
