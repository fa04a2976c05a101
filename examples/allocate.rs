//! Allocates one request with the library and reads the response back: who pays how much, and
//! each payer's parts. The request is the contract's JSON (the same text the command line and the
//! npm package take); a bad request gives the contract's error with its code and path.
//!
//! ```text
//! cargo run --example allocate
//! ```

use efa_rechner::{allocate_json, ErrorCode};

fn main() -> Result<(), efa_rechner::Error> {
    let request = br#"{
        "year": 2025,
        "costs": [{"category": "betrieb", "amount": "800000.00"},
                  {"category": "weiterentwicklung", "amount": "200000.00", "key": "population"}],
        "alliance": ["BY", "HE", "NW"],
        "model": "itplr-2023-35"
    }"#;
    let response = allocate_json(request, None)?;
    println!(
        "{} EUR in {} ({}):",
        response.total, response.year, response.model.id
    );
    for payer in &response.payers {
        println!(
            "  {:<4} {:>14} EUR in {} parts",
            payer.id,
            payer.amount,
            payer.parts.len()
        );
    }

    // A typo is an error, never a silently different result.
    let error = allocate_json(
        br#"{"year": 2025, "costs": "1.00", "alliances": ["BY"]}"#,
        None,
    )
    .expect_err("an unknown field");
    assert_eq!(error.code, ErrorCode::UnknownField);
    println!("{}: {} ({})", error.code, error.path, error.message.en);
    Ok(())
}
