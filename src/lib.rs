//! efa-rechner: who pays what for a German "Einer für Alle" (EfA) online service.
//!
//! The engine implements the allocation contract (`../shared/contract/README.md`, version 1):
//! one request in, one response (or one coded error) out, exact to the rounding unit.
//! It is plain Rust; the only WASM-aware module is `wasm`, compiled for `wasm32` alone.
//!
//! Where things are:
//! - the request and response: [`request`], [`response`], errors in [`error`];
//! - the financing models (2023/35, FITKO, alliance, custom): [`models`];
//! - the keys (Königsteiner Schlüssel, population, usage, mixes): [`keys`];
//! - the Länder data with sources: [`laender`];
//! - the largest-remainder arithmetic: [`largest_remainder`];
//! - membership periods: [`periods`]; the Kommune level: [`kommunen`], its data in
//!   [`kommunen_data`], the built-in edition [`edition`] ([`kreise_default`],
//!   [`gemeinden_default`], table format [`data_table`]), the GV100AD reader [`gv100ad`] and the
//!   check of a loaded file against the built-in edition [`completeness`];
//! - the orchestration: [`allocate`];
//! - plans (contract 1.1: many services over several years, comparison, 2023/43 ceilings):
//!   [`plan`], read from JSON or CSV by [`plan_input`] and [`plan_csv`], answered in
//!   [`plan_response`], exported for German Excel by [`plan_export`].

pub mod allocate;
pub mod completeness;
pub mod data_table;
pub mod edition;
pub mod error;
pub mod gemeinden_default;
pub mod gv100ad;
pub mod json;
pub mod keys;
pub mod kommunen;
pub mod kommunen_data;
pub mod kreise_default;
pub mod laender;
pub mod largest_remainder;
pub mod metadata;
pub mod models;
pub mod money;
pub mod periods;
pub mod plan;
pub mod plan_csv;
pub mod plan_export;
pub mod plan_input;
pub mod plan_response;
pub mod reader;
pub mod request;
pub mod response;
pub mod sources;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use allocate::{allocate, allocate_json, allocate_value};
pub use error::{Error, ErrorCode};
pub use kommunen_data::KommunenDataset;
pub use plan::{allocate_plan, Plan, PlanOptions};
pub use plan_input::{allocate_plan_text, allocate_plan_value};
pub use plan_response::PlanResponse;
pub use response::Response;

// The README's Rust example runs as a doctest, so it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
