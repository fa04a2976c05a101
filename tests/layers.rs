//! The house rule of `src/`: folders follow the data flow, and a module only uses the layers
//! before it. Reads every `.rs` file under `src/` and fails on a `crate::` path that reaches up a
//! layer, on a circle between files, and on `wasm_bindgen` outside the WASM door.
//!
//! Layers, bottom up: `error` → `num` → `text` → `data` → `contract` → `calc` → `plan` → the
//! doors (`lib.rs`, `wasm.rs`). Within a layer, files may use each other, but never in a circle.
//! Cross-file uses are written as `crate::…` paths (a `use super::…` is for a file's own tests),
//! which is what makes them checkable here.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LAYERS: [&str; 7] = ["error", "num", "text", "data", "contract", "calc", "plan"];

/// A module's layer: its top folder's position; the doors are above every layer.
fn layer(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or_default();
    LAYERS
        .iter()
        .position(|l| *l == top)
        .unwrap_or(LAYERS.len())
}

/// Every source file as (module path, text): `src/data/gv100ad.rs` is `data::gv100ad`,
/// `src/data/mod.rs` is `data`, `src/lib.rs` is `crate`.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                let mut p = prefix.to_vec();
                p.push(name);
                walk(&path, &p, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut p = prefix.to_vec();
                if !matches!(name.as_str(), "mod" | "lib" | "main") {
                    p.push(name);
                }
                let module = if p.is_empty() {
                    "crate".to_string()
                } else {
                    p.join("::")
                };
                let text = std::fs::read_to_string(&path).unwrap();
                // main.rs is the CLI, a crate of its own over the public API.
                if !path.ends_with("main.rs") {
                    out.insert(module, text);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &[],
        &mut out,
    );
    out
}

/// The code of a file without comments (doc links may name any module) and without its
/// `#[cfg(test)]` tests module (tests may reach wherever they need to).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file uses through `crate::a::b::…` paths, each resolved to the longest path
/// that is a module (a file).
fn uses(code: &str, known: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        let target = (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find(|m| known.contains_key(m))
            .unwrap_or_else(|| "crate".to_string());
        out.insert(target);
    }
    out
}

#[test]
fn no_module_reaches_up_a_layer() {
    let modules = modules();
    assert!(modules.len() > 20, "read the source files");
    let mut wrong = Vec::new();
    for (module, text) in &modules {
        for target in uses(&code(text), &modules) {
            if layer(&target) > layer(module) {
                wrong.push(format!(
                    "{module} (layer {}) uses crate::{target} (layer {})",
                    layer(module),
                    layer(&target)
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "lower layers reach up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_circle_between_files() {
    let modules = modules();
    let graph: BTreeMap<&str, BTreeSet<String>> = modules
        .iter()
        .map(|(m, text)| {
            let mut targets = uses(&code(text), &modules);
            targets.remove(m);
            (m.as_str(), targets)
        })
        .collect();
    // Depth-first search; a node met again while on the stack closes a circle.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<&str, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            let mut circle: Vec<String> = stack[at..].iter().map(|s| s.to_string()).collect();
            circle.push(node.to_string());
            return Some(circle);
        }
        if !done.insert(node) {
            return None;
        }
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(circle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("import circle: {}", circle.join(" → "));
        }
    }
}

#[test]
fn only_the_wasm_door_imports_wasm_bindgen() {
    for (module, text) in modules() {
        if module != "wasm" {
            assert!(
                !code(&text).contains("wasm_bindgen"),
                "{module} uses wasm_bindgen; only src/wasm.rs may"
            );
        }
    }
}

/// The checks above would pass on an empty crate or a parser that finds nothing; this one
/// makes sure they see real uses.
#[test]
fn the_checker_sees_the_uses() {
    let modules = modules();
    let of = |m: &str| uses(&code(&modules[m]), &modules);
    assert!(of("calc::allocate").contains("contract::request"));
    assert!(of("plan::allocate").contains("calc::allocate"));
    assert!(of("data::gv100ad").contains("error"));
    assert_eq!(layer("error"), 0);
    assert!(layer("plan::export") > layer("calc::keys"));
    assert!(layer("wasm") > layer("plan"));
    // A use from below is caught: `num` reaching into `calc`.
    let fake = "use crate::calc::allocate::allocate;";
    let targets = uses(fake, &modules);
    assert!(targets.iter().any(|t| layer(t) > layer("num::money")));
}
