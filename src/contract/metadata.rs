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
pub struct Metadata {
    pub version: &'static str,
    pub contract_version: u32,
    pub laender: Vec<LandInfo>,
    pub key_editions: Vec<KeyEdition>,
    pub keys: Vec<Named>,
    pub models: Vec<ModelMeta>,
    pub categories: Vec<Named>,
    pub kommunen_default: KommunenDefault,
    pub population_source: &'static str,
    pub error_codes: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct LandInfo {
    pub id: &'static str,
    pub iso: &'static str,
    pub ags: &'static str,
    pub name: Messages,
    pub population: u64,
}

#[derive(Debug, Serialize)]
pub struct KeyEdition {
    pub id: String,
    pub year: u16,
    pub source: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: &'static str,
    pub name: Messages,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ModelMeta {
    pub id: &'static str,
    pub name: Messages,
    pub description: Messages,
    pub source: &'static str,
    pub tranches: Vec<TrancheMeta>,
}

#[derive(Debug, Serialize)]
pub struct TrancheMeta {
    pub share: String,
    pub payers: PayersOut,
    /// `null` when the tranche uses the request's key.
    pub key: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KommunenDefault {
    pub level: &'static str,
    pub reference_date: String,
    pub source: String,
    pub licence: Option<String>,
    /// Number of Kreise.
    pub count: usize,
    /// Extension: the built-in edition (`gv100ad-2025-11-30`), its population date and number
    /// of Gemeinden (level `gemeinde` works without a file too).
    pub edition: &'static str,
    pub population_date: &'static str,
    pub gemeinden: usize,
    pub source_line: &'static str,
}

fn msg(de: &str, en: &str) -> Messages {
    Messages {
        de: de.to_string(),
        en: en.to_string(),
    }
}

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
