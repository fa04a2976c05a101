//! Allocating a checked plan: every entry (and its comparison) by the version-1 engine exactly as
//! it would be allocated alone, then exact sums per payer and year, per service and year, and the
//! budget lines of IT-PLR Beschluss 2023/43 (warned about, never cut).

use crate::calc::allocate;
use crate::contract::models;
use crate::contract::request::Request;
use crate::contract::response::Warning;
use crate::data::laender::{LAENDER, N_LAENDER};
use crate::data::sources::Source;
use crate::error::{a, l, Context, Error, Messages, Msg, Result, WarningMsg};
use crate::num::money::Money;
use crate::plan::read_json::{Entry, Line, Plan, CEILING_MODEL, MAX_PLAN_PARTS};
use crate::plan::response::*;

/// The contract version a plan response carries.
pub const CONTRACT_VERSION: &str = "1.1";

/// The request of an entry computed again with the comparison model: its `model` and every
/// cost item's own model replaced; key, membership and costs unchanged.
fn compare_request(plan: &Plan, e: &Entry, model: &'static str) -> Result<Request> {
    let mut req = e.request.clone();
    req.model = models::named(model, req.year).ok_or_else(|| {
        Error::new(
            Msg::CompareModelUnknown,
            "plan.compare",
            &[("model", a(&model))],
        )
    })?;
    for item in &mut req.items {
        item.model = None;
    }
    if req.alliance.is_none() && req.uses_alliance() {
        return Err(plan.relocate(
            e.at,
            Error::new(
                Msg::CompareNeedsAlliance,
                "alliance",
                &[("model", a(&model))],
            ),
        ));
    }
    Ok(req)
}

/// An amount in units of `10^-decimals` EUR, the plan's common scale (at least every entry's).
fn scaled(amount: Money, decimals: u32) -> u128 {
    u128::try_from(amount.minor_at(decimals)).unwrap_or(0)
}

/// A sum at the plan's scale as an amount.
fn money(v: u128, decimals: u32) -> Money {
    Money::new(i128::try_from(v).unwrap_or(i128::MAX), decimals)
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
}

impl Warnings {
    fn add(&mut self, code: &'static str, path: String, message: Messages, entry: usize) {
        // a plan has few distinct warnings: a search, not a hash map
        let same = |w: &PlanWarning| w.code == code && w.message == message;
        match self.list.iter().position(same) {
            Some(i) => {
                let entries = &mut self.list[i].entries;
                if entries.last() != Some(&entry) {
                    entries.push(entry);
                }
            }
            None => {
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

/// The signed difference of two sums at `decimals`.
fn difference(a: u128, b: u128, decimals: u32) -> Money {
    money(a, decimals) - money(b, decimals)
}

/// Allocates a checked plan ([`Plan::read`]): every entry (and its comparison) by the version-1
/// engine exactly as alone, then exact sums per payer, service and year, and the budget lines of
/// IT-PLR Beschluss 2023/43.
///
/// ```
/// use efa_rechner::{allocate_plan, Plan, PlanOptions};
///
/// let json = br#"{"plan": {"entries": [
///     {"service": "A", "line": "fokus", "year": 2025, "costs": "20000000.00",
///      "alliance": "all", "model": "itplr-2023-35"}]}}"#;
/// let response = allocate_plan(&Plan::read(json, &PlanOptions::default())?)?;
/// assert!(response.lines[0].exceeded); // above the 15 million line: warned, not cut
/// assert!(response.warnings.iter().any(|w| w.code == "ceiling_exceeded"));
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub fn allocate_plan(plan: &Plan) -> Result<PlanResponse> {
    let compares = comparisons(plan)?;
    check_cost(plan, &compares)?;
    let mut sums = Sums::new(plan);
    let mut entries = Vec::with_capacity(plan.entries.len());
    for (i, (e, c)) in plan.entries.iter().zip(&compares).enumerate() {
        entries.push(sums.entry(plan, i, e, c.as_ref())?);
    }
    let payers = sums.payers(plan);
    let (lines, ceiling_warnings) = sums.lines(plan);
    if !lines.is_empty() {
        push_source(
            &mut sums.sources,
            Source::new(
                "itplr-2023-43",
                "IT-Planungsrat, Beschluss 2023/43 (03.11.2023): Budgetlinien bis 15 Mio. € für Fokusleistungen und bis 15 Mio. € für Leistungen im föderalen Interesse",
            ),
        );
    }
    let mut warnings = plan.warnings.clone();
    warnings.append(&mut sums.warnings.list);
    warnings.extend(ceiling_warnings);
    Ok(PlanResponse {
        contract_version: CONTRACT_VERSION,
        title: plan.title.clone(),
        currency: "EUR",
        compare: plan.compare,
        total: sums.money(sums.total),
        year_totals: sums.year_amounts(&sums.year_totals),
        payers,
        services: sums.services(),
        entries,
        lines,
        sources: std::mem::take(&mut sums.sources),
        warnings,
        years: sums.years,
    })
}

/// Each entry's request for the comparison model, if the plan compares.
fn comparisons(plan: &Plan) -> Result<Vec<Option<Request>>> {
    let mut out = Vec::with_capacity(plan.entries.len());
    for e in &plan.entries {
        out.push(
            plan.compare
                .map(|m| compare_request(plan, e, m))
                .transpose()?,
        );
    }
    Ok(out)
}

/// Bounds the cost of the whole plan before anything is computed.
fn check_cost(plan: &Plan, compares: &[Option<Request>]) -> Result<()> {
    let mut parts = 0usize;
    for (e, c) in plan.entries.iter().zip(compares) {
        parts += allocate::count_parts(&e.request);
        parts += c.as_ref().map_or(0, allocate::count_parts);
        if parts > MAX_PLAN_PARTS {
            return Err(Error::new(
                Msg::PlanTooManyParts,
                plan.path(e.at, "costs"),
                &[("max", a(&MAX_PLAN_PARTS))],
            ));
        }
    }
    Ok(())
}

/// The plan's exact sums, in units of `10^-decimals` EUR, filled entry by entry.
struct Sums {
    /// The entries' distinct years, ascending; the sums' inner index.
    years: Vec<i32>,
    /// The most decimals any entry's unit has.
    decimals: u32,
    /// Per payer (the Länder by AGS, then the Bund) and year: own and comparison amounts.
    own: Vec<Vec<u128>>,
    cmp: Vec<Vec<u128>>,
    appears: Vec<bool>,
    total: u128,
    year_totals: Vec<u128>,
    services: Vec<ServiceAcc>,
    /// Service names, sorted, with their index in `services` (binary search: no hash map code
    /// in the WASM module).
    service_index: Vec<(String, usize)>,
    /// The itplr-2023-35 entries of each budget line and year.
    /// (A list sorted by line and year: a few entries, and no B-tree code in the WASM module.)
    lines: Vec<((Line, i32), u128)>,
    sources: Vec<Source>,
    warnings: Warnings,
}

impl Sums {
    fn new(plan: &Plan) -> Self {
        // Sorted and unique as they go in (no sort or B-tree code in the WASM module).
        let mut years: Vec<i32> = Vec::new();
        for e in &plan.entries {
            if let Err(at) = years.binary_search(&e.request.year) {
                years.insert(at, e.request.year);
            }
        }
        let decimals = plan
            .entries
            .iter()
            .map(|e| e.request.unit.decimals())
            .max()
            .unwrap_or(2);
        let (ny, np) = (years.len(), N_LAENDER + 1);
        Sums {
            years,
            decimals,
            own: vec![vec![0; ny]; np],
            cmp: vec![vec![0; ny]; np],
            appears: vec![false; np],
            total: 0,
            year_totals: vec![0; ny],
            services: Vec::new(),
            service_index: Vec::new(),
            lines: Vec::new(),
            sources: Vec::new(),
            warnings: Warnings::default(),
        }
    }

    fn money(&self, v: u128) -> Money {
        money(v, self.decimals)
    }

    fn year_amounts(&self, v: &[u128]) -> YearAmounts {
        YearAmounts(
            self.years
                .iter()
                .zip(v)
                .map(|(y, a)| (*y, self.money(*a)))
                .collect(),
        )
    }

    /// Allocates one entry (and its comparison) and adds it to the sums.
    fn entry(
        &mut self,
        plan: &Plan,
        i: usize,
        e: &Entry,
        compare: Option<&Request>,
    ) -> Result<PlanEntryOut> {
        let yi = self.years.binary_search(&e.request.year).unwrap_or(0);
        let resp = allocate::allocate(&e.request, None).map_err(|err| plan.relocate(e.at, err))?;
        let entry_total = scaled(resp.total, self.decimals);
        self.total += entry_total;
        self.year_totals[yi] += entry_total;
        let si = self.service(&e.service);
        self.services[si].years[yi] += entry_total;
        if let Some(line) = e.line {
            let key = (line, e.request.year);
            let at = match self.lines.binary_search_by(|(k, _)| k.cmp(&key)) {
                Ok(at) => at,
                Err(at) => {
                    self.lines.insert(at, (key, 0));
                    at
                }
            };
            let amount = &mut self.lines[at].1;
            if e.request.model.id == CEILING_MODEL {
                *amount += entry_total;
            }
        }
        let mut payers = Vec::with_capacity(resp.payers.len());
        for p in resp.payers {
            let (pi, v) = (payer_index(p.id), scaled(p.amount, self.decimals));
            self.own[pi][yi] += v;
            self.appears[pi] = true;
            let ny = self.years.len();
            self.services[si].payers[pi].get_or_insert_with(|| vec![0; ny])[yi] += v;
            payers.push(EntryPayer {
                id: p.id,
                amount: p.amount,
            });
        }
        self.notes(plan, e, i, resp.warnings, resp.sources, false);
        let compare = match (compare, plan.compare) {
            (Some(creq), Some(model)) => Some(self.compare(plan, e, i, yi, creq, model)?),
            _ => None,
        };
        Ok(PlanEntryOut {
            index: i,
            service: e.service.clone(),
            line: e.line.map(Line::id),
            year: e.request.year,
            model: resp.model.id,
            key: resp.key.id,
            total: resp.total,
            payers,
            compare,
            request: e.source.clone(),
        })
    }

    /// The index of a service's sums, added on first sight.
    fn service(&mut self, name: &str) -> usize {
        let slot = match self
            .service_index
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
        {
            Ok(found) => return self.service_index[found].1,
            Err(slot) => slot,
        };
        self.services.push(ServiceAcc {
            name: name.to_string(),
            years: vec![0; self.years.len()],
            payers: vec![None; N_LAENDER + 1],
        });
        self.service_index
            .insert(slot, (name.to_string(), self.services.len() - 1));
        self.services.len() - 1
    }

    /// An entry's warnings (merged across entries) and sources (each once).
    fn notes(
        &mut self,
        plan: &Plan,
        e: &Entry,
        i: usize,
        warnings: Vec<Warning>,
        sources: Vec<Source>,
        comparison: bool,
    ) {
        // That the alliance is unused is the point of comparing with such a model.
        let wanted = |w: &Warning| !(comparison && w.code == "alliance_unused");
        for w in warnings.into_iter().filter(wanted) {
            self.warnings
                .add(w.code, plan.path(e.at, &w.path), w.message, i);
        }
        for s in sources {
            push_source(&mut self.sources, s);
        }
    }

    /// Allocates an entry's comparison request and adds it to the comparison sums.
    fn compare(
        &mut self,
        plan: &Plan,
        e: &Entry,
        i: usize,
        yi: usize,
        creq: &Request,
        model: &'static str,
    ) -> Result<EntryCompare> {
        let cresp = allocate::allocate(creq, None).map_err(|err| {
            plan.relocate(e.at, err)
                .within(Context::Comparison, &[("model", a(&model))])
        })?;
        let mut payers = Vec::with_capacity(cresp.payers.len());
        for p in cresp.payers {
            let pi = payer_index(p.id);
            self.cmp[pi][yi] += scaled(p.amount, self.decimals);
            self.appears[pi] = true;
            payers.push(EntryPayer {
                id: p.id,
                amount: p.amount,
            });
        }
        self.notes(plan, e, i, cresp.warnings, cresp.sources, true);
        Ok(EntryCompare {
            model,
            total: cresp.total,
            payers,
        })
    }

    /// Every payer that pays in any entry or comparison, in contract order, by year.
    fn payers(&self, plan: &Plan) -> Vec<PlanPayer> {
        (0..=N_LAENDER)
            .filter(|&p| self.appears[p])
            .map(|p| {
                let (id, kind, name, ags) = payer_meta(p);
                let own_total: u128 = self.own[p].iter().sum();
                let cmp_total: u128 = self.cmp[p].iter().sum();
                PlanPayer {
                    id,
                    kind,
                    name,
                    ags,
                    years: self.year_amounts(&self.own[p]),
                    total: self.money(own_total),
                    compare: plan.compare.map(|_| PayerCompare {
                        years: self.year_amounts(&self.cmp[p]),
                        total: self.money(cmp_total),
                        difference: difference(own_total, cmp_total, self.decimals),
                    }),
                }
            })
            .collect()
    }

    /// Each service by year, with what each of its payers pays.
    fn services(&self) -> Vec<PlanService> {
        self.services
            .iter()
            .map(|s| PlanService {
                total: self.money(s.years.iter().sum()),
                years: self.year_amounts(&s.years),
                payers: s
                    .payers
                    .iter()
                    .enumerate()
                    .filter_map(|(p, v)| {
                        v.as_ref().map(|v| ServicePayer {
                            id: payer_meta(p).0,
                            years: self.year_amounts(v),
                            total: self.money(v.iter().sum()),
                        })
                    })
                    .collect(),
                service: s.name.clone(),
            })
            .collect()
    }

    /// The budget lines by year against their ceilings, and a warning for each line above it
    /// (IT-PLR Beschluss 2023/43: warned about, never cut).
    fn lines(&self, plan: &Plan) -> (Vec<LineOut>, Vec<PlanWarning>) {
        let mut lines = Vec::with_capacity(self.lines.len());
        let mut warnings = Vec::new();
        for &((line, year), amount) in &self.lines {
            let ceiling = plan.ceilings[line.index()];
            let exceeded = self.money(amount).to_decimal() > ceiling;
            // As given (the default: "15000000.00"); the amount has the plan's decimals.
            let ceiling = Money::from(ceiling);
            if exceeded {
                warnings.push(ceiling_exceeded(line, year, self.money(amount), ceiling));
            }
            lines.push(LineOut {
                line: line.id(),
                year,
                amount: self.money(amount),
                ceiling,
                exceeded,
            });
        }
        (lines, warnings)
    }
}

/// The warning for a budget line above its ceiling in a year.
fn ceiling_exceeded(line: Line, year: i32, amount: Money, ceiling: Money) -> PlanWarning {
    let (de_line, en_line) = match line {
        Line::Fokus => ("Fokusleistungen", "Fokusleistungen"),
        Line::Foederal => (
            "Leistungen im föderalen Interesse",
            "Leistungen im föderalen Interesse (services of federal interest)",
        ),
    };
    let msg = WarningMsg::CeilingExceeded;
    PlanWarning {
        code: msg.code(),
        path: format!("plan.ceilings.{}", line.id()),
        message: msg.render(&[
            ("year", a(&year)),
            ("line", l(de_line, en_line)),
            ("amount", a(&amount)),
            ("ceiling", a(&ceiling)),
        ]),
        entries: Vec::new(),
        line: Some(line.id()),
        year: Some(year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_amounts() {
        let m = |s: &str| s.parse::<Money>().unwrap();
        assert_eq!(scaled(m("8514.45"), 2), 851_445);
        assert_eq!(scaled(m("8514.45"), 4), 85_144_500);
        assert_eq!(scaled(m("2500"), 2), 250_000);
        assert_eq!(scaled(m("0.3"), 2), 30);
        assert_eq!(scaled(m("0.05"), 2), 5);
    }

    #[test]
    fn differences_are_signed() {
        assert_eq!(difference(100, 250, 2).to_string(), "-1.50");
        assert_eq!(difference(250, 100, 2).to_string(), "1.50");
        assert_eq!(difference(7, 7, 2).to_string(), "0.00");
    }
}
