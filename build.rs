//! Makes sure the embedded default Kreis data (`src/data/generated/kreise.tsv`, generated from the
//! npm package landkreise-deutschland and not committed) exists and is well-formed, and passes its
//! header metadata (source, licence, reference date) to the crate as `EFA_KREISE_*` variables.
//!
//! Validating here means `crate::kreise_default` can parse the embedded file at run time without
//! any failure path: a bad file breaks the build, never a user's request.

use std::path::{Path, PathBuf};
use std::process::Command;

const TSV: &str = "src/data/generated/kreise.tsv";
const SCRIPT: &str = "scripts/gen-kreise-data.mjs";

fn main() {
    println!("cargo:rerun-if-changed={TSV}");
    println!("cargo:rerun-if-changed={SCRIPT}");

    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let tsv = root.join(TSV);
    if !tsv.is_file() {
        generate(&root);
    }
    let text = match std::fs::read_to_string(&tsv) {
        Ok(text) => text,
        Err(e) => fail(&format!(
            "{TSV} is missing ({e}) and could not be generated.\n\
             Run `make data` (it runs `make setup` first to install the npm package \
             landkreise-deutschland), or `npm ci && node {SCRIPT}`."
        )),
    };
    let meta = validate(&text).unwrap_or_else(|e| {
        fail(&format!(
            "{TSV} is malformed: {e}\nDelete it and run `make data` to regenerate it."
        ))
    });
    for (key, value) in meta {
        println!("cargo:rustc-env=EFA_KREISE_{key}={value}");
    }
}

/// Runs the generator once; its own messages (e.g. "run make setup") go to cargo's output.
fn generate(root: &Path) {
    println!("cargo:warning={TSV} is missing; running `node {SCRIPT}`");
    match Command::new("node")
        .arg(root.join(SCRIPT))
        .current_dir(root)
        .output()
    {
        Ok(out) => {
            for line in String::from_utf8_lossy(&out.stdout)
                .lines()
                .chain(String::from_utf8_lossy(&out.stderr).lines())
            {
                println!("cargo:warning={line}");
            }
        }
        Err(e) => println!("cargo:warning=cannot run node ({e}); is Node.js installed?"),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("\nerror: efa-rechner's default Kreis data: {message}\n");
    std::process::exit(1);
}

/// Checks header and rows; returns the header metadata as (variable suffix, value).
fn validate(text: &str) -> Result<Vec<(&'static str, String)>, String> {
    const KEYS: [(&str, &str); 5] = [
        ("source", "SOURCE"),
        ("package", "PACKAGE"),
        ("licence", "LICENCE"),
        ("attribution", "ATTRIBUTION"),
        ("reference-date", "REFERENCE_DATE"),
    ];
    let mut meta: Vec<(&'static str, String)> = Vec::new();
    let mut declared_rows: Option<usize> = None;
    let mut rows = 0usize;
    let mut previous = String::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if let Some(comment) = line.strip_prefix('#') {
            if rows > 0 {
                return Err(format!("line {n}: comment after the first data row"));
            }
            if let Some((key, value)) = comment.trim().split_once(": ") {
                if let Some((_, var)) = KEYS.iter().find(|(k, _)| *k == key) {
                    meta.push((var, value.trim().to_string()));
                } else if key == "rows" {
                    declared_rows = value.trim().parse().ok();
                }
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [ags, name, population] = fields[..] else {
            return Err(format!("line {n}: expected 3 tab-separated fields"));
        };
        let land: u32 = ags.get(..2).and_then(|l| l.parse().ok()).unwrap_or(0);
        if ags.len() != 5 || !ags.bytes().all(|b| b.is_ascii_digit()) || !(1..=16).contains(&land) {
            return Err(format!(
                "line {n}: AGS {ags:?} is not a 5-digit Kreis key of Land 01..16"
            ));
        }
        if ags <= previous.as_str() {
            return Err(format!(
                "line {n}: AGS {ags} is not above {previous} (sorted, unique)"
            ));
        }
        if name.trim().is_empty() || name != name.trim() || name.chars().any(char::is_control) {
            return Err(format!("line {n}: bad name {name:?}"));
        }
        if population.is_empty()
            || !population.bytes().all(|b| b.is_ascii_digit())
            || population.parse::<u64>().is_err()
        {
            return Err(format!(
                "line {n}: population {population:?} is not a whole number"
            ));
        }
        previous = ags.to_string();
        rows += 1;
    }
    for (key, var) in KEYS {
        if !meta.iter().any(|(v, _)| *v == var) {
            return Err(format!("header line `# {key}: ...` is missing"));
        }
    }
    let get = |var: &str| {
        meta.iter()
            .find(|(v, _)| *v == var)
            .map(|(_, value)| value.clone())
    };
    let package = get("PACKAGE").unwrap_or_default();
    let Some((name, version)) = package.split_once('@') else {
        return Err(format!("`# package: {package}` is not NAME@VERSION"));
    };
    let (name, version) = (name.to_string(), version.to_string());
    let date = get("REFERENCE_DATE").unwrap_or_default();
    meta.push(("PACKAGE_NAME", name));
    meta.push(("PACKAGE_VERSION", version));
    let is_iso_date = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !is_iso_date {
        return Err(format!("`# reference-date: {date}` is not YYYY-MM-DD"));
    }
    if declared_rows != Some(rows) {
        return Err(format!(
            "header says {declared_rows:?} rows, the file has {rows} (truncated?)"
        ));
    }
    Ok(meta)
}
