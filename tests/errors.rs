//! Every error code is reachable, with its path and messages in German and English, and none
//! panics. Each case: (code, path, request).
#![cfg(not(target_arch = "wasm32"))]

use efa_rechner::ErrorCode;
use efa_rechner::{allocate_json, gv100ad};

const BASE: &str = r#""year": 2025, "costs": "100.00""#;

fn req(rest: &str) -> String {
    format!("{{{BASE}, {rest}}}")
}

fn cases() -> Vec<(ErrorCode, &'static str, String)> {
    use ErrorCode::*;
    vec![
        (InvalidJson, "", "{\"year\": 2025,".into()),
        (InvalidJson, "", "[1, 2".into()),
        (InvalidJson, "alliance", r#"{"year": 2025, "costs": "1.00", "alliance": ["BY"], "alliance": ["HE"]}"#.into()),
        (InvalidRequest, "", "[1, 2]".into()),
        (InvalidRequest, "membership", req(r#""alliance": ["BY"], "membership": ["BY"]"#)),
        (InvalidRequest, "costs", r#"{"year": 2025, "costs": [], "alliance": ["BY"]}"#.into()),
        (InvalidRequest, "costs[0].category", r#"{"year": 2025, "costs": [{"category": "", "amount": "1"}], "alliance": ["BY"]}"#.into()),
        (InvalidRequest, "kommunen.level", req(r#""alliance": ["BY"], "kommunen": {"land": "BY", "level": "land"}"#)),
        (InvalidRequest, "kommunen.exemptBelow", req(r#""alliance": ["BY"], "kommunen": {"land": "BY", "exemptBelow": -1}"#)),
        (UnknownField, "colour", req(r#""alliance": ["BY"], "colour": "blue""#)),
        (UnknownField, "costs[0].amout", r#"{"year": 2025, "costs": [{"amout": "1"}], "alliance": ["BY"]}"#.into()),
        (UnknownField, "membership.BY.form", req(r#""alliance": ["BY"], "membership": {"BY": {"form": "2025-01-01"}}"#)),
        (UnknownField, "kommunen.share", req(r#""alliance": ["BY"], "kommunen": {"land": "BY", "share": "0.5"}"#)),
        (MissingField, "year", r#"{"costs": "1.00", "alliance": ["BY"]}"#.into()),
        (MissingField, "costs", r#"{"year": 2025, "alliance": ["BY"]}"#.into()),
        (MissingField, "costs[1].amount", r#"{"year": 2025, "costs": [{"amount": "1"}, {"category": "betrieb"}], "alliance": ["BY"]}"#.into()),
        (MissingField, "alliance", r#"{"year": 2025, "costs": "1.00"}"#.into()),
        (MissingField, "kommunen.land", req(r#""alliance": ["BY"], "kommunen": {}"#)),
        (MissingField, "model.tranches[0].payers", req(r#""alliance": ["BY"], "model": {"tranches": [{"share": "1"}]}"#)),
        (InvalidYear, "year", r#"{"year": 1999, "costs": "1.00", "alliance": ["BY"]}"#.into()),
        (InvalidYear, "year", r#"{"year": "2025", "costs": "1.00", "alliance": ["BY"]}"#.into()),
        (InvalidYear, "year", r#"{"year": 2025.5, "costs": "1.00", "alliance": ["BY"]}"#.into()),
        (InvalidAmount, "costs", r#"{"year": 2025, "costs": "1,50", "alliance": ["BY"]}"#.into()),
        (InvalidAmount, "costs", r#"{"year": 2025, "costs": "10000000000000.01", "alliance": ["BY"]}"#.into()),
        (InvalidAmount, "costs", r#"{"year": 2025, "costs": 1e400, "alliance": ["BY"]}"#.into()),
        (InvalidAmount, "costs", r#"{"year": 2025, "costs": "-0", "alliance": ["BY"]}"#.into()),
        (InvalidAmount, "costs[0].amount", r#"{"year": 2025, "costs": [{"category": "betrieb", "amount": "-5.00"}], "alliance": ["BY"]}"#.into()),
        (AmountNotMultipleOfUnit, "costs", r#"{"year": 2025, "costs": "1.005", "alliance": ["BY"]}"#.into()),
        (AmountNotMultipleOfUnit, "costs", r#"{"year": 2025, "costs": "1.50", "alliance": ["BY"], "rounding": {"unit": "1"}}"#.into()),
        (UnknownLand, "alliance[1]", req(r#""alliance": ["BY", "XX"]"#)),
        (UnknownLand, "model.tranches[0].payers[0]", req(r#""alliance": ["BY"], "model": {"tranches": [{"share": "1", "payers": ["Bayern"]}]}"#)),
        (UnknownLand, "membership.YY", req(r#""alliance": ["BY"], "membership": {"YY": {}}"#)),
        (UnknownLand, "kommunen.land", req(r#""alliance": ["BY"], "kommunen": {"land": "DE-XX"}"#)),
        (DuplicateLand, "alliance[2]", req(r#""alliance": ["BY", "HE", "de-by"]"#)),
        (DuplicateLand, "key.weights.09", req(r#""alliance": ["BY"], "key": {"weights": {"BY": "1", "09": "2"}}"#)),
        (InvalidAlliance, "alliance", req(r#""alliance": "alle""#)),
        (InvalidAlliance, "alliance", req(r#""alliance": 16"#)),
        (EmptyAlliance, "alliance", req(r#""alliance": []"#)),
        (UnknownModel, "model", req(r#""alliance": ["BY"], "model": "itplr-2023""#)),
        (UnknownModel, "costs[0].model", r#"{"year": 2025, "costs": [{"amount": "1", "model": 3}], "alliance": ["BY"]}"#.into()),
        (InvalidPayers, "model.tranches[1].payers", req(r#""alliance": ["BY"], "model": {"tranches": [{"share": "0.5", "payers": "all"}, {"share": "0.5", "payers": "kommunen"}]}"#)),
        (InvalidPayers, "model.tranches[0].payers", req(r#""alliance": ["BY"], "model": {"tranches": [{"share": "1", "payers": []}]}"#)),
        (InvalidRatio, "model.tranches[0].share", req(r#""alliance": ["BY"], "model": {"tranches": [{"share": "1.2", "payers": "all"}]}"#)),
        (InvalidRatio, "kommunen.landShare", req(r#""alliance": ["BY"], "kommunen": {"land": "BY", "landShare": "50%"}"#)),
        (SharesDoNotSumToOne, "model.tranches", req(r#""alliance": ["BY"], "model": {"tranches": [{"share": "0.6", "payers": "all"}, {"share": "0.3", "payers": "bund"}]}"#)),
        (SharesDoNotSumToOne, "key.mix", req(r#""alliance": ["BY"], "key": {"mix": [{"key": "ks", "weight": "0.5"}, {"key": "equal", "weight": "0.4"}]}"#)),
        (UnknownKey, "key", req(r#""alliance": ["BY"], "key": "ks-2017""#)),
        (UnknownKey, "key", req(r#""alliance": ["BY"], "key": {"inhabitants": {}}"#)),
        (UnknownKey, "kommunen.key", req(r#""alliance": ["BY"], "kommunen": {"land": "BY", "key": "ks"}"#)),
        (InvalidWeight, "key.usage.BY", req(r#""alliance": ["BY"], "key": {"usage": {"BY": "viel"}}"#)),
        (InvalidWeight, "key.weights", req(r#""alliance": ["BY"], "key": {"weights": ["BY"]}"#)),
        (ZeroWeights, "key", req(r#""alliance": ["BY", "HE"], "key": {"usage": {"NW": "5"}}"#)),
        (ZeroWeights, "kommunen.exemptBelow", req(r#""alliance": ["HB"], "kommunen": {"land": "HB", "exemptBelow": 100000000}"#)),
        (NotAMember, "membership.HE", req(r#""alliance": ["BY"], "membership": {"HE": {"from": "2025-07-01"}}"#)),
        (NotAMember, "membership.BY", r#"{"year": 2025, "costs": "1.00", "model": "fitko", "membership": {"BY": {"from": "2025-07-01"}}}"#.into()),
        (InvalidDate, "membership.BY.from", req(r#""alliance": ["BY"], "membership": {"BY": {"from": "2025-02-29"}}"#)),
        (InvalidDate, "membership.BY.to", req(r#""alliance": ["BY"], "membership": {"BY": {"to": "31.12.2025"}}"#)),
        (DateOutsideYear, "membership.BY.from", req(r#""alliance": ["BY"], "membership": {"BY": {"from": "2024-07-01"}}"#)),
        (EmptyPeriod, "membership.BY", req(r#""alliance": ["BY"], "membership": {"BY": {"from": "2025-07-01", "to": "2025-06-30"}}"#)),
        (EmptyPeriod, "membership", req(r#""alliance": ["BY"], "membership": {"BY": {"from": "2025-07-01"}}"#)),
        (NotAPayer, "kommunen.land", req(r#""alliance": ["BY"], "kommunen": {"land": "HE"}"#)),
        (InvalidUnit, "rounding.unit", req(r#""alliance": ["BY"], "rounding": {"unit": "0"}"#)),
        (InvalidUnit, "rounding.unit", req(r#""alliance": ["BY"], "rounding": {"unit": "0.0000001"}"#)),
        (LimitExceeded, "", format!("{{\"year\": 2025, \"costs\": \"1.00\", \"alliance\": [\"BY\"], \"pad\": \"{}\"}}", "x".repeat(2 << 20))),
    ]
}

#[test]
fn every_code_is_reached_with_its_path() {
    let cases = cases();
    for (code, path, request) in &cases {
        let err = allocate_json(request.as_bytes(), None)
            .err()
            .unwrap_or_else(|| {
                panic!("expected {code} for {}", &request[..request.len().min(200)])
            });
        assert_eq!(
            (err.code, err.path.as_str()),
            (*code, *path),
            "{}",
            &request[..request.len().min(200)]
        );
        assert!(!err.message.de.is_empty() && !err.message.en.is_empty());
        assert_ne!(
            err.message.de, err.message.en,
            "{code}: German and English differ"
        );
    }
    // invalid_gv100ad is reached through the file reader.
    let e = gv100ad::parse(b"99 not a GV100AD record\n").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidGv100ad);
    assert_eq!(e.path, "gv100ad:1");

    // The plan codes (contract 1.1) are reached through the plan reader (tests/plan.rs has them
    // all with their paths).
    let plan_cases = [
        (
            ErrorCode::InvalidPlan,
            "plan.entries",
            r#"{"plan": {"entries": []}}"#,
        ),
        (
            ErrorCode::InvalidLine,
            "plan.entries[0].line",
            r#"{"plan": {"entries": [{"service": "x", "line": "fokusleistung", "year": 2025, "costs": "1", "alliance": ["BY"]}]}}"#,
        ),
        (
            ErrorCode::InvalidCsv,
            "csv:2:1",
            "Dienst;Jahr;Kosten\n\"x;2025;1\n",
        ),
        // A ZIP archive that is no workbook (tests/sheet.rs has the workbook errors).
        (
            ErrorCode::InvalidSheet,
            "sheet",
            "PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        ),
    ];
    for (code, path, text) in plan_cases {
        let err =
            efa_rechner::allocate_plan_text(text.as_bytes(), &Default::default()).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (code, path), "{text}");
        assert_ne!(err.message.de, err.message.en);
    }

    // missing_gv100ad: the native library and the CLI embed the Gemeinde table, so only a WASM
    // module that has not been given the package's table yet reports it (tests/wasm.rs).
    let reached: std::collections::HashSet<_> = cases
        .iter()
        .map(|c| c.0)
        .chain([ErrorCode::InvalidGv100ad, ErrorCode::MissingGv100ad])
        .chain(plan_cases.iter().map(|c| c.0))
        .collect();
    for code in ErrorCode::ALL {
        assert!(reached.contains(&code), "no test reaches {code}");
    }
}

#[test]
fn messages_are_bilingual_on_the_wire() {
    let err = allocate_json(
        br#"{"year": 2025, "costs": "100.00", "alliance": ["BY", "XX"]}"#,
        None,
    )
    .unwrap_err();
    let v = serde_json::to_value(efa_rechner::ErrorEnvelope { error: &err }).unwrap();
    assert_eq!(v["error"]["code"], "unknown_land");
    assert_eq!(v["error"]["path"], "alliance[1]");
    assert_eq!(
        v["error"]["message"]["de"],
        "Unbekanntes Land: \"XX\" (erwartet z. B. \"BY\", \"DE-BY\" oder \"09\")"
    );
    assert_eq!(
        v["error"]["message"]["en"],
        "Unknown Land: \"XX\" (expected e.g. \"BY\", \"DE-BY\" or \"09\")"
    );
}
