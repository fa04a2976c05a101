//! Membership periods: Länder joining or leaving the allianz during the Wirtschaftsjahr.
//!
//! Not published (efa-financing.md): the default is pro rata by days of membership. The year is
//! cut at every `from` and at the day after every `to`; a member belongs to the alliance in a
//! period when its membership covers the whole period.

use crate::error::{Error, ErrorCode, Result};
use crate::json::Json;
use crate::laender::LAENDER;
use crate::reader::{self, Fields};

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

/// One Land's membership in the Wirtschaftsjahr, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub land: usize,
    pub from: Date,
    pub to: Date,
}

/// A stretch of the year in which the alliance does not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    pub days: u64,
    /// Alliance members in this period (ascending AGS); all of them when there is no alliance.
    pub members: Vec<usize>,
}

/// Reads `membership`: `{"HE": {"from": "2025-07-01", "to": "..."}}`; every Land named must be an
/// alliance member.
pub fn parse_membership(
    v: &Json,
    path: &str,
    year: i32,
    alliance: Option<&[usize]>,
) -> Result<Vec<Membership>> {
    let Json::Object(fields) = v else {
        let (de, en) = v.type_name();
        return Err(Error::new(
            ErrorCode::InvalidRequest,
            path,
            format!("membership muss ein Objekt wie {{\"HE\": {{\"from\": \"{year}-07-01\"}}}} sein, nicht {de}"),
            format!("membership must be an object like {{\"HE\": {{\"from\": \"{year}-07-01\"}}}}, not {en}"),
        ));
    };
    let (first, last) = year_bounds(year);
    let mut out: Vec<Membership> = Vec::new();
    for (name, entry) in fields {
        let p = reader::join(path, name);
        let land = reader::land_name(name, &p)?;
        if out.iter().any(|m| m.land == land) {
            return Err(reader::duplicate_land(&p, LAENDER[land].code));
        }
        if !alliance.is_some_and(|a| a.contains(&land)) {
            return Err(Error::new(
                ErrorCode::NotAMember,
                &p,
                format!("{} gehört nicht zur Nachnutzungsallianz; Ein- und Austrittsdaten gibt es nur für Mitglieder", LAENDER[land].name_de),
                format!("{} is not in the alliance; joining and leaving dates exist for members only", LAENDER[land].name_en),
            ));
        }
        let f = Fields::new(
            entry,
            &p,
            &["from", "to"],
            ("Eine Mitgliedschaft", "a membership"),
        )?;
        let date = |field: &str, default: Date| -> Result<Date> {
            let Some(v) = f.get(field) else {
                return Ok(default);
            };
            let fp = f.child(field);
            let s = reader::string(v, &fp, ErrorCode::InvalidDate, ("Ein Datum", "a date"))?;
            let d = Date::parse(s).ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidDate,
                    &fp,
                    format!(
                        "Kein gültiges Datum im Format JJJJ-MM-TT: \"{}\"",
                        reader::truncate(s)
                    ),
                    format!(
                        "not a valid date in the form YYYY-MM-DD: \"{}\"",
                        reader::truncate(s)
                    ),
                )
            })?;
            if d < first || d > last {
                return Err(Error::new(
                    ErrorCode::DateOutsideYear,
                    &fp,
                    format!("Das Datum {s} liegt nicht im Wirtschaftsjahr {year}"),
                    format!("the date {s} is not in the Wirtschaftsjahr {year}"),
                ));
            }
            Ok(d)
        };
        let from = date("from", first)?;
        let to = date("to", last)?;
        if from > to {
            return Err(Error::new(
                ErrorCode::EmptyPeriod,
                &p,
                format!(
                    "Die Mitgliedschaft von {} endet vor ihrem Beginn",
                    LAENDER[land].name_de
                ),
                format!(
                    "the membership of {} ends before it begins",
                    LAENDER[land].name_en
                ),
            ));
        }
        out.push(Membership { land, from, to });
    }
    Ok(out)
}

/// First and last day of a Wirtschaftsjahr (the calendar year).
pub fn year_bounds(year: i32) -> (Date, Date) {
    let first = Date::from_ymd(year, 1, 1).unwrap_or(Date(0));
    let last = Date::from_ymd(year, 12, 31).unwrap_or(Date(0));
    (first, last)
}

/// Cuts the year into periods at every `from` and at the day after every `to`.
pub fn periods(year: i32, alliance: Option<&[usize]>, memberships: &[Membership]) -> Vec<Period> {
    let (first, last) = year_bounds(year);
    let mut cuts = vec![first];
    for m in memberships {
        cuts.push(m.from);
        if m.to < last {
            cuts.push(m.to.next());
        }
    }
    cuts.sort();
    cuts.dedup();
    let ends = cuts
        .iter()
        .skip(1)
        .map(|c| c.prev())
        .chain(std::iter::once(last));
    cuts.iter()
        .zip(ends)
        .map(|(&from, to)| {
            let members = alliance
                .unwrap_or(&[])
                .iter()
                .copied()
                .filter(|l| match memberships.iter().find(|m| m.land == *l) {
                    Some(m) => m.from <= from && to <= m.to,
                    None => true,
                })
                .collect();
            Period {
                from,
                to,
                days: u64::try_from(from.days_until(to)).unwrap_or(0),
                members,
            }
        })
        .collect()
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

    #[test]
    fn mid_year_join_cuts_the_year() {
        let he = Membership {
            land: 5,
            from: Date::parse("2024-07-01").unwrap(),
            to: Date::parse("2024-12-31").unwrap(),
        };
        let p = periods(2024, Some(&[5, 7, 8]), &[he]);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].days, p[1].days), (182, 184));
        assert_eq!(p[0].members, [7, 8]);
        assert_eq!(p[1].members, [5, 7, 8]);
        assert_eq!(p[1].from.to_iso(), "2024-07-01");
    }

    #[test]
    fn leaving_cuts_after_the_last_day() {
        let by = Membership {
            land: 8,
            from: Date::parse("2025-01-01").unwrap(),
            to: Date::parse("2025-03-31").unwrap(),
        };
        let p = periods(2025, Some(&[5, 8]), &[by]);
        assert_eq!(p.iter().map(|p| p.days).collect::<Vec<_>>(), [90, 275]);
        assert_eq!(p[1].members, [5]);
    }
}
