//! Bytes → `efa_rechner::allocate_plan_text(data, …)`, the CLI's `plan` path (JSON or CSV).
//!
//! Any input must give `Ok` or a coded `Err`, never a panic, and on `Ok` the plan's sums must
//! hold exactly: every payer's years add up to its total (its comparison's too), the payers add
//! up to the plan's total and per year to `yearTotals`, the services too, and the German Excel
//! export never starts a text cell with a formula character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// A decimal string as an integer number of 10^-6 (every unit has at most six decimals).
fn micros(v: &Value, what: &str) -> i128 {
    let s = v.as_str().unwrap_or_else(|| panic!("{what} {v} is a string"));
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    assert!(frac.len() <= 6 && !int.is_empty(), "{what} {s:?}");
    let v: i128 = format!("{int}{frac:0<6}").parse().expect("amount fits");
    if neg {
        -v
    } else {
        v
    }
}

fn years_sum(years: &Value, what: &str) -> i128 {
    years
        .as_object()
        .unwrap_or_else(|| panic!("{what} years"))
        .values()
        .map(|a| micros(a, what))
        .sum()
}

fn check(r: &Value) {
    let total = micros(&r["total"], "total");
    let years = r["years"].as_array().expect("years").len();
    let mut by_year = vec![0i128; years];
    let mut sum = 0;
    for p in r["payers"].as_array().expect("payers") {
        let t = micros(&p["total"], "payer total");
        assert_eq!(years_sum(&p["years"], "payer"), t, "{}: years add up", p["id"]);
        assert_eq!(p["years"].as_object().unwrap().len(), years, "every year");
        for (i, a) in p["years"].as_object().unwrap().values().enumerate() {
            by_year[i] += micros(a, "payer year");
        }
        if let Some(c) = p.get("compare") {
            let ct = micros(&c["total"], "compare total");
            assert_eq!(years_sum(&c["years"], "compare"), ct);
            assert_eq!(micros(&c["difference"], "difference"), t - ct);
        }
        sum += t;
    }
    assert_eq!(sum, total, "payers add up to the total");
    let year_totals: Vec<i128> = r["yearTotals"]
        .as_object()
        .expect("yearTotals")
        .values()
        .map(|a| micros(a, "year total"))
        .collect();
    assert_eq!(by_year, year_totals, "payers add up to each year's total");
    let services: i128 = r["services"]
        .as_array()
        .expect("services")
        .iter()
        .map(|s| {
            let t = micros(&s["total"], "service total");
            assert_eq!(years_sum(&s["years"], "service"), t);
            t
        })
        .sum();
    assert_eq!(services, total, "services add up to the total");
}

/// The cells of `;`-separated CSV text, quotes removed (`""` is a quote), as a spreadsheet reads
/// them.
fn cells(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ';') => out.push(String::new()),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                out.push(String::new());
            }
            (_, c) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let options = efa_rechner::PlanOptions {
        compare: (data.len() % 2 == 0).then(|| "alliance".to_string()),
        title: None,
    };
    match efa_rechner::allocate_plan_text(data, &options) {
        Ok(response) => {
            check(&serde_json::to_value(&response).expect("response serialises"));
            let csv = response.to_excel_csv();
            for cell in cells(csv.trim_start_matches('\u{feff}')) {
                assert!(
                    !cell.trim_start_matches(' ').starts_with(['=', '+', '@', '\t', '\r', '\n']),
                    "formula cell in the export: {cell:?}"
                );
            }
        }
        Err(e) => {
            assert!(!e.message.de.is_empty() && !e.message.en.is_empty());
            serde_json::to_vec(&e).expect("error serialises");
        }
    }
});
