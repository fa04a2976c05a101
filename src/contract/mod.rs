//! The contract's types: the request read from JSON into checked values (the financing models
//! with their sources, the keys, memberships, the Kommune level), the response, and the
//! metadata a user interface reads. Uses the layers below ([`crate::data`], [`crate::text`],
//! [`crate::num`], [`crate::error`]).

pub(crate) mod keys;
pub(crate) mod land;
pub(crate) mod metadata;
pub(crate) mod models;
pub(crate) mod periods;
pub(crate) mod request;
pub(crate) mod response;
