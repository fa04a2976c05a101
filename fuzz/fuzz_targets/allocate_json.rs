//! Bytes → `efa_rechner::allocate_json(data, None)`, the CLI's path.
//!
//! Any input must give `Ok` or a coded `Err`, never a panic, and on `Ok` the contract's
//! invariants must hold exactly: the payers add up to the total, every payer is the sum of its
//! parts, every item's tranches add up to the item, every amount has the unit's decimals, and a
//! Kommune split adds up to the Land's amount. The checks read the response as the JSON every
//! door sends, so they do not depend on the Rust types behind it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// A decimal string with exactly `decimals` decimals, as an integer number of 10^-decimals.
fn units(v: &Value, decimals: usize, what: &str) -> u128 {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} {v} is a string"));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    assert_eq!(frac.len(), decimals, "{what} {s:?}: the unit's decimals");
    assert!(
        !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()),
        "{what} {s:?}"
    );
    assert!(frac.bytes().all(|b| b.is_ascii_digit()), "{what} {s:?}");
    format!("{int}{frac}").parse().expect("amount fits in u128")
}

fn list<'a>(v: &'a Value, what: &str) -> &'a [Value] {
    v.as_array()
        .unwrap_or_else(|| panic!("{what} is a list"))
        .as_slice()
}

fn check(r: &Value) {
    let unit = r["unit"].as_str().expect("unit");
    let decimals = unit.split_once('.').map_or(0, |(_, f)| f.len());
    let amount = |v: &Value, what: &str| units(v, decimals, what);
    let total = amount(&r["total"], "total");

    let payers = list(&r["payers"], "payers");
    let sum: u128 = payers.iter().map(|p| amount(&p["amount"], "payer")).sum();
    assert_eq!(sum, total, "payers must add up to the total");
    for p in payers {
        let parts: u128 = list(&p["parts"], "parts")
            .iter()
            .map(|x| amount(&x["amount"], "part"))
            .sum();
        assert_eq!(
            parts,
            amount(&p["amount"], "payer"),
            "{}: parts add up",
            p["id"]
        );
    }

    let items = list(&r["items"], "items");
    let sum: u128 = items.iter().map(|i| amount(&i["amount"], "item")).sum();
    assert_eq!(sum, total, "items must add up to the total");
    for item in items {
        let tranches: u128 = list(&r["tranches"], "tranches")
            .iter()
            .filter(|t| t["item"] == item["index"])
            .map(|t| amount(&t["amount"], "tranche"))
            .sum();
        assert_eq!(
            tranches,
            amount(&item["amount"], "item"),
            "item {}",
            item["index"]
        );
    }

    let k = &r["kommunen"];
    if !k.is_null() {
        let land = payers
            .iter()
            .find(|p| p["id"] == k["land"])
            .expect("the Kommune Land is a payer");
        assert_eq!(
            k["landAmount"], land["amount"],
            "landAmount is the Land's amount"
        );
        let (ags, amounts): (Vec<&Value>, Vec<&Value>) = match (k.get("rows"), k.get("columns")) {
            (Some(rows), _) => list(rows, "rows")
                .iter()
                .map(|row| (&row["ags"], &row["amount"]))
                .unzip(),
            (None, Some(c)) => (
                list(&c["ags"], "ags").iter().collect(),
                list(&c["amount"], "amount").iter().collect(),
            ),
            (None, None) => panic!("Kommunen without rows or columns"),
        };
        assert_eq!(ags.len(), amounts.len());
        let rows: u128 = amounts.iter().map(|a| amount(a, "row")).sum();
        assert_eq!(
            rows + amount(&k["landKeeps"], "landKeeps"),
            amount(&k["landAmount"], "landAmount"),
            "Kommunen plus what the Land keeps add up to the Land's amount"
        );
        let keys: Vec<&str> = ags.iter().map(|a| a.as_str().expect("AGS")).collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "Kommunen in AGS order"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    match efa_rechner::allocate_json(data, None) {
        Ok(response) => check(&serde_json::to_value(&response).expect("response serialises")),
        Err(e) => {
            assert!(!e.message.de.is_empty() && !e.message.en.is_empty());
            serde_json::to_vec(&e).expect("error serialises");
        }
    }
});
