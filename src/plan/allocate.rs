//! Allocating a checked plan: every entry (and its comparison) by the version-1 engine exactly as
//! it would be allocated alone, then exact sums per payer and year, per service and year, and the
//! budget lines of IT-PLR Beschluss 2023/43 (warned about, never cut).

use crate::calc::allocate;
use crate::contract::models;
use crate::contract::request::Request;
use crate::data::laender::{LAENDER, N_LAENDER};
use crate::data::sources::Source;
use crate::error::{a, l, Context, Error, Messages, Msg, Result, WarningMsg};
use crate::num::money::Money;
use crate::plan::read_json::{Entry, Line, Plan, CEILING_MODEL, MAX_PLAN_PARTS};
use crate::plan::response::*;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// The signed difference of two sums at `decimals`.
fn difference(a: u128, b: u128, decimals: u32) -> Money {
    money(a, decimals) - money(b, decimals)
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
                Msg::PlanTooManyParts,
                plan.path(e.at, "costs"),
                &[("max", a(&MAX_PLAN_PARTS))],
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
    let fmt = |v: u128| money(v, decimals);

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
        let entry_total = scaled(resp.total, decimals);
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
            let v = scaled(p.amount, decimals);
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
                    plan.relocate(e.at, err)
                        .within(Context::Comparison, &[("model", a(&model))])
                })?;
                let mut cp = Vec::with_capacity(cresp.payers.len());
                for p in cresp.payers {
                    let pi = payer_index(p.id);
                    cmp[pi][yi] += scaled(p.amount, decimals);
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
        let ceiling_money = Money::from(ceiling);
        if exceeded {
            let (de_line, en_line) = match line {
                Line::Fokus => ("Fokusleistungen", "Fokusleistungen"),
                Line::Foederal => (
                    "Leistungen im föderalen Interesse",
                    "Leistungen im föderalen Interesse (services of federal interest)",
                ),
            };
            let msg = WarningMsg::CeilingExceeded;
            ceiling_warnings.push(PlanWarning {
                code: msg.code(),
                path: format!("plan.ceilings.{}", line.id()),
                message: msg.render(&[
                    ("year", a(&year)),
                    ("line", l(de_line, en_line)),
                    ("amount", a(&fmt(amount))),
                    ("ceiling", a(&ceiling_money)),
                ]),
                entries: Vec::new(),
                line: Some(line.id()),
                year: Some(year),
            });
        }
        lines_out.push(LineOut {
            line: line.id(),
            year,
            amount: fmt(amount),
            ceiling: ceiling_money,
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
