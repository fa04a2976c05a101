//! A plan response as CSV for German Excel: UTF-8 with BOM, `;`, decimal comma, `\r\n`, quotes
//! where needed. First the payers × years (with the comparison and the difference when the plan
//! has one), then the services × years.
//!
//! Formula injection: a text cell that a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`, a tab or a line break) gets a leading apostrophe, so it stays readable and is
//! never executed. Amounts are told apart by type, not by looking at the text: they are
//! [`Money`] and are written as numbers, so a negative difference stays the number `-19846,92`.

use crate::num::money::Money;
use crate::plan::response::{PlanResponse, YearAmounts};

enum Cell<'a> {
    Text(&'a str),
    Amount(Money),
}

/// Characters that make a spreadsheet read a cell as a formula (or hide the start of one).
const FORMULA_START: [char; 11] = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

fn write_cell(out: &mut String, cell: &Cell) {
    let text = match cell {
        Cell::Amount(a) => {
            out.push_str(&a.to_string().replace('.', ","));
            return;
        }
        Cell::Text(t) => *t,
    };
    let neutral = if text.trim_start_matches(' ').starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if neutral.contains([';', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&neutral.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&neutral);
    }
}

fn write_row(out: &mut String, cells: &[Cell]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        write_cell(out, c);
    }
    out.push_str("\r\n");
}

fn amounts(y: &YearAmounts) -> impl Iterator<Item = Cell<'_>> {
    y.0.iter().map(|(_, a)| Cell::Amount(*a))
}

impl PlanResponse {
    /// The plan as CSV for German Excel (UTF-8 BOM, `;`, decimal comma, `\r\n`; text cells that
    /// would run as formulas are neutralised): what `efa-rechner plan --format csv` writes.
    ///
    /// ```
    /// let plan = b"service,year,costs,alliance\nWohngeld,2025,1200000.50,BY\n";
    /// let response = efa_rechner::allocate_plan_text(plan, &Default::default())?;
    /// let csv = response.to_excel_csv();
    /// assert!(csv.starts_with('\u{feff}'));
    /// assert!(csv.contains("Bayern;BY;1200000,50;1200000,50\r\n"));
    /// # Ok::<(), efa_rechner::Error>(())
    /// ```
    pub fn to_excel_csv(&self) -> String {
        to_excel_csv(self)
    }
}

fn to_excel_csv(r: &PlanResponse) -> String {
    let mut out = String::from("\u{feff}");
    let years: Vec<String> = r.years.iter().map(i32::to_string).collect();
    if let Some(t) = &r.title {
        write_row(&mut out, &[Cell::Text("Titel"), Cell::Text(t)]);
        out.push_str("\r\n");
    }

    let compare_heads: Vec<String> = r
        .compare
        .map(|m| {
            years
                .iter()
                .map(|y| format!("Vergleich {m} {y}"))
                .chain([format!("Vergleich {m} Summe")])
                .chain(["Differenz (negativ: Entlastung)".to_string()])
                .collect()
        })
        .unwrap_or_default();
    let mut head = vec![Cell::Text("Zahler"), Cell::Text("Kennung")];
    head.extend(years.iter().map(|y| Cell::Text(y)));
    head.push(Cell::Text("Summe"));
    head.extend(compare_heads.iter().map(|h| Cell::Text(h)));
    write_row(&mut out, &head);
    for p in &r.payers {
        let mut row = vec![Cell::Text(p.name), Cell::Text(p.id)];
        row.extend(amounts(&p.years));
        row.push(Cell::Amount(p.total));
        if let Some(c) = &p.compare {
            row.extend(amounts(&c.years));
            row.push(Cell::Amount(c.total));
            row.push(Cell::Amount(c.difference));
        }
        write_row(&mut out, &row);
    }
    // The comparison has the same costs, so its totals are the plan's and the difference is 0.
    let zero = Money::new(0, r.total.scale());
    let mut sum = vec![Cell::Text("Summe"), Cell::Text("")];
    sum.extend(amounts(&r.year_totals));
    sum.push(Cell::Amount(r.total));
    if r.compare.is_some() {
        sum.extend(amounts(&r.year_totals));
        sum.push(Cell::Amount(r.total));
        sum.push(Cell::Amount(zero));
    }
    write_row(&mut out, &sum);

    out.push_str("\r\n");
    let mut head = vec![Cell::Text("Dienst")];
    head.extend(years.iter().map(|y| Cell::Text(y)));
    head.push(Cell::Text("Summe"));
    write_row(&mut out, &head);
    for s in &r.services {
        let mut row = vec![Cell::Text(&s.service)];
        row.extend(amounts(&s.years));
        row.push(Cell::Amount(s.total));
        write_row(&mut out, &row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(c: Cell) -> String {
        let mut s = String::new();
        write_cell(&mut s, &c);
        s
    }

    #[test]
    fn formulas_are_neutralised_and_amounts_stay_numbers() {
        assert_eq!(
            cell(Cell::Text("=HYPERLINK(\"x\")")),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(cell(Cell::Text("+1")), "'+1");
        assert_eq!(cell(Cell::Text("-1")), "'-1");
        assert_eq!(cell(Cell::Text("@SUM(A1)")), "'@SUM(A1)");
        assert_eq!(cell(Cell::Text("\tx")), "'\tx");
        assert_eq!(cell(Cell::Text(" =1")), "' =1");
        assert_eq!(cell(Cell::Text("Kfz; online")), "\"Kfz; online\"");
        assert_eq!(cell(Cell::Text("Wohngeld")), "Wohngeld");
        let m = |s: &str| Cell::Amount(s.parse().unwrap());
        assert_eq!(cell(m("-19846.92")), "-19846,92");
        assert_eq!(cell(m("1200000.00")), "1200000,00");
        assert_eq!(cell(m("2500")), "2500");
        // Text that looks like a formula stays text, however number-like.
        assert_eq!(cell(Cell::Text("-1+1")), "'-1+1");
    }
}
