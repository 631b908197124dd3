//! Counting what the bus client drops, exactly.
//!
//! The client hands each subscription's messages to a bounded channel and
//! drops a message when that channel is full. It reports each drop through
//! a notice queue of 128, and under the bursts that cause drops that queue
//! overflows too: the notices undercount (by 12 % in one measured burst).
//! The client's own count of messages read from the server does not: on a
//! connection that holds only the ingest subscriptions, every message read
//! is either taken by the subscriber, still queued, or dropped.
//!
//! So whenever the subscriber finds every channel empty it compares the two
//! counts. One message may be between the client's count and its channel
//! at that instant (that one will be delivered: the channel has room), so
//! the difference is the drops or one more. The ledger takes the smaller
//! figure at once and the exact one when no message has arrived for
//! [`SETTLE`]: by then the one in between has landed.

use std::time::{Duration, Instant};

/// How long the read count must stay still before the last message is
/// known to have landed (the client counts and queues it without yielding).
pub const SETTLE: Duration = Duration::from_millis(20);

#[derive(Debug, Default)]
pub struct DropLedger {
    /// Drops counted so far; never more than the client made.
    counted: u64,
    /// The read count at the last idle moment, and when it was first seen.
    still: Option<(u64, Instant)>,
    /// The last estimate was above `counted` (its last message unproven).
    unsettled: bool,
}

impl DropLedger {
    /// At a moment when every channel was found empty: `read` is the
    /// client's count of messages read, loaded *before* the channels were
    /// polled, and `taken` the messages the subscriber has taken. Returns
    /// the drops not counted before.
    pub fn idle(&mut self, read: u64, taken: u64, now: Instant) -> u64 {
        // read = taken + dropped + (0 or 1 between count and channel).
        let estimate = read.saturating_sub(taken);
        let settled = match self.still {
            Some((r, since)) if r == read => now.duration_since(since) >= SETTLE,
            _ => {
                self.still = Some((read, now));
                false
            }
        };
        let sure = if settled { estimate } else { estimate.saturating_sub(1) };
        let new = sure.saturating_sub(self.counted);
        self.counted += new;
        self.unsettled = estimate > self.counted;
        new
    }

    /// Whether a later look (after [`SETTLE`]) could count one more drop.
    pub fn unsettled(&self) -> bool {
        self.unsettled
    }

    pub fn counted(&self) -> u64 {
        self.counted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_read_beyond_what_was_taken_is_no_drop() {
        let mut l = DropLedger::default();
        let t = Instant::now();
        assert_eq!(l.idle(10, 10, t), 0);
        assert!(!l.unsettled());
        assert_eq!(l.idle(10, 10, t + SETTLE), 0);
    }

    #[test]
    fn the_last_message_counts_only_once_the_bus_has_been_still() {
        let mut l = DropLedger::default();
        let t = Instant::now();
        // 100 read, 90 taken: 9 or 10 dropped.
        assert_eq!(l.idle(100, 90, t), 9);
        assert!(l.unsettled());
        // Too soon to tell.
        assert_eq!(l.idle(100, 90, t + SETTLE / 2), 0);
        // Still nothing new and nothing landed: the tenth was dropped.
        assert_eq!(l.idle(100, 90, t + SETTLE), 1);
        assert!(!l.unsettled());
        assert_eq!(l.counted(), 10);
    }

    #[test]
    fn a_message_that_was_on_its_way_is_not_counted_as_dropped() {
        let mut l = DropLedger::default();
        let t = Instant::now();
        assert_eq!(l.idle(100, 90, t), 9);
        // The one in between landed and was taken: 9 it was.
        assert_eq!(l.idle(100, 91, t + SETTLE), 0);
        assert!(!l.unsettled());
        assert_eq!(l.counted(), 9);
    }

    #[test]
    fn new_traffic_restarts_the_wait() {
        let mut l = DropLedger::default();
        let t = Instant::now();
        assert_eq!(l.idle(100, 90, t), 9);
        assert_eq!(l.idle(105, 95, t + SETTLE), 0);
        assert_eq!(l.idle(105, 95, t + SETTLE * 3 / 2), 0);
        assert_eq!(l.idle(105, 95, t + SETTLE * 2), 1);
        // Counted never goes back, whatever a later estimate says.
        assert_eq!(l.idle(106, 96, t + SETTLE * 5), 0);
        assert_eq!(l.counted(), 10);
    }
}
