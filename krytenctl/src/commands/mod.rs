//! One module per noun.

pub mod admin;
pub mod alerts;
pub mod audit;
pub mod completion;
pub mod contexts;
pub mod control;
pub mod events;
pub mod health;
pub mod logs;
pub mod service_config;
pub mod services;
pub mod status;
pub mod token;
pub mod ui;
pub mod wait;

use crate::{
    client::{self, Client},
    error::Result,
    output::Out,
};

/// What every command gets: where the daemon is and how to print.
pub struct Ctx {
    pub server: String,
    pub target: client::Target,
    pub out: Out,
}

impl Ctx {
    pub async fn client(&self) -> Result<Client> {
        client::connect(&self.target).await
    }

    pub fn rpc_error(&self, status: tonic::Status) -> crate::error::CtlError {
        crate::error::CtlError::from_rpc(status, &self.server)
    }
}
