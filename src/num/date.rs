//! Calendar dates as exact day numbers: membership periods are counted in days, so a date is
//! an integer, never a time of day or a float.

/// A calendar date as days since 1970-01-01 (proleptic Gregorian), for exact day counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(i64);

impl Date {
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = i64::from(if m <= 2 { y - 1 } else { y });
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    /// Reads `YYYY-MM-DD` strictly.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let y = i32::try_from(num(0..4)?).ok()?;
        Date::from_ymd(y, num(5..7)?, num(8..10)?)
    }

    pub fn next(self) -> Date {
        Date(self.0 + 1)
    }

    pub fn prev(self) -> Date {
        Date(self.0 - 1)
    }

    pub fn days_until(self, end_inclusive: Date) -> i64 {
        end_inclusive.0 - self.0 + 1
    }

    /// `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        // civil_from_days
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        format!("{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// First and last day of a Wirtschaftsjahr (the calendar year).
pub fn year_bounds(year: i32) -> (Date, Date) {
    let first = Date::from_ymd(year, 1, 1).unwrap_or(Date(0));
    let last = Date::from_ymd(year, 12, 31).unwrap_or(Date(0));
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for s in [
            "2024-02-29",
            "2000-01-01",
            "2100-12-31",
            "1970-01-01",
            "2025-07-01",
        ] {
            assert_eq!(Date::parse(s).unwrap().to_iso(), s);
        }
        for bad in [
            "2025-02-29",
            "2100-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-01",
            "25-01-01",
            "2025/01/01",
            "2025-01-32",
            "+025-01-01",
            "２０２５-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Date::parse("2024-01-01")
                .unwrap()
                .days_until(Date::parse("2024-12-31").unwrap()),
            366
        );
    }
}
