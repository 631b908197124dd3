//! Failed authentications per peer, one count for every API: after `max`
//! in `window`, attempts from that peer are not checked until the oldest
//! failure leaves the window. Attempts under way count as failures until
//! they succeed, so a burst of concurrent guesses gets no more checks than
//! a sequence of them.

use std::{
    collections::{HashMap, VecDeque},
    net::IpAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// Peers remembered before old ones are dropped.
const PEERS_MAX: usize = 10_000;

pub struct FailureLimiter {
    max: usize,
    window: Duration,
    peers: Mutex<HashMap<IpAddr, Peer>>,
}

#[derive(Default)]
struct Peer {
    failures: VecDeque<Instant>,
    in_flight: usize,
}

/// One check under way; dropped without `fail`, it counted for nothing.
pub struct Attempt {
    limiter: Arc<FailureLimiter>,
    peer: IpAddr,
}

impl Attempt {
    pub fn fail(self, now: Instant) {
        if let Ok(mut map) = self.limiter.peers.lock() {
            map.entry(self.peer).or_default().failures.push_back(now);
        }
        // Drop ends the attempt.
    }
}

impl Drop for Attempt {
    fn drop(&mut self) {
        if let Ok(mut map) = self.limiter.peers.lock() {
            if let Some(p) = map.get_mut(&self.peer) {
                p.in_flight = p.in_flight.saturating_sub(1);
            }
        }
    }
}

impl FailureLimiter {
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            max: max.max(1),
            window,
            peers: Mutex::new(HashMap::new()),
        }
    }

    /// Starts a check for `peer`, or says how long it must wait.
    pub fn begin(self: &Arc<Self>, peer: IpAddr, now: Instant) -> Result<Attempt, Duration> {
        let Ok(mut map) = self.peers.lock() else {
            return Err(self.window);
        };
        if map.len() >= PEERS_MAX {
            map.retain(|_, p| {
                p.in_flight > 0 || p.failures.back().is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        let p = map.entry(peer).or_default();
        while p
            .failures
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            p.failures.pop_front();
        }
        if p.failures.len() >= self.max {
            let oldest = p.failures.front().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        if p.failures.len() + p.in_flight >= self.max {
            // Checks under way may free the way in a moment.
            return Err(Duration::from_secs(1));
        }
        p.in_flight += 1;
        Ok(Attempt {
            limiter: self.clone(),
            peer,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_a_minute_then_refusal_until_the_window_moves() {
        let l = Arc::new(FailureLimiter::new(5, Duration::from_secs(60)));
        let ip: IpAddr = [127, 0, 0, 1].into();
        let t0 = Instant::now();
        for i in 0..5 {
            let t = t0 + Duration::from_secs(i);
            l.begin(ip, t).expect("allowed").fail(t);
        }
        let wait = l.begin(ip, t0 + Duration::from_secs(10)).err().expect("limited");
        assert_eq!(wait, Duration::from_secs(50));
        assert!(l.begin(ip, t0 + Duration::from_secs(61)).is_ok());
        let other: IpAddr = [127, 0, 0, 2].into();
        assert!(l.begin(other, t0 + Duration::from_secs(10)).is_ok());
    }

    #[test]
    fn attempts_under_way_count_and_successes_do_not() {
        let l = Arc::new(FailureLimiter::new(3, Duration::from_secs(60)));
        let ip: IpAddr = [10, 0, 0, 1].into();
        let now = Instant::now();
        let a: Vec<Attempt> = (0..3).map(|_| l.begin(ip, now).expect("allowed")).collect();
        assert!(l.begin(ip, now).is_err(), "a fourth concurrent attempt waits");
        drop(a);
        // Three succeeded (dropped without failing): nothing counted.
        for _ in 0..3 {
            let _ok = l.begin(ip, now).expect("allowed again");
        }
    }
}
