//! Financing models: a model is a list of tranches; each tranche is a share of the cost, a group
//! of payers and a key. The three named models are defined here, each with its source.

use crate::contract::keys::{self, Key};
use crate::contract::land;
use crate::data::laender::LAENDER;
use crate::error::{a, l, Error, ErrorCode, Msg, Result};
use crate::num::money;
use crate::text::json::Json;
use crate::text::reader::{self, Fields};
use rust_decimal::Decimal;

/// Who pays one tranche.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payers {
    /// The Nachnutzungsallianz (per period, as memberships change).
    Alliance,
    /// All 16 Länder.
    All,
    /// The Bund alone.
    Bund,
    /// The listed Länder (indices into `LAENDER`, ascending).
    Laender(Vec<usize>),
}

impl Payers {
    /// As the request writes it: `"alliance"`, `"all"`, `"bund"` or a list of Land codes.
    pub fn describe(&self) -> crate::contract::response::PayersOut {
        use crate::contract::response::PayersOut;
        match self {
            Payers::Alliance => PayersOut::Named("alliance"),
            Payers::All => PayersOut::Named("all"),
            Payers::Bund => PayersOut::Named("bund"),
            Payers::Laender(l) => PayersOut::List(l.iter().map(|&i| LAENDER[i].code).collect()),
        }
    }
}

/// The key a tranche uses.
#[derive(Debug, Clone, PartialEq)]
pub enum TrancheKey {
    /// The request's (or cost item's) key.
    Inherit,
    /// A fixed key: the Königsteiner Schlüssel of the year for the 2023/35 and FITKO tranches
    /// "by KS", or a custom tranche's own key.
    Fixed(Box<Key>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tranche {
    pub share: Decimal,
    pub payers: Payers,
    pub key: TrancheKey,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// `alliance`, `itplr-2023-35`, `fitko` or `custom`.
    pub id: &'static str,
    pub tranches: Vec<Tranche>,
}

/// A named model as documentation and user interfaces present it.
pub struct ModelInfo {
    pub id: &'static str,
    pub name_de: &'static str,
    pub name_en: &'static str,
    pub description_de: &'static str,
    pub description_en: &'static str,
    pub source: &'static str,
}

/// The named models. Tranche order matters: ties in the tranche split go to the earlier one.
pub const MODELS: [ModelInfo; 3] = [
    ModelInfo {
        id: "alliance",
        name_de: "Allianz",
        name_en: "Alliance",
        description_de: "Die Länder der Nachnutzungsallianz tragen 100 % nach dem gewählten Schlüssel.",
        description_en: "The Länder of the Nachnutzungsallianz pay 100 % by the chosen key.",
        source: "Klassische EfA-Nachnutzung; Schlüssel nach IT-PLR Beschluss 2021/24 (23.06.2021)",
    },
    ModelInfo {
        id: "itplr-2023-35",
        name_de: "IT-PLR 2023/35 (solidarisch)",
        name_en: "IT-PLR 2023/35 (solidarity)",
        description_de: "50 % die Allianz nach Schlüssel, 25 % der Bund, 25 % alle 16 Länder nach Königsteiner Schlüssel.",
        description_en: "50 % the alliance by key, 25 % the Bund, 25 % all 16 Länder by Königsteiner Schlüssel.",
        source: "IT-Planungsrat, Umlaufbeschluss 2023/35 (10.10.2023), ab Wirtschaftsjahr 2024",
    },
    ModelInfo {
        id: "fitko",
        name_de: "FITKO-Haushalt",
        name_en: "FITKO budget",
        description_de: "25 % der Bund, 75 % alle 16 Länder nach Königsteiner Schlüssel.",
        description_en: "25 % the Bund, 75 % all 16 Länder by Königsteiner Schlüssel.",
        source: "IT-Staatsvertrag § 9 (4): Bund 25 %, Länder nach Königsteiner Schlüssel",
    },
];

/// How the alliance's own share is split when the source does not say: a documented default.
pub const ALLIANCE_SPLIT_DEFAULT: &str = "Nicht veröffentlicht: Voreinstellung Königsteiner Schlüssel der Allianzmitglieder \
     „nach deren Verhältnis zueinander“ (Wortlaut LastG § 3); andere Schlüssel nach IT-PLR 2021/24 wählbar";

pub fn info(id: &str) -> Option<&'static ModelInfo> {
    MODELS.iter().find(|m| m.id == id)
}

fn dec(s: &str) -> Decimal {
    money::parse_plain(s).unwrap_or_default()
}

/// Builds a named model for a Wirtschaftsjahr (the "by KS" tranches use that year's edition).
pub fn named(id: &str, year: i32) -> Option<Model> {
    let ks = || TrancheKey::Fixed(Box::new(Key::ks_by_year(year, "model")));
    let t = |share: &str, payers: Payers, key: TrancheKey| Tranche {
        share: dec(share),
        payers,
        key,
    };
    let (id, tranches) = match id {
        // Classic EfA reuse: the alliance pays everything.
        "alliance" => (
            "alliance",
            vec![t("1", Payers::Alliance, TrancheKey::Inherit)],
        ),
        // IT-PLR Umlaufbeschluss 2023/35: 50 % alliance, 25 % Bund, 25 % all Länder by KS.
        "itplr-2023-35" => (
            "itplr-2023-35",
            vec![
                t("0.5", Payers::Alliance, TrancheKey::Inherit),
                t("0.25", Payers::Bund, TrancheKey::Inherit),
                t("0.25", Payers::All, ks()),
            ],
        ),
        // IT-Staatsvertrag § 9 (4): Bund 25 %, the Länder 75 % by KS.
        "fitko" => (
            "fitko",
            vec![
                t("0.25", Payers::Bund, TrancheKey::Inherit),
                t("0.75", Payers::All, ks()),
            ],
        ),
        _ => return None,
    };
    Some(Model { id, tranches })
}

/// Most tranches a custom model may have.
const MAX_TRANCHES: usize = 32;

/// Reads a model: a named one or `{"tranches": [...]}`.
pub fn parse(v: &Json, path: &str, year: i32) -> Result<Model> {
    match v {
        Json::String(s) => named(s, year).ok_or_else(|| {
            let shown = reader::truncate(s);
            Error::new(Msg::UnknownModel, path, &[("name", a(&shown))])
        }),
        Json::Object(_) => parse_custom(v, path, year),
        other => {
            let (de, en) = other.type_name();
            Err(Error::new(
                Msg::ModelWrongType,
                path,
                &[("type", l(de, en))],
            ))
        }
    }
}

fn parse_custom(v: &Json, path: &str, year: i32) -> Result<Model> {
    let f = Fields::new(
        v,
        path,
        &["tranches"],
        ("Ein eigenes Modell", "a custom model"),
    )?;
    let tpath = f.child("tranches");
    let items = reader::list(
        f.require("tranches")?,
        &tpath,
        ErrorCode::InvalidRequest,
        MAX_TRANCHES,
        ("tranches", "tranches"),
    )?;
    if items.is_empty() {
        return Err(Error::new(Msg::ModelWithoutTranche, &tpath, &[]));
    }
    let mut tranches = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = reader::index(&tpath, i);
        let tf = Fields::new(
            item,
            &p,
            &["share", "payers", "key"],
            ("Eine Tranche", "a tranche"),
        )?;
        let share = reader::ratio(tf.require("share")?, &tf.child("share"))?;
        let payers = parse_payers(tf.require("payers")?, &tf.child("payers"))?;
        let key = match tf.get("key") {
            Some(k) => TrancheKey::Fixed(Box::new(keys::parse(k, &tf.child("key"), year)?)),
            None => TrancheKey::Inherit,
        };
        tranches.push(Tranche { share, payers, key });
    }
    if let Some(sum) = money::shares_sum(tranches.iter().map(|t| t.share)) {
        return Err(Error::new(
            Msg::TrancheSharesSum,
            &tpath,
            &[("sum", a(&sum))],
        ));
    }
    Ok(Model {
        id: "custom",
        tranches,
    })
}

fn parse_payers(v: &Json, path: &str) -> Result<Payers> {
    let invalid = || Error::new(Msg::InvalidPayers, path, &[]);
    match v {
        Json::String(s) => match s.as_str() {
            "alliance" => Ok(Payers::Alliance),
            "all" => Ok(Payers::All),
            "bund" => Ok(Payers::Bund),
            _ => Err(invalid()),
        },
        Json::Array(items) => {
            if items.is_empty() || items.len() > 64 {
                return Err(invalid());
            }
            let mut seen = [false; 16];
            for (i, item) in items.iter().enumerate() {
                let p = reader::index(path, i);
                let l = land::land(item, &p)?;
                if seen[l] {
                    return Err(land::duplicate_land(&p, LAENDER[l].code));
                }
                seen[l] = true;
            }
            Ok(Payers::Laender((0..16).filter(|&l| seen[l]).collect()))
        }
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::json;

    fn model(s: &str) -> Result<Model> {
        parse(&json::parse(s).unwrap(), "model", 2025)
    }

    #[test]
    fn named_models_sum_to_one() {
        for m in &MODELS {
            let model = named(m.id, 2025).unwrap();
            assert_eq!(
                model.tranches.iter().map(|t| t.share).sum::<Decimal>(),
                Decimal::ONE
            );
        }
    }

    #[test]
    fn itplr_2023_35_is_half_alliance_quarter_bund_quarter_all_by_ks() {
        let m = named("itplr-2023-35", 2025).unwrap();
        assert_eq!(m.tranches[0].payers, Payers::Alliance);
        assert_eq!(m.tranches[1].payers, Payers::Bund);
        assert_eq!(m.tranches[2].payers, Payers::All);
        assert!(matches!(&m.tranches[2].key, TrancheKey::Fixed(k) if k.id() == "ks-2019"));
    }

    #[test]
    fn custom_errors() {
        let e = model(r#"{"tranches": [{"share": "0.6", "payers": "alliance"}]}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::SharesDoNotSumToOne, "model.tranches")
        );
        let e = model(r#"{"tranches": [{"share": "1", "payers": "länder"}]}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidPayers, "model.tranches[0].payers")
        );
        let e = model(r#"{"tranches": [{"share": "1", "payers": ["BY", "by"]}]}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::DuplicateLand, "model.tranches[0].payers[1]")
        );
        let e =
            model(r#"{"tranches": [{"share": "1", "payers": "all", "keys": "ks"}]}"#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::UnknownField, "model.tranches[0].keys")
        );
        let e = model(r#""itplr""#).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::UnknownModel, "model")
        );
    }
}
