//! Notification receivers. Every delivery attempt yields a [`DeliveryRecord`] for the
//! caller to store; secrets (tokens in URLs, signing keys) are held in [`Secret`] so they
//! never reach a log line or an error message.

pub mod chat;
pub mod exec;
pub mod secret;
pub mod smtp;
pub mod text;
pub mod webhook;

pub use crate::store::alerts::DeliveryRecord;
pub use secret::Secret;
