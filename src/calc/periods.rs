//! Membership periods: Länder joining or leaving the allianz during the Wirtschaftsjahr.
//!
//! Not published (efa-financing.md): the default is pro rata by days of membership. The year is
//! cut at every `from` and at the day after every `to`; a member belongs to the alliance in a
//! period when its membership covers the whole period.

use crate::contract::periods::Membership;
use crate::num::date::{year_bounds, Date};

/// A stretch of the year in which the alliance does not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    pub days: u64,
    /// Alliance members in this period (ascending AGS); all of them when there is no alliance.
    pub members: Vec<usize>,
}

/// Cuts the year into periods at every `from` and at the day after every `to`.
pub fn periods(year: i32, alliance: Option<&[usize]>, memberships: &[Membership]) -> Vec<Period> {
    let (first, last) = year_bounds(year);
    // Sorted and unique as they go in: a handful of dates, and a sort would bring std's sort
    // code (about 4 KB per element type) into the WASM module.
    let mut cuts = vec![first];
    let mut cut = |d: Date| {
        if let Err(at) = cuts.binary_search(&d) {
            cuts.insert(at, d);
        }
    };
    for m in memberships {
        cut(m.from);
        if m.to < last {
            cut(m.to.next());
        }
    }
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
