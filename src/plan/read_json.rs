//! A plan (contract version 1.1): its types, and reading it from a JSON value. Each entry is a
//! version-1 request, read by [`crate::contract::request`] exactly as it would be alone.

use crate::contract::models::MODELS;
use crate::contract::request::{self, Request};
use crate::error::{a, l, Error, ErrorCode, Msg, Result};
use crate::num::money;
use crate::plan::place::Place;
use crate::plan::response::PlanWarning;
use crate::text::json::{self, Json};
use crate::text::reader::{self, Fields};
use rust_decimal::Decimal;

/// Most entries in one plan (contract).
pub const MAX_ENTRIES: usize = 500;
/// Longest service name, in characters (contract).
pub const MAX_SERVICE_CHARS: usize = 64;
/// Longest title, in characters (contract).
pub const MAX_TITLE_CHARS: usize = 120;
/// Largest plan text (JSON or CSV) the engine reads: the request limit, since 500 typical entries
/// take about 100 KB.
pub const MAX_PLAN_BYTES: usize = json::MAX_BYTES;
/// Most parts (item × period × tranche × payer) all entries and their comparisons may produce
/// together: 500 entries under `itplr-2023-35` with all 16 Länder and a comparison make 33,000.
pub const MAX_PLAN_PARTS: usize = 200_000;
/// The budget line of each line per year (IT-PLR Beschluss 2023/43), as the contract's default.
pub const DEFAULT_CEILING: &str = "15000000.00";
/// The model whose entries count against the budget lines.
pub const CEILING_MODEL: &str = "itplr-2023-35";

/// The two budget lines of IT-PLR Beschluss 2023/43.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Line {
    /// Fokusleistungen.
    Fokus,
    /// Leistungen im föderalen Interesse.
    Foederal,
}

impl Line {
    pub const ALL: [Line; 2] = [Line::Fokus, Line::Foederal];

    pub fn id(self) -> &'static str {
        match self {
            Line::Fokus => "fokus",
            Line::Foederal => "foederal",
        }
    }

    pub fn from_id(s: &str) -> Option<Line> {
        Line::ALL.into_iter().find(|l| l.id() == s)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// What the caller (command line, JavaScript) sets besides the plan text; a CSV plan has no
/// other place for them. For a JSON plan they replace the plan's own `title` and `compare`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// A named model every entry is computed again with (`alliance`, `itplr-2023-35`, `fitko`).
    pub compare: Option<String>,
    /// The plan's title (1 to 120 characters).
    pub title: Option<String>,
}

/// Where a plan came from. Errors in an entry always carry the entry's path
/// (`plan.entries[3].costs`, as the contract says); for a CSV plan the message also names the
/// line and column, so that the cell can be found in the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Json,
    /// Each request field with the (1-based) column it came from, and each entry's line.
    Csv {
        columns: Vec<(&'static str, usize)>,
        lines: Vec<usize>,
    },
    /// The same for a workbook's sheet (contract 1.2): columns and rows of the sheet `name`.
    Sheet {
        name: String,
        columns: Vec<(&'static str, usize)>,
        lines: Vec<usize>,
    },
}

/// A checked plan.
#[derive(Debug, Clone)]
pub struct Plan {
    pub(crate) title: Option<String>,
    /// A named model every entry is computed again with.
    pub(crate) compare: Option<&'static str>,
    /// Ceilings of the lines `fokus` and `foederal`, in this order.
    pub(crate) ceilings: [Decimal; 2],
    pub(crate) entries: Vec<Entry>,
    pub(crate) origin: Origin,
    /// Warnings about the file itself (`csv_windows_1252`), listed first in the response.
    pub(crate) warnings: Vec<PlanWarning>,
}

/// One plan entry: a version-1 request with a service and a budget line.
#[derive(Debug, Clone)]
pub struct Entry {
    pub service: String,
    pub line: Option<Line>,
    pub request: Request,
    /// The request as read (the entry without `service` and `line`), echoed in the response.
    pub source: Json,
    /// The index in `plan.entries` (for a CSV plan: among the data lines).
    pub at: usize,
}

/// The fields of an entry: a version-1 request without `kommunen`, plus `service` and `line`.
pub const ENTRY_FIELDS: [&str; 9] = [
    "service",
    "line",
    "year",
    "costs",
    "alliance",
    "model",
    "key",
    "membership",
    "rounding",
];

/// Fails with `limit_exceeded` for a plan text of more than [`MAX_PLAN_BYTES`].
pub fn check_size(len: usize) -> Result<()> {
    crate::text::check_len(len, MAX_PLAN_BYTES, Msg::PlanTooLarge)
}

/// Reads caller options (`{compare, title}` from JavaScript); `null` means none.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the WASM door's
pub fn parse_options(v: &Json) -> Result<PlanOptions> {
    if *v == Json::Null {
        return Ok(PlanOptions::default());
    }
    let f = Fields::new(
        v,
        "options",
        &["compare", "title"],
        ("Die Optionen", "the options"),
    )?;
    let text = |name: &str, code: ErrorCode| -> Result<Option<String>> {
        match f.get(name) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.clone())),
            Some(other) => {
                let (de, en) = other.type_name();
                Err(Error::coded(
                    code,
                    Msg::OptionNotAString,
                    name,
                    &[("name", a(&name)), ("type", l(de, en))],
                ))
            }
        }
    };
    Ok(PlanOptions {
        compare: text("compare", ErrorCode::UnknownModel)?,
        title: text("title", ErrorCode::InvalidPlan)?,
    })
}

/// Reads and checks a JSON plan `{"plan": {...}}`; `options` replace its title and comparison.
pub fn parse(v: &Json, options: &PlanOptions) -> Result<Plan> {
    if !matches!(v, Json::Object(_)) {
        let (de, en) = v.type_name();
        return Err(Error::new(Msg::PlanNotAnObject, "", &[("type", l(de, en))]));
    }
    let f = Fields::new(v, "", &["plan"], ("Der Plan", "the plan"))?;
    let plan = f
        .get("plan")
        .ok_or_else(|| Error::new(Msg::PlanFieldMissing, "plan", &[]))?;
    if !matches!(plan, Json::Object(_)) {
        let (de, en) = plan.type_name();
        return Err(Error::new(
            Msg::PlanFieldNotAnObject,
            "plan",
            &[("type", l(de, en))],
        ));
    }
    let p = Fields::new(
        plan,
        "plan",
        &["title", "compare", "ceilings", "entries"],
        ("plan", "plan"),
    )?;
    let title = match (&options.title, p.get("title")) {
        (Some(t), _) => Some(check_title(t, "title")?),
        (None, Some(t)) => Some(check_title(
            reader::string(
                t,
                "plan.title",
                ErrorCode::InvalidPlan,
                ("Der Titel", "the title"),
            )?,
            "plan.title",
        )?),
        (None, None) => None,
    };
    let compare = match (&options.compare, p.get("compare")) {
        (Some(c), _) => Some(check_compare(c, "compare")?),
        (None, Some(Json::String(c))) => Some(check_compare(c, "plan.compare")?),
        (None, Some(other)) => {
            let (de, en) = other.type_name();
            return Err(Error::new(
                Msg::CompareWrongType,
                "plan.compare",
                &[("type", l(de, en))],
            ));
        }
        (None, None) => None,
    };
    let ceilings = match p.get("ceilings") {
        Some(c) => parse_ceilings(c)?,
        None => default_ceilings(),
    };
    let entries = match p.get("entries") {
        None => return Err(Error::new(Msg::EntriesMissing, "plan.entries", &[])),
        Some(Json::Array(list)) => list,
        Some(other) => {
            let (de, en) = other.type_name();
            return Err(Error::new(
                Msg::EntriesNotAList,
                "plan.entries",
                &[("type", l(de, en))],
            ));
        }
    };
    check_entry_count(entries.len(), "plan.entries")?;
    build(entries.iter(), Origin::Json, title, compare, ceilings)
}

/// Fails with `invalid_plan` for no entries or more than [`MAX_ENTRIES`].
pub fn check_entry_count(n: usize, path: &str) -> Result<()> {
    if n == 0 {
        return Err(Error::new(Msg::NoEntries, path, &[]));
    }
    if n > MAX_ENTRIES {
        return Err(Error::new(
            Msg::TooManyEntries,
            path,
            &[("count", a(&n)), ("max", a(&MAX_ENTRIES))],
        ));
    }
    Ok(())
}

/// The default ceilings: 15,000,000.00 for each line.
pub fn default_ceilings() -> [Decimal; 2] {
    let d = money::parse_plain(DEFAULT_CEILING).unwrap_or_default();
    [d, d]
}

/// Builds a plan from its entries (in order). First every entry's plan fields (`service`,
/// `line`, unknown fields), then every entry's version-1 request.
pub fn build<'a>(
    entries: impl Iterator<Item = &'a Json>,
    origin: Origin,
    title: Option<String>,
    compare: Option<&'static str>,
    ceilings: [Decimal; 2],
) -> Result<Plan> {
    let mut plan = Plan {
        title,
        compare,
        ceilings,
        entries: Vec::new(),
        origin,
        warnings: Vec::new(),
    };
    let mut heads = Vec::new();
    for (at, v) in entries.enumerate() {
        match entry_head(v) {
            Ok(h) => heads.push((v, h)),
            Err(err) => return Err(plan.relocate(at, err)),
        }
    }
    for (at, (v, (service, line))) in heads.into_iter().enumerate() {
        let source = match v {
            Json::Object(fields) => Json::Object(
                fields
                    .iter()
                    .filter(|(k, _)| k != "service" && k != "line")
                    .cloned()
                    .collect(),
            ),
            other => other.clone(),
        };
        match request::parse(&source) {
            Ok(request) => plan.entries.push(Entry {
                service,
                line,
                request,
                source,
                at,
            }),
            Err(err) => return Err(plan.relocate(at, err)),
        }
    }
    Ok(plan)
}

/// A title of 1..120 characters; `path` is `plan.title` or `title` (an option).
pub fn check_title(t: &str, path: &str) -> Result<String> {
    let n = t.chars().count();
    if n == 0 || n > MAX_TITLE_CHARS {
        return Err(Error::new(
            Msg::TitleLength,
            path,
            &[("count", a(&n)), ("max", a(&MAX_TITLE_CHARS))],
        ));
    }
    Ok(t.to_string())
}

/// A named model for the comparison (custom models have no name to compare with); `path` is
/// `plan.compare` or `compare` (an option).
pub fn check_compare(c: &str, path: &str) -> Result<&'static str> {
    MODELS
        .iter()
        .find(|m| m.id == c)
        .map(|m| m.id)
        .ok_or_else(|| {
            let shown = reader::truncate(c);
            Error::new(Msg::UnknownCompareModel, path, &[("name", a(&shown))])
        })
}

fn parse_ceilings(v: &Json) -> Result<[Decimal; 2]> {
    if !matches!(v, Json::Object(_)) {
        let (de, en) = v.type_name();
        return Err(Error::new(
            Msg::CeilingsNotAnObject,
            "plan.ceilings",
            &[("type", l(de, en))],
        ));
    }
    let f = Fields::new(
        v,
        "plan.ceilings",
        &["fokus", "foederal"],
        ("ceilings", "ceilings"),
    )?;
    let mut out = default_ceilings();
    for line in Line::ALL {
        if let Some(c) = f.get(line.id()) {
            let path = f.child(line.id());
            let d = reader::decimal(c, &path, reader::AMOUNT)?;
            if d > Decimal::from(money::MAX_AMOUNT) {
                return Err(Error::new(Msg::CeilingTooLarge, path, &[]));
            }
            out[line.index()] = d;
        }
    }
    Ok(out)
}

/// Reads an entry's plan fields (`service`, `line`) and checks that it has no other fields than
/// a version-1 request without `kommunen`; error paths are relative to the entry.
fn entry_head(v: &Json) -> Result<(String, Option<Line>)> {
    if !matches!(v, Json::Object(_)) {
        let (de, en) = v.type_name();
        return Err(Error::new(
            Msg::EntryNotAnObject,
            "",
            &[("type", l(de, en))],
        ));
    }
    let f = Fields::new(v, "", &ENTRY_FIELDS, ("Ein Planeintrag", "a plan entry"))?;
    let service = reader::string(
        f.require("service")?,
        "service",
        ErrorCode::InvalidRequest,
        ("Der Dienst", "the service"),
    )?;
    let n = service.chars().count();
    if n == 0 || n > MAX_SERVICE_CHARS {
        return Err(Error::new(
            Msg::ServiceLength,
            "service",
            &[("count", a(&n)), ("max", a(&MAX_SERVICE_CHARS))],
        ));
    }
    let line = match f.get("line") {
        None => None,
        Some(l) => Some(
            match l {
                Json::String(s) => Line::from_id(s),
                _ => None,
            }
            .ok_or_else(|| Error::new(Msg::InvalidLine, "line", &[]))?,
        ),
    };
    Ok((service.to_string(), line))
}

impl Plan {
    /// The path of a field of the entry at `at` (`rel` relative to the entry).
    pub fn path(&self, at: usize, rel: &str) -> String {
        if rel.is_empty() {
            format!("plan.entries[{at}]")
        } else {
            format!("plan.entries[{at}].{rel}")
        }
    }

    /// An entry's error with the entry in its path; for a CSV plan or a sheet the message names
    /// the cell.
    pub(crate) fn relocate(&self, at: usize, mut err: Error) -> Error {
        let file = match &self.origin {
            Origin::Json => None,
            Origin::Csv { columns, lines } => Some((Place::Csv, columns, lines)),
            Origin::Sheet {
                name,
                columns,
                lines,
            } => Some((Place::Sheet(name), columns, lines)),
        };
        if let Some((place, columns, lines)) = file {
            let field = err.path.split(['.', '[']).next().unwrap_or("");
            let line = lines.get(at).copied().unwrap_or(0);
            err = match columns.iter().find(|(f, _)| *f == field) {
                Some((_, col)) => place.in_cell(err, line, *col),
                None => place.in_line(err, line),
            };
        }
        err.path = self.path(at, &err.path);
        err
    }
}
