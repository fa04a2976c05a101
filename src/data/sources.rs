//! Provenance: every number the engine uses names where it comes from. The response's `sources`
//! list is built from these.

use serde::Serialize;

/// One cited source (a decision, a law, a dataset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// Stable id, e.g. `ks-2019`, `itplr-2023-35`, `gv100ad-2025-11-30`.
    pub id: String,
    /// Human-readable citation.
    pub title: String,
    /// Licence of data, where it is data (`CC-BY-4.0`, `Destatis: Vervielfältigung ... gestattet`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Reference date of data (ISO `YYYY-MM-DD`), where it is data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<String>,
}

impl Source {
    /// A source by id and citation, without licence or date.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Source {
            id: id.into(),
            title: title.into(),
            licence: None,
            reference_date: None,
        }
    }
}
