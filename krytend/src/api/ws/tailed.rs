//! Events and logs for WebSocket subscriptions, through the same
//! history-then-live machinery as gRPC tails.

use std::sync::Arc;

use tokio::sync::broadcast;

use super::json;
use crate::{
    api::{tail::Tailed, tailed, Shared},
    event::Event,
    logs::LogRecord,
    store::StoreError,
};

/// An item of a tail (its JSON text, shared by every subscriber), or
/// notice of a gap.
pub enum WsItem {
    Item(Arc<str>),
    Gap(u64),
}

/// The gRPC tails, with items as shared JSON text.
pub struct WsEvents(pub tailed::Events);
pub struct WsLogs(pub tailed::Logs);

#[tonic::async_trait]
impl Tailed for WsEvents {
    type Item = Event;
    type Response = WsItem;

    fn subscribe(&self, shared: &Shared) -> broadcast::Receiver<Arc<Event>> {
        shared.hub.subscribe()
    }
    fn seq(item: &Event) -> u64 {
        item.seq
    }
    fn matches(&self, item: &Event) -> bool {
        self.0.matches(item)
    }
    fn item(item: &Event) -> WsItem {
        WsItem::Item(item.json.get_or_init(|| json::event(item).to_string().into()).clone())
    }
    fn gap(missed: u64, _reason: String) -> WsItem {
        WsItem::Gap(missed)
    }
    async fn by_seq(
        &self,
        shared: &Shared,
        after: u64,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<Event>, bool), StoreError> {
        self.0.by_seq(shared, after, upto, limit).await
    }
    async fn history(
        &self,
        shared: &Shared,
        after: Option<&Event>,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<Event>, bool), StoreError> {
        self.0.history(shared, after, upto, limit).await
    }
    async fn last(&self, shared: &Shared, n: usize, upto: u64) -> Result<Vec<Event>, StoreError> {
        self.0.last(shared, n, upto).await
    }
}

#[tonic::async_trait]
impl Tailed for WsLogs {
    type Item = LogRecord;
    type Response = WsItem;

    fn subscribe(&self, shared: &Shared) -> broadcast::Receiver<Arc<LogRecord>> {
        shared.hub.subscribe_logs()
    }
    fn seq(item: &LogRecord) -> u64 {
        item.seq
    }
    fn matches(&self, item: &LogRecord) -> bool {
        self.0.matches(item)
    }
    fn item(item: &LogRecord) -> WsItem {
        WsItem::Item(item.json.get_or_init(|| json::log(item).to_string().into()).clone())
    }
    fn gap(missed: u64, _reason: String) -> WsItem {
        WsItem::Gap(missed)
    }
    async fn by_seq(
        &self,
        shared: &Shared,
        after: u64,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<LogRecord>, bool), StoreError> {
        self.0.by_seq(shared, after, upto, limit).await
    }
    async fn history(
        &self,
        shared: &Shared,
        after: Option<&LogRecord>,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<LogRecord>, bool), StoreError> {
        self.0.history(shared, after, upto, limit).await
    }
    async fn last(&self, shared: &Shared, n: usize, upto: u64) -> Result<Vec<LogRecord>, StoreError> {
        self.0.last(shared, n, upto).await
    }
}
