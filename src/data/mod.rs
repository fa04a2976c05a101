//! Data with provenance: the Länder and the Königsteiner Schlüssel editions, the Kommune data
//! set (built-in Destatis edition or a loaded GV100AD file) and the sources every number cites.
//! Uses [`crate::num`] and [`crate::error`] only.

pub(crate) mod builtin;
pub(crate) mod edition;
pub(crate) mod gv100ad;
pub(crate) mod kommunen;
pub(crate) mod laender;
pub(crate) mod sources;
// The table format's checker also runs inside build.rs and the generator (through `include!`);
// the engine itself only reads the build-checked tables.
#[cfg_attr(any(not(test), target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod table;
