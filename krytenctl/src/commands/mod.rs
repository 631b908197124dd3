//! One module per noun.

pub mod completion;
pub mod events;
pub mod health;
pub mod logs;
pub mod services;
pub mod status;
pub mod wait;

use crate::{
    client::{self, Client},
    error::Result,
    output::Out,
};

/// What every command gets: where the daemon is and how to print.
pub struct Ctx {
    pub server: String,
    pub out: Out,
}

impl Ctx {
    pub async fn client(&self) -> Result<Client> {
        client::connect(&self.server).await
    }

    pub fn rpc_error(&self, status: tonic::Status) -> crate::error::CtlError {
        crate::error::CtlError::from_rpc(status, &self.server)
    }
}
