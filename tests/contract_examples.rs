//! Every contract example gives exactly the expected cents, through the library and the CLI.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use efa_rechner::{allocate_json, gv100ad, KommunenDataset};
use serde_json::Value;
use std::path::Path;

fn dataset_for(name: &str) -> Option<KommunenDataset> {
    // Example 08 asks for level "gemeinde": it needs the real Gemeindeverzeichnis.
    if name.starts_with("08-") {
        let p = gv100ad_2025()?;
        return Some(gv100ad::parse(&std::fs::read(p).unwrap()).unwrap());
    }
    None
}

fn run_library(name: &str, request: &Path, expected: &Path) {
    let data = dataset_for(name);
    let bytes = std::fs::read(request).unwrap();
    let got = match allocate_json(&bytes, data.as_ref()) {
        Ok(r) => serde_json::to_value(&r).unwrap(),
        Err(e) => serde_json::json!({ "error": e }),
    };
    check_expected(name, &got, &read_json(expected));
    if data.is_some() {
        // The built-in Gemeinde table is the same edition: no file, the same cents.
        let builtin = serde_json::to_value(allocate_json(&bytes, None).unwrap()).unwrap();
        check_expected(
            &format!("{name} without a file"),
            &builtin,
            &read_json(expected),
        );
    }
}

#[test]
fn shared_examples_through_the_library() {
    let Some(shared) = shared("the contract examples") else {
        return;
    };
    let examples = examples_in(&shared.join("contract/examples"));
    assert!(examples.len() >= 10, "expected the 10 contract examples");
    for (name, req, exp) in &examples {
        run_library(name, req, exp);
    }
}

#[test]
fn own_fixtures_through_the_library() {
    let examples = examples_in(&repo().join("tests/fixtures/contract"));
    assert!(examples.len() >= 8);
    for (name, req, exp) in &examples {
        run_library(name, req, exp);
    }
}

#[test]
fn own_fixtures_equal_the_contract_originals() {
    let Some(shared) = shared("the fixture comparison") else {
        return;
    };
    for (name, req, exp) in examples_in(&repo().join("tests/fixtures/contract")) {
        for (ours, file) in [
            (req, format!("{name}.json")),
            (exp, format!("{name}.expected.json")),
        ] {
            let original = shared.join("contract/examples").join(file);
            assert_eq!(
                std::fs::read(&ours).unwrap(),
                std::fs::read(original).unwrap(),
                "{name}"
            );
        }
    }
}

#[test]
fn shared_examples_through_the_cli() {
    let Some(shared) = shared("the CLI examples") else {
        return;
    };
    for (name, req, exp) in examples_in(&shared.join("contract/examples")) {
        let mut args = vec!["allocate", req.to_str().unwrap()];
        let gv = gv100ad_2025();
        if name.starts_with("08-") {
            args.extend(["--gv100ad", gv.as_ref().unwrap().to_str().unwrap()]);
        }
        let (code, got) = cli(&args);
        let expected = read_json(&exp);
        assert_eq!(
            code,
            if expected.get("error").is_some() {
                2
            } else {
                0
            },
            "{name}: exit code"
        );
        check_expected(&name, &got, &expected);
    }
}

#[test]
fn cli_reads_standard_input_and_reports_bad_input_with_exit_2() {
    let (code, v) = cli_stdin(
        &["allocate", "-", "--compact"],
        br#"{"year": 2025, "costs": "1.00", "alliance": ["BY"], "colour": 1}"#,
    );
    assert_eq!(code, 2);
    assert_eq!(v["error"]["code"], "unknown_field");
    assert_eq!(v["error"]["path"], "colour");

    let (code, v) = cli(&["allocate", "/nonexistent/request.json"]);
    assert_eq!(code, 2);
    assert_eq!(v["error"]["code"], "invalid_request");
}

#[test]
fn every_part_is_explained_and_adds_up() {
    let req = br#"{"year": 2025, "costs": "1000000.00", "alliance": ["BY", "HE", "NW"], "model": "itplr-2023-35"}"#;
    let r = serde_json::to_value(allocate_json(req, None).unwrap()).unwrap();
    let he = r["payers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "HE")
        .unwrap();
    let part = &he["parts"][0];
    assert_eq!(part["weight"], "7.43709");
    assert_eq!(part["groupWeight"], "44.07373");
    assert_eq!(part["tranche"], 0);
    assert_eq!(part["exact"], "84371.007400553572");
    assert_eq!(r["key"]["id"], "ks-2019");
    for p in r["payers"].as_array().unwrap() {
        let sum: i64 = p["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| cents(&x["amount"]))
            .sum();
        assert_eq!(sum, cents(&p["amount"]), "{}", p["id"]);
    }
}

fn cents(v: &Value) -> i64 {
    v.as_str().unwrap().replace('.', "").parse().unwrap()
}
