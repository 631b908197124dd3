//! Persistence of alerts: firing state (restored into the engine at start), the
//! transition history, silences and notification delivery attempts. Functions take a
//! connection so they run on the writer or a pooled reader alike.

use rusqlite::{params, Connection, OptionalExtension};

use super::StoreError;
use crate::alerts::engine::{Alert, Severity, State, Transition};
use crate::alerts::notify::DeliveryRecord;
use crate::alerts::silence::{Matcher, Silence};
use crate::alerts::Labels;

fn labels_json(l: &Labels) -> String {
    serde_json::to_string(l).unwrap_or_else(|_| "{}".into())
}

fn severity_of(s: &str) -> Severity {
    match s {
        "critical" => Severity::Critical,
        "info" => Severity::Info,
        _ => Severity::Warning,
    }
}

/// Records a transition and updates the firing state in one transaction.
pub fn save_transition(conn: &mut Connection, t: &Transition) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    let a = t.alert();
    let (kind, at) = match t {
        Transition::AlertFiring { alert } => ("alert_firing", alert.fired_at_ms.unwrap_or(alert.last_seen_ms)),
        Transition::AlertResolved { resolved_at_ms, .. } => ("alert_resolved", *resolved_at_ms),
    };
    tx.execute(
        "INSERT INTO alert_transitions (fingerprint, kind, at_ms, labels, summary) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.fingerprint, kind, at, labels_json(&a.labels), a.summary],
    )?;
    match t {
        Transition::AlertFiring { alert } => {
            tx.execute(
                "INSERT OR REPLACE INTO alert_state
                   (fingerprint, labels, severity, summary, active_at_ms, fired_at_ms, last_seen_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    alert.fingerprint,
                    labels_json(&alert.labels),
                    alert.severity.as_str(),
                    alert.summary,
                    alert.active_at_ms,
                    alert.fired_at_ms,
                    alert.last_seen_ms
                ],
            )?;
        }
        Transition::AlertResolved { alert, .. } => {
            tx.execute("DELETE FROM alert_state WHERE fingerprint = ?1", [&alert.fingerprint])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// The firing alerts kept across a restart, for `Engine::restore`. Rows whose labels no
/// longer parse are skipped rather than failing the start.
pub fn firing_alerts(conn: &Connection) -> Result<Vec<Alert>, StoreError> {
    let mut st = conn.prepare(
        "SELECT fingerprint, labels, severity, summary, active_at_ms, fired_at_ms, last_seen_ms
         FROM alert_state ORDER BY fingerprint",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (fingerprint, labels, severity, summary, active_at_ms, fired_at_ms, last_seen_ms) = row?;
        let Ok(labels) = serde_json::from_str::<Labels>(&labels) else {
            continue;
        };
        out.push(Alert {
            fingerprint,
            labels,
            severity: severity_of(&severity),
            summary,
            state: State::Firing,
            active_at_ms,
            fired_at_ms,
            last_seen_ms,
        });
    }
    Ok(out)
}

/// Number of transitions recorded for one alert.
pub fn transition_count(conn: &Connection, fingerprint: &str) -> Result<u64, StoreError> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM alert_transitions WHERE fingerprint = ?1",
        [fingerprint],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

pub fn put_silence(conn: &Connection, s: &Silence) -> Result<(), StoreError> {
    let matchers: Vec<String> = s.matchers.iter().map(ToString::to_string).collect();
    conn.execute(
        "INSERT OR REPLACE INTO silences (id, matchers, starts_ms, ends_ms, author, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            s.id,
            serde_json::to_string(&matchers).unwrap_or_else(|_| "[]".into()),
            s.starts_ms,
            s.ends_ms,
            s.author,
            s.comment
        ],
    )?;
    Ok(())
}

/// How long an ended silence is kept (for `alerts describe`).
const ENDED_SILENCES_KEPT_MS: i64 = 30 * 24 * 3_600_000;

/// Ends a silence now (kept, for the history of the alerts it matched);
/// false when there was none with that id in force or yet to start.
pub fn end_silence(conn: &Connection, id: &str, now_ms: i64) -> Result<bool, StoreError> {
    let n = conn.execute(
        "UPDATE silences SET ends_ms = MAX(starts_ms, ?2) WHERE id = ?1 AND ends_ms > ?2",
        params![id, now_ms],
    )?;
    conn.execute(
        "DELETE FROM silences WHERE ends_ms < ?1",
        [now_ms.saturating_sub(ENDED_SILENCES_KEPT_MS)],
    )?;
    Ok(n > 0)
}

/// Silences that ended at or after `since_ms`, or have not ended (newest
/// first, at most `limit`), for the history of one alert.
pub fn silences_since(conn: &Connection, since_ms: i64, limit: u32) -> Result<Vec<Silence>, StoreError> {
    let mut st = conn.prepare(
        "SELECT id, matchers, starts_ms, ends_ms, author, comment FROM silences
         WHERE ends_ms >= ?1 ORDER BY starts_ms DESC, id LIMIT ?2",
    )?;
    let rows = st.query_map(params![since_ms, limit], silence_row)?;
    let mut out = Vec::new();
    for row in rows {
        if let Some(s) = parse_silence(row?) {
            out.push(s);
        }
    }
    Ok(out)
}

type SilenceRow = (String, String, i64, i64, String, String);

fn silence_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SilenceRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

/// A stored silence that no longer parses is skipped.
fn parse_silence((id, matchers, starts, ends, author, comment): SilenceRow) -> Option<Silence> {
    let texts = serde_json::from_str::<Vec<String>>(&matchers).ok()?;
    let matchers = texts
        .iter()
        .map(|t| Matcher::parse(t))
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    Silence::new(&id, matchers, starts, ends, &author, &comment).ok()
}

/// Silences that have not ended by `now_ms` (active or yet to start). Stored silences
/// that no longer parse are skipped.
pub fn current_silences(conn: &Connection, now_ms: i64) -> Result<Vec<Silence>, StoreError> {
    let mut st = conn.prepare(
        "SELECT id, matchers, starts_ms, ends_ms, author, comment FROM silences
         WHERE ends_ms > ?1 ORDER BY starts_ms, id",
    )?;
    let rows = st.query_map([now_ms], silence_row)?;
    let mut out = Vec::new();
    for row in rows {
        if let Some(s) = parse_silence(row?) {
            out.push(s);
        }
    }
    Ok(out)
}

/// Records one delivery attempt and the alerts (fingerprints) it carried.
pub fn record_delivery(conn: &Connection, d: &DeliveryRecord, fingerprints: &[String]) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO alert_deliveries (at_ms, receiver, ok, status, error, fingerprints)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            d.at_ms,
            d.receiver,
            d.ok,
            d.status,
            d.error,
            serde_json::to_string(fingerprints).unwrap_or_else(|_| "[]".into())
        ],
    )?;
    Ok(())
}

/// Delivery attempts that carried the alert `fingerprint`, newest first. Only the
/// newest `DELIVERIES_SCANNED` attempts are looked at, so the cost is bounded.
pub fn deliveries_of(conn: &Connection, fingerprint: &str, limit: u32) -> Result<Vec<DeliveryRecord>, StoreError> {
    const DELIVERIES_SCANNED: u32 = 100_000;
    let mut st = conn.prepare(
        "SELECT at_ms, receiver, ok, status, error FROM
           (SELECT * FROM alert_deliveries ORDER BY id DESC LIMIT ?3)
         WHERE instr(fingerprints, ?1) > 0 ORDER BY id DESC LIMIT ?2",
    )?;
    // Fingerprints are hex; quoted, one cannot match inside another.
    let needle = format!("\"{fingerprint}\"");
    let rows = st.query_map(params![needle, limit, DELIVERIES_SCANNED], delivery_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn delivery_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DeliveryRecord> {
    Ok(DeliveryRecord {
        at_ms: r.get(0)?,
        receiver: r.get(1)?,
        ok: r.get(2)?,
        status: r.get(3)?,
        error: r.get(4)?,
    })
}

/// One stored transition of an alert.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTransition {
    pub fingerprint: String,
    /// `alert_firing` or `alert_resolved`.
    pub kind: String,
    pub at_ms: i64,
    pub labels: Labels,
    pub summary: String,
    /// For a resolve: when the firing it ends began.
    pub fired_at_ms: Option<i64>,
}

impl StoredTransition {
    /// The alert as this transition left it.
    pub fn alert(&self) -> Alert {
        let severity = severity_of(self.labels.get("severity").map_or("warning", String::as_str));
        Alert {
            fingerprint: self.fingerprint.clone(),
            labels: self.labels.clone(),
            severity,
            summary: self.summary.clone(),
            state: State::Firing,
            active_at_ms: self.fired_at_ms.unwrap_or(self.at_ms),
            fired_at_ms: Some(self.fired_at_ms.unwrap_or(self.at_ms)),
            last_seen_ms: self.at_ms,
        }
    }
}

fn transition_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, i64, String, String, Option<i64>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

fn parse_transitions(
    rows: impl Iterator<Item = rusqlite::Result<(String, String, i64, String, String, Option<i64>)>>,
) -> Result<Vec<StoredTransition>, StoreError> {
    let mut out = Vec::new();
    for row in rows {
        let (fingerprint, kind, at_ms, labels, summary, fired_at_ms) = row?;
        let Ok(labels) = serde_json::from_str::<Labels>(&labels) else {
            continue;
        };
        out.push(StoredTransition {
            fingerprint,
            kind,
            at_ms,
            labels,
            summary,
            fired_at_ms,
        });
    }
    Ok(out)
}

/// The newest `limit` transitions of one alert, oldest first.
pub fn transitions_of(conn: &Connection, fingerprint: &str, limit: u32) -> Result<Vec<StoredTransition>, StoreError> {
    let mut st = conn.prepare(
        "SELECT fingerprint, kind, at_ms, labels, summary, NULL FROM
           (SELECT * FROM alert_transitions WHERE fingerprint = ?1 ORDER BY id DESC LIMIT ?2)
         ORDER BY id",
    )?;
    let rows = st.query_map(params![fingerprint, limit], transition_row)?;
    parse_transitions(rows)
}

/// Fingerprints starting with `prefix` (at most `limit`), for look-ups by a
/// short id.
pub fn fingerprints_with_prefix(conn: &Connection, prefix: &str, limit: u32) -> Result<Vec<String>, StoreError> {
    let mut st = conn.prepare(
        "SELECT DISTINCT fingerprint FROM alert_transitions
         WHERE fingerprint >= ?1 AND fingerprint < ?1 || 'g' ORDER BY fingerprint LIMIT ?2",
    )?;
    let rows = st.query_map(params![prefix, limit], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Alerts resolved at or after `since_ms`, newest first, each with the time
/// its firing began.
pub fn resolved_since(conn: &Connection, since_ms: i64, limit: u32) -> Result<Vec<StoredTransition>, StoreError> {
    let mut st = conn.prepare(
        "SELECT r.fingerprint, r.kind, r.at_ms, r.labels, r.summary,
                (SELECT f.at_ms FROM alert_transitions f
                  WHERE f.fingerprint = r.fingerprint AND f.kind = 'alert_firing' AND f.id < r.id
                  ORDER BY f.id DESC LIMIT 1)
         FROM alert_transitions r
         WHERE r.kind = 'alert_resolved' AND r.at_ms >= ?1 ORDER BY r.at_ms DESC, r.id DESC LIMIT ?2",
    )?;
    let rows = st.query_map(params![since_ms, limit], transition_row)?;
    parse_transitions(rows)
}

/// The newest `limit` delivery attempts, newest first.
pub fn recent_deliveries(conn: &Connection, limit: u32) -> Result<Vec<DeliveryRecord>, StoreError> {
    let mut st =
        conn.prepare("SELECT at_ms, receiver, ok, status, error FROM alert_deliveries ORDER BY id DESC LIMIT ?1")?;
    let rows = st.query_map([limit], delivery_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Looks up one silence by id.
pub fn silence_exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row("SELECT 1 FROM silences WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alerts::engine::{Engine, RuleSpec};
    use crate::alerts::rules::{ServiceDown, ServiceSnapshot, Snapshot, Status};

    fn engine() -> Engine {
        Engine::new(vec![RuleSpec {
            rule: Box::new(ServiceDown),
            for_ms: 0,
            keep_firing_for_ms: 0,
            severity: Severity::Critical,
            labels: Labels::new(),
        }])
    }

    fn snap(now_ms: i64, down: bool) -> Snapshot {
        let status = if down { Status::Down } else { Status::Running };
        Snapshot {
            now_ms,
            services: vec![ServiceSnapshot::new("nav", status)],
            ..Snapshot::default()
        }
    }

    #[test]
    fn firing_state_survives_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let fp;
        {
            let mut conn = super::super::migrate::open_and_migrate(&path).unwrap();
            let t = engine().evaluate(&snap(10, true));
            fp = t[0].alert().fingerprint.clone();
            save_transition(&mut conn, &t[0]).unwrap();
        }
        let mut conn = super::super::migrate::open_and_migrate(&path).unwrap();
        let restored = firing_alerts(&conn).unwrap();
        assert_eq!(restored.len(), 1);
        assert_eq!(restored[0].labels["service"], "nav");
        let mut e = engine();
        e.restore(restored);
        assert!(
            e.evaluate(&snap(20, true)).is_empty(),
            "restored alert must not fire again"
        );
        let t = e.evaluate(&snap(30, false));
        save_transition(&mut conn, &t[0]).unwrap();
        assert!(firing_alerts(&conn).unwrap().is_empty());
        assert_eq!(transition_count(&conn, &fp).unwrap(), 2);
        let story = transitions_of(&conn, &fp, 10).unwrap();
        assert_eq!(
            story.iter().map(|t| t.kind.as_str()).collect::<Vec<_>>(),
            ["alert_firing", "alert_resolved"]
        );
        let resolved = resolved_since(&conn, 0, 10).unwrap();
        assert_eq!(resolved.len(), 1);
        assert_eq!(resolved[0].fired_at_ms, Some(story[0].at_ms), "when its firing began");
        assert!(resolved_since(&conn, 31, 10).unwrap().is_empty());
        assert_eq!(fingerprints_with_prefix(&conn, &fp[..4], 8).unwrap(), vec![fp.clone()]);
        assert!(fingerprints_with_prefix(&conn, "zzzz", 8).unwrap().is_empty());
    }

    #[test]
    fn silences_and_deliveries_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let conn = super::super::migrate::open_and_migrate(&dir.path().join("a.db")).unwrap();
        let m = vec![
            Matcher::parse("service=~nav-.*").unwrap(),
            Matcher::parse("team!=ops").unwrap(),
        ];
        put_silence(&conn, &Silence::new("s1", m, 100, 200, "lister", "refit").unwrap()).unwrap();
        let got = current_silences(&conn, 150).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].matchers[0].to_string(), "service=~nav-.*");
        assert_eq!(got[0].author, "lister");
        assert!(current_silences(&conn, 200).unwrap().is_empty());
        assert!(silence_exists(&conn, "s1").unwrap());
        assert!(end_silence(&conn, "s1", 150).unwrap());
        assert!(!end_silence(&conn, "s1", 150).unwrap());
        assert!(current_silences(&conn, 150).unwrap().is_empty());
        assert_eq!(
            silences_since(&conn, 150, 10).unwrap().len(),
            1,
            "an ended silence is kept"
        );

        let d = DeliveryRecord {
            at_ms: 5,
            receiver: "ops-webhook".into(),
            ok: false,
            status: Some(500),
            error: Some("server error".into()),
        };
        record_delivery(&conn, &d, &["aaaa000011112222".into()]).unwrap();
        record_delivery(
            &conn,
            &DeliveryRecord {
                at_ms: 6,
                ok: true,
                status: Some(200),
                error: None,
                ..d.clone()
            },
            &["aaaa000011112222".into(), "bbbb000011112222".into()],
        )
        .unwrap();
        let got = recent_deliveries(&conn, 10).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], d);
        assert!(got[0].ok);
        // By the alerts each carried.
        assert_eq!(deliveries_of(&conn, "aaaa000011112222", 10).unwrap().len(), 2);
        assert_eq!(deliveries_of(&conn, "bbbb000011112222", 10).unwrap().len(), 1);
        assert!(
            deliveries_of(&conn, "aaaa0000", 10).unwrap().is_empty(),
            "whole ids only"
        );
    }
}

/// The alert tables through the store's shared connection pool.
#[derive(Clone)]
pub struct AlertTable {
    pool: super::pool::Pool,
}

impl AlertTable {
    pub(super) fn new(pool: super::pool::Pool) -> Self {
        Self { pool }
    }

    pub async fn save_transition(&self, t: Transition) -> Result<(), StoreError> {
        self.pool.run(move |c| save_transition(c, &t)).await
    }

    pub async fn firing(&self) -> Result<Vec<Alert>, StoreError> {
        self.pool.run(|c| firing_alerts(c)).await
    }

    pub async fn put_silence(&self, s: Silence) -> Result<(), StoreError> {
        self.pool.run(move |c| put_silence(c, &s)).await
    }

    /// Ends a silence now; false when none with that id was in force or to come.
    pub async fn expire_silence(&self, id: String, now_ms: i64) -> Result<bool, StoreError> {
        self.pool.run(move |c| end_silence(c, &id, now_ms)).await
    }

    pub async fn silences_since(&self, since_ms: i64, limit: u32) -> Result<Vec<Silence>, StoreError> {
        self.pool.run(move |c| silences_since(c, since_ms, limit)).await
    }

    pub async fn transitions_of(&self, fingerprint: String, limit: u32) -> Result<Vec<StoredTransition>, StoreError> {
        self.pool.run(move |c| transitions_of(c, &fingerprint, limit)).await
    }

    pub async fn fingerprints_with_prefix(&self, prefix: String, limit: u32) -> Result<Vec<String>, StoreError> {
        self.pool
            .run(move |c| fingerprints_with_prefix(c, &prefix, limit))
            .await
    }

    pub async fn resolved_since(&self, since_ms: i64, limit: u32) -> Result<Vec<StoredTransition>, StoreError> {
        self.pool.run(move |c| resolved_since(c, since_ms, limit)).await
    }

    pub async fn deliveries_of(&self, fingerprint: String, limit: u32) -> Result<Vec<DeliveryRecord>, StoreError> {
        self.pool.run(move |c| deliveries_of(c, &fingerprint, limit)).await
    }

    pub async fn silences(&self, now_ms: i64) -> Result<Vec<Silence>, StoreError> {
        self.pool.run(move |c| current_silences(c, now_ms)).await
    }

    pub async fn record_delivery(&self, d: DeliveryRecord, fingerprints: Vec<String>) -> Result<(), StoreError> {
        self.pool.run(move |c| record_delivery(c, &d, &fingerprints)).await
    }

    pub async fn deliveries(&self, limit: u32) -> Result<Vec<DeliveryRecord>, StoreError> {
        self.pool.run(move |c| recent_deliveries(c, limit)).await
    }
}
