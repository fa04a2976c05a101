//! The engine through its WASM door, in headless Chromium (`wasm-pack test --headless --chrome`):
//! every contract example gives the expected cents, bad requests give the CLI's codes and paths,
//! and a failed call leaves the module usable.
#![cfg(target_arch = "wasm32")]

use efa_rechner::wasm;
use js_sys::{Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod data {
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/wasm-test-data.rs"
    ));
}

/// Our own copies of some contract examples, present even without ../shared.
const OWN: &[(&str, &str, &str)] = &[
    (
        "01-alliance-ks",
        include_str!("fixtures/contract/01-alliance-ks.json"),
        include_str!("fixtures/contract/01-alliance-ks.expected.json"),
    ),
    (
        "02-itplr-2023-35",
        include_str!("fixtures/contract/02-itplr-2023-35.json"),
        include_str!("fixtures/contract/02-itplr-2023-35.expected.json"),
    ),
    (
        "05-mid-year-join",
        include_str!("fixtures/contract/05-mid-year-join.json"),
        include_str!("fixtures/contract/05-mid-year-join.expected.json"),
    ),
    (
        "07-tiny-amount-ties",
        include_str!("fixtures/contract/07-tiny-amount-ties.json"),
        include_str!("fixtures/contract/07-tiny-amount-ties.expected.json"),
    ),
    (
        "09-error-unknown-land",
        include_str!("fixtures/contract/09-error-unknown-land.json"),
        include_str!("fixtures/contract/09-error-unknown-land.expected.json"),
    ),
    (
        "10-error-negative",
        include_str!("fixtures/contract/10-error-negative.json"),
        include_str!("fixtures/contract/10-error-negative.expected.json"),
    ),
];

fn js_object(text: &str) -> JsValue {
    JSON::parse(text).expect("fixture is JSON")
}

fn get(v: &JsValue, field: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(field)).unwrap_or(JsValue::UNDEFINED)
}

/// Runs a request as a JS object through `allocate`; returns the response or `{"error": {...}}`.
fn run(request: &str, dataset: JsValue) -> Value {
    match wasm::allocate(js_object(request), dataset) {
        Ok(resp) => serde_json::from_str(&String::from(JSON::stringify(&resp).unwrap())).unwrap(),
        Err(e) => {
            assert_eq!(get(&e, "name").as_string().as_deref(), Some("EfaError"));
            assert!(e.is_instance_of::<js_sys::Error>(), "an Error subclass");
            let messages = get(&e, "messages");
            serde_json::json!({"error": {
                "code": get(&e, "code").as_string(),
                "path": get(&e, "path").as_string(),
                "message": {"de": get(&messages, "de").as_string(), "en": get(&messages, "en").as_string()},
            }})
        }
    }
}

fn check(name: &str, got: &Value, expected: &str) {
    let expected: Value = serde_json::from_str(expected).unwrap();
    if let Some(err) = expected.get("error") {
        assert_eq!(got["error"]["code"], err["code"], "{name}");
        assert_eq!(got["error"]["path"], err["path"], "{name}");
        return;
    }
    assert_eq!(got["total"], expected["total"], "{name}");
    for p in expected["payers"].as_array().unwrap() {
        let g = got["payers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == p["id"]);
        assert_eq!(
            g.map(|g| &g["amount"]),
            Some(&p["amount"]),
            "{name}: {}",
            p["id"]
        );
    }
    assert_eq!(
        got["payers"].as_array().unwrap().len(),
        expected["payers"].as_array().unwrap().len(),
        "{name}"
    );
    if let Some(k) = expected.get("kommunen") {
        assert_eq!(got["kommunen"]["landKeeps"], k["landKeeps"], "{name}");
        let rows = |v: &Value| -> Vec<(Value, Value)> {
            v["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (r["ags"].clone(), r["amount"].clone()))
                .collect()
        };
        assert_eq!(rows(&got["kommunen"]), rows(k), "{name}: Kommune rows");
    }
}

#[wasm_bindgen_test]
fn own_fixtures() {
    for (name, req, exp) in OWN {
        check(name, &run(req, JsValue::UNDEFINED), exp);
    }
}

#[wasm_bindgen_test]
fn every_shared_example() {
    if data::SHARED_EXAMPLES.is_empty() {
        web_sys_log("skipped every_shared_example: ../shared was not present at build time");
        return;
    }
    assert!(data::SHARED_EXAMPLES.len() >= 10);
    let dataset = data::GV100AD_2025
        .map(|bytes| wasm::load_gv100ad(js_sys::Uint8Array::from(bytes).into()).unwrap());
    for (name, req, exp) in data::SHARED_EXAMPLES {
        let needs_file = name.starts_with("08-");
        match (&dataset, needs_file) {
            (None, true) => web_sys_log("skipped example 08: GV100AD file absent"),
            (Some(d), true) => check(name, &run(req, d.clone()), exp),
            _ => check(name, &run(req, JsValue::UNDEFINED), exp),
        }
    }
}

#[wasm_bindgen_test]
fn bad_requests_give_the_cli_codes_and_paths() {
    // The same cases tests/errors.rs runs through the library and the CLI.
    let cases = [
        (
            "unknown_field",
            "colour",
            r#"{"year": 2025, "costs": "1.00", "alliance": ["BY"], "colour": 1}"#,
        ),
        (
            "invalid_amount",
            "costs[0].amount",
            r#"{"year": 2025, "costs": [{"amount": "-5.00"}], "alliance": ["BY"]}"#,
        ),
        (
            "invalid_amount",
            "costs",
            r#"{"year": 2025, "costs": "1,50", "alliance": ["BY"]}"#,
        ),
        (
            "unknown_land",
            "alliance[1]",
            r#"{"year": 2025, "costs": "1.00", "alliance": ["BY", "XX"]}"#,
        ),
        (
            "missing_field",
            "alliance",
            r#"{"year": 2025, "costs": "1.00"}"#,
        ),
        (
            "invalid_year",
            "year",
            r#"{"year": 1999, "costs": "1.00", "alliance": ["BY"]}"#,
        ),
        (
            "shares_do_not_sum_to_one",
            "key.mix",
            r#"{"year": 2025, "costs": "1.00", "alliance": ["BY"], "key": {"mix": [{"key": "ks", "weight": "0.5"}]}}"#,
        ),
        (
            "missing_gv100ad",
            "kommunen.level",
            r#"{"year": 2025, "costs": "1.00", "alliance": ["BY"], "kommunen": {"land": "BY", "level": "gemeinde"}}"#,
        ),
        (
            "date_outside_year",
            "membership.BY.from",
            r#"{"year": 2025, "costs": "1.00", "alliance": ["BY", "HE"], "membership": {"BY": {"from": "2024-01-01"}}}"#,
        ),
    ];
    for (code, path, req) in cases {
        let got = run(req, JsValue::UNDEFINED);
        assert_eq!(got["error"]["code"], code, "{req}");
        assert_eq!(got["error"]["path"], path, "{req}");
        assert!(got["error"]["message"]["de"]
            .as_str()
            .is_some_and(|s| !s.is_empty()));
        // The module stays usable after every rejected call.
        let ok = run(OWN[0].1, JsValue::UNDEFINED);
        assert_eq!(ok["total"], "1000000.00");
    }
}

#[wasm_bindgen_test]
fn numbers_from_js_are_read_as_written() {
    // JS numbers are floats; 0.1 and 12.5 must arrive as the decimals a user typed.
    let got = run(
        r#"{"year": 2025, "costs": 12.5, "alliance": "all", "key": "equal", "rounding": {"unit": 0.1}}"#,
        JsValue::UNDEFINED,
    );
    assert_eq!(got["total"], "12.5");
    let text = wasm::allocate(
        JsValue::from_str(r#"{"year": 2025, "costs": 100.10, "alliance": ["BY"]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(get(&text, "total").as_string().as_deref(), Some("100.10"));
}

#[wasm_bindgen_test]
fn responses_are_plain_objects() {
    let resp = wasm::allocate(js_object(OWN[1].1), JsValue::UNDEFINED).unwrap();
    assert!(!resp.is_instance_of::<js_sys::Map>());
    let payers = get(&resp, "payers");
    assert!(js_sys::Array::is_array(&payers));
    let first = js_sys::Array::from(&payers).get(0);
    assert!(!first.is_instance_of::<js_sys::Map>());
    assert_eq!(
        get(&first, "amount").as_string().as_deref(),
        Some("8514.45")
    );
}

#[wasm_bindgen_test]
fn metadata_lists_what_a_ui_needs() {
    let m = wasm::metadata().unwrap();
    assert_eq!(js_sys::Array::from(&get(&m, "laender")).length(), 16);
    assert_eq!(
        get(&get(&m, "kommunenDefault"), "referenceDate")
            .as_string()
            .as_deref(),
        Some("2025-11-30")
    );
    let d = get(&m, "kommunenDefault");
    assert_eq!(get(&d, "count").as_f64(), Some(400.0));
    assert_eq!(get(&d, "gemeinden").as_f64(), Some(10_953.0));
    assert_eq!(
        get(&d, "populationDate").as_string().as_deref(),
        Some("2024-12-31")
    );
}

#[wasm_bindgen_test]
fn a_bad_gv100ad_file_is_a_located_error() {
    let e = wasm::load_gv100ad(JsValue::from_str("60 kaputt\n"))
        .err()
        .unwrap();
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("invalid_gv100ad")
    );
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("gv100ad:1"));
}

fn web_sys_log(msg: &str) {
    wasm_bindgen_test::console_log!("{msg}");
}

// Plans (contract 1.1) through `allocatePlan` of the one module: our copies of the plan examples
// (tests/plan.rs checks natively that they equal ../shared's originals).
mod plans {
    use super::*;

    const PLAN_11: &str = include_str!("fixtures/plan/11-plan-portfolio.json");
    const PLAN_11_EXPECTED: &str = include_str!("fixtures/plan/11-plan-portfolio.expected.json");
    const PLAN_12: &str = include_str!("fixtures/plan/12-plan-german.csv");
    const PLAN_12_EXPECTED: &str = include_str!("fixtures/plan/12-plan-german.expected.json");

    /// Runs a plan through `allocatePlan`; returns the response or `{"error": {...}}`.
    fn run_plan(input: JsValue, options: Option<JsValue>) -> Value {
        match wasm::allocate_plan(input, options) {
            Ok(resp) => {
                serde_json::from_str(&String::from(JSON::stringify(&resp).unwrap())).unwrap()
            }
            Err(e) => {
                assert_eq!(get(&e, "name").as_string().as_deref(), Some("EfaError"));
                serde_json::json!({"error": {
                    "code": get(&e, "code").as_string(),
                    "path": get(&e, "path").as_string(),
                    "de": get(&get(&e, "messages"), "de").as_string(),
                }})
            }
        }
    }

    /// Every field the expected file names, with the same value (lists: same length and order).
    fn check_subset(name: &str, expected: &Value, got: &Value, path: &str) {
        match expected {
            Value::Object(fields) => {
                for (k, v) in fields {
                    check_subset(name, v, &got[k], &format!("{path}.{k}"));
                }
            }
            Value::Array(items) => {
                let g = got
                    .as_array()
                    .unwrap_or_else(|| panic!("{name}: {path} is no list"));
                assert_eq!(g.len(), items.len(), "{name}: {path}");
                for (i, (e, g)) in items.iter().zip(g).enumerate() {
                    check_subset(name, e, g, &format!("{path}[{i}]"));
                }
            }
            _ => assert_eq!(got, expected, "{name}: {path}"),
        }
    }

    #[wasm_bindgen_test]
    fn plan_examples_through_allocate_plan() {
        let e11: Value = serde_json::from_str(PLAN_11_EXPECTED).unwrap();
        let e12: Value = serde_json::from_str(PLAN_12_EXPECTED).unwrap();
        // Example 11 as a plan object and as JSON text, example 12 as CSV text.
        for got in [
            run_plan(js_object(PLAN_11), None),
            run_plan(JsValue::from_str(PLAN_11), Some(JsValue::UNDEFINED)),
        ] {
            check_subset("11", &e11, &got, "");
            assert_eq!(got["contractVersion"], "1.1");
            assert_eq!(got["title"], "Drei Dienste, zwei Jahre");
            assert_eq!(got["lines"][1]["exceeded"], true);
        }
        let got = run_plan(JsValue::from_str(PLAN_12), None);
        check_subset("12", &e12, &got, "");
        // Options give a CSV plan its title and comparison.
        let got = run_plan(
            JsValue::from_str(PLAN_12),
            Some(js_object(
                r#"{"compare": "alliance", "title": "Aus Excel"}"#,
            )),
        );
        check_subset("12 with options", &e12, &got, "");
        assert_eq!(got["title"], "Aus Excel");
        let he = got["payers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == "HE")
            .unwrap();
        assert!(he["compare"]["difference"]
            .as_str()
            .unwrap()
            .starts_with('-'));
    }

    #[wasm_bindgen_test]
    fn bad_plans_give_the_cli_codes_and_paths() {
        let cases = [
            (
                JsValue::from_str(
                    r#"{"plan": {"entries": [{"service": "x", "year": 2025, "costs": "1.00", "alliance": ["BY", "HE", "XX"]}]}}"#,
                ),
                None,
                "unknown_land",
                "plan.entries[0].alliance[2]",
            ),
            (
                js_object(
                    r#"{"plan": {"entries": [{"service": "x", "year": 2025, "costs": "1.00", "alliance": ["BY"], "kommunen": {"land": "BY"}}]}}"#,
                ),
                None,
                "unknown_field",
                "plan.entries[0].kommunen",
            ),
            (
                JsValue::from_str("Dienst;Jahr;Kosten\n\"x;2025;1\n"),
                None,
                "invalid_csv",
                "csv:2:1",
            ),
            (
                JsValue::from_str("Dienst;Jahr;Kosten;Allianz\nM\u{fffd}ll;2025;1;BY\n"),
                None,
                "invalid_csv",
                "csv:2:1",
            ),
            (
                JsValue::from_str(PLAN_12),
                Some(js_object(r#"{"compare": "solidarisch"}"#)),
                "unknown_model",
                "compare",
            ),
            (
                JsValue::from_str(PLAN_12),
                Some(js_object(r#"{"colour": "blue"}"#)),
                "unknown_field",
                "options.colour",
            ),
            (JsValue::NULL, None, "invalid_plan", ""),
        ];
        for (input, options, code, path) in cases {
            let got = run_plan(input, options);
            assert_eq!(got["error"]["code"], code, "{got}");
            assert_eq!(got["error"]["path"], path, "{got}");
            assert!(got["error"]["de"].as_str().is_some_and(|s| !s.is_empty()));
            // The module stays usable after every rejected plan.
            let ok = run_plan(JsValue::from_str(PLAN_12), None);
            assert_eq!(ok["total"], "4550000.50");
        }
    }

    #[wasm_bindgen_test]
    fn allocate_plan_csv_writes_german_excel() {
        let text = wasm::allocate_plan_csv(JsValue::from_str(PLAN_11), None).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains(
        "\r\nHessen;HE;130528,75;183396,13;313924,88;202490,42;283125,02;485615,44;-171690,56\r\n"
    ));
        let hostile = wasm::allocate_plan_csv(
            JsValue::from_str("Dienst;Jahr;Kosten;Allianz\n\"=HYPERLINK(\"\"x\"\")\";2025;1;BY\n"),
            None,
        )
        .unwrap();
        assert!(
            hostile.contains("\r\n\"'=HYPERLINK(\"\"x\"\")\";1,00;1,00\r\n"),
            "{hostile}"
        );
    }
}

/// A `Blob` and a `ReadableStream` are read chunk by chunk (web-sys streams) into the same data
/// set as the bytes at once; a record cut short in a stream is the same located error.
#[wasm_bindgen_test]
async fn streaming_load_equals_loading_at_once() {
    const FIXTURE: &[u8] = include_bytes!("fixtures/gv100ad/valid-utf8.txt");
    let request = r#"{"year": 2025, "costs": "1000.00", "model": "fitko", "kommunen": {"land": "BY", "level": "gemeinde"}}"#;
    let at_once = wasm::load_gv100ad(js_sys::Uint8Array::from(FIXTURE).into()).unwrap();
    let want =
        JSON::stringify(&wasm::allocate(JsValue::from_str(request), at_once).unwrap()).unwrap();
    let blob_of = |bytes: &[u8]| {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
    };
    let load = |input: JsValue| async move {
        let promise = wasm::load_gv100ad(input)?;
        assert!(promise.is_instance_of::<js_sys::Promise>());
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await
    };
    let from_blob = load(blob_of(FIXTURE).into()).await.unwrap();
    assert_eq!(get(&from_blob, "gemeinden").as_f64(), Some(9.0));
    let got =
        JSON::stringify(&wasm::allocate(JsValue::from_str(request), from_blob).unwrap()).unwrap();
    assert_eq!(got, want);
    let from_stream = load(blob_of(FIXTURE).stream().into()).await.unwrap();
    let got =
        JSON::stringify(&wasm::allocate(JsValue::from_str(request), from_stream).unwrap()).unwrap();
    assert_eq!(got, want);
    // cut inside record 4, as a stream: the line the whole-file reader names
    let e = load(blob_of(&FIXTURE[..700]).into()).await.unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("invalid_gv100ad")
    );
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("gv100ad:4"));
}
