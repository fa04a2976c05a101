//! Exact decimals: reading amounts, shares and weights from request text, and writing amounts in
//! whole rounding units. No value ever passes through a binary float.

use rust_decimal::Decimal;

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

    /// Writes `n` units as a decimal string with exactly the unit's decimals (one allocation:
    /// it runs once per Kommune row).
    pub fn format(&self, n: u128) -> String {
        let v = n * u128::from(self.int);
        if self.scale == 0 {
            return v.to_string();
        }
        let p = 10u128.pow(self.scale);
        let width = self.scale as usize;
        format!("{}.{:0width$}", v / p, v % p)
    }

    /// Integer numerator of the unit over `10^decimals`, for exact values.
    pub fn numerator(&self) -> u64 {
        self.int
    }
}

/// Writes `v / 10^scale` with exactly `scale` decimals.
pub fn format_scaled(v: u128, scale: u32) -> String {
    with_point(&v.to_string(), scale)
}

/// Puts a decimal point `scale` digits from the right of a non-negative integer's digits,
/// padding with zeros: `("5", 2)` → `"0.05"`, `("123", 0)` → `"123"`.
pub fn with_point(digits: &str, scale: u32) -> String {
    let scale = scale as usize;
    if scale == 0 {
        return digits.to_string();
    }
    let padded = if digits.len() <= scale {
        format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
    } else {
        digits.to_string()
    };
    let (i, f) = padded.split_at(padded.len() - scale);
    format!("{i}.{f}")
}

/// A decimal written without trailing zeros (`"7.43709"`, `"0.5"`, `"3"`), for weights and shares.
pub fn display(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
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
        assert_eq!(cent.format(851_445), "8514.45");
        assert_eq!(cent.format(0), "0.00");
        assert_eq!(cent.format(7), "0.07");
        let nickel = Unit::new(dec("0.05")).unwrap();
        assert_eq!(nickel.units_of(dec("0.15")), Some(3));
        assert_eq!(nickel.units_of(dec("0.12")), None);
        assert_eq!(nickel.format(3), "0.15");
        let hundred = Unit::new(dec("100")).unwrap();
        assert_eq!(hundred.units_of(dec("2500")), Some(25));
        assert_eq!(hundred.format(25), "2500");
        assert_eq!(Unit::new(dec("0.10")).unwrap().format(3), "0.30");
        assert_eq!(Unit::new(dec("0.1")).unwrap().format(3), "0.3");
        for bad in ["0", "-0.01", "0.0000001", "1000001"] {
            assert_eq!(Unit::new(dec(bad)), None, "{bad}");
        }
        let finest = Unit::new(dec("0.000001")).unwrap();
        assert_eq!(finest.units_of(dec("10000000000000")), Some(10u128.pow(19)));
    }
}
