//! A plain HTTP/1.1 client for the HTTP listener, and the Python tools the
//! HTTP tests check it with (`./x test` installs them).

use std::{path::PathBuf, process::Stdio, sync::Arc, time::Duration};

use anyhow::{bail, Context};
use serde_json::Value;
use tokio::{
    io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt},
    net::TcpStream,
};
use tokio_rustls::{
    client::TlsStream,
    rustls::{
        self,
        pki_types::{pem::PemObject, CertificateDer, ServerName},
    },
    TlsConnector,
};

/// One answer: status, headers (lower-cased names) and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("JSON body ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// `GET path` on `addr` (`host:port`), with a bearer token if given.
pub async fn get(addr: &str, path: &str, token: Option<&str>) -> Answer {
    let s = tokio::time::timeout(Duration::from_secs(10), TcpStream::connect(addr))
        .await
        .expect("connect in time")
        .expect("connect");
    get_on(s, addr, path, token).await
}

/// A TLS connection to `addr` trusting only the certificate `ca_pem`, for
/// the name `localhost`.
pub async fn tls_connect(addr: &str, ca_pem: &str) -> std::io::Result<TlsStream<TcpStream>> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(ca_pem.as_bytes()) {
        roots.add(cert.expect("a PEM certificate")).expect("a usable CA");
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let tcp = TcpStream::connect(addr).await?;
    let name = ServerName::try_from("localhost").expect("a server name");
    tokio::time::timeout(
        Duration::from_secs(10),
        TlsConnector::from(Arc::new(config)).connect(name, tcp),
    )
    .await
    .map_err(|_| std::io::Error::other("TLS handshake timed out"))?
}

/// `GET path` over HTTPS, trusting only `ca_pem`.
pub async fn get_tls(addr: &str, ca_pem: &str, path: &str, token: Option<&str>) -> Answer {
    let s = tls_connect(addr, ca_pem).await.expect("a TLS connection");
    get_on(s, addr, path, token).await
}

/// `POST path` with a JSON body on `addr`, with a bearer token if given.
pub async fn post_json(addr: &str, path: &str, body: &Value, token: Option<&str>) -> Answer {
    let mut s = tokio::time::timeout(Duration::from_secs(10), TcpStream::connect(addr))
        .await
        .expect("connect in time")
        .expect("connect");
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let body = body.to_string();
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.expect("send");
    read_answer(s).await
}

/// `GET path` over an open connection, read to its end.
pub async fn get_on<S: AsyncRead + AsyncWrite + Unpin>(
    mut s: S,
    addr: &str,
    path: &str,
    token: Option<&str>,
) -> Answer {
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Connection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.expect("send");
    read_answer(s).await
}

async fn read_answer<S: AsyncRead + Unpin>(mut s: S) -> Answer {
    let mut raw = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), s.read_to_end(&mut raw))
        .await
        .expect("an answer in time");
    // A TLS peer may close without close_notify once the body is sent.
    if let Err(e) = read {
        assert!(!raw.is_empty(), "read: {e}");
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked { dechunk(body) } else { body.to_string() };
    Answer { status, headers, body }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].strip_prefix("\r\n").unwrap_or(&rest[n..]);
    }
    out
}

/// The interpreter of the venv with prometheus-client, the OpenAPI
/// validator and schemathesis.
pub fn http_python() -> anyhow::Result<PathBuf> {
    let p = std::env::var_os("KRYTEN_HTTP_PYTHON")
        .map(PathBuf::from)
        .context("KRYTEN_HTTP_PYTHON is not set: run the tests through ./x test, which creates the venv")?;
    if !p.is_file() {
        bail!("KRYTEN_HTTP_PYTHON={} does not exist", p.display());
    }
    Ok(p)
}

/// Runs a Python script with `input` on stdin; its stdout, or the failure.
pub async fn python(script: &str, args: &[&str], input: &str) -> anyhow::Result<String> {
    // Tools that keep caches (schemathesis) write them there, not in the tree.
    let mut child = tokio::process::Command::new(http_python()?)
        .current_dir(std::env::temp_dir())
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().context("stdin")?;
    stdin.write_all(input.as_bytes()).await?;
    drop(stdin);
    let out = child.wait_with_output().await?;
    if !out.status.success() {
        bail!(
            "python failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Parses an OpenMetrics exposition with the Prometheus project's own
/// parser (strict: a malformed line fails) into `{"name{labels}": value}`.
pub async fn parse_metrics(text: &str) -> anyhow::Result<serde_json::Map<String, Value>> {
    let script = r#"
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
out = {}
for fam in text_string_to_metric_families(sys.stdin.read()):
    for s in fam.samples:
        labels = ",".join(f'{k}="{v}"' for k, v in sorted(s.labels.items()))
        out[s.name + ("{" + labels + "}" if labels else "")] = s.value
print(json.dumps(out))
"#;
    let out = python(script, &[], text).await?;
    Ok(serde_json::from_str(&out)?)
}
