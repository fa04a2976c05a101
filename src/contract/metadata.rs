//! What a user interface needs to know about the engine without hard-coding it: the Länder, the
//! key editions, the models with their sources, the cost categories, the default Kommune data.

use crate::contract::models::{self, MODELS};
use crate::contract::request::CATEGORIES;
use crate::contract::response::{PayersOut, CONTRACT_VERSION};
use crate::data::laender::{self, KS_EDITIONS, LAENDER};
use crate::error::{ErrorCode, Messages};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
/// What a user interface needs to know about the engine: see [`metadata`].
pub struct Metadata {
    /// The engine's version (the crate's, the CLI's and the npm package's).
    pub version: &'static str,
    /// The contract version of a response (`1`).
    pub contract_version: u32,
    /// The 16 Länder in AGS order.
    pub laender: Vec<LandInfo>,
    /// The embedded Königsteiner Schlüssel editions, oldest first.
    pub key_editions: Vec<KeyEdition>,
    /// The keys a request can name.
    pub keys: Vec<Named>,
    /// The named financing models with their tranches and sources.
    pub models: Vec<ModelMeta>,
    /// The cost categories of IT-PLR Beschluss 2021/24.
    pub categories: Vec<Named>,
    /// The built-in Kommune data.
    pub kommunen_default: KommunenDefault,
    /// Where the Länder's population figures come from.
    pub population_source: &'static str,
    /// Every error code the engine gives.
    pub error_codes: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
/// One Land.
pub struct LandInfo {
    /// The code requests and responses use (`BY`).
    pub id: &'static str,
    /// The ISO 3166-2 code (`DE-BY`).
    pub iso: &'static str,
    /// The Amtlicher Gemeindeschlüssel of the Land (`09`).
    pub ags: &'static str,
    /// The name in German and English.
    pub name: Messages,
    /// Inhabitants (see [`Metadata::population_source`]).
    pub population: u64,
}

#[derive(Debug, Serialize)]
/// One Königsteiner Schlüssel edition.
pub struct KeyEdition {
    /// The key id (`ks-2019`).
    pub id: String,
    /// The budget year the edition is for.
    pub year: u16,
    /// Where the numbers come from.
    pub source: &'static str,
}

#[derive(Debug, Serialize)]
/// A key or cost category by id and name.
pub struct Named {
    /// The code requests and responses use (`BY`).
    pub id: &'static str,
    /// The name in German and English.
    pub name: Messages,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The decision or data it rests on, where there is one.
    pub source: Option<&'static str>,
}

#[derive(Debug, Serialize)]
/// A named financing model.
pub struct ModelMeta {
    /// The code requests and responses use (`BY`).
    pub id: &'static str,
    /// The name in German and English.
    pub name: Messages,
    /// Who pays what, in German and English.
    pub description: Messages,
    /// Where the numbers come from.
    pub source: &'static str,
    /// The tranches in order (ties in the tranche split go to the earlier one).
    pub tranches: Vec<TrancheMeta>,
}

#[derive(Debug, Serialize)]
/// One tranche of a named model.
pub struct TrancheMeta {
    /// The share of the cost (`0.25`).
    pub share: String,
    /// Who pays it.
    pub payers: PayersOut,
    /// `null` when the tranche uses the request's key.
    pub key: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
/// The built-in Kommune data (Kreise; Gemeinden from the same edition).
pub struct KommunenDefault {
    /// The level a request gets by default (`kreis`).
    pub level: &'static str,
    /// The Gebietsstand, ISO date.
    pub reference_date: String,
    /// The citation of the data.
    pub source: String,
    /// The Quellenangabe with Destatis' permission.
    pub licence: Option<String>,
    /// Number of Kreise.
    pub count: usize,
    /// Extension: the built-in edition (`gv100ad-2025-11-30`), its population date and number
    /// of Gemeinden (level `gemeinde` works without a file too).
    pub edition: &'static str,
    /// The reference date of the population figures, ISO date.
    pub population_date: &'static str,
    /// Number of Gemeinden in the edition.
    pub gemeinden: usize,
    /// The source line Destatis asks for.
    pub source_line: &'static str,
}

fn msg(de: &str, en: &str) -> Messages {
    Messages {
        de: de.to_string(),
        en: en.to_string(),
    }
}

/// The Länder, key editions, models, categories, error codes and the built-in Kommune data, so
/// that a user interface never hard-codes them.
///
/// ```
/// let m = efa_rechner::metadata();
/// assert_eq!(m.laender.len(), 16);
/// assert_eq!(m.laender[8].id, "BY");
/// let solidarity = m.models.iter().find(|x| x.id == "itplr-2023-35").unwrap();
/// assert_eq!(solidarity.tranches.len(), 3);
/// assert!(m.error_codes.contains(&"unknown_land"));
/// ```
pub fn metadata() -> Metadata {
    Metadata {
        version: env!("CARGO_PKG_VERSION"),
        contract_version: CONTRACT_VERSION,
        laender: LAENDER
            .iter()
            .map(|l| LandInfo {
                id: l.code,
                iso: l.iso,
                ags: l.ags,
                name: msg(l.name_de, l.name_en),
                population: l.population,
            })
            .collect(),
        key_editions: KS_EDITIONS
            .iter()
            .map(|e| KeyEdition {
                id: e.id(),
                year: e.year,
                source: e.source,
            })
            .collect(),
        keys: keys(),
        models: models(),
        categories: CATEGORIES
            .iter()
            .map(|(id, de, en)| Named {
                id,
                name: msg(de, en),
                source: Some("IT-PLR Beschluss 2021/24 (23.06.2021)"),
            })
            .collect(),
        kommunen_default: kommunen_default(),
        population_source: laender::POPULATION_SOURCE,
        error_codes: ErrorCode::ALL.iter().map(|c| c.as_str()).collect(),
    }
}

/// The keys a request can name, with their sources.
fn keys() -> Vec<Named> {
    vec![
        Named {
            id: "ks",
            name: msg(
                "Königsteiner Schlüssel (Ausgabe nach Jahr)",
                "Königsteiner Schlüssel (edition by year)",
            ),
            source: None,
        },
        Named {
            id: "population",
            name: msg("Einwohner", "Inhabitants"),
            source: Some(laender::POPULATION_SOURCE),
        },
        Named {
            id: "equal",
            name: msg("Gleiche Anteile", "Equal shares"),
            source: None,
        },
        Named {
            id: "usage",
            name: msg("Nutzungszahlen", "Usage figures"),
            source: Some("IT-PLR Beschluss 2021/24"),
        },
        Named {
            id: "targetGroup",
            name: msg("Größe der Zielgruppe", "Target group size"),
            source: Some("IT-PLR Beschluss 2021/24"),
        },
        Named {
            id: "weights",
            name: msg("Eigene Gewichte", "Custom weights"),
            source: None,
        },
        Named {
            id: "mix",
            name: msg("Mischschlüssel", "Mixed key"),
            source: Some("IT-PLR Beschluss 2021/24"),
        },
    ]
}

/// The named models with their tranches (for the year 2025: the "by KS" tranches name `ks`).
fn models() -> Vec<ModelMeta> {
    MODELS
        .iter()
        .map(|m| ModelMeta {
            id: m.id,
            name: msg(m.name_de, m.name_en),
            description: msg(m.description_de, m.description_en),
            source: m.source,
            tranches: models::named(m.id, 2025)
                .map(|model| {
                    model
                        .tranches
                        .iter()
                        .map(|t| TrancheMeta {
                            share: crate::num::money::display(t.share),
                            payers: t.payers.describe(),
                            key: match &t.key {
                                models::TrancheKey::Inherit => None,
                                models::TrancheKey::Fixed(_) => Some("ks".to_string()),
                            },
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// The built-in Kommune data: the Kreis table and the edition it comes from.
fn kommunen_default() -> KommunenDefault {
    let kreise = crate::data::builtin::kreise();
    KommunenDefault {
        level: "kreis",
        reference_date: kreise.gebietsstand.clone(),
        source: kreise.source.title.clone(),
        licence: kreise.source.licence.clone(),
        count: kreise.kreise.len(),
        edition: crate::data::edition::ID,
        population_date: crate::data::edition::POPULATION_DATE,
        gemeinden: crate::data::edition::GEMEINDEN_ROWS.parse().unwrap_or(0),
        source_line: crate::data::edition::SOURCE_LINE,
    }
}
