//! Watching services: the current state, then every change, for every API
//! that offers a watch. A watcher that falls behind is told how much it
//! missed and then given every service again, so it is never left with a
//! stale picture.

use std::{collections::VecDeque, sync::Arc};

use tokio::sync::{
    broadcast::{self, error::RecvError},
    watch,
};

use crate::{
    hub::{Hub, ServiceUpdate},
    ingest::ServicesView,
    registry::{ServiceState, Transition},
};

/// One item of a watch.
#[derive(Debug, Clone)]
pub enum ServiceChange {
    /// A service as it is now: the initial picture, and again after a lag.
    Current { service: ServiceState, initial: bool },
    /// A service changed (with its transition when its status did).
    Changed {
        service: ServiceState,
        transition: Option<Transition>,
    },
    /// This many updates were lost because the watcher fell behind; the
    /// current state of every watched service follows.
    Missed(u64),
}

pub struct ServiceWatch {
    names: Vec<String>,
    view: watch::Receiver<ServicesView>,
    updates: broadcast::Receiver<Arc<ServiceUpdate>>,
    queued: VecDeque<ServiceChange>,
}

impl ServiceWatch {
    /// Watches `names` (all services when empty); with `initial`, the
    /// current state of each comes first.
    pub fn new(hub: &Hub, view: watch::Receiver<ServicesView>, names: Vec<String>, initial: bool) -> Self {
        // Subscribe before reading the picture, so no change falls between.
        let updates = hub.subscribe_services();
        let mut w = Self {
            names,
            view,
            updates,
            queued: VecDeque::new(),
        };
        if initial {
            w.queue_current(true);
        }
        w
    }

    fn wanted(&self, name: &str) -> bool {
        self.names.is_empty() || self.names.iter().any(|n| n == name)
    }

    fn queue_current(&mut self, initial: bool) {
        let view = self.view.borrow().clone();
        let current: Vec<ServiceChange> = view
            .values()
            .filter(|s| self.wanted(&s.name))
            .map(|s| ServiceChange::Current {
                service: s.clone(),
                initial,
            })
            .collect();
        self.queued.extend(current);
    }

    /// The next change; `None` once the daemon stops publishing updates.
    pub async fn next(&mut self) -> Option<ServiceChange> {
        loop {
            if let Some(c) = self.queued.pop_front() {
                return Some(c);
            }
            match self.updates.recv().await {
                Ok(u) if self.wanted(&u.service.name) => {
                    return Some(ServiceChange::Changed {
                        service: u.service.clone(),
                        transition: u.transition.clone(),
                    })
                }
                Ok(_) => {}
                Err(RecvError::Lagged(n)) => {
                    self.queue_current(false);
                    return Some(ServiceChange::Missed(n));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }
}
