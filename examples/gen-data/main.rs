//! `make data GV100AD=FILE`: makes the built-in tables `src/data/kreise.tsv` and
//! `src/data/gemeinden.tsv` from a Destatis GV100AD file (same file, same bytes). A table that is
//! already up to date is left untouched, so cargo does not rebuild.
//!
//! Usage: cargo run --example gen-data -- FILE [--population-date YYYY-MM-DD]

mod tables;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut file, mut population_date) = (None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--population-date" => population_date = it.next().cloned(),
            _ if file.is_none() => file = Some(arg.clone()),
            _ => return fail(&format!("unexpected argument {arg:?}")),
        }
    }
    let Some(file) = file else {
        return fail("usage: gen-data GV100AD-FILE [--population-date YYYY-MM-DD]");
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => return fail(&format!("cannot read {file}: {e}")),
    };
    let tables = match tables::generate(&bytes, population_date.as_deref()) {
        Ok(t) => t,
        Err(e) => return fail(&format!("{file}: {e}")),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/data");
    for (name, text) in [
        ("kreise.tsv", &tables.kreise),
        ("gemeinden.tsv", &tables.gemeinden),
    ] {
        let path = root.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            println!(
                "gen-data: src/data/{name} is up to date ({} bytes)",
                text.len()
            );
            continue;
        }
        let tmp = root.join(format!("{name}.{}.tmp", std::process::id()));
        // Written beside and renamed: a concurrent build never sees half a table.
        if let Err(e) = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, &path)) {
            return fail(&format!("cannot write {}: {e}", path.display()));
        }
        println!("gen-data: wrote src/data/{name} ({} bytes)", text.len());
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("gen-data: {message}");
    ExitCode::FAILURE
}
