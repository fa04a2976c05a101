//! Membership in the Nachnutzungsallianz: Länder joining or leaving during the Wirtschaftsjahr,
//! as a request writes it (`membership`). The periods it cuts the year into are calculation
//! ([`crate::calc::periods`]).

use crate::contract::land;
use crate::data::laender::LAENDER;
use crate::error::{Error, ErrorCode, Result};
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
        let land = land::land_name(name, &p)?;
        if out.iter().any(|m| m.land == land) {
            return Err(land::duplicate_land(&p, LAENDER[land].code));
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
