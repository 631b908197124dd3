//! Failed authentications per peer: after `max` in `window`, every attempt
//! from that peer is refused until the oldest failure leaves the window.

use std::{
    collections::{HashMap, VecDeque},
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

pub struct FailureLimiter {
    max: usize,
    window: Duration,
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl FailureLimiter {
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            max: max.max(1),
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Some(retry_after)` when the peer must wait.
    pub fn check(&self, peer: IpAddr, now: Instant) -> Option<Duration> {
        let mut map = self.failures.lock().ok()?;
        let q = map.get_mut(&peer)?;
        while q.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            q.pop_front();
        }
        if q.len() >= self.max {
            let oldest = *q.front()?;
            return Some(self.window.saturating_sub(now.duration_since(oldest)));
        }
        None
    }

    pub fn fail(&self, peer: IpAddr, now: Instant) {
        if let Ok(mut map) = self.failures.lock() {
            // Bound the table against a flood of distinct peers.
            if map.len() > 10_000 {
                map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < self.window));
            }
            map.entry(peer).or_default().push_back(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_a_minute_then_refusal_until_the_window_moves() {
        let l = FailureLimiter::new(5, Duration::from_secs(60));
        let ip: IpAddr = [127, 0, 0, 1].into();
        let t0 = Instant::now();
        for i in 0..5 {
            assert_eq!(l.check(ip, t0 + Duration::from_secs(i)), None);
            l.fail(ip, t0 + Duration::from_secs(i));
        }
        let wait = l.check(ip, t0 + Duration::from_secs(10)).expect("limited");
        assert_eq!(wait, Duration::from_secs(50));
        assert_eq!(l.check(ip, t0 + Duration::from_secs(61)), None);
        let other: IpAddr = [127, 0, 0, 2].into();
        assert_eq!(l.check(other, t0 + Duration::from_secs(10)), None);
    }
}
