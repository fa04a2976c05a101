//! The generator proper: the two tables from a GV100AD file, read with the engine's own reader.
//! The table format is defined in `src/data/table.rs` (shared with build.rs and the engine, and
//! included here for its checker); writing it lives here, since only `make data` writes tables.
//! `tests/builtin_data.rs` includes this file to check that the committed tables are what it
//! makes from the file.

#[allow(dead_code)]
mod table {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/table.rs"));
}

use efa_rechner::gv100ad;
use efa_rechner::Kommune;
use table::{fnv1a64, TableRow};

/// Populations dates of the GV100AD editions this generator knows: the file itself does not say
/// which day its population figures describe. Another edition needs `--population-date`.
const KNOWN_POPULATION_DATES: [(&str, &str); 1] = [("2025-11-30", "2024-12-31")];

/// `2025-11-30` → `30.11.2025`.
fn german_date(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// The Quellenangabe of an edition, in Destatis' wording (the engine reads it back from the
/// table's `source` header).
fn source_line(gebietsstand: &str, population_date: &str) -> String {
    format!(
        "© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, \
         Gebietsstand {}, Bevölkerung {}. Vervielfältigung und Verbreitung, auch auszugsweise, mit \
         Quellenangabe gestattet.",
        german_date(gebietsstand),
        german_date(population_date)
    )
}

/// Writes a table: `comments` (free text lines), then `meta` (key, value), then the computed
/// `rows`, `population` and `checksum`, then the data. Rows must be sorted by AGS.
fn render(table: &str, comments: &[&str], meta: &[(&str, String)], rows: &[TableRow]) -> String {
    let mut data = String::with_capacity(rows.len() * 32);
    let mut kreis = "";
    for row in rows {
        if table == "gemeinden" {
            let (prefix, rest) = row.ags.split_at(row.ags.len().min(5));
            if prefix != kreis {
                data.push_str(prefix);
                data.push('\n');
                kreis = prefix;
            }
            data.push_str(rest);
        } else {
            data.push_str(&row.ags);
        }
        data.push('\t');
        data.push_str(&row.name);
        data.push('\t');
        data.push_str(&row.population.to_string());
        data.push('\n');
    }
    let population: u64 = rows.iter().map(|r| r.population).sum();
    let mut out = String::with_capacity(data.len() + 2048);
    for c in comments {
        out.push_str("# ");
        out.push_str(c);
        out.push('\n');
    }
    out.push_str(&format!("# table: {table}\n"));
    for (k, v) in meta {
        out.push_str(&format!("# {k}: {v}\n"));
    }
    out.push_str(&format!("# rows: {}\n", rows.len()));
    out.push_str(&format!("# population: {population}\n"));
    out.push_str(&format!(
        "# checksum: fnv1a64:{:016x}\n",
        fnv1a64(data.as_bytes())
    ));
    out.push_str(&data);
    out
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
            ("licence", data.source.licence.clone().unwrap_or_default()),
            (
                "input",
                format!(
                    "GV100AD, {} bytes, fnv1a64:{:016x}",
                    gv100ad_bytes.len(),
                    fnv1a64(gv100ad_bytes)
                ),
            ),
        ];
        m.extend(extra);
        m
    };
    const DO_NOT_EDIT: &str =
        "Generated by `make data` (examples/gen-data.rs) from the Destatis GV100AD file; do not edit.";
    let gemeinden_text = render(
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
    let gemeinden_table = table::parse(&gemeinden_text)?;
    let mut per_land: Vec<String> = Vec::new();
    for land in 1..=16 {
        let prefix = format!("{land:02}");
        let n = gemeinden
            .iter()
            .filter(|g| g.ags.starts_with(&prefix))
            .count();
        per_land.push(format!("{prefix}={n}"));
    }
    let kreise_text = render(
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
    table::parse(&kreise_text)?;
    Ok(Tables {
        kreise: kreise_text,
        gemeinden: gemeinden_text,
    })
}
