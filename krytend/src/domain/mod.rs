//! Behaviour every API shares, whatever surface asks. Surfaces (`api/`)
//! translate to and from their wire formats and map these errors to their
//! status codes; nothing here knows a surface.
//!
//! This layer is young: much of the behaviour still lives in `api/grpc.rs`
//! and `api/ws/session.rs` (see docs/architecture.md).

pub mod filters;
pub mod services;
