//! The registry as readers see it: a snapshot shared behind an `Arc`.
//!
//! Entries are `Arc`s, so the sequencer updates one service in place
//! (`Arc::make_mut` on the map) instead of rebuilding the map on every
//! change. The map itself is copied only when a reader still holds the
//! previous snapshot — at most once per reader snapshot, never per bus
//! message, and then it copies pointers, not service states.

use std::{collections::BTreeMap, sync::Arc};

use super::ServiceState;

/// What readers hold: the map as of one moment.
pub type ServicesView = Arc<ServiceMap>;

#[derive(Debug, Clone, Default)]
pub struct ServiceMap {
    map: BTreeMap<String, Arc<ServiceState>>,
}

impl ServiceMap {
    pub fn get(&self, name: &str) -> Option<&ServiceState> {
        self.map.get(name).map(Arc::as_ref)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    pub fn values(&self) -> impl Iterator<Item = &ServiceState> {
        self.map.values().map(Arc::as_ref)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &ServiceState)> {
        self.map.iter().map(|(k, v)| (k, v.as_ref()))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Replaces one service's entry.
    pub fn upsert(&mut self, s: ServiceState) {
        self.map.insert(s.name.clone(), Arc::new(s));
    }

    pub fn remove(&mut self, name: &str) {
        self.map.remove(name);
    }
}

impl FromIterator<(String, ServiceState)> for ServiceMap {
    fn from_iter<I: IntoIterator<Item = (String, ServiceState)>>(iter: I) -> Self {
        Self {
            map: iter.into_iter().map(|(k, v)| (k, Arc::new(v))).collect(),
        }
    }
}
