//! krytend: the Kryten mission-control daemon.

pub mod protocol;
pub mod registry;
