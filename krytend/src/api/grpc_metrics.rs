//! Counts gRPC requests and their latency for `/metrics`, beside the HTTP
//! routes (`surface="grpc"`). The route label is the method path only for
//! requests that reached a method: anything refused before routing (no
//! token, an unknown method) is `other`, so a client cannot grow the label
//! set. For a stream, the latency is the time to open it.

use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
    time::Instant,
};

use axum::http;

use super::http::HttpMetrics;

#[derive(Clone)]
pub struct GrpcMetricsLayer(pub HttpMetrics);

impl<S> tower::Layer<S> for GrpcMetricsLayer {
    type Service = GrpcMetrics<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GrpcMetrics {
            inner,
            metrics: self.0.clone(),
        }
    }
}

#[derive(Clone)]
pub struct GrpcMetrics<S> {
    inner: S,
    metrics: HttpMetrics,
}

const UNIMPLEMENTED: &str = "12";
const UNAUTHENTICATED: &str = "16";

fn method_route(path: &str) -> Option<&str> {
    let method = path.strip_prefix("/kryten.v1.Krytend/")?;
    (!method.is_empty() && method.len() <= 40 && method.chars().all(|c| c.is_ascii_alphanumeric())).then_some(path)
}

impl<S, B, RB> tower::Service<http::Request<B>> for GrpcMetrics<S>
where
    S: tower::Service<http::Request<B>, Response = http::Response<RB>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    RB: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let route = method_route(req.uri().path()).map(str::to_string);
        let started = Instant::now();
        let fut = self.inner.call(req);
        let metrics = self.metrics.clone();
        Box::pin(async move {
            let r = fut.await;
            // Errors answered at once carry their status in the headers;
            // otherwise it comes in the trailers, after this.
            let code = match &r {
                Ok(resp) => resp
                    .headers()
                    .get("grpc-status")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("0")
                    .to_string(),
                Err(_) => "transport".to_string(),
            };
            let route = match route {
                Some(r) if code != UNIMPLEMENTED && code != UNAUTHENTICATED => r,
                _ => "other".to_string(),
            };
            metrics.record("grpc", &route, &code, started.elapsed().as_secs_f64());
            r
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_method_shaped_paths_are_routes() {
        assert!(super::method_route("/kryten.v1.Krytend/ListEvents").is_some());
        for p in [
            "/kryten.v1.Krytend/",
            "/other.Svc/X",
            "/kryten.v1.Krytend/a/b",
            "/kryten.v1.Krytend/a b",
        ] {
            assert!(super::method_route(p).is_none(), "{p}");
        }
    }
}
