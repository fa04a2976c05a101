//! efa-rechner: who pays what for a German "Einer für Alle" (EfA) online service.
//!
//! The engine implements the allocation contract (`../shared/contract/README.md`, version 1):
//! one request in, one response (or one coded error) out, exact to the rounding unit.
//! It is plain Rust; the only WASM-aware module is [`wasm`], compiled for `wasm32` alone.

pub mod error;
pub mod gv100ad;
pub mod kommunen_data;
pub mod kreise_default;
pub mod sources;
