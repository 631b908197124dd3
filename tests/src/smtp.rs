//! A real SMTP server (aiosmtpd, from the venv `./x test` installs and
//! names in `KRYTEN_SMTP_PYTHON`) on a free loopback port, optionally with
//! STARTTLS (a certificate and key in PEM files) required and AUTH that
//! accepts one user and password. It reports what happened as JSON lines:
//! `{"event": "auth", "user", "mechanism", "ok", "tls"}` per AUTH attempt
//! and `{"event": "message", "user", "tls", "from", "to", "data"}` per
//! message delivered.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Duration,
};

use serde_json::Value;
use tokio::io::AsyncBufReadExt;

const SERVER: &str = r#"
import json, logging, ssl, sys, threading, warnings
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, cert, key, user, password = sys.argv[1:6]
# A refused handshake (a client that does not trust the certificate) is a
# case under test, not news; nor is a deprecation inside aiosmtpd.
logging.getLogger("mail.log").setLevel(logging.CRITICAL)
warnings.simplefilter("ignore", DeprecationWarning)

def say(**kw):
    print(json.dumps(kw), flush=True)

def login(session):
    data = session.auth_data
    return data.login.decode("utf-8", "replace") if isinstance(data, LoginPassword) else None

class Handler:
    async def handle_DATA(self, server, session, envelope):
        say(event="message", user=login(session), tls=session.ssl is not None,
            to=envelope.rcpt_tos, data=envelope.content.decode("utf-8", "replace"),
            **{"from": envelope.mail_from})
        return "250 OK"

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login == user.encode() and auth_data.password == password.encode())
    who = auth_data.login.decode("utf-8", "replace") if isinstance(auth_data, LoginPassword) else None
    say(event="auth", user=who, mechanism=mechanism, ok=ok, tls=session.ssl is not None)
    return AuthResult(success=ok, handled=False, auth_data=auth_data)

kw = {}
if cert:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    kw.update(tls_context=ctx, require_starttls=True)
if user:
    kw.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(cert))
c = Controller(Handler(), hostname="127.0.0.1", port=int(port), **kw)
c.start()
say(event="ready")
threading.Event().wait()
"#;

/// STARTTLS (required) with this certificate chain and key, both PEM files.
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

pub struct SmtpServer {
    pub port: u16,
    events: Arc<Mutex<Vec<Value>>>,
    _child: tokio::process::Child,
    _reader: tokio::task::JoinHandle<()>,
}

impl SmtpServer {
    /// Starts the server; `auth` is the one (user, password) it accepts
    /// (and then requires). Resolves once it is listening.
    pub async fn start(tls: Option<&Tls>, auth: Option<(&str, &str)>) -> SmtpServer {
        let python = std::env::var("KRYTEN_SMTP_PYTHON")
            .expect("KRYTEN_SMTP_PYTHON: the venv with aiosmtpd (./x test installs it)");
        let port = free_port();
        let path = |p: Option<&Path>| p.map(|p| p.display().to_string()).unwrap_or_default();
        let (user, password) = auth.unwrap_or(("", ""));
        let mut child = tokio::process::Command::new(&python)
            .args(["-u", "-c", SERVER, &port.to_string()])
            .arg(path(tls.map(|t| t.cert.as_path())))
            .arg(path(tls.map(|t| t.key.as_path())))
            .args([user, password])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("aiosmtpd runs");
        let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
        let events: Arc<Mutex<Vec<Value>>> = Arc::default();
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let store = events.clone();
        let reader = tokio::spawn(async move {
            let mut ready = Some(ready_tx);
            while let Ok(Some(l)) = lines.next_line().await {
                let Ok(v) = serde_json::from_str::<Value>(&l) else {
                    continue;
                };
                if v["event"] == "ready" {
                    if let Some(r) = ready.take() {
                        let _ = r.send(());
                    }
                    continue;
                }
                store.lock().expect("events").push(v);
            }
        });
        tokio::time::timeout(Duration::from_secs(20), ready_rx)
            .await
            .expect("aiosmtpd listening within 20 s")
            .expect("aiosmtpd started (its error is above)");
        SmtpServer {
            port,
            events,
            _child: child,
            _reader: reader,
        }
    }

    /// Everything reported so far, oldest first.
    pub fn events(&self) -> Vec<Value> {
        self.events.lock().expect("events").clone()
    }

    /// The messages delivered so far.
    pub fn messages(&self) -> Vec<Value> {
        self.events().into_iter().filter(|e| e["event"] == "message").collect()
    }

    /// The AUTH attempts so far.
    pub fn auths(&self) -> Vec<Value> {
        self.events().into_iter().filter(|e| e["event"] == "auth").collect()
    }
}

/// A free loopback port (bound, then released for the server to take).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
