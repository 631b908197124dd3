//! The read-only REST API under `/api/v1`.

use axum::Router;

use super::HttpState;

pub(super) fn router() -> Router<HttpState> {
    Router::new()
}
