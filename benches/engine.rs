//! Benchmarks of the engine (`cargo bench --profile native`, as `make bench` runs them), with a tiny
//! dependency-free harness: warm-up, then timed runs, reporting median and p95. No criterion, so
//! that CI stays lean and the WASM build never sees a benchmark dependency. (The `native` profile
//! has its own folder: the `bench` profile shares `target/release` with the release build, whose
//! library differs in `panic`, and the two then collide at link time.)

// The one ZIP writer of the tests.
#[path = "../tests/common/zip.rs"]
mod zip;

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Timing summary of one benchmark, in milliseconds.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // fields are for benchmarks that assert on timings
struct Summary {
    median_ms: f64,
    p95_ms: f64,
    min_ms: f64,
}

/// Runs `f` a few times to warm caches and the allocator, then `iterations` timed times, prints
/// one line `name: median X ms, p95 Y ms, min Z ms (N runs)` and returns the numbers.
fn bench<T>(name: &str, iterations: usize, mut f: impl FnMut() -> T) -> Summary {
    let iterations = iterations.max(1);
    let warm_up = (iterations / 10).clamp(1, 10);
    for _ in 0..warm_up {
        black_box(f());
    }
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |q: f64| {
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        ms(times[i.min(times.len() - 1)])
    };
    let summary = Summary {
        median_ms: at(0.5),
        p95_ms: at(0.95),
        min_ms: ms(times[0]),
    };
    println!(
        "{name:<40} median {:>9.3} ms   p95 {:>9.3} ms   min {:>9.3} ms   ({iterations} runs)",
        summary.median_ms, summary.p95_ms, summary.min_ms
    );
    summary
}

/// A file from ../shared/data, or `None` with a message where it is not checked out.
fn shared_file(relative: &str) -> Option<Vec<u8>> {
    let path = format!("{}/../shared/data/{relative}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            println!("skipped: ../shared not present ({path} not found)");
            None
        }
    }
}

fn bench_gv100ad() {
    let Some(bytes) = shared_file("gv100ad/GV100AD_30112025.txt") else {
        return;
    };
    bench("gv100ad::parse 2025 (3.5 MB, UTF-8)", 100, || {
        efa_rechner::gv100ad::parse(black_box(&bytes))
    });
    if let Ok(text) = std::str::from_utf8(&bytes) {
        bench("gv100ad::parse_str 2025", 100, || {
            efa_rechner::gv100ad::parse_str(black_box(text))
        });
        // Latin-1 path: the same file with the few non-Latin-1 letters replaced.
        let latin1: Vec<u8> = text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect();
        bench("gv100ad::parse 2025 re-encoded Latin-1", 100, || {
            efa_rechner::gv100ad::parse(black_box(&latin1))
        });
    }
}

fn bench_kreise_default() {
    // The first call parses the embedded Kreis table; later calls are a pointer read.
    let start = Instant::now();
    black_box(efa_rechner::metadata());
    println!(
        "{:<40} first call {:>6.3} ms",
        "metadata (built-in Kreise parsed)",
        start.elapsed().as_secs_f64() * 1e3
    );
}

fn bench_allocate() {
    let itplr = br#"{"year": 2025, "costs": "1000000.00", "alliance": ["BY", "HE", "NW"], "model": "itplr-2023-35"}"#;
    bench("allocate 16 Länder itplr-2023-35 (JSON in)", 2000, || {
        efa_rechner::allocate_json(black_box(itplr), None)
    });
    let kreise = br#"{"year": 2025, "costs": "1000000.00", "alliance": "all", "model": "itplr-2023-35", "kommunen": {"land": "BY", "landShare": "0.5", "exemptBelow": 1000}}"#;
    bench("allocate + Kreise of Bayern (default data)", 2000, || {
        efa_rechner::allocate_json(black_box(kreise), None)
    });
    let Some(bytes) = shared_file("gv100ad/GV100AD_30112025.txt") else {
        return;
    };
    let Ok(data) = efa_rechner::gv100ad::parse(&bytes) else {
        println!("skipped: the GV100AD file does not parse");
        return;
    };
    // A parsed request with the Land's whole amount on the Gemeinde level: the split of one
    // Land's amount over its Gemeinden dominates (rows with names included).
    let request = |land: &str| {
        let text = format!(
            r#"{{"year": 2025, "costs": "21543235.00", "alliance": ["{land}"], "kommunen": {{"land": "{land}", "level": "gemeinde"}}}}"#
        );
        efa_rechner::Request::from_json(text.as_bytes()).expect("a valid request")
    };
    let bayern = request("BY");
    bench("Gemeinde split Bayern (2,221 rows)", 500, || {
        efa_rechner::allocate(black_box(&bayern), Some(&data))
    });
    let all: Vec<_> = efa_rechner::metadata()
        .laender
        .iter()
        .map(|l| request(l.id))
        .collect();
    bench("Gemeinde split, all 16 Länder (10,953)", 200, || {
        all.iter()
            .map(|r| efa_rechner::allocate(black_box(r), Some(&data)))
            .collect::<Vec<_>>()
    });
    let by = br#"{"year": 2025, "costs": "1000000.00", "alliance": ["BY", "HE", "NW"], "model": "itplr-2023-35", "kommunen": {"land": "BY", "level": "gemeinde"}}"#;
    bench("allocate request + Bayern Gemeinden", 500, || {
        efa_rechner::allocate_json(black_box(by), Some(&data))
    });
}

/// A plan of 500 entries (the contract's maximum): three models, alliances of 3 to 16 Länder,
/// cost items, memberships, both lines, three years; as JSON and as German CSV.
fn plan_500() -> (String, String) {
    const CODES: [&str; 16] = [
        "SH", "HH", "NI", "HB", "NW", "HE", "RP", "BW", "BY", "SL", "BE", "BB", "MV", "SN", "ST",
        "TH",
    ];
    let models = ["itplr-2023-35", "alliance", "fitko", "itplr-2023-35"];
    let mut json = Vec::new();
    let mut csv = String::from("Dienst;Linie;Jahr;Kosten;Allianz;Modell;Schlüssel\r\n");
    for i in 0..500usize {
        let size = 3 + i % 14;
        let alliance: Vec<&str> = (0..size).map(|k| CODES[(i + k * 5) % 16]).collect();
        let year = 2025 + (i % 3);
        let model = models[i % 4];
        let line = ["fokus", "foederal", ""][i % 3];
        let cents = 10_000_000 + (i as u64) * 791_913;
        let amount = format!("{}.{:02}", cents / 100, cents % 100);
        let quoted: Vec<String> = alliance.iter().map(|a| format!("\"{a}\"")).collect();
        let costs = if i % 5 == 0 {
            format!(
                "[{{\"category\": \"betrieb\", \"amount\": \"{amount}\"}}, {{\"category\": \"nutzung\", \"amount\": \"1234.56\", \"key\": \"population\"}}]"
            )
        } else {
            format!("\"{amount}\"")
        };
        let membership = if i % 7 == 0 && model != "fitko" {
            format!(
                ", \"membership\": {{\"{}\": {{\"from\": \"{year}-07-01\"}}}}",
                alliance[0]
            )
        } else {
            String::new()
        };
        let line_field = if line.is_empty() {
            String::new()
        } else {
            format!(", \"line\": \"{line}\"")
        };
        json.push(format!(
            "{{\"service\": \"Dienst {}\"{line_field}, \"year\": {year}, \"costs\": {costs}, \"alliance\": [{}], \"model\": \"{model}\"{membership}}}",
            i % 40,
            quoted.join(", ")
        ));
        csv.push_str(&format!(
            "Dienst {};{line};{year};{},{:02};{};{model};ks\r\n",
            i % 40,
            cents / 100,
            cents % 100,
            alliance.join(" ")
        ));
    }
    let json = format!(
        "{{\"plan\": {{\"title\": \"500 Einträge\", \"compare\": \"alliance\", \"entries\": [{}]}}}}",
        json.join(",\n")
    );
    (json, csv)
}

/// The CSV plan as an Excel workbook: one sheet of inline strings and number cells, its parts
/// stored in a ZIP archive (the reader checks no CRC, so none is written).
fn xlsx_of(csv: &str) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, line) in csv.lines().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in line.split(';').enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            let number = cell.replace(',', ".");
            if r > 0 && (c == 2 || c == 3) {
                sheet.push_str(&format!("<c r=\"{at}\"><v>{number}</v></c>"));
            } else if !cell.is_empty() {
                sheet.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>"
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        ("xl/workbook.xml", r#"<workbook xmlns:r="r"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    zip::Zip::of(zip::STORED, &parts)
}

fn bench_plan() {
    let (json, csv) = plan_500();
    let xlsx = xlsx_of(&csv);
    let none = efa_rechner::PlanOptions::default();
    let compare = efa_rechner::PlanOptions {
        compare: Some("alliance".into()),
        title: None,
    };
    // Check once that the plans are valid, so the timings are of real work.
    let r = efa_rechner::allocate_plan_text(json.as_bytes(), &none).expect("the JSON plan");
    assert_eq!(r.entries.len(), 500);
    let from_csv = efa_rechner::allocate_plan_text(csv.as_bytes(), &compare).expect("the CSV plan");
    let from_xlsx = efa_rechner::allocate_plan_text(&xlsx, &compare).expect("the workbook plan");
    assert_eq!(
        from_csv.total, from_xlsx.total,
        "the workbook is the CSV plan"
    );
    bench("plan 500 entries + compare (JSON in)", 50, || {
        efa_rechner::allocate_plan_text(black_box(json.as_bytes()), &none)
    });
    bench("plan 500 entries + compare (CSV in)", 50, || {
        efa_rechner::allocate_plan_text(black_box(csv.as_bytes()), &compare)
    });
    bench("plan 500 entries + compare (.xlsx in)", 50, || {
        efa_rechner::allocate_plan_text(black_box(&xlsx), &compare)
    });
    bench("plan 500 entries, .xlsx out", 50, || {
        black_box(&r).to_xlsx()
    });
    bench("plan 500 entries, JSON out", 50, || {
        serde_json::to_string(black_box(&r))
    });
    bench("plan 500 entries, German Excel CSV out", 200, || {
        black_box(&r).to_excel_csv()
    });
}

fn main() {
    // `cargo bench --profile native -- NAME` runs only the benchmarks whose group name contains NAME.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted =
        |group: &str| filter.is_empty() || filter.iter().any(|f| group.contains(f.as_str()));
    let groups: [(&str, fn()); 4] = [
        ("gv100ad", bench_gv100ad),
        ("kreise_default", bench_kreise_default),
        ("allocate", bench_allocate),
        ("plan", bench_plan),
    ];
    for (name, run) in groups {
        if wanted(name) {
            run();
        }
    }
}
