//! The calculation: a checked request in, a response out. The orchestration ([`allocate`]) cuts
//! the year into membership periods, weighs the keys over each payer group and splits every
//! amount by largest remainder; the Kommune level passes a Land's amount on. Uses the layers
//! below ([`crate::contract`] and down).

pub(crate) mod allocate;
pub(crate) mod completeness;
pub(crate) mod keys;
pub(crate) mod kommunen;
pub(crate) mod periods;
