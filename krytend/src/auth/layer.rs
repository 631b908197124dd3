//! Authentication for every API request, in front of every method: the
//! local socket is admin; TCP needs a valid bearer token. Failed attempts
//! are limited per peer. Roles are checked per action by the handlers
//! (`Action::required_role`), which also audit refusals.

use std::{
    future::Future,
    net::IpAddr,
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
    time::Instant,
};

use tonic::{
    codegen::http,
    transport::server::{TcpConnectInfo, TlsConnectInfo},
    Status,
};
use tower::{Layer, Service};

use super::{Caller, FailureLimiter, TokenError, Tokens};

#[derive(Clone)]
pub struct AuthLayer {
    tokens: Tokens,
    limiter: Arc<FailureLimiter>,
    local: bool,
}

impl AuthLayer {
    /// For the Unix socket: every caller is the local admin.
    pub fn local(tokens: Tokens, limiter: Arc<FailureLimiter>) -> Self {
        Self {
            tokens,
            limiter,
            local: true,
        }
    }

    /// For TCP: a token is required.
    pub fn network(tokens: Tokens, limiter: Arc<FailureLimiter>) -> Self {
        Self {
            tokens,
            limiter,
            local: false,
        }
    }
}

impl<S> Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthService {
            inner,
            auth: self.clone(),
        }
    }
}

#[derive(Clone)]
pub struct AuthService<S> {
    inner: S,
    auth: AuthLayer,
}

fn peer_of<B>(req: &http::Request<B>) -> Option<IpAddr> {
    let ext = req.extensions();
    ext.get::<TcpConnectInfo>()
        .and_then(TcpConnectInfo::remote_addr)
        .or_else(|| {
            ext.get::<TlsConnectInfo<TcpConnectInfo>>()
                .and_then(|t| t.get_ref().remote_addr())
        })
        .map(|a| a.ip())
}

impl AuthLayer {
    async fn authenticate(&self, header: Option<String>, peer: Option<IpAddr>) -> Result<Caller, Status> {
        if self.local {
            return Ok(Caller::local());
        }
        let now = Instant::now();
        if let Some(wait) = peer.and_then(|p| self.limiter.check(p, now)) {
            let mut s = Status::resource_exhausted(format!(
                "too many failed authentications from this address; retry after {}s",
                wait.as_secs().max(1)
            ));
            if let Ok(v) = wait.as_secs().max(1).to_string().parse() {
                s.metadata_mut().insert("retry-after", v);
            }
            return Err(s);
        }
        let Some(token) = header
            .as_deref()
            .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return Err(Status::unauthenticated(
                "a token is required over the network: pass --token or KRYTEN_TOKEN, or use a context \
                 (krytenctl config get-contexts)",
            ));
        };
        match self.tokens.verify(token).await {
            Ok(caller) => Ok(caller),
            Err(TokenError::Store(e)) => {
                tracing::error!("token check failed: {e}");
                Err(Status::unavailable("cannot check the token right now"))
            }
            Err(_) => {
                if let Some(p) = peer {
                    self.limiter.fail(p, now);
                }
                tracing::warn!("refused a request with an invalid token from {peer:?}");
                Err(Status::unauthenticated("invalid, expired or revoked token"))
            }
        }
    }
}

impl<S, B> Service<http::Request<B>> for AuthService<S>
where
    S: Service<http::Request<B>, Response = http::Response<tonic::body::Body>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: http::Request<B>) -> Self::Future {
        // The ready service is the one to call; leave a fresh clone behind.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let auth = self.auth.clone();
        Box::pin(async move {
            let header = req
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            match auth.authenticate(header, peer_of(&req)).await {
                Ok(caller) => {
                    req.extensions_mut().insert(caller);
                    inner.call(req).await
                }
                Err(status) => Ok(status.into_http()),
            }
        })
    }
}
