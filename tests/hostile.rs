//! Hostile inputs that only Rust can give: the serde path into the JSON reader, and files that
//! are not regular files (devices, directories, missing files) given to the CLI. The catalogue
//! (`tests/hostile/catalogue.json`) runs through the CLI and the WASM module in one runner,
//! `tests/node/hostile.test.mjs` (format: `tests/hostile/README.md`).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// Longest an answer may take: a hang guard, not a speed target (as in the catalogue's runner).
const BUDGET: Duration = Duration::from_secs(10);

/// A fresh temporary directory for one test.
fn tmp_dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("efa-hostile-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The serde path into [`efa_rechner::Json`] (used for JS values) keeps the text reader's
/// limits: depth 64 and a size budget of the request limit.
#[test]
fn json_from_serde_is_limited() {
    use efa_rechner::Json;
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let e = serde_json::from_str::<Json>(&deep).unwrap_err();
    assert!(e.to_string().contains("nested deeper than 64"), "{e}");
    let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
    assert!(serde_json::from_str::<Json>(&ok).is_ok());
    let big = format!("[\"{}\"]", "x".repeat(2 << 20));
    let e = serde_json::from_str::<Json>(&big).unwrap_err();
    assert!(e.to_string().contains("larger than"), "{e}");
    let many = format!("[{}]", vec!["1"; 1 << 20].join(","));
    assert!(serde_json::from_str::<Json>(&many).is_err());
    let v = serde_json::from_str::<Json>(r#"{"year": 2025, "costs": "1.00", "x": [null, true]}"#)
        .unwrap();
    assert_eq!(
        v,
        Json::Object(vec![
            ("year".into(), Json::Number("2025".into())),
            ("costs".into(), Json::String("1.00".into())),
            ("x".into(), Json::Array(vec![Json::Null, Json::Bool(true)])),
        ])
    );
}

/// Files that are not regular files: endless devices, directories, missing files. The CLI reads
/// at most its limit from a stream and answers with a coded error within the budget.
#[cfg(target_os = "linux")]
#[test]
fn cli_special_files() {
    let dir = tmp_dir("special");
    let request = dir.join("request.json");
    std::fs::write(
        &request,
        br#"{"year":2025,"costs":"1.00","alliance":["BY"]}"#,
    )
    .unwrap();
    let request = request.display().to_string();
    let missing = dir.join("missing.json").display().to_string();
    let dir_s = dir.display().to_string();
    let cases: [(&[&str], &str, &str); 5] = [
        (&["allocate", "/dev/zero"], "limit_exceeded", ""),
        (
            &["allocate", &request, "--gv100ad", "/dev/zero"],
            "limit_exceeded",
            "gv100ad",
        ),
        (&["allocate", &dir_s], "invalid_request", ""),
        (&["allocate", &missing], "invalid_request", ""),
        (
            &["allocate", &request, "--gv100ad", &missing],
            "invalid_gv100ad",
            "gv100ad",
        ),
    ];
    for (args, code, path) in cases {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_efa-rechner"))
            .args(args)
            .arg("--compact")
            .output()
            .unwrap();
        let took = start.elapsed();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {v}");
        assert_eq!(v["error"]["code"], code, "{args:?}: {v}");
        assert_eq!(v["error"]["path"], path, "{args:?}: {v}");
        assert!(took < 2 * BUDGET, "{args:?}: {} ms", took.as_millis());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
