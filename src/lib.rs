//! efa-rechner: who pays what for a German "Einer für Alle" (EfA) online service.
//!
//! The engine implements the allocation contract (`../shared/contract/README.md`, version 1,
//! and plans, version 1.1): one request in, one response (or one coded error) out, exact to the
//! rounding unit. It is plain Rust; the only WASM-aware module is `wasm`, compiled for `wasm32`
//! alone.
//!
//! The public API is what this page lists; everything else is private. Inside, the folders
//! follow the data flow, each layer using only the ones before it (checked by
//! `tests/layers.rs`): `error` → `num` → `text` → `data` → `contract` → `calc` → `plan` → the
//! doors (`wasm`, the CLI in `main.rs`). See `docs/architecture.md`.

#![deny(missing_docs)]

mod calc;
mod contract;
mod data;
mod error;
mod num;
mod plan;
mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use calc::allocate::{allocate, allocate_json, allocate_value};
pub use contract::metadata::{
    metadata, KeyEdition, KommunenDefault, LandInfo, Metadata, ModelMeta, Named, TrancheMeta,
};
pub use contract::request::{Request, RequestBuilder, MAX_REQUEST_BYTES};
pub use contract::response::{
    ItemOut, KeyOut, KommuneColumns, KommuneRow, KommunenOut, KreisRef, ModelOut, PartOut,
    PayerOut, PayersOut, PeriodOut, Response, TrancheOut, Warning, CONTRACT_VERSION,
};
pub use data::kommunen::{Kommune, KommunenDataset};
pub use data::sources::Source;
pub use error::{Error, ErrorCode, ErrorEnvelope, Messages, Result};
pub use num::money::Money;
pub use plan::allocate::allocate_plan;
pub use plan::read_json::{Plan, PlanOptions, MAX_PLAN_BYTES};
pub use plan::response::{
    EntryCompare, EntryPayer, LineOut, PayerCompare, PlanEntryOut, PlanPayer, PlanResponse,
    PlanService, PlanWarning, ServicePayer, YearAmounts,
};
pub use plan::{allocate_plan_text, allocate_plan_value};
pub use text::json::Json;
pub use text::sheet::MAX_FILE_BYTES as MAX_WORKBOOK_BYTES;

/// Reading a Destatis GV100AD file (the Gemeindeverzeichnis) into a [`KommunenDataset`] for the
/// Kommune level: from bytes (UTF-8 or Latin-1), from text, or chunk by chunk.
pub mod gv100ad {
    pub use crate::data::gv100ad::{parse, parse_str, StreamReader, MAX_BYTES};
}

// The README's Rust example runs as a doctest, so it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
