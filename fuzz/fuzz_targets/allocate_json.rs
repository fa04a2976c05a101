//! Bytes → `efa_rechner::allocate_json(data, None)`, the CLI's path.
//!
//! Any input must give `Ok` or a coded `Err`, never a panic, and on `Ok` the contract's
//! invariants must hold exactly: the payers add up to the total, every payer is the sum of its
//! parts, every item's tranches add up to the item, every amount has the unit's decimals, and a
//! Kommune split adds up to the Land's amount.
#![no_main]

use efa_rechner::Response;
use libfuzzer_sys::fuzz_target;

/// A decimal string with exactly `decimals` decimals, as an integer number of 10^-decimals.
fn units(s: &str, decimals: usize, what: &str) -> u128 {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    assert_eq!(
        frac.len(),
        decimals,
        "{what} {s:?} must have {decimals} decimals"
    );
    assert!(
        !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()),
        "{what} {s:?}"
    );
    assert!(frac.bytes().all(|b| b.is_ascii_digit()), "{what} {s:?}");
    format!("{int}{frac}").parse().expect("amount fits in u128")
}

fn check(r: &Response) {
    let decimals = r.unit.split_once('.').map_or(0, |(_, f)| f.len());
    let amount = |s: &str, what: &str| units(s, decimals, what);
    let total = amount(&r.total, "total");

    let payers: u128 = r.payers.iter().map(|p| amount(&p.amount, p.id)).sum();
    assert_eq!(payers, total, "payers must add up to the total");
    for p in &r.payers {
        let parts: u128 = p.parts.iter().map(|x| amount(&x.amount, "part")).sum();
        assert_eq!(
            parts,
            amount(&p.amount, p.id),
            "{}: parts must add up",
            p.id
        );
    }

    let items: u128 = r.items.iter().map(|i| amount(&i.amount, "item")).sum();
    assert_eq!(items, total, "items must add up to the total");
    for item in &r.items {
        let tranches: u128 = r
            .tranches
            .iter()
            .filter(|t| t.item == item.index)
            .map(|t| amount(&t.amount, "tranche"))
            .sum();
        assert_eq!(
            tranches,
            amount(&item.amount, "item"),
            "item {}",
            item.index
        );
    }

    if let Some(k) = &r.kommunen {
        let land = r
            .payers
            .iter()
            .find(|p| p.id == k.land)
            .expect("Kommune Land pays");
        assert_eq!(
            k.land_amount, land.amount,
            "landAmount is the Land's amount"
        );
        let rows: u128 = k.rows.iter().map(|row| amount(&row.amount, "row")).sum();
        assert_eq!(
            rows + amount(&k.land_keeps, "landKeeps"),
            amount(&k.land_amount, "landAmount"),
            "Kommunen plus what the Land keeps must add up to the Land's amount"
        );
        assert!(
            k.rows.windows(2).all(|w| w[0].ags < w[1].ags),
            "rows by AGS"
        );
    }
    // The response must serialise (the CLI and the WASM door both do).
    serde_json::to_vec(r).expect("response serialises");
}

fuzz_target!(|data: &[u8]| {
    match efa_rechner::allocate_json(data, None) {
        Ok(response) => check(&response),
        Err(e) => {
            assert!(!e.message.de.is_empty() && !e.message.en.is_empty());
            serde_json::to_vec(&e).expect("error serialises");
        }
    }
});
