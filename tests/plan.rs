//! Plans (contract 1.1) through the library and the CLI: the plan examples give exactly their
//! expected totals, years, comparisons and ceiling flags; every plan error has its code and path;
//! CSV as spreadsheets write it; hostile plans and CSV files; German Excel CSV output.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use efa_rechner::ErrorCode;
use efa_rechner::{allocate_json, allocate_plan_text, PlanOptions};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn run(text: &[u8], options: &PlanOptions) -> Value {
    match allocate_plan_text(text, options) {
        Ok(r) => serde_json::to_value(&r).unwrap(),
        Err(e) => json!({ "error": e }),
    }
}

fn plan(text: &str) -> Value {
    run(text.as_bytes(), &PlanOptions::default())
}

fn check_example(name: &str, got: &Value, expected: &Path) {
    assert!(got.get("error").is_none(), "{name}: {got}");
    let diffs = subset_differences(&read_json(expected), got, "");
    assert!(diffs.is_empty(), "{name}:\n{}", diffs.join("\n"));
    assert_eq!(got["contractVersion"], "1.1", "{name}");
    assert_eq!(got["currency"], "EUR", "{name}");
}

#[test]
fn own_plan_examples_through_the_library() {
    let examples = plan_examples_in(&repo().join("tests/fixtures/plan"));
    assert_eq!(examples.len(), 4);
    for (name, path, expected) in examples {
        let got = run(&std::fs::read(&path).unwrap(), &PlanOptions::default());
        check_example(&name, &got, &expected);
    }
}

#[test]
fn shared_plan_examples_through_the_library_and_the_cli() {
    let Some(shared) = shared("the plan examples") else {
        return;
    };
    let examples = plan_examples_in(&shared.join("contract/plan-examples"));
    assert!(examples.len() >= 4, "expected the 4 plan examples");
    for (name, path, expected) in examples {
        let got = run(&std::fs::read(&path).unwrap(), &PlanOptions::default());
        check_example(&name, &got, &expected);
        let (code, got) = cli(&["plan", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}");
        check_example(&name, &got, &expected);
    }
}

#[test]
fn own_plan_fixtures_equal_the_contract_originals() {
    let Some(shared) = shared("the plan fixture comparison") else {
        return;
    };
    for f in std::fs::read_dir(repo().join("tests/fixtures/plan")).unwrap() {
        let p = f.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if name == "README.md" {
            continue;
        }
        let original = shared.join("contract/plan-examples").join(&name);
        assert_eq!(
            std::fs::read(&p).unwrap(),
            std::fs::read(original).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn example_11_in_detail() {
    let got = run(
        &std::fs::read(repo().join("tests/fixtures/plan/11-plan-portfolio.json")).unwrap(),
        &PlanOptions::default(),
    );
    assert_eq!(got["title"], "Drei Dienste, zwei Jahre");
    assert_eq!(got["compare"], "alliance");
    let he = got["payers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "HE")
        .unwrap();
    // The sentence of issue 13: Hessen 313.924,88 € against 485.615,44 € only in the alliances.
    assert_eq!(he["total"], "313924.88");
    assert_eq!(he["compare"]["total"], "485615.44");
    assert_eq!(he["compare"]["difference"], "-171690.56");
    assert_eq!(he["name"], "Hessen");
    assert_eq!(he["ags"], "06");
    // The fokus line exceeds its ceiling of 2,000,000.00 in 2026: a warning, amounts not cut.
    let w: Vec<&Value> = got["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "ceiling_exceeded")
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0]["path"], "plan.ceilings.fokus");
    assert!(w[0]["message"]["de"].as_str().unwrap().contains("2026"));
    assert_eq!(got["services"][0]["years"]["2026"], "1350000.00");
    assert!(got["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "itplr-2023-43"));
    // Every entry is exactly its version-1 request alone: same cents.
    for e in got["entries"].as_array().unwrap() {
        let alone =
            serde_json::to_value(allocate_json(e["request"].to_string().as_bytes(), None).unwrap())
                .unwrap();
        assert_eq!(e["total"], alone["total"]);
        let amounts = |v: &Value, key: &str| -> Vec<(Value, Value)> {
            v["payers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (p["id"].clone(), p[key].clone()))
                .collect()
        };
        assert_eq!(amounts(e, "amount"), amounts(&alone, "amount"));
    }
    // Entry 4 has no line; the entries' payers sum to the plan's payers.
    assert!(got["entries"][4].get("line").is_none());
    assert_sums(&got);
}

/// Every payer's years and every service's years are the exact sums of the entries.
fn assert_sums(got: &Value) {
    // In millionths, so that amounts with different units add up.
    let cents = |v: &Value| -> i128 {
        let s = v.as_str().unwrap();
        let (i, f) = s.split_once('.').unwrap_or((s, ""));
        format!("{i}{f:0<6}").parse().unwrap()
    };
    let mut by_payer_year = std::collections::HashMap::<(String, i64), i128>::new();
    let mut by_service_year = std::collections::HashMap::<(String, i64), i128>::new();
    for e in got["entries"].as_array().unwrap() {
        let y = e["year"].as_i64().unwrap();
        for p in e["payers"].as_array().unwrap() {
            *by_payer_year
                .entry((p["id"].as_str().unwrap().into(), y))
                .or_default() += cents(&p["amount"]);
        }
        *by_service_year
            .entry((e["service"].as_str().unwrap().into(), y))
            .or_default() += cents(&e["total"]);
    }
    let mut total = 0;
    for p in got["payers"].as_array().unwrap() {
        let mut sum = 0;
        for (y, a) in p["years"].as_object().unwrap() {
            let key = (p["id"].as_str().unwrap().to_string(), y.parse().unwrap());
            assert_eq!(cents(a), by_payer_year.get(&key).copied().unwrap_or(0));
            sum += cents(a);
        }
        assert_eq!(sum, cents(&p["total"]));
        total += sum;
    }
    assert_eq!(total, cents(&got["total"]));
    for s in got["services"].as_array().unwrap() {
        for (y, a) in s["years"].as_object().unwrap() {
            let key = (
                s["service"].as_str().unwrap().to_string(),
                y.parse().unwrap(),
            );
            assert_eq!(cents(a), by_service_year.get(&key).copied().unwrap_or(0));
        }
    }
}

#[test]
fn the_csv_plan_equals_the_same_plan_in_json() {
    let csv = plan(
        "Dienst;Linie;Jahr;Kosten;Allianz;Modell;Schlüssel\n\
         Wohngeld;fokus;2025;1.200.000,00;BY HE NW;itplr-2023-35;ks\n\
         \"Kfz-Zulassung; online\";foederal;2025;2.500.000;alle;itplr-2023-35;\n\
         Elterngeld;;2026;850.000,50;SH,HH,HB;alliance;population\n",
    );
    let json = plan(
        r#"{"plan": {"entries": [
        {"service": "Wohngeld", "line": "fokus", "year": 2025, "costs": "1200000.00", "alliance": ["BY", "HE", "NW"], "model": "itplr-2023-35", "key": "ks"},
        {"service": "Kfz-Zulassung; online", "line": "foederal", "year": 2025, "costs": "2500000", "alliance": "all", "model": "itplr-2023-35"},
        {"service": "Elterngeld", "year": 2026, "costs": "850000.50", "alliance": ["SH", "HH", "HB"], "model": "alliance", "key": "population"}]}}"#,
    );
    for field in ["years", "total", "payers", "services", "lines", "warnings"] {
        let strip = |v: &Value| {
            let mut v = v[field].clone();
            if let Some(list) = v.as_array_mut() {
                for w in list {
                    if let Some(o) = w.as_object_mut() {
                        o.remove("path");
                    }
                }
            }
            v
        };
        assert_eq!(strip(&csv), strip(&json), "{field}");
    }
    assert_eq!(csv["warnings"][0]["path"], "plan.entries[0].year");
    // The CSV line became this version-1 request.
    assert_eq!(
        csv["entries"][2]["request"],
        json!({"year": 2026, "costs": "850000.50", "alliance": ["SH", "HH", "HB"], "model": "alliance", "key": "population"})
    );
}

#[test]
fn csv_as_spreadsheets_write_it() {
    let reference = plan("service,year,costs,alliance\nWohngeld,2025,1200000.00,BY HE NW\n");
    assert!(reference.get("error").is_none(), "{reference}");
    let same = |text: &[u8]| {
        let got = run(text, &PlanOptions::default());
        assert!(got.get("error").is_none(), "{got}");
        assert_eq!(
            got["payers"],
            reference["payers"],
            "{}",
            String::from_utf8_lossy(text)
        );
    };
    // BOM, CRLF, blank lines (also Excel's ";;;" rows), any order, any case, German names.
    same(b"\xEF\xBB\xBFKOSTEN;dienst;ALLIANZ;Jahr\r\n\r\n1.200.000,00;Wohngeld;BY, HE ,NW;2025\r\n;;;\r\n\r\n");
    // Quotes with "" and a separator inside; a trailing currency sign.
    same(b"Dienst;Jahr;Kosten;Allianz\n\"Wohngeld\";\"2025\";\"1.200.000,00 \xE2\x82\xAC\";\"BY HE NW\"\n");
    // Plain amounts with `,`, English names, "Schluessel".
    same(b"Service,Year,Costs,Alliance,Schluessel\nWohngeld,2025,1200000,BY HE  NW,ks\n");
    // In a `,` file a comma in the Allianz cell is no separator (contract): one unknown Land.
    let got = plan("service,year,costs,alliance\nx,2025,1,\"BY,HE\"\n");
    assert_eq!(got["error"]["path"], "plan.entries[0].alliance[0]");
    // Upper case with the umlaut.
    same(
        "DIENST;JAHR;KOSTEN;ALLIANZ;SCHLÜSSEL\nWohngeld;2025;1.200.000,00;BY HE NW;ks\n".as_bytes(),
    );
    // Without grouping, with decimals.
    same(b"Dienst;Jahr;Kosten;Allianz\nWohngeld;2025;1200000,00;by he nw\n");

    let quoted = plan("Dienst;Jahr;Kosten;Allianz\n\"Er sagte \"\"ja\"\"\";2025;100;BY\n");
    assert_eq!(quoted["services"][0]["service"], "Er sagte \"ja\"");
    // A line break inside quotes belongs to the cell; later lines keep their numbers.
    let multi = plan("Dienst;Jahr;Kosten;Allianz\n\"zwei\nZeilen\";2025;100;BY\nx;2025;100;XX\n");
    assert_eq!(multi["error"]["code"], "unknown_land");
    assert_eq!(multi["error"]["path"], "plan.entries[1].alliance[0]");
    // The message names the cell in the spreadsheet.
    assert!(multi["error"]["message"]["de"]
        .as_str()
        .unwrap()
        .starts_with("CSV-Zeile 4, Spalte 4: "));
    // Lines as in JSON; "alle"/"ALL" in any case.
    let lines = plan("Dienst;Linie;Jahr;Kosten;Allianz;Modell\na;foederal;2025;100;ALLE;itplr-2023-35\nb;fokus;2025;100;all;itplr-2023-35\n");
    assert_eq!(lines["lines"][0]["line"], "fokus");
    assert_eq!(lines["lines"][1]["line"], "foederal");
    assert_eq!(lines["lines"][1]["amount"], "100.00");
    // Cells are taken as written: a leading space stays part of the service name.
    let spaced = plan("Dienst;Jahr;Kosten;Allianz\n Leerzeichen vorn;2025;100;BY\n");
    assert_eq!(spaced["services"][0]["service"], " Leerzeichen vorn");
}

#[test]
fn options_set_title_and_comparison_and_replace_the_plans() {
    let text = std::fs::read(repo().join("tests/fixtures/plan/12-plan-german.csv")).unwrap();
    let got = run(
        &text,
        &PlanOptions {
            compare: Some("fitko".into()),
            title: Some("Mein Plan".into()),
        },
    );
    assert_eq!(got["title"], "Mein Plan");
    assert_eq!(got["compare"], "fitko");
    let bund = got["payers"].as_array().unwrap().last().unwrap();
    assert_eq!(bund["id"], "BUND");
    // FITKO: the Bund pays 25 % of everything.
    assert_eq!(bund["compare"]["total"], "1137500.13");
    assert_eq!(got["entries"][0]["compare"]["model"], "fitko");
    // The comparison of an alliance entry with fitko: alliance_unused is no news there.
    assert!(!got["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "alliance_unused"));
    let json_text =
        std::fs::read(repo().join("tests/fixtures/plan/11-plan-portfolio.json")).unwrap();
    let replaced = run(
        &json_text,
        &PlanOptions {
            compare: Some("itplr-2023-35".into()),
            title: None,
        },
    );
    assert_eq!(replaced["compare"], "itplr-2023-35");
    assert_eq!(replaced["title"], "Drei Dienste, zwei Jahre");
    let none = plan("Dienst;Jahr;Kosten;Allianz\nx;2025;100;BY\n");
    assert!(none.get("title").is_none() && none.get("compare").is_none());
    assert!(none["payers"][0].get("compare").is_none());
}

#[test]
fn a_payer_only_in_the_comparison_appears_with_zeros() {
    let got = plan(
        r#"{"plan": {"compare": "itplr-2023-35", "entries": [{"service": "x", "year": 2025, "costs": "100.00", "alliance": ["BY"]}]}}"#,
    );
    let he = got["payers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "HE")
        .unwrap();
    assert_eq!(he["years"]["2025"], "0.00");
    assert_eq!(he["total"], "0.00");
    assert_ne!(he["compare"]["total"], "0.00");
    assert!(he["compare"]["difference"]
        .as_str()
        .unwrap()
        .starts_with('-'));
    assert_eq!(got["payers"].as_array().unwrap().len(), 17);
}

#[test]
fn sums_use_the_most_decimals_of_any_unit_and_nothing_is_rounded_again() {
    let got = plan(
        r#"{"plan": {"entries": [
        {"service": "a", "year": 2025, "costs": "100", "alliance": ["BY", "HE"], "rounding": {"unit": "1"}},
        {"service": "a", "year": 2025, "costs": "0.001", "alliance": ["BY", "HE"], "rounding": {"unit": "0.001"}},
        {"service": "b", "year": 2026, "costs": "10.00", "alliance": ["BY"]}]}}"#,
    );
    assert_eq!(got["total"], "110.001");
    assert_eq!(got["entries"][0]["total"], "100");
    assert_eq!(got["entries"][1]["total"], "0.001");
    assert_eq!(got["services"][0]["years"]["2025"], "100.001");
    assert_eq!(got["services"][0]["years"]["2026"], "0.000");
    assert_eq!(got["years"], json!([2025, 2026]));
    let by = &got["payers"][0];
    assert_eq!(by["id"], "HE");
    assert_sums(&got);
}

#[test]
fn lines_count_only_2023_35_entries_and_every_named_line_and_year_appears() {
    let got = plan(
        r#"{"plan": {"ceilings": {"foederal": "50.00"}, "entries": [
        {"service": "a", "line": "foederal", "year": 2026, "costs": "100.00", "alliance": ["BY"], "model": "itplr-2023-35"},
        {"service": "b", "line": "fokus", "year": 2025, "costs": "100.00", "alliance": ["BY"], "model": "fitko"},
        {"service": "c", "line": "foederal", "year": 2026, "costs": "1.00", "alliance": ["BY"], "model": "alliance"},
        {"service": "d", "year": 2027, "costs": "5.00", "alliance": ["BY"], "model": "itplr-2023-35"}]}}"#,
    );
    assert_eq!(
        got["lines"],
        json!([
            {"line": "fokus", "year": 2025, "amount": "0.00", "ceiling": "15000000.00", "exceeded": false},
            {"line": "foederal", "year": 2026, "amount": "100.00", "ceiling": "50.00", "exceeded": true}
        ])
    );
    let w = got["warnings"].as_array().unwrap().last().unwrap();
    assert_eq!(w["code"], "ceiling_exceeded");
    assert_eq!(w["path"], "plan.ceilings.foederal");
    // Not cut: the entry keeps its whole amount.
    assert_eq!(got["entries"][0]["total"], "100.00");
    // Exactly at the ceiling is not above it.
    let at = plan(
        r#"{"plan": {"ceilings": {"fokus": "100"}, "entries": [{"service": "a", "line": "fokus", "year": 2026, "costs": "100.00", "alliance": ["BY"], "model": "itplr-2023-35"}]}}"#,
    );
    assert_eq!(at["lines"][0]["exceeded"], false);
    // A ceiling is written as given.
    assert_eq!(at["lines"][0]["ceiling"], "100");
    assert_eq!(w["line"], "foederal");
    assert_eq!(w["year"], 2026);
}

#[test]
fn the_comparison_replaces_per_item_models_too() {
    let got = plan(
        r#"{"plan": {"compare": "alliance", "entries": [{"service": "a", "year": 2025, "alliance": ["BY", "HE"], "model": "fitko",
           "costs": [{"category": "betrieb", "amount": "100.00", "model": "itplr-2023-35"}, {"category": "nutzung", "amount": "50.00"}]}]}}"#,
    );
    let cmp = &got["entries"][0]["compare"];
    let ids: Vec<&str> = cmp["payers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["HE", "BY"]);
    assert_eq!(
        got["payers"].as_array().unwrap().last().unwrap()["compare"]["total"],
        "0.00"
    );
}

fn error_of(v: &Value) -> (String, String) {
    let e = v
        .get("error")
        .unwrap_or_else(|| panic!("expected an error, got {v}"));
    assert!(!e["message"]["de"].as_str().unwrap().is_empty());
    assert!(!e["message"]["en"].as_str().unwrap().is_empty());
    assert_ne!(e["message"]["de"], e["message"]["en"]);
    (
        e["code"].as_str().unwrap().to_string(),
        e["path"].as_str().unwrap().to_string(),
    )
}

fn entries(list: &[&str]) -> String {
    format!("{{\"plan\": {{\"entries\": [{}]}}}}", list.join(", "))
}

const OK: &str = r#"{"service": "x", "year": 2025, "costs": "1.00", "alliance": ["BY"]}"#;

#[test]
fn every_plan_error_has_its_code_and_path() {
    let many = |n: usize| entries(&vec![OK; n]);
    let cases: Vec<(ErrorCode, &str, String)> = vec![
        (ErrorCode::InvalidPlan, "", "[]".into()),
        (ErrorCode::UnknownField, "year", r#"{"year": 2025, "costs": "1.00"}"#.into()),
        (ErrorCode::MissingField, "plan", "{}".into()),
        (ErrorCode::UnknownField, "colour", r#"{"plan": {"entries": []}, "colour": 1}"#.into()),
        (ErrorCode::InvalidPlan, "plan", r#"{"plan": []}"#.into()),
        (ErrorCode::InvalidPlan, "plan.entries", r#"{"plan": {}}"#.into()),
        (ErrorCode::InvalidPlan, "plan.entries", entries(&[])),
        (ErrorCode::InvalidPlan, "plan.entries", r#"{"plan": {"entries": {}}}"#.into()),
        (ErrorCode::InvalidPlan, "plan.entries", many(501)),
        (ErrorCode::InvalidRequest, "plan.entries[1]", entries(&[OK, "[]"])),
        (ErrorCode::InvalidPlan, "plan.ceilings", format!(r#"{{"plan": {{"ceilings": "15000000", "entries": [{OK}]}}}}"#)),
        (ErrorCode::InvalidPlan, "plan.title", format!(r#"{{"plan": {{"title": "{}", "entries": [{OK}]}}}}"#, "x".repeat(121))),
        (ErrorCode::InvalidPlan, "plan.title", format!(r#"{{"plan": {{"title": "", "entries": [{OK}]}}}}"#)),
        (ErrorCode::InvalidPlan, "plan.title", format!(r#"{{"plan": {{"title": 7, "entries": [{OK}]}}}}"#)),
        (ErrorCode::UnknownField, "plan.owner", format!(r#"{{"plan": {{"owner": "x", "entries": [{OK}]}}}}"#)),
        (ErrorCode::UnknownModel, "plan.compare", format!(r#"{{"plan": {{"compare": "solidarity", "entries": [{OK}]}}}}"#)),
        (ErrorCode::UnknownModel, "plan.compare", format!(r#"{{"plan": {{"compare": {{"tranches": []}}, "entries": [{OK}]}}}}"#)),
        (ErrorCode::InvalidAmount, "plan.ceilings.fokus", format!(r#"{{"plan": {{"ceilings": {{"fokus": "15 Mio"}}, "entries": [{OK}]}}}}"#)),
        (ErrorCode::InvalidAmount, "plan.ceilings.foederal", format!(r#"{{"plan": {{"ceilings": {{"foederal": "-1"}}, "entries": [{OK}]}}}}"#)),
        (ErrorCode::UnknownField, "plan.ceilings.fokusleistungen", format!(r#"{{"plan": {{"ceilings": {{"fokusleistungen": "1"}}, "entries": [{OK}]}}}}"#)),
        (ErrorCode::MissingField, "plan.entries[0].service", entries(&[r#"{"year": 2025, "costs": "1.00", "alliance": ["BY"]}"#])),
        (ErrorCode::InvalidRequest, "plan.entries[0].service", entries(&[r#"{"service": "", "year": 2025, "costs": "1.00", "alliance": ["BY"]}"#])),
        (ErrorCode::InvalidRequest, "plan.entries[0].service", entries(&[&format!(r#"{{"service": "{}", "year": 2025, "costs": "1.00", "alliance": ["BY"]}}"#, "ö".repeat(65))])),
        (ErrorCode::InvalidRequest, "plan.entries[0].service", entries(&[r#"{"service": 12, "year": 2025, "costs": "1.00", "alliance": ["BY"]}"#])),
        // Plan fields of every entry come before any entry's version-1 fields.
        (ErrorCode::MissingField, "plan.entries[1].service", entries(&[r#"{"service": "x", "year": 1999, "costs": "1.00", "alliance": ["BY"]}"#, r#"{"year": 2025}"#])),
        (ErrorCode::InvalidLine, "plan.entries[1].line", entries(&[OK, r#"{"service": "x", "line": "Fokus", "year": 2025, "costs": "1.00", "alliance": ["BY"]}"#])),
        (ErrorCode::UnknownField, "plan.entries[0].kommunen", entries(&[r#"{"service": "x", "year": 2025, "costs": "1.00", "alliance": ["BY"], "kommunen": {"land": "BY"}}"#])),
        (ErrorCode::InvalidAmount, "plan.entries[3].costs", entries(&[OK, OK, OK, r#"{"service": "x", "year": 2025, "costs": "1,00", "alliance": ["BY"]}"#])),
        (ErrorCode::UnknownLand, "plan.entries[0].alliance[2]", entries(&[r#"{"service": "x", "year": 2025, "costs": "1.00", "alliance": ["BY", "HE", "XX"]}"#])),
        (ErrorCode::MissingField, "plan.entries[0].year", entries(&[r#"{"service": "x", "costs": "1.00", "alliance": ["BY"]}"#])),
        (ErrorCode::ZeroWeights, "plan.entries[0].key", entries(&[r#"{"service": "x", "year": 2025, "costs": "1.00", "alliance": ["BY"], "key": {"usage": {"HE": "1"}}}"#])),
        (ErrorCode::MissingField, "plan.entries[0].alliance", r#"{"plan": {"compare": "alliance", "entries": [{"service": "x", "year": 2025, "costs": "1.00", "model": "fitko"}]}}"#.into()),
        (ErrorCode::InvalidJson, "", "{\"plan\": ".into()),
        (ErrorCode::LimitExceeded, "", format!("{{\"plan\": {{\"title\": \"{}\"}}}}", "x".repeat(2 << 20))),
    ];
    for (code, path, text) in &cases {
        let got = plan(text);
        assert_eq!(
            error_of(&got),
            (code.as_str().to_string(), path.to_string()),
            "{}",
            &text[..text.len().min(300)]
        );
    }
    // 500 entries are fine.
    assert!(plan(&many(500)).get("error").is_none());
}

#[test]
fn the_plan_as_a_whole_has_a_bounded_cost() {
    // Each entry alone is within the request's limit of 50,000 parts; together they are not.
    let membership: Vec<String> = ["SH", "HH", "NI", "HB", "NW", "HE", "RP", "BW"]
        .iter()
        .enumerate()
        .map(|(i, l)| format!("\"{l}\": {{\"from\": \"2025-{:02}-01\"}}", i + 2))
        .collect();
    let items: Vec<String> = (0..150)
        .map(|_| r#"{"amount": "1.00"}"#.to_string())
        .collect();
    let entry = format!(
        r#"{{"service": "x", "year": 2025, "costs": [{}], "alliance": "all", "model": "itplr-2023-35", "membership": {{{}}}}}"#,
        items.join(","),
        membership.join(",")
    );
    let text = entries(&vec![entry.as_str(); 60]);
    let start = Instant::now();
    let got = plan(&text);
    assert_eq!(error_of(&got).0, "limit_exceeded");
    assert!(error_of(&got).1.starts_with("plan.entries["), "{got}");
    // Refused before computing (a generous bound: this is a check of the mechanism, not a timing).
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn every_csv_error_has_its_code_and_path() {
    let h = "Dienst;Linie;Jahr;Kosten;Allianz;Modell;Schlüssel\n";
    let rows = |n: usize| format!("{h}{}", "x;;2025;1,00;BY;;\n".repeat(n));
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("invalid_csv", "csv:1:1", b"".to_vec()),
        ("invalid_csv", "csv:1:1", b"\xEF\xBB\xBF\r\n".to_vec()),
        (
            "invalid_csv",
            "csv:1:1",
            b"Dienst\tJahr\tKosten\nx\t2025\t1\n".to_vec(),
        ),
        ("invalid_plan", "plan.entries", h.as_bytes().to_vec()),
        ("invalid_plan", "plan.entries", rows(501).into_bytes()),
        (
            "invalid_csv",
            "csv:3:1",
            format!("{h}a;;2025;1,00;BY;;\n\"b;;2025;1,00;BY;;\n").into_bytes(),
        ),
        (
            "invalid_csv",
            "csv:2:1",
            format!("{h}\"a\"b;;2025;1,00;BY;;\n").into_bytes(),
        ),
        // Windows-1252 with one of its five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D).
        (
            "invalid_csv",
            "csv:1:7",
            b"Dienst;Linie;Jahr;Kosten;Allianz;Modell;Schl\xFCssel\x81\n".to_vec(),
        ),
        (
            "invalid_csv",
            "csv:3:2",
            b"Dienst;Jahr;Kosten;Allianz\nM\xFCll;2025;1,00;BY\nx;20\x9D25;1,00;BY\n".to_vec(),
        ),
        // A caller that decoded a Windows-1252 file as UTF-8 passes U+FFFD.
        (
            "invalid_csv",
            "csv:2:1",
            "Dienst;Jahr;Kosten;Allianz\nM\u{fffd}ll;2025;1,00;BY\n"
                .as_bytes()
                .to_vec(),
        ),
        // Such a file as a browser decodes it (U+FFFD), in the second line of a quoted cell.
        (
            "invalid_csv",
            "csv:3:1",
            "Dienst;Jahr;Kosten;Allianz\n\"M\nM\u{fffd}ll\";2025;1,00;BY\n"
                .as_bytes()
                .to_vec(),
        ),
        // An encoding error anywhere (0x81: no Windows-1252 either) comes before what the header
        // means.
        (
            "invalid_csv",
            "csv:3:2",
            b"Dienst;Jahre;Kosten\nx;2025;1\ny;\x81;1\n".to_vec(),
        ),
        (
            "invalid_csv",
            "csv:1:4",
            b"Dienst;Jahr;Allianz\nx;2025;BY\n".to_vec(),
        ),
        ("invalid_csv", "csv:1:3", b"Jahr;Kosten\n2025;1\n".to_vec()),
        (
            "invalid_csv",
            "csv:1:4",
            b"Dienst;Jahr;Kosten;Bemerkung\nx;2025;1;y\n".to_vec(),
        ),
        (
            "invalid_csv",
            "csv:1:4",
            b"Dienst;Jahr;Kosten;service\nx;2025;1;y\n".to_vec(),
        ),
        (
            "invalid_csv",
            "csv:2:5",
            b"Dienst;Jahr;Kosten;Allianz;\nx;2025;1;BY;oops\n".to_vec(),
        ),
        (
            "invalid_csv",
            "csv:2:5",
            b"Dienst;Jahr;Kosten;Allianz\nx;2025;1;BY;oops\n".to_vec(),
        ),
        (
            "invalid_amount",
            "plan.entries[0].costs",
            format!("{h}x;;2025;1200000.00;BY;;\n").into_bytes(),
        ),
        (
            "invalid_amount",
            "plan.entries[1].costs",
            format!("{h}x;;2025;1;BY;;\nx;;2025;1.2.3;BY;;\n").into_bytes(),
        ),
        (
            "invalid_amount",
            "plan.entries[0].costs",
            format!("{h}x;;2025;-5,00;BY;;\n").into_bytes(),
        ),
        (
            "invalid_amount",
            "plan.entries[0].costs",
            b"service,year,costs,alliance\nx,2025,\"1,5\",BY\n".to_vec(),
        ),
        (
            "invalid_amount",
            "plan.entries[0].costs",
            b"service,year,costs,alliance\nx,2025,1e3,BY\n".to_vec(),
        ),
        (
            "amount_not_multiple_of_unit",
            "plan.entries[0].costs",
            format!("{h}x;;2025;1,005;BY;;\n").into_bytes(),
        ),
        (
            "invalid_year",
            "plan.entries[1].year",
            format!("{h}x;;2025;1;BY;;\nx;;25/26;1;BY;;\n").into_bytes(),
        ),
        (
            "invalid_line",
            "plan.entries[0].line",
            format!("{h}x;Fokus;2025;1;BY;;\n").into_bytes(),
        ),
        (
            "unknown_land",
            "plan.entries[0].alliance[2]",
            format!("{h}x;;2025;1;BY HE Bayern;;\n").into_bytes(),
        ),
        (
            "duplicate_land",
            "plan.entries[0].alliance[1]",
            format!("{h}x;;2025;1;BY,by;;\n").into_bytes(),
        ),
        (
            "empty_alliance",
            "plan.entries[0].alliance",
            format!("{h}x;;2025;1;,;;\n").into_bytes(),
        ),
        (
            "unknown_model",
            "plan.entries[0].model",
            format!("{h}x;;2025;1;BY;solidarisch;\n").into_bytes(),
        ),
        (
            "unknown_key",
            "plan.entries[0].key",
            format!("{h}x;;2025;1;BY;;KS\n").into_bytes(),
        ),
        (
            "missing_field",
            "plan.entries[0].service",
            format!("{h};;2025;1;BY;;\n").into_bytes(),
        ),
        (
            "missing_field",
            "plan.entries[0].alliance",
            format!("{h}x;;2025;1;;;\n").into_bytes(),
        ),
        (
            "invalid_request",
            "plan.entries[0].service",
            format!("{h}{};;2025;1;BY;;\n", "x".repeat(65)).into_bytes(),
        ),
        (
            "limit_exceeded",
            "csv:2:1",
            format!("{h}{};;2025;1;BY;;\n", "x".repeat(2000)).into_bytes(),
        ),
        (
            "limit_exceeded",
            "csv:2:1",
            format!("{h}\"{}\";;2025;1;BY;;\n", "x".repeat(2000)).into_bytes(),
        ),
        (
            "limit_exceeded",
            "csv:2:65",
            format!("{h}x;;2025;1;BY;;{}\n", ";".repeat(100)).into_bytes(),
        ),
    ];
    for (code, path, text) in &cases {
        let got = run(text, &PlanOptions::default());
        assert_eq!(
            error_of(&got),
            (code.to_string(), path.to_string()),
            "{}",
            String::from_utf8_lossy(&text[..text.len().min(300)])
        );
    }
    // A byte that is no Windows-1252 either: the message says what to do.
    let got = run(
        b"Dienst;Jahr;Kosten;Allianz\nM\x8Fll;2025;1,00;BY\n",
        &PlanOptions::default(),
    );
    assert_eq!(error_of(&got), ("invalid_csv".into(), "csv:2:1".into()));
    assert!(got["error"]["message"]["de"]
        .as_str()
        .unwrap()
        .contains("CSV UTF-8"));
    // Options are checked with their own names as paths.
    for (options, code, path) in [
        (
            PlanOptions {
                compare: Some("x".into()),
                title: None,
            },
            "unknown_model",
            "compare",
        ),
        (
            PlanOptions {
                compare: None,
                title: Some(String::new()),
            },
            "invalid_plan",
            "title",
        ),
    ] {
        let got = run(&rows(1).into_bytes(), &options);
        assert_eq!(error_of(&got), (code.to_string(), path.to_string()));
    }
}

/// Example 12 as Excel's plain "CSV (Trennzeichen-getrennt)" writes it on a German Windows:
/// Windows-1252, `\r\n`. Same result as the UTF-8 file, plus the warning `csv_windows_1252`.
#[test]
fn a_windows_1252_csv_gives_its_result_with_the_warning() {
    let utf8 =
        std::fs::read_to_string(repo().join("tests/fixtures/plan/12-plan-german.csv")).unwrap();
    let expected = repo().join("tests/fixtures/plan/12-plan-german.expected.json");
    let cp1252: Vec<u8> = utf8
        .replace('\n', "\r\n")
        .chars()
        .map(|c| match c {
            'ü' => 0xFC,
            'ö' => 0xF6,
            'ä' => 0xE4,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} is not in the fixture's Windows-1252 table"),
        })
        .collect();
    assert!(
        std::str::from_utf8(&cp1252).is_err(),
        "the fixture must not be UTF-8"
    );
    let plain = run(utf8.as_bytes(), &PlanOptions::default());
    let got = run(&cp1252, &PlanOptions::default());
    check_example("12 as Windows-1252", &got, &expected);
    let warnings = got["warnings"].as_array().unwrap();
    assert_eq!(warnings[0]["code"], "csv_windows_1252");
    assert_eq!(warnings[0]["path"], "csv");
    assert_eq!(
        &warnings[1..],
        plain["warnings"].as_array().unwrap().as_slice()
    );
    assert_eq!(got["payers"], plain["payers"]);
    // Through the CLI too.
    let (code, v) = cli_stdin(&["plan", "-"], &cp1252);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["warnings"][0]["code"], "csv_windows_1252");
    assert_eq!(v["payers"], plain["payers"]);
    // The euro sign and typographic quotes of Windows-1252's 0x80..0x9F range are read too.
    let got = run(
        b"Dienst;Jahr;Kosten;Allianz\r\n\x84Wohngeld\x93 neu;2025;1.000,00 \x80;BY\r\n",
        &PlanOptions::default(),
    );
    assert_eq!(
        got["services"][0]["service"], "\u{201e}Wohngeld\u{201c} neu",
        "{got}"
    );
    assert_eq!(got["total"], "1000.00");
}

#[test]
fn a_10_mb_cell_is_refused_at_once() {
    let mut text = b"Dienst;Jahr;Kosten;Allianz\n\"".to_vec();
    text.extend(std::iter::repeat_n(b'x', 10 << 20));
    text.extend(b"\";2025;1;BY\n");
    let start = Instant::now();
    let got = run(&text, &PlanOptions::default());
    assert_eq!(error_of(&got), ("limit_exceeded".into(), String::new()));
    assert!(start.elapsed().as_secs() < 2);
    // Through the CLI on standard input too: exit 2, coded error.
    let (code, v) = cli_stdin(&["plan", "-"], &text);
    assert_eq!(code, 2);
    assert_eq!(v["error"]["code"], "limit_exceeded");
}

#[test]
fn cli_plan_from_files_and_standard_input() {
    let dir = repo().join("tests/fixtures/plan");
    let csv = dir.join("12-plan-german.csv");
    let (code, v) = cli(&[
        "plan",
        csv.to_str().unwrap(),
        "--compare",
        "alliance",
        "--title",
        "Aus Excel",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["title"], "Aus Excel");
    check_example("12 (cli)", &v, &dir.join("12-plan-german.expected.json"));
    // JSON on standard input.
    let text = std::fs::read(dir.join("11-plan-portfolio.json")).unwrap();
    let (code, v) = cli_stdin(&["plan", "-", "--compact"], &text);
    assert_eq!(code, 0);
    check_example(
        "11 (stdin)",
        &v,
        &dir.join("11-plan-portfolio.expected.json"),
    );
    // Bad input: exit 2 with the coded error.
    let (code, v) = cli_stdin(&["plan", "-"], b"Dienst;Jahr;Kosten\n\"x;2025;1\n");
    assert_eq!(code, 2);
    assert_eq!(v["error"]["code"], "invalid_csv");
    assert_eq!(v["error"]["path"], "csv:2:1");
    let (code, v) = cli(&["plan", csv.to_str().unwrap(), "--compare", "solidarisch"]);
    assert_eq!(code, 2);
    assert_eq!(v["error"]["path"], "compare");
    let (code, _) = cli_raw(&["plan", "-", "--format", "ods"], b"");
    assert_eq!(code, 64);
}

#[test]
fn cli_writes_csv_for_german_excel() {
    let path = repo().join("tests/fixtures/plan/11-plan-portfolio.json");
    let out = Command::new(env!("CARGO_BIN_EXE_efa-rechner"))
        .args(["plan", path.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "Titel;Drei Dienste, zwei Jahre");
    assert_eq!(
        lines[2],
        "Zahler;Kennung;2025;2026;Summe;Vergleich alliance 2025;Vergleich alliance 2026;Vergleich alliance Summe;Differenz (negativ: Entlastung)"
    );
    let he = lines.iter().find(|l| l.starts_with("Hessen;")).unwrap();
    // Decimal comma; the negative difference stays a number (no apostrophe, no quotes).
    assert_eq!(
        *he,
        "Hessen;HE;130528,75;183396,13;313924,88;202490,42;283125,02;485615,44;-171690,56"
    );
    let sum = lines.iter().find(|l| l.starts_with("Summe;")).unwrap();
    assert_eq!(
        *sum,
        "Summe;;1575000,00;2660000,00;4235000,00;1575000,00;2660000,00;4235000,00;0,00"
    );
    assert!(lines.contains(&"Dienst;2025;2026;Summe"));
    assert!(lines.contains(&"Elterngeld;0,00;900000,00;900000,00"));
    // The same text through the library's exporter.
    let r = allocate_plan_text(&std::fs::read(&path).unwrap(), &PlanOptions::default()).unwrap();
    assert_eq!(r.to_excel_csv().strip_prefix('\u{feff}').unwrap(), text);
}

#[test]
fn formula_looking_service_names_are_neutralised_in_csv_output() {
    let hostile = [
        "=HYPERLINK(\"http://x.invalid\";\"klick\")",
        "+49 Dienst",
        "-Minus",
        "@SUM(A1)",
        "\tTab",
        "=1+1;2",
    ];
    let mut csv = String::from("Dienst;Jahr;Kosten;Allianz\n");
    for s in hostile {
        csv.push_str(&format!("\"{}\";2025;1,00;BY\n", s.replace('"', "\"\"")));
    }
    let (code, out) = cli_raw(&["plan", "-", "--format", "csv"], csv.as_bytes());
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&out));
    let text = String::from_utf8(out).unwrap();
    let rows = parse_semicolon_csv(text.trim_start_matches('\u{feff}'));
    let services_at = rows.iter().position(|r| r[0] == "Dienst").unwrap();
    for (row, name) in rows[services_at + 1..].iter().zip(hostile) {
        // Readable (the whole name after one apostrophe), never a formula.
        assert_eq!(row[0], format!("'{name}"));
        assert_eq!(row[1], "1,00");
    }
}

/// A strict reader of the exporter's output, as a spreadsheet splits it.
fn parse_semicolon_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ';') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}
