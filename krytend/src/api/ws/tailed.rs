//! Events and logs for WebSocket subscriptions, through the same
//! history-then-live machinery as gRPC tails.

use std::sync::Arc;

use super::json;
use crate::{
    api::{tail::Tailed, Shared},
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

impl WsItem {
    /// What it holds while queued (the text may be shared with others).
    pub fn weight(&self) -> usize {
        match self {
            WsItem::Item(t) => t.len(),
            WsItem::Gap(_) => 0,
        }
    }
}

/// A record's JSON text for WebSocket clients, made once and shared by
/// every subscriber.
pub trait SharedJson {
    fn shared_json(&self) -> Arc<str>;
}

impl SharedJson for Event {
    fn shared_json(&self) -> Arc<str> {
        self.json.get_or_init(|| json::event(self).to_string().into()).clone()
    }
}

impl SharedJson for LogRecord {
    fn shared_json(&self) -> Arc<str> {
        self.json.get_or_init(|| json::log(self).to_string().into()).clone()
    }
}

/// A gRPC tail (events or logs), with items as shared JSON text.
pub struct Ws<T>(pub T);

#[tonic::async_trait]
impl<T> Tailed for Ws<T>
where
    T: Tailed,
    T::Item: SharedJson,
{
    type Item = T::Item;
    type Response = WsItem;

    fn subscribe(&self, shared: &Shared) -> crate::hub::Receiver<T::Item> {
        self.0.subscribe(shared)
    }
    fn seq(item: &T::Item) -> u64 {
        T::seq(item)
    }
    fn matches(&self, item: &T::Item) -> bool {
        self.0.matches(item)
    }
    fn item(item: &T::Item) -> WsItem {
        WsItem::Item(item.shared_json())
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
    ) -> Result<(Vec<T::Item>, bool), StoreError> {
        self.0.by_seq(shared, after, upto, limit).await
    }
    async fn history(
        &self,
        shared: &Shared,
        after: Option<&T::Item>,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<T::Item>, bool), StoreError> {
        self.0.history(shared, after, upto, limit).await
    }
    async fn last(&self, shared: &Shared, n: usize, upto: u64) -> Result<Vec<T::Item>, StoreError> {
        self.0.last(shared, n, upto).await
    }
}
