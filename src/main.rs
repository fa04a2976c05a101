//! `efa-rechner`: the command line over the engine, for officials' batch work and for tests.
//!
//! `efa-rechner allocate REQUEST.json [--gv100ad FILE]` prints the response JSON and exits 0;
//! on bad input it prints `{"error": {...}}` on standard output and exits 2 (the contract).
//! `efa-rechner plan FILE [--compare MODEL] [--title TEXT] [--format json|csv]` does the same for
//! a plan (contract 1.1), given as JSON or as CSV (told apart by content).

use efa_rechner::{
    allocate_json, allocate_plan_text, gv100ad, metadata, Error, ErrorEnvelope, PlanOptions,
    MAX_REQUEST_BYTES, MAX_WORKBOOK_BYTES,
};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
efa-rechner: wer zahlt was für einen EfA-Onlinedienst / who pays what for an EfA online service

Usage:
  efa-rechner allocate REQUEST.json [--gv100ad FILE] [--compact]
        Allocates one request (contract version 1). REQUEST.json '-' reads standard input.
        Prints the response JSON (exit 0) or {\"error\": {...}} (exit 2). --gv100ad loads a
        Destatis GV100AD file for the Kommune level (default: the built-in data).
        Example:
          echo '{\"year\": 2025, \"costs\": \"1000000.00\", \"alliance\": [\"BY\", \"HE\", \"NW\"], \"model\": \"itplr-2023-35\"}' | efa-rechner allocate - --compact

  efa-rechner plan PLAN.json|PLAN.csv|PLAN.xlsx|PLAN.ods [--compare MODEL] [--title TEXT] [--format json|csv|xlsx] [-o FILE] [--compact]
        A plan of many services and years (contract 1.1), JSON, CSV (UTF-8 or Windows-1252) or
        an Excel / LibreOffice workbook (contract 1.2), told apart by content, not by name; '-'
        reads standard input. --compare alliance|itplr-2023-35|fitko
        computes every entry again with that model; --format csv writes payers x years for
        German Excel (UTF-8 BOM, ';', decimal comma), --format xlsx an Excel workbook (payers,
        services, entries, the 2023/43 lines, sources); -o FILE writes there instead of to
        standard output. Exit codes as for allocate.
        Example:
          printf 'Dienst;Jahr;Kosten;Allianz;Modell\\nWohngeld;2025;1.200.000,00;BY HE NW;itplr-2023-35\\n' | efa-rechner plan - --compare alliance --format csv

  efa-rechner metadata
        Länder, key editions, models, categories, error codes and sources as JSON.
        Example:
          efa-rechner metadata

  efa-rechner --version     the version (crate, command line and npm package share it)
  efa-rechner --help        this text";

/// Largest file the CLI reads for a GV100AD file (the real one is 3.5 MB).
const MAX_FILE_BYTES: u64 = 64 << 20;
/// Largest request file the CLI reads: the engine's own limit, so a huge file is never read whole.
const MAX_REQUEST_FILE_BYTES: u64 = MAX_REQUEST_BYTES as u64;
/// Largest plan file the CLI reads: a workbook's limit (10 MB); a text plan is then held to the
/// engine's 1 MiB plan limit.
const MAX_PLAN_FILE_BYTES: u64 = MAX_WORKBOOK_BYTES as u64;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("allocate") => run_allocate(&args[1..]),
        Some("plan") => run_plan(&args[1..]),
        Some("metadata") => {
            print_json(&metadata(), false);
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            println!("efa-rechner {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(64)
        }
    }
}

fn run_allocate(args: &[String]) -> ExitCode {
    let mut request_path = None;
    let mut gv100ad_path = None;
    let mut compact = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--gv100ad" => match it.next() {
                Some(p) => gv100ad_path = Some(p.clone()),
                None => return usage_error("--gv100ad needs a file"),
            },
            "--compact" => compact = true,
            _ if request_path.is_none() => request_path = Some(a.clone()),
            _ => return usage_error(&format!("unexpected argument {a}")),
        }
    }
    let Some(request_path) = request_path else {
        return usage_error("missing REQUEST.json (or - for standard input)");
    };
    let result = (|| {
        let dataset = match &gv100ad_path {
            Some(p) => Some(gv100ad::parse(&read_file(p, "gv100ad", MAX_FILE_BYTES)?)?),
            None => None,
        };
        let request = read_file(&request_path, "", MAX_REQUEST_FILE_BYTES)?;
        // The response borrows Kommune names from the data set: write it while both live.
        allocate_json(&request, dataset.as_ref()).map(|response| to_text(&response, compact))
    })();
    match result {
        Ok(text) => {
            print_text(&text);
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_json(&ErrorEnvelope { error: &error }, compact);
            ExitCode::from(2)
        }
    }
}

fn run_plan(args: &[String]) -> ExitCode {
    let mut path = None;
    let mut options = PlanOptions::default();
    let mut format = "json";
    let mut output: Option<String> = None;
    let mut compact = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--compare" => match it.next() {
                Some(m) => options.compare = Some(m.clone()),
                None => return usage_error("--compare needs a model"),
            },
            "-o" | "--output" => match it.next() {
                Some(o) => output = Some(o.clone()),
                None => return usage_error("--output needs a file"),
            },
            "--title" => match it.next() {
                Some(t) => options.title = Some(t.clone()),
                None => return usage_error("--title needs a text"),
            },
            "--format" => match it.next().map(String::as_str) {
                Some(f @ ("json" | "csv" | "xlsx")) => format = f,
                _ => return usage_error("--format is json, csv or xlsx"),
            },
            "--compact" => compact = true,
            _ if path.is_none() => path = Some(a.clone()),
            _ => return usage_error(&format!("unexpected argument {a}")),
        }
    }
    let Some(path) = path else {
        return usage_error(
            "missing PLAN.json, PLAN.csv, PLAN.xlsx or PLAN.ods (or - for standard input)",
        );
    };
    let result = read_file(&path, "", MAX_PLAN_FILE_BYTES)
        .and_then(|text| allocate_plan_text(&text, &options));
    let response = match result {
        Ok(response) => response,
        Err(error) => {
            print_json(&ErrorEnvelope { error: &error }, compact);
            return ExitCode::from(2);
        }
    };
    let bytes = match format {
        "csv" => response.to_excel_csv().into_bytes(),
        // (the workbook writer is native only; the CLI is never built for wasm32 but by
        // `wasm-pack test`, which compiles every target)
        #[cfg(not(target_arch = "wasm32"))]
        "xlsx" => response.to_xlsx(),
        _ => (to_text(&response, compact) + "\n").into_bytes(),
    };
    match output {
        Some(file) => match std::fs::write(&file, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("efa-rechner: cannot write {file}: {e}");
                ExitCode::from(74)
            }
        },
        None => {
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = std::io::stdout().lock().write_all(&bytes);
            ExitCode::SUCCESS
        }
    }
}

/// Reads a file (or standard input for `-`) of at most `max` bytes, as a coded error on failure.
/// A regular file that is too large is refused by its size, without reading it.
fn read_file(path: &str, error_path: &str, max: u64) -> Result<Vec<u8>, Error> {
    let io_error = |e: std::io::Error| Error::file_unreadable(path, error_path, &e);
    let too_large = || Error::file_too_large(path, error_path, max >> 20);
    let mut buf = Vec::new();
    if path == "-" {
        std::io::stdin()
            .take(max + 1)
            .read_to_end(&mut buf)
            .map_err(io_error)?;
    } else {
        let file = std::fs::File::open(path).map_err(io_error)?;
        if file.metadata().is_ok_and(|m| m.is_file() && m.len() > max) {
            return Err(too_large());
        }
        file.take(max + 1).read_to_end(&mut buf).map_err(io_error)?;
    }
    if buf.len() as u64 > max {
        return Err(too_large());
    }
    Ok(buf)
}

fn to_text<T: serde::Serialize>(value: &T, compact: bool) -> String {
    let text = if compact {
        serde_json::to_string(value)
    } else {
        serde_json::to_string_pretty(value)
    };
    text.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn print_json<T: serde::Serialize>(value: &T, compact: bool) {
    print_text(&to_text(value, compact));
}

fn print_text(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = writeln!(out, "{text}");
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("efa-rechner: {msg}\n\n{USAGE}");
    ExitCode::from(64)
}
