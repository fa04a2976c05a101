//! Membership in the Nachnutzungsallianz: Länder joining or leaving during the Wirtschaftsjahr,
//! as a request writes it (`membership`). The periods it cuts the year into are calculation
//! ([`crate::calc::periods`]).

use crate::contract::land;
use crate::data::laender::LAENDER;
use crate::error::{a, l, Error, ErrorCode, Msg, Result};
use crate::num::date::{year_bounds, Date};
use crate::text::json::Json;
use crate::text::reader::{self, Fields};

/// One Land's membership in the Wirtschaftsjahr, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub land: usize,
    pub from: Date,
    pub to: Date,
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
            Msg::MembershipNotAnObject,
            path,
            &[("year", a(&year)), ("type", l(de, en))],
        ));
    };
    let (first, last) = year_bounds(year);
    let mut out: Vec<Membership> = Vec::new();
    for (name, entry) in fields {
        let p = reader::join(path, name);
        let land = land::land_name(name, &p)?;
        if out.iter().any(|m| m.land == land) {
            return Err(land::duplicate_land(&p, LAENDER[land].code));
        }
        if !alliance.is_some_and(|a| a.contains(&land)) {
            return Err(Error::new(
                Msg::NotAMember,
                &p,
                &[("land", l(LAENDER[land].name_de, LAENDER[land].name_en))],
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
                Error::new(Msg::InvalidDate, &fp, &[("value", a(&reader::truncate(s)))])
            })?;
            if d < first || d > last {
                return Err(Error::new(
                    Msg::DateOutsideYear,
                    &fp,
                    &[("date", a(&s)), ("year", a(&year))],
                ));
            }
            Ok(d)
        };
        let from = date("from", first)?;
        let to = date("to", last)?;
        if from > to {
            return Err(Error::new(
                Msg::MembershipEndsBeforeStart,
                &p,
                &[("land", l(LAENDER[land].name_de, LAENDER[land].name_en))],
            ));
        }
        out.push(Membership { land, from, to });
    }
    Ok(out)
}
