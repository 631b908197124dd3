//! The load generator: simulated Kryten traffic on the real wire protocol,
//! deterministic for a seed, each message carrying its send time (ns since
//! the epoch) and its sequence number so receivers can compute loss and
//! latency.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rand::{rngs::StdRng, Rng, SeedableRng};

pub fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// The send time a message carries (`"sent":N`).
pub fn sent_of(payload: &[u8]) -> Option<u64> {
    field_u64(payload, b"\"sent\":")
}

/// Every send time in a buffer holding several messages (a WebSocket
/// batch), in order.
pub fn all_sent(buf: &[u8]) -> Vec<u64> {
    const KEY: &[u8] = b"\"sent\":";
    let mut out = Vec::new();
    let mut rest = buf;
    while let Some(at) = rest.windows(KEY.len()).position(|w| w == KEY) {
        rest = &rest[at + KEY.len()..];
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if let Ok(n) = std::str::from_utf8(&rest[..digits]).unwrap_or_default().parse() {
            out.push(n);
        }
    }
    out
}

/// The load sequence number a message carries (`"seq":N`).
pub fn seq_of(payload: &[u8]) -> Option<u64> {
    field_u64(payload, b"\"seq\":")
}

/// A number field near the end of a load payload, found without parsing
/// the JSON: receivers measuring latency at 200k deliveries/s must not
/// spend more CPU than the system they measure.
fn field_u64(payload: &[u8], key: &[u8]) -> Option<u64> {
    let at = payload.windows(key.len()).rposition(|w| w == key)? + key.len();
    let mut n: u64 = 0;
    let mut any = false;
    for d in payload[at..].iter().take_while(|b| b.is_ascii_digit()) {
        n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        any = true;
    }
    any.then_some(n)
}

#[derive(Debug, Clone)]
pub struct LoadSpec {
    pub services: usize,
    pub subjects: usize,
    /// Messages per second; 0 = flat out.
    pub rate: u64,
    pub count: u64,
    /// Share of log lines among the messages (0.0-1.0).
    pub log_ratio: f64,
    pub seed: u64,
    /// Subject prefix for channel events, so a run can be told apart.
    pub channel: String,
}

impl Default for LoadSpec {
    fn default() -> Self {
        Self {
            services: 10,
            subjects: 50,
            rate: 0,
            count: 100_000,
            log_ratio: 0.0,
            seed: 1,
            channel: "bench".into(),
        }
    }
}

const EVENTS: [&str; 10] = [
    "chatmsg",
    "usercount",
    "mediaupdate",
    "changemedia",
    "userjoin",
    "userleave",
    "playlist",
    "queue",
    "setmotd",
    "pm",
];
const WORDS: [&str; 16] = [
    "hello", "world", "kryten", "stream", "video", "queue", "skip", "vote", "lounge", "alpha", "beta", "gamma",
    "delta", "music", "night", "party",
];

/// One message: (subject, payload). `seq` is embedded with the send time.
pub fn message(spec: &LoadSpec, rng: &mut StdRng, seq: u64) -> (String, String) {
    let sent = now_ns();
    if spec.log_ratio > 0.0 && rng.random_bool(spec.log_ratio.clamp(0.0, 1.0)) {
        let svc = rng.random_range(0..spec.services.max(1));
        let level = ["INFO", "INFO", "INFO", "DEBUG", "WARNING", "ERROR"][rng.random_range(0..6)];
        let words: Vec<&str> = (0..8).map(|_| WORDS[rng.random_range(0..WORDS.len())]).collect();
        return (
            format!("kryten.logs.svc{svc}"),
            format!(
                "{{\"service\":\"svc{svc}\",\"level\":\"{level}\",\"message\":\"{}\",\"timestamp\":\"2026-11-21T10:00:00+00:00\",\"logger\":\"kryten.svc{svc}\",\"seq\":{seq},\"sent\":{sent}}}",
                words.join(" ")
            ),
        );
    }
    let sub = rng.random_range(0..spec.subjects.max(1));
    let event = EVENTS[sub % EVENTS.len()];
    let user = rng.random_range(0..500);
    let words: Vec<&str> = (0..6).map(|_| WORDS[rng.random_range(0..WORDS.len())]).collect();
    (
        format!("kryten.events.cytube.{}{}.{event}", spec.channel, sub / EVENTS.len()),
        format!(
            "{{\"event_name\":\"{event}\",\"payload\":{{\"username\":\"user{user}\",\"msg\":\"{}\",\"rank\":1}},\"channel\":\"{}{}\",\"domain\":\"cytu.be\",\"timestamp\":\"2026-11-21T10:00:00.000000+00:00\",\"correlation_id\":\"{:032x}\",\"seq\":{seq},\"sent\":{sent}}}",
            words.join(" "),
            spec.channel,
            sub / EVENTS.len(),
            rng.random::<u128>()
        ),
    )
}

/// Startup (and later shutdown) of the simulated services.
pub fn lifecycle(svc: usize, event: &str, uptime: f64) -> (String, String) {
    (
        format!("kryten.lifecycle.svc{svc}.{event}"),
        format!(
            "{{\"service\":\"svc{svc}\",\"version\":\"1.0.0\",\"hostname\":\"load\",\"timestamp\":\"2026-11-21T10:00:00+00:00\",\"uptime_seconds\":{uptime}}}"
        ),
    )
}

/// Publishes `spec.count` messages at `spec.rate` (or flat out), with
/// startups first and heartbeats every second. Returns the send time (ns)
/// of each message, by sequence.
pub async fn run(client: &async_nats::Client, spec: &LoadSpec) -> anyhow::Result<Vec<u64>> {
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let started = Instant::now();
    for s in 0..spec.services {
        let (subj, body) = lifecycle(s, "startup", 0.0);
        client.publish(subj, body.into()).await?;
    }
    let mut sent = Vec::with_capacity(spec.count as usize);
    let mut next_hb = Instant::now() + Duration::from_secs(1);
    let period = (spec.rate > 0).then(|| Duration::from_secs_f64(1.0 / spec.rate as f64));
    for seq in 0..spec.count {
        if let Some(p) = period {
            let due = started + p.mul_f64(seq as f64);
            let now = Instant::now();
            if due > now {
                tokio::time::sleep(due - now).await;
            }
        }
        let (subject, payload) = message(spec, &mut rng, seq);
        sent.push(now_ns());
        client.publish(subject, payload.into()).await?;
        if Instant::now() >= next_hb {
            next_hb += Duration::from_secs(1);
            for s in 0..spec.services {
                let (subj, body) = lifecycle(s, "heartbeat", started.elapsed().as_secs_f64());
                client.publish(subj, body.into()).await?;
            }
        }
    }
    client.flush().await?;
    Ok(sent)
}

/// As [`run`], flat out, but each message is published to JetStream and
/// its acknowledgement awaited (up to `window` in flight): the publisher
/// knows each one is in the stream, and slows to what the stream takes
/// instead of having the excess dropped. Heartbeats are left out (the
/// stream would number them among the load).
pub async fn run_acked(
    js: &async_nats::jetstream::Context,
    spec: &LoadSpec,
    window: usize,
) -> anyhow::Result<Vec<u64>> {
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let mut sent = Vec::with_capacity(spec.count as usize);
    let mut acks = std::collections::VecDeque::with_capacity(window);
    for seq in 0..spec.count {
        let (subject, payload) = message(spec, &mut rng, seq);
        sent.push(now_ns());
        acks.push_back(js.publish(subject, payload.into()).await?);
        if acks.len() >= window {
            if let Some(a) = acks.pop_front() {
                a.await?;
            }
        }
    }
    for a in acks {
        a.await?;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_send_time_is_read_back_from_every_kind_of_message() {
        let spec = LoadSpec {
            log_ratio: 0.5,
            ..Default::default()
        };
        let mut rng = StdRng::seed_from_u64(3);
        for i in 0..100 {
            let before = now_ns();
            let (_, p) = message(&spec, &mut rng, i);
            let sent = sent_of(p.as_bytes()).expect("a send time");
            let v: serde_json::Value = serde_json::from_str(&p).expect("valid JSON");
            assert_eq!(v["sent"].as_u64(), Some(sent));
            assert_eq!(seq_of(p.as_bytes()), Some(i));
            assert!(sent >= before);
        }
        assert_eq!(sent_of(b"{\"x\":1}"), None);
        assert_eq!(
            all_sent(b"[{\"sent\":5},{\"a\":{\"sent\":17}},{\"sent\":}]"),
            vec![5, 17]
        );
        assert_eq!(sent_of(b"{\"sent\":}"), None);
    }

    #[test]
    fn the_same_seed_gives_the_same_traffic() {
        let spec = LoadSpec {
            log_ratio: 0.2,
            ..Default::default()
        };
        let strip = |(s, p): (String, String)| (s, p.split(",\"sent\"").next().unwrap_or_default().to_string());
        let mut a = StdRng::seed_from_u64(7);
        let mut b = StdRng::seed_from_u64(7);
        for i in 0..200 {
            assert_eq!(strip(message(&spec, &mut a, i)), strip(message(&spec, &mut b, i)));
        }
        let (_, p) = message(&spec, &mut a, 5);
        assert!((200..500).contains(&p.len()), "realistic size: {}", p.len());
    }
}
