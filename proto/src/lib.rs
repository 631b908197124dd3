//! The krytend API contract (`kryten.v1`) and its generated client and server.

/// Bumped when the API changes incompatibly; clients compare it via `Status`.
pub const API_VERSION: u32 = 1;

pub mod documents;

pub mod v1 {
    #![allow(clippy::all, missing_docs)]
    tonic::include_proto!("kryten.v1");
}
