//! API tokens shared by krytend replicas through a KV bucket
//! (`jetstream.tokens_bucket`): a token made or revoked on one replica
//! works, or stops working, on every other.
//!
//! Each replica keeps its own tokens table (authentication never waits on
//! the bus). This task puts every token this replica has, and each one it
//! creates or revokes, under `token.{name}` (the whole row: name, role,
//! lookup, argon2 hash, times; never the secret), and applies every record
//! of the bucket to its table (`Tokens::apply_shared`), which also ends the
//! sessions of a token revoked elsewhere. A name made on two replicas with
//! different secrets (each made its own first token, say) is a conflict:
//! both keep theirs, the bucket keeps the first, and it is counted and
//! logged.

use std::{
    sync::{atomic::Ordering, Arc},
    time::Duration,
};

use async_nats::jetstream::{self, kv};
use bytes::Bytes;
use futures::StreamExt;
use tokio_util::sync::CancellationToken;

use super::JsState;
use crate::{
    auth::{Applied, Tokens},
    store::tokens::TokenRecord,
};

const OP_TIMEOUT: Duration = Duration::from_secs(5);
/// A record bigger than this in the bucket is not one of ours.
const RECORD_MAX: usize = 4096;

fn key(name: &str) -> String {
    format!("token.{name}")
}

async fn open(ctx: &jetstream::Context, bucket: &str, replicas: usize) -> Result<kv::Store, String> {
    let what = "krytend API tokens shared by replicas (argon2 hashes, no secrets)";
    super::lease::open_bucket(ctx, bucket, what, 16 << 20, replicas).await
}

/// Puts one of this replica's tokens: created if the name is free,
/// updated (a revocation) if the bucket holds the same token, left alone
/// if it holds another of that name.
async fn share(kv: &kv::Store, rec: &TokenRecord, state: &JsState) {
    let body = match serde_json::to_vec(rec) {
        Ok(b) => Bytes::from(b),
        Err(_) => return,
    };
    let k = key(&rec.name);
    if let Ok(Ok(_)) = tokio::time::timeout(OP_TIMEOUT, kv.create(&k, body.clone())).await {
        state.tokens_shared.fetch_add(1, Ordering::Relaxed);
        return;
    }
    let theirs = match tokio::time::timeout(OP_TIMEOUT, kv.entry(&k)).await {
        Ok(Ok(Some(e))) => e,
        Ok(Ok(None)) => return,
        Ok(Err(e)) => return state.note_error(format!("tokens bucket: cannot read {k}: {e}")),
        Err(_) => return state.note_error(format!("tokens bucket: reading {k} timed out")),
    };
    let same = serde_json::from_slice::<TokenRecord>(&theirs.value).ok();
    match same {
        Some(t) if t.lookup == rec.lookup => {
            if t != *rec {
                match tokio::time::timeout(OP_TIMEOUT, kv.update(&k, body, theirs.revision)).await {
                    Ok(Ok(_)) => {
                        state.tokens_shared.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(Err(e)) => state.note_error(format!("tokens bucket: cannot update {k}: {e}")),
                    Err(_) => state.note_error(format!("tokens bucket: updating {k} timed out")),
                }
            }
        }
        _ => {
            state.tokens_conflicts.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(
                "tokens bucket: another replica has a different token named {:?}; this replica keeps its own, \
                 which works here only",
                rec.name
            );
        }
    }
}

/// Shares this replica's tokens and applies the bucket's, until `stop`.
/// Setting up retries every 5 s (the bucket's server may be starting), and
/// so does a watch that ends.
pub async fn run(
    ctx: jetstream::Context,
    bucket: String,
    replicas: usize,
    tokens: Tokens,
    state: Arc<JsState>,
    stop: CancellationToken,
) {
    let mut local = tokens.local_changes();
    loop {
        let ready = async {
            let kv = open(&ctx, &bucket, replicas).await?;
            let w = kv
                .watch_all()
                .await
                .map_err(|e| format!("cannot watch the tokens bucket: {e}"))?;
            Ok::<_, String>((kv, w))
        };
        match ready.await {
            Ok((kv, watch)) => {
                share_all(&kv, &tokens, &state).await;
                tracing::info!("API tokens shared through bucket {bucket}");
                if follow(&kv, watch, &mut local, &tokens, &state, &stop).await {
                    return;
                }
            }
            Err(e) => state.note_error(e),
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
        }
    }
}

async fn share_all(kv: &kv::Store, tokens: &Tokens, state: &JsState) {
    match tokens.records(None).await {
        Ok(all) => {
            for rec in &all {
                share(kv, rec, state).await;
            }
        }
        Err(e) => state.note_error(format!("tokens bucket: cannot read the local tokens: {e}")),
    }
}

/// Until `stop` (true) or the watch ends (false).
async fn follow(
    kv: &kv::Store,
    mut watch: kv::Watch,
    local: &mut tokio::sync::broadcast::Receiver<String>,
    tokens: &Tokens,
    state: &JsState,
    stop: &CancellationToken,
) -> bool {
    loop {
        tokio::select! {
            _ = stop.cancelled() => return true,
            name = local.recv() => match name {
                Ok(name) => {
                    if let Ok(recs) = tokens.records(Some(&name)).await {
                        for rec in &recs {
                            share(kv, rec, state).await;
                        }
                    }
                }
                // Missed names: share them all again (each is idempotent).
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => share_all(kv, tokens, state).await,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return true,
            },
            entry = watch.next() => match entry {
                Some(Ok(e)) if e.operation == kv::Operation::Put => apply(e, tokens, state).await,
                Some(Ok(_)) => {}
                Some(Err(e)) => state.note_error(format!("tokens bucket watch: {e}")),
                None => {
                    state.note_error("the tokens bucket watch ended; watching again".into());
                    return false;
                }
            },
        }
    }
}

async fn apply(e: kv::Entry, tokens: &Tokens, state: &JsState) {
    let rec = (e.value.len() <= RECORD_MAX)
        .then(|| serde_json::from_slice::<TokenRecord>(&e.value).ok())
        .flatten()
        .filter(|r| e.key == key(&r.name));
    let Some(rec) = rec else {
        state.tokens_refused.fetch_add(1, Ordering::Relaxed);
        tracing::warn!("tokens bucket: {} is not a token record; ignored", e.key);
        return;
    };
    match tokens.apply_shared(rec).await {
        Ok(Applied::Added | Applied::Revoked) => {
            state.tokens_applied.fetch_add(1, Ordering::Relaxed);
        }
        Ok(Applied::Unchanged) => {}
        Ok(Applied::Conflict) => {
            state.tokens_conflicts.fetch_add(1, Ordering::Relaxed);
        }
        Err(err) => {
            state.tokens_refused.fetch_add(1, Ordering::Relaxed);
            tracing::warn!("tokens bucket: {} refused: {err}", e.key);
        }
    }
}
