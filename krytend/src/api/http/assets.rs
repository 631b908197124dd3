//! The web UI's files, embedded in the binary (the `web-ui` feature, on by
//! default; built from `web/` into `krytend/ui/`, checked in, so building
//! krytend needs no Node.js). `websocket.web_root` serves a directory
//! instead (for working on the UI). Without either, `/` answers a short page
//! saying where the APIs are.
//!
//! Unknown paths without an extension get `index.html`, so the UI's own
//! routes survive a reload. Every answer carries a CSP that allows only
//! this origin's files (no inline script, no other hosts) and forbids
//! framing; hashed assets are cached for a year, `index.html` never.

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use super::HttpState;

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>krytend</title>\
<h1>krytend</h1><p>The web UI is not in this build. The APIs are here: \
<a href=\"/api/v1/openapi.json\">REST (OpenAPI)</a>, <a href=\"/metrics\">metrics</a>, \
<a href=\"/readyz\">readiness</a>, and the WebSocket API at <code>/ws</code>.</p>";

/// Scripts, styles, images and connections from this origin only (`'self'`
/// covers ws:/wss: to the same host), nothing inline, never framed.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Everything no other route took: the UI's files, or a JSON 404 for API
/// paths and files that do not exist.
pub(super) async fn fallback(State(st): State<HttpState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/api/") || path == "/api" {
        return not_found();
    }
    let mut res = match &st.settings.web_root {
        Some(root) => {
            let index = ServeFile::new(root.join("index.html"));
            match ServeDir::new(root).not_found_service(index).oneshot(req).await {
                Ok(r) => r.into_response(),
                Err(e) => match e {},
            }
        }
        None => embedded(&path),
    };
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

fn not_found() -> Response {
    super::error(
        StatusCode::NOT_FOUND,
        "not found: the WebSocket API is at /ws, REST at /api/v1, liveness at /healthz",
    )
}

#[cfg(feature = "web-ui")]
#[derive(rust_embed::Embed)]
#[folder = "ui/"]
struct Ui;

#[cfg(not(feature = "web-ui"))]
fn embedded(path: &str) -> Response {
    match path {
        "/" => Html(NOT_BUILT).into_response(),
        _ => not_found(),
    }
}

#[cfg(feature = "web-ui")]
fn embedded(path: &str) -> Response {
    let path = path.trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    if let Some(file) = Ui::get(path) {
        let cache = if path.starts_with("assets/") {
            // Vite names them by content hash.
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        let mime = file.metadata.mimetype().to_string();
        return (
            [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, cache.to_string())],
            file.data.into_owned(),
        )
            .into_response();
    }
    // A UI route (no extension) gets the app; a missing file is a 404.
    let last = path.rsplit('/').next().unwrap_or(path);
    match Ui::get("index.html") {
        Some(index) if !last.contains('.') => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
                (header::CACHE_CONTROL, "no-cache".to_string()),
            ],
            index.data.into_owned(),
        )
            .into_response(),
        Some(_) => not_found(),
        None if path == "index.html" => Html(NOT_BUILT).into_response(),
        None => not_found(),
    }
}
