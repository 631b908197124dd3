//! The web UI's files. The daemon builds and runs without any: then `/`
//! answers a short page saying so and where the APIs are. With
//! `websocket.web_root` set, files are served from that directory (paths
//! cannot leave it) and unknown paths get its `index.html`, so the UI's
//! own routes survive a reload.

use axum::{response::Html, routing::get, Router};
use tower_http::services::{ServeDir, ServeFile};

use super::HttpState;
use crate::api::ws::WsSettings;

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>krytend</title>\
<h1>krytend</h1><p>The web UI is not installed in this build. The APIs are here: \
<a href=\"/api/v1/openapi.json\">REST (OpenAPI)</a>, <a href=\"/metrics\">metrics</a>, \
<a href=\"/readyz\">readiness</a>, and the WebSocket API at <code>/ws</code>.</p>";

pub(super) fn router(settings: &WsSettings) -> Router<HttpState> {
    match &settings.web_root {
        Some(root) => {
            let index = ServeFile::new(root.join("index.html"));
            Router::new().fallback_service(ServeDir::new(root).not_found_service(index))
        }
        None => Router::new().route("/", get(|| async { Html(NOT_BUILT) })),
    }
}
