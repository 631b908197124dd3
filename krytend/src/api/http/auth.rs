//! Who is asking, for HTTP routes: a `Bearer` token checked by the same
//! `Tokens` as gRPC and WebSocket (the same failure limiter, revocation
//! and expiry), per request, so a revoked token is refused at once.

use axum::{
    extract::FromRequestParts,
    http::{header::AUTHORIZATION, request::Parts, StatusCode},
    response::Response,
};

use super::{error, HttpState, Peer};
use crate::auth::{Action, Caller, TokenError};

/// A caller allowed to read.
pub(crate) struct Reader(pub Caller);

impl FromRequestParts<HttpState> for Reader {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, st: &HttpState) -> Result<Self, Self::Rejection> {
        authorize(parts, st, Action::Read).await.map(Reader)
    }
}

pub(crate) fn bearer(parts: &Parts) -> Option<&str> {
    let v = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

pub(crate) async fn authorize(parts: &Parts, st: &HttpState, action: Action) -> Result<Caller, Response> {
    let Some(token) = bearer(parts) else {
        return Err(unauthorized("a token is required: Authorization: Bearer <token>"));
    };
    let peer = parts.extensions.get::<Peer>().map(|p| p.0.ip());
    let caller = match st.shared.tokens.authenticate(token, peer).await {
        Ok(grant) => grant.caller,
        Err(TokenError::Limited(wait)) => {
            return Err(error(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many failed attempts from this address; try again in {}s",
                    wait.as_secs().max(1)
                ),
            ))
        }
        Err(TokenError::Invalid) => return Err(unauthorized("invalid, expired or revoked token")),
        Err(e) => {
            tracing::warn!("token check failed: {e}");
            return Err(error(StatusCode::SERVICE_UNAVAILABLE, "cannot check the token now"));
        }
    };
    if caller.role < action.required_role() {
        return Err(error(
            StatusCode::FORBIDDEN,
            format!(
                "{} needs the {} role; token {:?} has {}",
                action.as_str(),
                action.required_role().as_str(),
                caller.name,
                caller.role.as_str()
            ),
        ));
    }
    Ok(caller)
}

fn unauthorized(msg: &str) -> Response {
    let mut r = error(StatusCode::UNAUTHORIZED, msg);
    r.headers_mut().insert(
        axum::http::header::WWW_AUTHENTICATE,
        axum::http::HeaderValue::from_static("Bearer"),
    );
    r
}
