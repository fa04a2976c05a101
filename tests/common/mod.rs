//! Shared helpers of the integration tests.
#![allow(dead_code)]

pub mod zip;

use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, or `None` with a clear skip message.
pub fn shared(what: &str) -> Option<PathBuf> {
    let p = repo().join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped {what}: ../shared is not present beside the repository");
        None
    }
}

pub fn gv100ad_2025() -> Option<PathBuf> {
    let p = shared("GV100AD data")?.join("data/gv100ad/GV100AD_30112025.txt");
    p.is_file().then_some(p)
}

/// Examples as (name, request path, expected path), sorted by name.
pub fn examples_in(dir: &Path) -> Vec<(String, PathBuf, PathBuf)> {
    with_expected(dir, &[".json"])
}

pub fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// Checks a response (or `{"error": ...}`) against an `.expected.json`: total, every payer's id and
/// amount in order, Kommune `landKeeps` and rows where given, or error code and path.
pub fn check_expected(name: &str, got: &Value, expected: &Value) {
    if let Some(err) = expected.get("error") {
        let g = got
            .get("error")
            .unwrap_or_else(|| panic!("{name}: expected an error, got {got}"));
        assert_eq!(g["code"], err["code"], "{name}: error code");
        assert_eq!(g["path"], err["path"], "{name}: error path");
        assert!(
            g["message"]["de"].as_str().is_some_and(|s| !s.is_empty()),
            "{name}: German message"
        );
        assert!(
            g["message"]["en"].as_str().is_some_and(|s| !s.is_empty()),
            "{name}: English message"
        );
        return;
    }
    assert!(got.get("error").is_none(), "{name}: unexpected error {got}");
    assert_eq!(got["total"], expected["total"], "{name}: total");
    let ids = |v: &Value| -> Vec<(String, String)> {
        v["payers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["id"].as_str().unwrap().to_string(),
                    p["amount"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let mut want = ids(expected);
    let have = ids(got);
    // Expected files list payers in any order; the response orders them by AGS, then the Bund.
    want.sort_by_key(|(id, _)| have.iter().position(|(h, _)| h == id).unwrap_or(usize::MAX));
    assert_eq!(have, want, "{name}: payers");
    if let Some(k) = expected.get("kommunen") {
        let g = &got["kommunen"];
        assert_eq!(g["land"], k["land"], "{name}: kommunen.land");
        assert_eq!(g["landKeeps"], k["landKeeps"], "{name}: landKeeps");
        let rows = |v: &Value| -> Vec<(String, String)> {
            v["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["ags"].as_str().unwrap().to_string(),
                        r["amount"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(rows(g), rows(k), "{name}: Kommune rows");
    }
}

/// Checks that every field `expected` names is in `got` with the same value (lists: same length,
/// same order, element by element). Returns the differences, empty when `got` matches.
pub fn subset_differences(expected: &Value, got: &Value, path: &str) -> Vec<String> {
    match expected {
        Value::Object(fields) => {
            let Some(g) = got.as_object() else {
                return vec![format!("{path}: expected an object, got {got}")];
            };
            fields
                .iter()
                .flat_map(|(k, v)| match g.get(k) {
                    Some(gv) => subset_differences(v, gv, &format!("{path}.{k}")),
                    None => vec![format!("{path}.{k}: missing")],
                })
                .collect()
        }
        Value::Array(items) => match got.as_array() {
            Some(g) if g.len() == items.len() => items
                .iter()
                .zip(g)
                .enumerate()
                .flat_map(|(i, (e, g))| subset_differences(e, g, &format!("{path}[{i}]")))
                .collect(),
            _ => vec![format!("{path}: expected {} items, got {got}", items.len())],
        },
        _ if expected == got => Vec::new(),
        _ => vec![format!("{path}: expected {expected}, got {got}")],
    }
}

/// Plan examples as (name, plan path, expected path): `*.json`, `*.csv`, `*.xlsx` and `*.ods`
/// with an `.expected.json` beside them, sorted by name.
pub fn plan_examples_in(dir: &Path) -> Vec<(String, PathBuf, PathBuf)> {
    with_expected(dir, &[".json", ".csv", ".xlsx", ".ods"])
}

/// The files in `dir` ending in one of `suffixes` that have a `STEM.expected.json` beside them,
/// as (stem, path, expected path), sorted by stem.
fn with_expected(dir: &Path, suffixes: &[&str]) -> Vec<(String, PathBuf, PathBuf)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            let name = p.file_name()?.to_str()?.to_string();
            let stem = suffixes.iter().find_map(|s| name.strip_suffix(s))?;
            if stem.ends_with(".expected") {
                return None;
            }
            let expected = dir.join(format!("{stem}.expected.json"));
            expected
                .is_file()
                .then(|| (stem.to_string(), p.clone(), expected))
        })
        .collect();
    out.sort();
    out
}

/// Runs the CLI binary; its exit code and its standard output as JSON.
pub fn cli(args: &[&str]) -> (i32, Value) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_efa-rechner"))
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

/// Runs the CLI binary with `stdin` on its standard input; its exit code and raw output.
pub fn cli_raw(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_efa-rechner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The CLI may stop reading early (size limit): a broken pipe is fine.
    let _ = input.write_all(stdin);
    drop(input);
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout)
}

/// [`cli_raw`] with the output read as JSON.
pub fn cli_stdin(args: &[&str], stdin: &[u8]) -> (i32, Value) {
    let (code, out) = cli_raw(args, stdin);
    (code, serde_json::from_slice(&out).unwrap())
}
