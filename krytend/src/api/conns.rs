//! What a TCP listener may hold before anyone has authenticated: caps on
//! connections (all, and per peer address) sized below the descriptor
//! limit, a deadline for the handshake and for silence, and an accept loop
//! that backs off when accepting fails (out of descriptors) instead of
//! spinning.

use std::{
    collections::HashMap,
    future::Future,
    io,
    net::{IpAddr, SocketAddr},
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll},
    time::Duration,
};

use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
    time::{Instant, Sleep},
};
use tonic::transport::server::{Connected, TcpConnectInfo};

/// Descriptors kept for everything but API connections: the database and
/// its pools, the bus, the socket's clients, log files.
const RESERVED_FDS: u64 = 128;

/// Connections a listener may hold: `configured`, but at most its `share`
/// of the descriptors left under the process's limit.
pub fn budget(configured: usize, share: u64) -> usize {
    let soft = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
        .map(|(soft, _)| soft)
        .unwrap_or(1024);
    let spare = soft.saturating_sub(RESERVED_FDS).max(16) / share.max(1);
    configured.min(usize::try_from(spare).unwrap_or(usize::MAX)).max(1)
}

/// Why a connection was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Total,
    PerPeer,
}

pub struct ConnLimits {
    max_total: usize,
    max_per_peer: usize,
    counts: Mutex<Counts>,
}

#[derive(Default)]
struct Counts {
    total: usize,
    per_peer: HashMap<IpAddr, usize>,
}

/// Held for as long as the connection is open.
pub struct ConnPermit {
    limits: Arc<ConnLimits>,
    peer: IpAddr,
}

impl Drop for ConnPermit {
    fn drop(&mut self) {
        let mut c = self.limits.counts.lock().unwrap_or_else(|p| p.into_inner());
        c.total = c.total.saturating_sub(1);
        if let Some(n) = c.per_peer.get_mut(&self.peer) {
            *n -= 1;
            if *n == 0 {
                c.per_peer.remove(&self.peer);
            }
        }
    }
}

impl ConnLimits {
    pub fn new(max_total: usize, max_per_peer: usize) -> Arc<Self> {
        Arc::new(Self {
            max_total: max_total.max(1),
            max_per_peer: max_per_peer.max(1),
            counts: Mutex::default(),
        })
    }

    pub fn max_total(&self) -> usize {
        self.max_total
    }

    pub fn admit(self: &Arc<Self>, peer: IpAddr) -> Result<ConnPermit, Refused> {
        let mut c = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if c.total >= self.max_total {
            return Err(Refused::Total);
        }
        let n = c.per_peer.entry(peer).or_insert(0);
        if *n >= self.max_per_peer {
            return Err(Refused::PerPeer);
        }
        *n += 1;
        c.total += 1;
        Ok(ConnPermit {
            limits: self.clone(),
            peer,
        })
    }
}

/// Waits between failed accepts, doubling up to a second.
#[derive(Default)]
pub struct Backoff {
    next: Option<Duration>,
}

impl Backoff {
    const FIRST: Duration = Duration::from_millis(5);
    const MAX: Duration = Duration::from_secs(1);

    fn step(&mut self) -> Duration {
        let d = self.next.unwrap_or(Self::FIRST);
        self.next = Some((d * 2).min(Self::MAX));
        d
    }
}

/// The next connection. Errors that concern one connection only are
/// skipped; others (EMFILE, ENFILE, ENOBUFS) are logged and waited out
/// with back-off: retrying at once would spin while nothing can change.
pub async fn accept(listener: &TcpListener, backoff: &mut Backoff, what: &str) -> (TcpStream, SocketAddr) {
    loop {
        match listener.accept().await {
            Ok(a) => {
                backoff.next = None;
                return a;
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => {
                let wait = backoff.step();
                if wait == Backoff::FIRST || wait == Backoff::MAX {
                    tracing::warn!("{what}: accept failed: {e}; retrying in {wait:?}");
                }
                tokio::time::sleep(wait).await;
            }
        }
    }
}

/// Bytes a peer must send within the handshake deadline: the HTTP/2
/// preface (a TLS ClientHello is longer).
const HANDSHAKE_BYTES: usize = 24;

/// A connection with deadlines: `handshake` for the first bytes, then
/// `idle` for any silence from the peer (HTTP/2 keep-alive pings make a
/// live peer answer well within it). Past a deadline, reads fail and the
/// server drops the connection.
pub struct Guarded {
    inner: TcpStream,
    _permit: ConnPermit,
    deadline: Pin<Box<Sleep>>,
    received: usize,
    idle: Duration,
}

impl Guarded {
    pub fn new(inner: TcpStream, permit: ConnPermit, handshake: Duration, idle: Duration) -> Self {
        Self {
            inner,
            _permit: permit,
            deadline: Box::pin(tokio::time::sleep(handshake)),
            received: 0,
            idle,
        }
    }
}

impl AsyncRead for Guarded {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                let n = buf.filled().len() - before;
                if n > 0 {
                    self.received = self.received.saturating_add(n);
                    if self.received >= HANDSHAKE_BYTES {
                        let at = Instant::now() + self.idle;
                        self.deadline.as_mut().reset(at);
                    }
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    if self.received < HANDSHAKE_BYTES {
                        "no handshake before the deadline"
                    } else {
                        "idle past the deadline"
                    },
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

impl Connected for Guarded {
    type ConnectInfo = TcpConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.inner.connect_info()
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    #[test]
    fn caps_per_peer_and_in_total_and_permits_give_back() {
        let l = ConnLimits::new(3, 2);
        let a: IpAddr = [127, 0, 0, 2].into();
        let b: IpAddr = [127, 0, 0, 3].into();
        let p1 = l.admit(a).expect("1");
        let _p2 = l.admit(a).expect("2");
        assert_eq!(l.admit(a).err(), Some(Refused::PerPeer));
        let _p3 = l.admit(b).expect("3");
        assert_eq!(l.admit(b).err(), Some(Refused::Total));
        drop(p1);
        assert!(l.admit(a).is_ok());
    }

    #[test]
    fn back_off_doubles_to_a_second() {
        let mut b = Backoff::default();
        let steps: Vec<_> = (0..10).map(|_| b.step()).collect();
        assert_eq!(steps[0], Duration::from_millis(5));
        assert_eq!(steps[1], Duration::from_millis(10));
        assert_eq!(steps[9], Duration::from_secs(1));
    }

    #[tokio::test]
    async fn a_silent_or_trickling_peer_is_cut_at_the_handshake_deadline_a_talking_one_is_not() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let limits = ConnLimits::new(10, 10);
        let server = tokio::spawn(async move {
            let mut out = Vec::new();
            for _ in 0..2 {
                let (s, peer) = listener.accept().await.expect("accept");
                let permit = limits.admit(peer.ip()).expect("admit");
                let mut g = Guarded::new(s, permit, Duration::from_millis(300), Duration::from_millis(600));
                out.push(tokio::spawn(async move {
                    let started = Instant::now();
                    let mut buf = [0u8; 64];
                    let mut got = 0;
                    loop {
                        match g.read(&mut buf).await {
                            Ok(0) => return (got, started.elapsed(), "eof"),
                            Ok(n) => got += n,
                            Err(_) => return (got, started.elapsed(), "deadline"),
                        }
                    }
                }));
            }
            out
        });
        let mut trickler = TcpStream::connect(addr).await.expect("connect");
        let mut talker = TcpStream::connect(addr).await.expect("connect");
        talker.write_all(&[b'x'; 24]).await.expect("preface");
        for _ in 0..4 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let _ = trickler.write_all(b"y").await;
        }
        let _ = talker.write_all(b"z").await;
        let tasks = server.await.expect("server");
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("reader"));
        }
        results.sort_by_key(|r| r.0);
        let (trickled, t_elapsed, t_end) = results[0];
        let (talked, k_elapsed, k_end) = results[1];
        assert_eq!(t_end, "deadline");
        assert!(
            trickled < 24 && t_elapsed < Duration::from_millis(450),
            "{trickled} {t_elapsed:?}"
        );
        assert_eq!((talked, k_end), (25, "deadline"));
        // Idle deadline counted from its last byte, well after the handshake one.
        assert!(k_elapsed > Duration::from_millis(900), "{k_elapsed:?}");
        let mut rest = Vec::new();
        let _ = trickler.read_to_end(&mut rest).await;
    }
}
