//! The built-in Destatis edition: which Gemeindeverzeichnis the embedded Kreis table
//! (`crate::kreise_default`) and the Gemeinde table (`crate::gemeinden_default`) come from, its
//! source line, and the generator that makes both tables from a GV100AD file (`make data`).
//!
//! `build.rs` checks the committed tables (`src/data/*.tsv`) and passes their header values in as
//! `EFA_EDITION_*` variables, so the edition is stated in one place: the tables themselves.

use crate::data_table::{self, TableRow};
use crate::gv100ad;
use crate::kommunen_data::Kommune;
use crate::sources::Source;

/// Edition id, e.g. `gv100ad-2025-11-30`.
pub const ID: &str = env!("EFA_EDITION_ID");
/// Gebietsstand (territorial status) of the edition, ISO date.
pub const GEBIETSSTAND: &str = env!("EFA_EDITION_GEBIETSSTAND");
/// Reference date of the population figures, ISO date.
pub const POPULATION_DATE: &str = env!("EFA_EDITION_POPULATION_DATE");
/// The source line Destatis asks for ("Quellenangabe").
pub const SOURCE_LINE: &str = env!("EFA_EDITION_SOURCE");
/// Licence statement of the data.
pub const LICENCE: &str = env!("EFA_EDITION_LICENCE");
/// Number of Gemeinden in the Gemeinde table, and its checksum (FNV-1a 64 of its data lines):
/// the WASM door checks a fetched Gemeinde table against them.
pub const GEMEINDEN_ROWS: &str = env!("EFA_EDITION_GEMEINDEN_ROWS");
pub const GEMEINDEN_CHECKSUM: &str = env!("EFA_EDITION_GEMEINDEN_CHECKSUM");
/// `01=1106 02=1 …`: Gemeinden per Land in the edition.
const GEMEINDEN_PER_LAND: &str = env!("EFA_EDITION_GEMEINDEN_PER_LAND");

/// Populations dates of the GV100AD editions this generator knows: the file itself does not say
/// which day its population figures describe. Another edition needs `--population-date`.
const KNOWN_POPULATION_DATES: [(&str, &str); 1] = [("2025-11-30", "2024-12-31")];

/// `2025-11-30` → `30.11.2025`.
pub fn german_date(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// The Quellenangabe of an edition, in Destatis' wording.
pub fn source_line(gebietsstand: &str, population_date: &str) -> String {
    format!(
        "© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, \
         Gebietsstand {}, Bevölkerung {}. Vervielfältigung und Verbreitung, auch auszugsweise, mit \
         Quellenangabe gestattet.",
        german_date(gebietsstand),
        german_date(population_date)
    )
}

/// The citation of the built-in edition, as the response's `sources` carry it: `licence` is the
/// whole Quellenangabe with Destatis' permission, ready to show beside a result.
pub fn source() -> Source {
    Source {
        id: format!("{ID}-builtin"),
        title: format!(
            "Destatis, Gemeindeverzeichnis GV100AD, Gebietsstand {}, Bevölkerung {} (in \
             efa-rechner eingebaut)",
            german_date(GEBIETSSTAND),
            german_date(POPULATION_DATE)
        ),
        licence: Some(SOURCE_LINE.to_string()),
        reference_date: Some(GEBIETSSTAND.to_string()),
    }
}

/// Number of Gemeinden (incl. gemeindefreie Gebiete) of a Land (2-digit AGS) in the edition.
pub fn gemeinden_of_land(land_ags: &str) -> usize {
    GEMEINDEN_PER_LAND
        .split(' ')
        .filter_map(|entry| entry.split_once('='))
        .find(|(land, _)| *land == land_ags)
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(0)
}

/// Population of a Land (2-digit AGS) in the edition: the sum of its Kreise.
pub fn population_of_land(land_ags: &str) -> u64 {
    crate::kreise_default::dataset()
        .kreise_of(land_ags)
        .iter()
        .map(|k| k.population)
        .sum()
}

/// The two tables `make data` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    pub kreise: String,
    pub gemeinden: String,
}

fn rows(kommunen: &[Kommune]) -> Vec<TableRow> {
    kommunen
        .iter()
        .map(|k| TableRow {
            ags: k.ags.clone(),
            name: k.name.clone(),
            population: k.population,
        })
        .collect()
}

/// Makes both tables from a GV100AD file; the same bytes always give the same tables.
/// `population_date` is needed only for an edition not in `KNOWN_POPULATION_DATES`.
pub fn generate(gv100ad_bytes: &[u8], population_date: Option<&str>) -> Result<Tables, String> {
    let data =
        gv100ad::parse(gv100ad_bytes).map_err(|e| format!("{}: {}", e.path, e.message.en))?;
    let gemeinden = data.gemeinden.as_deref().unwrap_or_default();
    let known = KNOWN_POPULATION_DATES
        .iter()
        .find(|(stand, _)| *stand == data.gebietsstand)
        .map(|(_, date)| *date);
    let population_date = population_date.or(known).ok_or_else(|| {
        format!(
            "the file's Gebietsstand is {}; which day its population figures describe is not \
             known here: give it with --population-date YYYY-MM-DD",
            data.gebietsstand
        )
    })?;
    let meta = |extra: Vec<(&'static str, String)>| -> Vec<(&'static str, String)> {
        let mut m = vec![
            ("edition", format!("gv100ad-{}", data.gebietsstand)),
            ("gebietsstand", data.gebietsstand.clone()),
            ("population-date", population_date.to_string()),
            ("source", source_line(&data.gebietsstand, population_date)),
            ("licence", gv100ad::LICENCE.to_string()),
            (
                "input",
                format!(
                    "GV100AD, {} bytes, fnv1a64:{:016x}",
                    gv100ad_bytes.len(),
                    data_table::fnv1a64(gv100ad_bytes)
                ),
            ),
        ];
        m.extend(extra);
        m
    };
    const DO_NOT_EDIT: &str =
        "Generated by `make data` (examples/gen-data.rs) from the Destatis GV100AD file; do not edit.";
    let gemeinden_text = data_table::render(
        "gemeinden",
        &[
            "efa-rechner's built-in Gemeinde table: every Gemeinde (GV100AD Satzart 60, incl. \
             gemeindefreie Gebiete) with population.",
            DO_NOT_EDIT,
            "Data lines: a Kreis AGS (5 digits) alone, then its Gemeinden as \
             LAST-3-AGS-DIGITS<TAB>name<TAB>population.",
        ],
        &meta(vec![]),
        &rows(gemeinden),
    );
    let gemeinden_table = data_table::parse(&gemeinden_text)?;
    let mut per_land: Vec<String> = Vec::new();
    for land in 1..=16 {
        let prefix = format!("{land:02}");
        let n = gemeinden
            .iter()
            .filter(|g| g.ags.starts_with(&prefix))
            .count();
        per_land.push(format!("{prefix}={n}"));
    }
    let kreise_text = data_table::render(
        "kreise",
        &[
            "efa-rechner's built-in Kreis table: Kreise and kreisfreie Städte (GV100AD Satzart 40) \
             with population, the sum of their Gemeinden.",
            DO_NOT_EDIT,
            "Data lines: AGS<TAB>name<TAB>population.",
        ],
        &meta(vec![
            ("gemeinden-per-land", per_land.join(" ")),
            (
                "gemeinden-rows",
                gemeinden_table.meta("rows").unwrap_or_default().to_string(),
            ),
            (
                "gemeinden-checksum",
                gemeinden_table
                    .meta("checksum")
                    .unwrap_or_default()
                    .to_string(),
            ),
        ]),
        &rows(&data.kreise),
    );
    data_table::parse(&kreise_text)?;
    Ok(Tables {
        kreise: kreise_text,
        gemeinden: gemeinden_text,
    })
}
