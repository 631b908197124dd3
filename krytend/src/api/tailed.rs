//! The two things a tail can stream.

use kryten_proto::v1 as pb;

use super::{
    convert::{event_to_pb, log_to_pb},
    tail::Tailed,
    Shared,
};
use crate::{
    event::{Event, EventFilter},
    logs::{LogFilter, LogRecord},
    protocol::Kind,
    store::{logs_reader::LogPaging, reader::Paging, StoreError},
};

pub struct Events(pub EventFilter);

#[tonic::async_trait]
impl Tailed for Events {
    type Item = Event;
    type Response = pb::TailEventsResponse;

    fn subscribe(&self, shared: &Shared) -> crate::hub::Receiver<Event> {
        shared.hub.subscribe()
    }
    fn seq(item: &Event) -> u64 {
        item.seq
    }
    fn matches(&self, item: &Event) -> bool {
        self.0.matches(item)
    }
    fn item(item: &Event) -> pb::TailEventsResponse {
        pb::TailEventsResponse {
            item: Some(pb::tail_events_response::Item::Event(event_to_pb(item))),
        }
    }
    fn gap(missed: u64, reason: String) -> pb::TailEventsResponse {
        pb::TailEventsResponse {
            item: Some(pb::tail_events_response::Item::Gap(pb::Gap { missed, reason })),
        }
    }
    async fn by_seq(
        &self,
        shared: &Shared,
        after: u64,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<Event>, bool), StoreError> {
        let page = shared
            .store
            .reader()
            .events(
                self.0.clone(),
                Paging::Forward {
                    after,
                    upto: Some(upto),
                },
                limit,
            )
            .await?;
        Ok((page.events, page.more))
    }
    async fn history(
        &self,
        shared: &Shared,
        after: Option<&Event>,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<Event>, bool), StoreError> {
        self.by_seq(shared, after.map_or(0, |e| e.seq), upto, limit).await
    }
    async fn last(&self, shared: &Shared, n: usize, upto: u64) -> Result<Vec<Event>, StoreError> {
        let page = shared
            .store
            .reader()
            .events(self.0.clone(), Paging::Newest { before: upto + 1 }, n)
            .await?;
        Ok(page.events)
    }
    fn hidden_gap(&self, item: &Event) -> Option<pb::TailEventsResponse> {
        (item.kind == Kind::Gap && !self.0.matches(item)).then(|| gap_notice(item))
    }
    async fn hidden_gaps(
        &self,
        shared: &Shared,
        after: u64,
        upto: u64,
    ) -> Result<Vec<pb::TailEventsResponse>, StoreError> {
        if self.0.kinds == [Kind::Gap] {
            return Ok(Vec::new());
        }
        Ok(stored_gaps(shared, after, upto)
            .await?
            .iter()
            .filter_map(|e| self.hidden_gap(e))
            .collect())
    }
}

/// Stored gap events in (after, upto]. They are rare; a page bounds the
/// cost all the same.
async fn stored_gaps(shared: &Shared, after: u64, upto: u64) -> Result<Vec<Event>, StoreError> {
    if after >= upto {
        return Ok(Vec::new());
    }
    let gaps = EventFilter {
        kinds: vec![Kind::Gap],
        ..Default::default()
    };
    let page = shared
        .store
        .reader()
        .events(
            gaps,
            Paging::Forward {
                after,
                upto: Some(upto),
            },
            100,
        )
        .await?;
    Ok(page.events)
}

/// What a stored gap event says: how many records, and why.
fn gap_text(ev: &Event) -> (u64, String) {
    let v: serde_json::Value = serde_json::from_slice(&ev.payload).unwrap_or_default();
    let missed = v["missed"].as_u64().unwrap_or(0);
    let reason = v["reason"].as_str().unwrap_or("records were lost");
    (missed, format!("{reason} (gap event #{})", ev.seq))
}

/// A stored gap event as the stream's gap notice.
fn gap_notice(ev: &Event) -> pb::TailEventsResponse {
    let (missed, reason) = gap_text(ev);
    Events::gap(missed, reason)
}

pub struct Logs {
    filter: LogFilter,
    /// `since`/`until` bound history only; live records are shown as they
    /// come. Built once, not per record.
    live: LogFilter,
}

impl Logs {
    pub fn new(filter: LogFilter) -> Self {
        let live = LogFilter {
            since_us: None,
            until_us: None,
            ..filter.clone()
        };
        Self { filter, live }
    }
}

#[tonic::async_trait]
impl Tailed for Logs {
    type Item = LogRecord;
    type Response = pb::TailLogsResponse;

    fn subscribe(&self, shared: &Shared) -> crate::hub::Receiver<LogRecord> {
        shared.hub.subscribe_logs()
    }
    fn seq(item: &LogRecord) -> u64 {
        item.seq
    }
    fn matches(&self, item: &LogRecord) -> bool {
        self.live.matches(item)
    }
    fn item(item: &LogRecord) -> pb::TailLogsResponse {
        pb::TailLogsResponse {
            item: Some(pb::tail_logs_response::Item::Record(log_to_pb(item))),
        }
    }
    fn gap(missed: u64, reason: String) -> pb::TailLogsResponse {
        pb::TailLogsResponse {
            item: Some(pb::tail_logs_response::Item::Gap(pb::Gap { missed, reason })),
        }
    }
    async fn by_seq(
        &self,
        shared: &Shared,
        after: u64,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<LogRecord>, bool), StoreError> {
        let page = shared
            .store
            .reader()
            .logs(self.filter.clone(), LogPaging::BySeq { after, upto }, limit)
            .await?;
        Ok((page.records, page.more))
    }
    async fn history(
        &self,
        shared: &Shared,
        after: Option<&LogRecord>,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<LogRecord>, bool), StoreError> {
        let page = shared
            .store
            .reader()
            .logs(
                self.filter.clone(),
                LogPaging::ByTime {
                    after: after.map(|r| (r.time_us, r.seq)),
                    upto: Some(upto),
                },
                limit,
            )
            .await?;
        Ok((page.records, page.more))
    }
    async fn last(&self, shared: &Shared, n: usize, upto: u64) -> Result<Vec<LogRecord>, StoreError> {
        let page = shared
            .store
            .reader()
            .logs(self.filter.clone(), LogPaging::Newest { upto: Some(upto) }, n)
            .await?;
        Ok(page.records)
    }
    /// Log records share the event sequence, so a gap event (a crash, a
    /// full store) concerns them too: a resuming follower is told.
    async fn hidden_gaps(
        &self,
        shared: &Shared,
        after: u64,
        upto: u64,
    ) -> Result<Vec<pb::TailLogsResponse>, StoreError> {
        Ok(stored_gaps(shared, after, upto)
            .await?
            .iter()
            .map(|e| {
                let (missed, reason) = gap_text(e);
                Logs::gap(missed, reason)
            })
            .collect())
    }
}
