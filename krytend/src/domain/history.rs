//! The recorded past as every API pages through it: events and log lines,
//! with one set of page-size caps, and the one answer for a log query that
//! names a service no one has heard of.

use crate::{
    domain::services::UnknownService,
    event::EventFilter,
    ingest::ServicesView,
    logs::LogFilter,
    store::{
        gate,
        logs_reader::{LogPage, LogPaging},
        reader::{EventPage, Paging},
        Store, StoreError,
    },
};

/// Events in one page when the caller does not say, and at most.
pub const EVENTS_DEFAULT: usize = 100;
pub const EVENTS_MAX: usize = 10_000;
/// Log lines in one page when the caller does not say, and at most.
pub const LOGS_DEFAULT: usize = 100;
pub const LOGS_MAX: usize = 100_000;

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(transparent)]
    UnknownService(#[from] UnknownService),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn clamp(requested: u32, default: usize, max: usize) -> usize {
    match requested {
        0 => default,
        n => (n as usize).min(max),
    }
}

/// Newest first before `before_seq` (0: from the newest), or oldest
/// first after `after_seq`.
pub fn event_paging(newest: bool, before_seq: u64, after_seq: u64) -> Paging {
    if newest {
        Paging::Newest { before: before_seq }
    } else {
        Paging::Forward {
            after: after_seq,
            upto: None,
        }
    }
}

/// One page of events; the query's cost counts against `caller`'s share.
pub async fn events(
    store: &Store,
    caller: &str,
    filter: EventFilter,
    paging: Paging,
    limit: u32,
) -> Result<EventPage, StoreError> {
    let limit = clamp(limit, EVENTS_DEFAULT, EVENTS_MAX);
    gate::as_caller(caller, store.reader().events_interactive(filter, paging, limit)).await
}

/// Where a log tail or page reads: what a service with files or lines
/// counts as known.
pub struct LogSources<'a> {
    pub store: &'a Store,
    pub view: &'a ServicesView,
    /// Services whose logs come from files (known even before a line).
    pub file_services: &'a [String],
}

impl LogSources<'_> {
    /// A service is known if the registry knows it, a log file is
    /// configured for it, or it has logged before.
    pub async fn check(&self, names: &[String]) -> Result<(), HistoryError> {
        let mut unknown = Vec::new();
        for n in names {
            let known = self.view.contains_key(n)
                || self.file_services.contains(n)
                || self.store.reader().has_logs_for(n.clone()).await?;
            if !known {
                unknown.push(n.clone());
            }
        }
        if unknown.is_empty() {
            return Ok(());
        }
        Err(UnknownService::new(unknown, self.view, self.file_services).into())
    }

    /// One page of log lines, newest or oldest first, after checking the
    /// services it names.
    pub async fn page(
        &self,
        caller: &str,
        filter: LogFilter,
        newest: bool,
        limit: u32,
    ) -> Result<LogPage, HistoryError> {
        self.check(&filter.services).await?;
        let paging = if newest {
            LogPaging::Newest { upto: None }
        } else {
            LogPaging::ByTime {
                after: None,
                upto: None,
            }
        };
        let limit = clamp(limit, LOGS_DEFAULT, LOGS_MAX);
        Ok(gate::as_caller(caller, self.store.reader().logs(filter, paging, limit)).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_default_and_cap() {
        assert_eq!(clamp(0, EVENTS_DEFAULT, EVENTS_MAX), 100);
        assert_eq!(clamp(7, EVENTS_DEFAULT, EVENTS_MAX), 7);
        assert_eq!(clamp(u32::MAX, EVENTS_DEFAULT, EVENTS_MAX), 10_000);
        assert_eq!(clamp(u32::MAX, LOGS_DEFAULT, LOGS_MAX), 100_000);
    }
}
