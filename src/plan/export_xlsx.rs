//! A plan response as a workbook (contract 1.2, "Export"): sheets for payers × years (with the
//! comparison), services × years, the entries, the 2023/43 lines, the sources (and the warnings
//! when there are any). This module decides what goes in which cell; the `.xlsx` container is
//! written by `text::sheet::write` (natively) or by the package's JavaScript from the same
//! sheets (in the browser).

use crate::num::money::Money;
use crate::plan::response::{PlanResponse, YearAmounts};
use crate::text::sheet::write::{OutCell, OutSheet};

fn text(s: &str) -> OutCell {
    OutCell::Text(s.to_string())
}

fn amount(m: &Money) -> OutCell {
    OutCell::Amount(m.to_string())
}

fn amounts(y: &YearAmounts) -> impl Iterator<Item = OutCell> + '_ {
    y.0.iter().map(|(_, a)| amount(a))
}

/// The sheets of the plan's workbook.
pub fn sheets(r: &PlanResponse) -> Vec<OutSheet> {
    let years: Vec<String> = r.years.iter().map(i32::to_string).collect();
    let mut out = vec![
        sheet("Zahler", payers(r, &years)),
        sheet("Dienste", services(r, &years)),
        sheet("Einträge", entries(r)),
        sheet("Linien 2023-43", budget_lines(r)),
        sheet("Quellen", sources(r)),
    ];
    if !r.warnings.is_empty() {
        let mut rows = vec![vec![text("Hinweis"), text("Stelle"), text("Text")]];
        for w in &r.warnings {
            rows.push(vec![text(w.code), text(&w.path), text(&w.message.de)]);
        }
        out.push(sheet("Hinweise", rows));
    }
    out
}

fn sheet(name: &str, rows: Vec<Vec<OutCell>>) -> OutSheet {
    OutSheet {
        name: name.into(),
        rows,
    }
}

/// Payers × years, with the comparison and the difference.
fn payers(r: &PlanResponse, years: &[String]) -> Vec<Vec<OutCell>> {
    let mut head = vec![text("Zahler"), text("Kennung")];
    head.extend(years.iter().map(|y| text(y)));
    head.push(text("Summe"));
    if let Some(m) = r.compare {
        head.extend(years.iter().map(|y| text(&format!("Vergleich {m} {y}"))));
        head.push(text(&format!("Vergleich {m} Summe")));
        head.push(text("Differenz (negativ: Entlastung)"));
    }
    let mut rows = vec![head];
    for p in &r.payers {
        let mut row = vec![text(p.name), text(p.id)];
        row.extend(amounts(&p.years));
        row.push(amount(&p.total));
        if let Some(c) = &p.compare {
            row.extend(amounts(&c.years));
            row.push(amount(&c.total));
            row.push(amount(&c.difference));
        }
        rows.push(row);
    }
    let mut sum = vec![text("Summe"), OutCell::Empty];
    sum.extend(amounts(&r.year_totals));
    sum.push(amount(&r.total));
    if r.compare.is_some() {
        // The comparison has the same costs: the same totals, no difference.
        let zero = Money::new(0, r.total.scale());
        sum.extend(amounts(&r.year_totals));
        sum.push(amount(&r.total));
        sum.push(amount(&zero));
    }
    rows.push(sum);
    rows
}

/// Services × years.
fn services(r: &PlanResponse, years: &[String]) -> Vec<Vec<OutCell>> {
    let mut head = vec![text("Dienst")];
    head.extend(years.iter().map(|y| text(y)));
    head.push(text("Summe"));
    let mut rows = vec![head];
    for s in &r.services {
        let mut row = vec![text(&s.service)];
        row.extend(amounts(&s.years));
        row.push(amount(&s.total));
        rows.push(row);
    }
    rows
}

/// The entries, one column per payer of the plan.
fn entries(r: &PlanResponse) -> Vec<Vec<OutCell>> {
    let mut head = vec![
        text("Nr."),
        text("Dienst"),
        text("Linie"),
        text("Jahr"),
        text("Modell"),
        text("Schlüssel"),
        text("Summe"),
    ];
    head.extend(r.payers.iter().map(|p| text(p.id)));
    if let Some(m) = r.compare {
        head.push(text(&format!("Vergleich {m} Summe")));
        head.extend(
            r.payers
                .iter()
                .map(|p| text(&format!("Vergleich {}", p.id))),
        );
    }
    let of = |payers: &[crate::plan::response::EntryPayer], id: &str| {
        payers
            .iter()
            .find(|x| x.id == id)
            .map_or(OutCell::Empty, |x| amount(&x.amount))
    };
    let mut rows = vec![head];
    for e in &r.entries {
        let mut row = vec![
            OutCell::Int(e.index as i64 + 1),
            text(&e.service),
            e.line.map_or(OutCell::Empty, text),
            OutCell::Int(i64::from(e.year)),
            text(&e.model),
            text(&e.key),
            amount(&e.total),
        ];
        row.extend(r.payers.iter().map(|p| of(&e.payers, p.id)));
        if let Some(c) = &e.compare {
            row.push(amount(&c.total));
            row.extend(r.payers.iter().map(|p| of(&c.payers, p.id)));
        }
        rows.push(row);
    }
    rows
}

/// The budget lines of IT-PLR Beschluss 2023/43.
fn budget_lines(r: &PlanResponse) -> Vec<Vec<OutCell>> {
    let mut rows = vec![vec![
        text("Linie"),
        text("Jahr"),
        text("Betrag nach 2023/35"),
        text("Obergrenze"),
        text("Überschritten"),
    ]];
    for l in &r.lines {
        rows.push(vec![
            text(l.line),
            OutCell::Int(i64::from(l.year)),
            amount(&l.amount),
            amount(&l.ceiling),
            text(if l.exceeded { "ja" } else { "nein" }),
        ]);
    }
    rows
}

/// The data sources with their licences.
fn sources(r: &PlanResponse) -> Vec<Vec<OutCell>> {
    let mut rows = vec![vec![
        text("Kennung"),
        text("Quelle"),
        text("Lizenz"),
        text("Stand"),
    ]];
    for s in &r.sources {
        rows.push(vec![
            text(&s.id),
            text(&s.title),
            s.licence.as_deref().map_or(OutCell::Empty, text),
            s.reference_date.as_deref().map_or(OutCell::Empty, text),
        ]);
    }
    rows
}

impl PlanResponse {
    /// The plan as an Excel workbook (`.xlsx`): what `efa-rechner plan --format xlsx` writes.
    /// Amounts are number cells with a two-decimal euro format, texts plain strings.
    pub fn to_xlsx(&self) -> Vec<u8> {
        crate::text::sheet::write::xlsx(&sheets(self), self.title.as_deref())
    }
}
