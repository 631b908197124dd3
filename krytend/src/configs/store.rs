//! Config revisions are persisted by the store; the names stay here for
//! the callers that reach them through `configs`.

pub use crate::store::config_revisions::{Revision, Revisions};
