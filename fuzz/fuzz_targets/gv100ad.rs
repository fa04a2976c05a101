//! Bytes → `efa_rechner::gv100ad::parse`, the reader of uploaded GV100AD files.
//!
//! Any input must give `Ok` or a coded `Err` (`invalid_gv100ad` with a `gv100ad` or
//! `gv100ad:LINE` path, or `limit_exceeded`), never a panic; on `Ok` the data set must be what
//! the Kommune level relies on: AGS of 5 (Kreis) and 8 (Gemeinde) digits, sorted and unique,
//! non-empty names, and each Kreis's population the sum of its Gemeinden.
#![no_main]

use efa_rechner::ErrorCode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match efa_rechner::gv100ad::parse(data) {
        Ok(d) => {
            let gemeinden = d.gemeinden.as_ref().expect("a GV100AD file has Gemeinden");
            assert!(!gemeinden.is_empty());
            for (list, len) in [(&d.kreise, 5), (gemeinden, 8)] {
                for k in list.iter() {
                    assert_eq!(k.ags.len(), len, "{:?}", k.ags);
                    assert!(k.ags.bytes().all(|b| b.is_ascii_digit()));
                    assert!(!k.name.trim().is_empty());
                }
                assert!(
                    list.windows(2).all(|w| w[0].ags < w[1].ags),
                    "sorted, unique"
                );
            }
            for kreis in &d.kreise {
                let sum: u64 = gemeinden
                    .iter()
                    .filter(|g| g.ags.starts_with(&kreis.ags))
                    .fold(0u64, |s, g| s.saturating_add(g.population));
                assert_eq!(kreis.population, sum, "Kreis {}", kreis.ags);
            }
            assert_eq!(d.gebietsstand.len(), 10);
        }
        Err(e) => {
            assert!(
                matches!(e.code, ErrorCode::InvalidGv100ad | ErrorCode::LimitExceeded),
                "{e}"
            );
            assert!(
                e.path == "gv100ad" || e.path.starts_with("gv100ad:"),
                "{}",
                e.path
            );
        }
    }
});
