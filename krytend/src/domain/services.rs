//! Services by name: the one lookup and the one "unknown service" error,
//! kept with the registry (control and configs, below this layer, use it
//! too) and offered here to the surfaces.

pub use crate::registry::lookup::{get, UnknownService};
