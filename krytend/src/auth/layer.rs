//! Authentication for every API request, in front of every method: the
//! local socket is admin (named with the peer's uid and pid, for the
//! audit); TCP needs a valid bearer token. Failed attempts are limited per
//! peer (one count shared with the WebSocket API). A response streamed
//! under a token ends, with `UNAUTHENTICATED`, when the token is revoked or
//! expires. Roles are checked per action by the handlers
//! (`Action::required_role`), which also audit refusals.

use std::{
    future::Future,
    net::IpAddr,
    pin::Pin,
    task::{Context, Poll},
};

use bytes::Bytes;
use http_body::Frame;
use tonic::{
    codegen::http,
    transport::server::{TcpConnectInfo, TlsConnectInfo, UdsConnectInfo},
    Status,
};
use tower::{Layer, Service};

use super::{Caller, Ended, Grant, Role, TokenError, Tokens};

#[derive(Clone)]
pub struct AuthLayer {
    tokens: Tokens,
    local: bool,
}

impl AuthLayer {
    /// For the Unix socket: every caller is the local admin.
    pub fn local(tokens: Tokens) -> Self {
        Self { tokens, local: true }
    }

    /// For TCP: a token is required.
    pub fn network(tokens: Tokens) -> Self {
        Self { tokens, local: false }
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

/// The local admin, named with who connected: `local (uid=1000 pid=42)`.
fn local_caller<B>(req: &http::Request<B>) -> Caller {
    let cred = req.extensions().get::<UdsConnectInfo>().and_then(|i| i.peer_cred);
    let name = match cred {
        Some(c) => match c.pid() {
            Some(pid) => format!("local (uid={} pid={pid})", c.uid()),
            None => format!("local (uid={})", c.uid()),
        },
        None => "local".to_string(),
    };
    Caller {
        name,
        role: Role::Admin,
    }
}

impl AuthLayer {
    async fn authenticate(&self, header: Option<String>, peer: Option<IpAddr>) -> Result<Grant, Status> {
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
        match self.tokens.authenticate(token, peer).await {
            Ok(grant) => Ok(grant),
            Err(TokenError::Limited(wait)) => {
                let mut s = Status::resource_exhausted(format!(
                    "too many failed authentications from this address; retry after {}s",
                    wait.as_secs().max(1)
                ));
                if let Ok(v) = wait.as_secs().max(1).to_string().parse() {
                    s.metadata_mut().insert("retry-after", v);
                }
                Err(s)
            }
            Err(TokenError::Store(e)) => {
                tracing::error!("token check failed: {e}");
                Err(Status::unavailable("cannot check the token right now"))
            }
            Err(_) => {
                tracing::warn!("refused a request with an invalid token from {peer:?}");
                Err(Status::unauthenticated("invalid, expired or revoked token"))
            }
        }
    }
}

/// A response body that ends with `UNAUTHENTICATED` trailers when the
/// token it was opened with is revoked or expires; dropping the inner body
/// ends the stream's producer.
struct UntilEnded {
    inner: Option<tonic::body::Body>,
    ended: Pin<Box<dyn Future<Output = Ended> + Send>>,
}

impl http_body::Body for UntilEnded {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let r = Pin::new(inner).poll_frame(cx);
        if r.is_ready() {
            return r;
        }
        match self.ended.as_mut().poll(cx) {
            Poll::Ready(why) => {
                self.inner = None;
                let status = Status::unauthenticated(format!("{}; the stream has ended", why.as_str()));
                let mut trailers = http::HeaderMap::new();
                let _ = status.add_header(&mut trailers);
                Poll::Ready(Some(Ok(Frame::trailers(trailers))))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(|b| b.is_end_stream())
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
            if auth.local {
                let caller = local_caller(&req);
                req.extensions_mut().insert(caller);
                return inner.call(req).await;
            }
            let header = req
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            match auth.authenticate(header, peer_of(&req)).await {
                Ok(grant) => {
                    req.extensions_mut().insert(grant.caller.clone());
                    let resp = inner.call(req).await?;
                    let tokens = auth.tokens.clone();
                    Ok(resp.map(|body| {
                        tonic::body::Body::new(UntilEnded {
                            inner: Some(body),
                            ended: Box::pin(async move { tokens.ended(&grant).await }),
                        })
                    }))
                }
                Err(status) => Ok(status.into_http()),
            }
        })
    }
}
