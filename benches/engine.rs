//! Benchmarks of the engine (`cargo bench`), with a tiny dependency-free harness: warm-up, then
//! timed runs, reporting median and p95. No criterion, so that CI stays lean and the WASM build
//! never sees a benchmark dependency.

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
    // The first call parses the embedded TSV; later calls are a pointer read.
    let start = Instant::now();
    black_box(efa_rechner::kreise_default::dataset());
    println!(
        "{:<40} first call {:>6.3} ms",
        "kreise_default::dataset",
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
    let unit = efa_rechner::money::Unit::CENT;
    let spec = |land: usize| efa_rechner::request::KommunenSpec {
        land,
        level: efa_rechner::request::Level::Gemeinde,
        land_share: rust_decimal::Decimal::ZERO,
        key: efa_rechner::request::KommuneKey::Population,
        exempt_below: 0,
        format: efa_rechner::request::KommunenFormat::Rows,
    };
    // The Land's amount over its Gemeinden, the split alone (rows with names included).
    bench("Gemeinde split Bayern (2,221 rows)", 500, || {
        efa_rechner::kommunen::allocate(&spec(8), black_box(2_154_323_500), unit, Some(&data))
    });
    bench("Gemeinde split, all 16 Länder (10,953)", 200, || {
        (0..16)
            .map(|l| {
                efa_rechner::kommunen::allocate(
                    &spec(l),
                    black_box(1_234_567_890),
                    unit,
                    Some(&data),
                )
            })
            .collect::<Vec<_>>()
    });
    let by = br#"{"year": 2025, "costs": "1000000.00", "alliance": ["BY", "HE", "NW"], "model": "itplr-2023-35", "kommunen": {"land": "BY", "level": "gemeinde"}}"#;
    bench("allocate request + Bayern Gemeinden", 500, || {
        efa_rechner::allocate_json(black_box(by), Some(&data))
    });
}

fn main() {
    // `cargo bench -- NAME` runs only the benchmarks whose group name contains NAME.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted =
        |group: &str| filter.is_empty() || filter.iter().any(|f| group.contains(f.as_str()));
    let groups: [(&str, fn()); 3] = [
        ("gv100ad", bench_gv100ad),
        ("kreise_default", bench_kreise_default),
        ("allocate", bench_allocate),
    ];
    for (name, run) in groups {
        if wanted(name) {
            run();
        }
    }
}
