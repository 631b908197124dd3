//! `/healthz`: the process answers. `/readyz`: it can do its job — the bus
//! is connected and the store takes writes. Neither needs a token (load
//! balancers and service managers ask them) and neither says more than a
//! status.

use std::sync::atomic::Ordering::Relaxed;

use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use serde_json::json;

use super::HttpState;

pub(super) async fn healthz(State(st): State<HttpState>) -> impl IntoResponse {
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "bus": st.shared.bus.snapshot().state,
    }))
}

pub(super) async fn readyz(State(st): State<HttpState>) -> impl IntoResponse {
    let bus = st.shared.bus.snapshot().state;
    let store_failing = st.shared.store.stats().failing.load(Relaxed);
    let mut reasons = Vec::new();
    if bus != "connected" {
        reasons.push(format!("bus {bus}"));
    }
    if store_failing {
        reasons.push("store writes failing".to_string());
    }
    let ready = reasons.is_empty();
    let body = Json(json!({
        "ready": ready,
        "bus": bus,
        "store": if store_failing { "failing" } else { "writable" },
        "reasons": reasons,
    }));
    let code = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, body)
}
