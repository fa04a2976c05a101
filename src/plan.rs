//! Plans (contract version 1.1): many services over several Wirtschaftsjahre.
//!
//! Each entry is a version-1 request, read by [`crate::request`] and allocated by
//! [`crate::allocate`] exactly as it would be alone; nothing is rounded again. The plan only adds
//! exact sums (per payer and year, per service and year), the comparison with another named
//! model, and the budget lines of IT-PLR Beschluss 2023/43 (warned about, never cut).

use crate::allocate;
use crate::error::{Error, ErrorCode, Messages, Result};
use crate::json::Json;
use crate::laender::{LAENDER, N_LAENDER};
use crate::models::{self, MODELS};
use crate::money;
use crate::plan_response::*;
use crate::reader::{self, Fields};
use crate::request::{self, Request};
use crate::sources::Source;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The contract version a plan response carries.
pub const CONTRACT_VERSION: &str = "1.1";
/// Most entries in one plan (contract).
pub const MAX_ENTRIES: usize = 500;
/// Longest service name, in characters (contract).
pub const MAX_SERVICE_CHARS: usize = 64;
/// Longest title, in characters (contract).
pub const MAX_TITLE_CHARS: usize = 120;
/// Largest plan text (JSON or CSV) the engine reads: the request limit, since 500 typical entries
/// take about 100 KB.
pub const MAX_PLAN_BYTES: usize = crate::json::MAX_BYTES;
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

    fn index(self) -> usize {
        self as usize
    }
}

/// What the caller (command line, JavaScript) sets besides the plan text; a CSV plan has no
/// other place for them. For a JSON plan they replace the plan's own `title` and `compare`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOptions {
    pub compare: Option<String>,
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
}

/// A checked plan.
#[derive(Debug, Clone)]
pub struct Plan {
    pub title: Option<String>,
    /// A named model every entry is computed again with.
    pub compare: Option<&'static str>,
    /// Ceilings of the lines `fokus` and `foederal`, in this order.
    pub ceilings: [Decimal; 2],
    pub entries: Vec<Entry>,
    pub origin: Origin,
    /// Warnings about the file itself (`csv_windows_1252`), listed first in the response.
    pub warnings: Vec<PlanWarning>,
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
    if len > MAX_PLAN_BYTES {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            "",
            format!("Der Plan ist {len} Bytes groß; höchstens {MAX_PLAN_BYTES} sind erlaubt"),
            format!("the plan is {len} bytes; at most {MAX_PLAN_BYTES} are allowed"),
        ));
    }
    Ok(())
}

fn invalid_plan(path: impl Into<String>, de: impl Into<String>, en: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidPlan, path, de, en)
}

/// Reads caller options (`{compare, title}` from JavaScript); `null` means none.
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
                Err(Error::new(
                    code,
                    name,
                    format!("{name} ist eine Zeichenkette, nicht {de}"),
                    format!("{name} is a string, not {en}"),
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
        return Err(invalid_plan(
            "",
            format!("Ein Plan ist ein JSON-Objekt {{\"plan\": {{…}}}}, nicht {de}"),
            format!("a plan is a JSON object {{\"plan\": {{…}}}}, not {en}"),
        ));
    }
    let f = Fields::new(v, "", &["plan"], ("Der Plan", "the plan"))?;
    let plan = f.get("plan").ok_or_else(|| {
        Error::new(
            ErrorCode::MissingField,
            "plan",
            "Pflichtfeld \"plan\" fehlt: ein Plan ist {\"plan\": {\"entries\": […]}}; eine einzelne Anfrage (Version 1) berechnet allocate",
            "required field \"plan\" is missing: a plan is {\"plan\": {\"entries\": […]}}; a single (version 1) request is for allocate",
        )
    })?;
    if !matches!(plan, Json::Object(_)) {
        let (de, en) = plan.type_name();
        return Err(invalid_plan(
            "plan",
            format!("plan ist ein JSON-Objekt, nicht {de}"),
            format!("plan is a JSON object, not {en}"),
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
                ErrorCode::UnknownModel,
                "plan.compare",
                format!("compare nennt ein Modell (alliance, itplr-2023-35, fitko), nicht {de}"),
                format!("compare names a model (alliance, itplr-2023-35, fitko), not {en}"),
            ));
        }
        (None, None) => None,
    };
    let ceilings = match p.get("ceilings") {
        Some(c) => parse_ceilings(c)?,
        None => default_ceilings(),
    };
    let entries = match p.get("entries") {
        None => {
            return Err(invalid_plan(
                "plan.entries",
                "Der Plan hat keine Einträge (\"entries\" fehlt)",
                "the plan has no entries (\"entries\" is missing)",
            ))
        }
        Some(Json::Array(list)) => list,
        Some(other) => {
            let (de, en) = other.type_name();
            return Err(invalid_plan(
                "plan.entries",
                format!("entries ist eine Liste von Einträgen, nicht {de}"),
                format!("entries is a list of entries, not {en}"),
            ));
        }
    };
    check_entry_count(entries.len(), "plan.entries")?;
    build(entries.iter(), Origin::Json, title, compare, ceilings)
}

/// Fails with `invalid_plan` for no entries or more than [`MAX_ENTRIES`].
pub fn check_entry_count(n: usize, path: &str) -> Result<()> {
    if n == 0 {
        return Err(invalid_plan(
            path,
            "Der Plan hat keine Einträge",
            "the plan has no entries",
        ));
    }
    if n > MAX_ENTRIES {
        return Err(invalid_plan(
            path,
            format!("Der Plan hat {n} Einträge; höchstens {MAX_ENTRIES} sind erlaubt"),
            format!("the plan has {n} entries; at most {MAX_ENTRIES} are allowed"),
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
        return Err(invalid_plan(
            path,
            format!("Der Titel hat 1 bis {MAX_TITLE_CHARS} Zeichen, nicht {n}"),
            format!("the title has 1 to {MAX_TITLE_CHARS} characters, not {n}"),
        ));
    }
    Ok(t.to_string())
}

/// A named model for the comparison (custom models have no name to compare with); `path` is
/// `plan.compare` or `compare` (an option).
pub fn check_compare(c: &str, path: &str) -> Result<&'static str> {
    MODELS.iter().find(|m| m.id == c).map(|m| m.id).ok_or_else(|| {
        let shown = reader::truncate(c);
        Error::new(
            ErrorCode::UnknownModel,
            path,
            format!("Unbekanntes Vergleichsmodell \"{shown}\"; bekannt: alliance, itplr-2023-35, fitko"),
            format!("unknown comparison model \"{shown}\"; known: alliance, itplr-2023-35, fitko"),
        )
    })
}

fn parse_ceilings(v: &Json) -> Result<[Decimal; 2]> {
    if !matches!(v, Json::Object(_)) {
        let (de, en) = v.type_name();
        return Err(invalid_plan(
            "plan.ceilings",
            format!(
                "ceilings ist ein Objekt {{\"fokus\": \"…\", \"foederal\": \"…\"}}, nicht {de}"
            ),
            format!("ceilings is an object {{\"fokus\": \"…\", \"foederal\": \"…\"}}, not {en}"),
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
                return Err(Error::new(
                    ErrorCode::InvalidAmount,
                    path,
                    "Die Obergrenze übersteigt 10 Billionen (10¹³)",
                    "the ceiling exceeds ten trillion (10¹³)",
                ));
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
            ErrorCode::InvalidRequest,
            "",
            format!("Ein Planeintrag ist ein JSON-Objekt, nicht {de}"),
            format!("a plan entry is a JSON object, not {en}"),
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
            ErrorCode::InvalidRequest,
            "service",
            format!("Der Dienst hat 1 bis {MAX_SERVICE_CHARS} Zeichen, nicht {n}"),
            format!("the service has 1 to {MAX_SERVICE_CHARS} characters, not {n}"),
        ));
    }
    let line = match f.get("line") {
        None => None,
        Some(l) => Some(
            match l {
                Json::String(s) => Line::from_id(s),
                _ => None,
            }
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidLine,
                    "line",
                    "Die Linie ist \"fokus\" (Fokusleistungen) oder \"foederal\" (Leistungen im föderalen Interesse)",
                    "the line is \"fokus\" (Fokusleistungen) or \"foederal\" (Leistungen im föderalen Interesse)",
                )
            })?,
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

    /// An entry's error with the entry in its path; for a CSV plan the message names the cell.
    fn relocate(&self, at: usize, mut err: Error) -> Error {
        if let Origin::Csv { columns, lines } = &self.origin {
            let field = err.path.split(['.', '[']).next().unwrap_or("");
            let line = lines.get(at).copied().unwrap_or(0);
            match columns.iter().find(|(f, _)| *f == field) {
                Some((_, col)) => {
                    err.message.de = format!("CSV-Zeile {line}, Spalte {col}: {}", err.message.de);
                    err.message.en = format!("CSV line {line}, column {col}: {}", err.message.en);
                }
                None => {
                    err.message.de = format!("CSV-Zeile {line}: {}", err.message.de);
                    err.message.en = format!("CSV line {line}: {}", err.message.en);
                }
            }
        }
        err.path = self.path(at, &err.path);
        err
    }
}

/// The request of an entry computed again with the comparison model: its `model` and every
/// cost item's own model replaced; key, membership and costs unchanged.
fn compare_request(plan: &Plan, e: &Entry, model: &'static str) -> Result<Request> {
    let mut req = e.request.clone();
    req.model = models::named(model, req.year).ok_or_else(|| {
        Error::new(
            ErrorCode::UnknownModel,
            "plan.compare",
            format!("Unbekanntes Vergleichsmodell \"{model}\""),
            format!("unknown comparison model \"{model}\""),
        )
    })?;
    for item in &mut req.items {
        item.model = None;
    }
    if req.alliance.is_none() && req.uses_alliance() {
        return Err(plan.relocate(
            e.at,
            Error::new(
            ErrorCode::MissingField,
            "alliance",
            format!("Der Vergleich mit dem Modell {model} lässt die Nachnutzungsallianz zahlen, aber der Eintrag nennt keine (\"alliance\" fehlt)"),
            format!("the comparison with model {model} has the alliance pay, but the entry names none (\"alliance\" is missing)"),
        )));
    }
    Ok(req)
}

/// `amount` (a decimal string the engine wrote, at most `decimals` decimals) in units of
/// 10^-decimals.
fn scaled(amount: &str, decimals: u32) -> u128 {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let int: u128 = int.parse().unwrap_or(0);
    let f: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse().unwrap_or(0)
    };
    let pad = decimals.saturating_sub(frac.len() as u32);
    int * 10u128.pow(decimals) + f * 10u128.pow(pad)
}

/// Index of a payer id in contract order (the Länder by AGS, then the Bund).
fn payer_index(id: &str) -> usize {
    LAENDER
        .iter()
        .position(|l| l.code == id)
        .unwrap_or(N_LAENDER)
}

fn payer_meta(
    p: usize,
) -> (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
) {
    if p == N_LAENDER {
        ("BUND", "bund", "Bund", None)
    } else {
        let l = &LAENDER[p];
        (l.code, "land", l.name_de, Some(l.ags))
    }
}

struct ServiceAcc {
    name: String,
    years: Vec<u128>,
    payers: Vec<Option<Vec<u128>>>,
}

/// Merges entry warnings: the same warning from several entries is listed once, with the path
/// of the first and every entry's index.
#[derive(Default)]
struct Warnings {
    list: Vec<PlanWarning>,
    seen: HashMap<(&'static str, String, String), usize>,
}

impl Warnings {
    fn add(&mut self, code: &'static str, path: String, message: Messages, entry: usize) {
        let key = (code, message.de.clone(), message.en.clone());
        match self.seen.get(&key) {
            Some(&i) => {
                let entries = &mut self.list[i].entries;
                if entries.last() != Some(&entry) {
                    entries.push(entry);
                }
            }
            None => {
                self.seen.insert(key, self.list.len());
                self.list.push(PlanWarning {
                    code,
                    path,
                    message,
                    entries: vec![entry],
                    line: None,
                    year: None,
                });
            }
        }
    }
}

fn push_source(sources: &mut Vec<Source>, s: Source) {
    if !sources.iter().any(|o| o.id == s.id) {
        sources.push(s);
    }
}

/// Writes a signed difference of two amounts at `decimals`.
fn difference(a: u128, b: u128, decimals: u32) -> String {
    if a >= b {
        money::format_scaled(a - b, decimals)
    } else {
        format!("-{}", money::format_scaled(b - a, decimals))
    }
}

/// Allocates a checked plan: every entry (and its comparison) by the version-1 engine, then exact
/// sums.
pub fn allocate_plan(plan: &Plan) -> Result<PlanResponse> {
    let compares: Vec<Option<Request>> = plan
        .entries
        .iter()
        .map(|e| {
            plan.compare
                .map(|m| compare_request(plan, e, m))
                .transpose()
        })
        .collect::<Result<_>>()?;

    // The cost of the whole plan is bounded before anything is computed.
    let mut parts = 0usize;
    for (e, c) in plan.entries.iter().zip(&compares) {
        parts += allocate::count_parts(&e.request);
        parts += c.as_ref().map_or(0, allocate::count_parts);
        if parts > MAX_PLAN_PARTS {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                plan.path(e.at, "costs"),
                format!("Der Plan ergäbe mehr als {MAX_PLAN_PARTS} Teilbeträge (Einträge × Kostenposten × Zeiträume × Tranchen × Zahler, Vergleich eingeschlossen); bitte aufteilen"),
                format!("the plan would produce more than {MAX_PLAN_PARTS} parts (entries × cost items × periods × tranches × payers, comparison included); please split it"),
            ));
        }
    }

    let years: Vec<i32> = plan
        .entries
        .iter()
        .map(|e| e.request.year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let ny = years.len();
    let year_index = |y: i32| years.binary_search(&y).unwrap_or(0);
    // Sums carry the most decimals any entry's unit has.
    let decimals = plan
        .entries
        .iter()
        .map(|e| e.request.unit.decimals())
        .max()
        .unwrap_or(2);
    let fmt = |v: u128| money::format_scaled(v, decimals);

    let np = N_LAENDER + 1;
    let mut own = vec![vec![0u128; ny]; np];
    let mut cmp = vec![vec![0u128; ny]; np];
    let mut appears = vec![false; np];
    let mut total = 0u128;
    let mut year_totals = vec![0u128; ny];
    let mut services: Vec<ServiceAcc> = Vec::new();
    let mut service_index: HashMap<&str, usize> = HashMap::new();
    let mut lines: BTreeMap<(Line, i32), u128> = BTreeMap::new();
    let mut entries_out = Vec::with_capacity(plan.entries.len());
    let mut sources: Vec<Source> = Vec::new();
    let mut warnings_of_entries = Warnings::default();

    for (i, (e, c)) in plan.entries.iter().zip(&compares).enumerate() {
        let yi = year_index(e.request.year);
        let resp = allocate::allocate(&e.request, None).map_err(|err| plan.relocate(e.at, err))?;
        let entry_total = scaled(&resp.total, decimals);
        total += entry_total;
        year_totals[yi] += entry_total;

        let si = *service_index.entry(&e.service).or_insert_with(|| {
            services.push(ServiceAcc {
                name: e.service.clone(),
                years: vec![0; ny],
                payers: vec![None; np],
            });
            services.len() - 1
        });
        let service = &mut services[si];
        service.years[yi] += entry_total;

        if let Some(line) = e.line {
            let amount = lines.entry((line, e.request.year)).or_insert(0);
            if e.request.model.id == CEILING_MODEL {
                *amount += entry_total;
            }
        }

        let mut payers_out = Vec::with_capacity(resp.payers.len());
        for p in resp.payers {
            let pi = payer_index(p.id);
            let v = scaled(&p.amount, decimals);
            own[pi][yi] += v;
            appears[pi] = true;
            service.payers[pi].get_or_insert_with(|| vec![0; ny])[yi] += v;
            payers_out.push(EntryPayer {
                id: p.id,
                amount: p.amount,
            });
        }
        for w in resp.warnings {
            warnings_of_entries.add(w.code, plan.path(e.at, &w.path), w.message, i);
        }
        for s in resp.sources {
            push_source(&mut sources, s);
        }

        let compare_out = match (c, plan.compare) {
            (Some(creq), Some(model)) => {
                let cresp = allocate::allocate(creq, None).map_err(|err| {
                    let mut err = plan.relocate(e.at, err);
                    err.message.de =
                        format!("Im Vergleich mit dem Modell {model}: {}", err.message.de);
                    err.message.en =
                        format!("in the comparison with model {model}: {}", err.message.en);
                    err
                })?;
                let mut cp = Vec::with_capacity(cresp.payers.len());
                for p in cresp.payers {
                    let pi = payer_index(p.id);
                    cmp[pi][yi] += scaled(&p.amount, decimals);
                    appears[pi] = true;
                    cp.push(EntryPayer {
                        id: p.id,
                        amount: p.amount,
                    });
                }
                // That the alliance is unused is the point of comparing with such a model.
                for w in cresp
                    .warnings
                    .into_iter()
                    .filter(|w| w.code != "alliance_unused")
                {
                    warnings_of_entries.add(w.code, plan.path(e.at, &w.path), w.message, i);
                }
                for s in cresp.sources {
                    push_source(&mut sources, s);
                }
                Some(EntryCompare {
                    model,
                    total: cresp.total,
                    payers: cp,
                })
            }
            _ => None,
        };

        entries_out.push(PlanEntryOut {
            index: i,
            service: e.service.clone(),
            line: e.line.map(Line::id),
            year: e.request.year,
            model: resp.model.id,
            key: resp.key.id,
            total: resp.total,
            payers: payers_out,
            compare: compare_out,
            request: e.source.clone(),
        });
    }

    let year_amounts =
        |v: &[u128]| YearAmounts(years.iter().zip(v).map(|(y, a)| (*y, fmt(*a))).collect());
    let payers = (0..np)
        .filter(|&p| appears[p])
        .map(|p| {
            let (id, kind, name, ags) = payer_meta(p);
            let own_total: u128 = own[p].iter().sum();
            let cmp_total: u128 = cmp[p].iter().sum();
            PlanPayer {
                id,
                kind,
                name,
                ags,
                years: year_amounts(&own[p]),
                total: fmt(own_total),
                compare: plan.compare.map(|_| PayerCompare {
                    years: year_amounts(&cmp[p]),
                    total: fmt(cmp_total),
                    difference: difference(own_total, cmp_total, decimals),
                }),
            }
        })
        .collect();

    let services_out = services
        .into_iter()
        .map(|s| PlanService {
            total: fmt(s.years.iter().sum()),
            years: year_amounts(&s.years),
            payers: s
                .payers
                .iter()
                .enumerate()
                .filter_map(|(p, v)| {
                    v.as_ref().map(|v| ServicePayer {
                        id: payer_meta(p).0,
                        years: year_amounts(v),
                        total: fmt(v.iter().sum()),
                    })
                })
                .collect(),
            service: s.name,
        })
        .collect();

    let mut lines_out = Vec::with_capacity(lines.len());
    let mut ceiling_warnings = Vec::new();
    for ((line, year), amount) in lines {
        let ceiling = plan.ceilings[line.index()];
        let exact = Decimal::from_i128_with_scale(amount as i128, decimals);
        let exceeded = exact > ceiling;
        // As given (the default: "15000000.00"); the amount has the plan's decimals.
        let ceiling_text = ceiling.to_string();
        if exceeded {
            let (de_line, en_line) = match line {
                Line::Fokus => ("Fokusleistungen", "Fokusleistungen"),
                Line::Foederal => (
                    "Leistungen im föderalen Interesse",
                    "Leistungen im föderalen Interesse (services of federal interest)",
                ),
            };
            let amount_text = fmt(amount);
            ceiling_warnings.push(PlanWarning {
                code: "ceiling_exceeded",
                path: format!("plan.ceilings.{}", line.id()),
                message: Messages {
                    de: format!("{year}: Die nach IT-PLR 2023/35 finanzierten {de_line} summieren sich auf {amount_text} € und überschreiten die Budgetlinie von {ceiling_text} € (IT-PLR Beschluss 2023/43); die Beträge sind nicht gekürzt, da der Beschluss nicht regelt, wie ein Überschuss verteilt würde"),
                    en: format!("{year}: the {en_line} financed under IT-PLR 2023/35 add up to {amount_text} EUR and exceed the budget line of {ceiling_text} EUR (IT-PLR decision 2023/43); the amounts are not cut, because the decision does not say how an excess would be shared"),
                },
                entries: Vec::new(),
                line: Some(line.id()),
                year: Some(year),
            });
        }
        lines_out.push(LineOut {
            line: line.id(),
            year,
            amount: fmt(amount),
            ceiling: ceiling_text,
            exceeded,
        });
    }
    if !lines_out.is_empty() {
        push_source(
            &mut sources,
            Source::new(
                "itplr-2023-43",
                "IT-Planungsrat, Beschluss 2023/43 (03.11.2023): Budgetlinien bis 15 Mio. € für Fokusleistungen und bis 15 Mio. € für Leistungen im föderalen Interesse",
            ),
        );
    }
    let mut warnings = plan.warnings.clone();
    warnings.extend(warnings_of_entries.list);
    warnings.extend(ceiling_warnings);

    Ok(PlanResponse {
        contract_version: CONTRACT_VERSION,
        title: plan.title.clone(),
        currency: "EUR",
        compare: plan.compare,
        total: fmt(total),
        year_totals: year_amounts(&year_totals),
        years,
        payers,
        services: services_out,
        entries: entries_out,
        lines: lines_out,
        sources,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_amounts() {
        assert_eq!(scaled("8514.45", 2), 851_445);
        assert_eq!(scaled("8514.45", 4), 85_144_500);
        assert_eq!(scaled("2500", 2), 250_000);
        assert_eq!(scaled("0.3", 2), 30);
        assert_eq!(scaled("0.05", 2), 5);
    }

    #[test]
    fn differences_are_signed() {
        assert_eq!(difference(100, 250, 2), "-1.50");
        assert_eq!(difference(250, 100, 2), "1.50");
        assert_eq!(difference(7, 7, 2), "0.00");
    }
}
