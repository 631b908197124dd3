//! Mapping between [`Event`] and its row.

use bytes::Bytes;
use rusqlite::{params, CachedStatement, Row};

use crate::{event::Event, logs::LogRecord, protocol::Kind};

pub(super) const INSERT_EVENT: &str = "INSERT INTO events
    (seq, received_us, subject, kind, service, channel, event_type, correlation_id,
     event_time_us, reply_to, error, payload)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

pub(super) const EVENT_COLUMNS: &str = "seq, received_us, subject, kind, service, channel, event_type,
    correlation_id, event_time_us, reply_to, error, payload";

pub(super) fn insert_event(stmt: &mut CachedStatement<'_>, ev: &Event) -> rusqlite::Result<()> {
    stmt.execute(params![
        ev.seq as i64,
        ev.received_us,
        ev.subject,
        ev.kind.as_str(),
        ev.service,
        ev.channel,
        ev.event_type,
        ev.correlation_id,
        ev.event_time_us,
        ev.reply_to,
        ev.error,
        &ev.payload[..],
    ])?;
    Ok(())
}

pub(super) fn event_from_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    let kind: String = r.get(3)?;
    let payload: Vec<u8> = r.get(11)?;
    Ok(Event {
        seq: r.get::<_, i64>(0)? as u64,
        received_us: r.get(1)?,
        subject: r.get(2)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Other),
        service: r.get(4)?,
        channel: r.get(5)?,
        event_type: r.get(6)?,
        correlation_id: r.get(7)?,
        event_time_us: r.get(8)?,
        reply_to: r.get(9)?,
        error: r.get(10)?,
        payload: Bytes::from(payload),
        json: Default::default(),
    })
}

pub(super) const INSERT_LOG: &str = "INSERT INTO logs
    (seq, time_us, received_us, time_from_arrival, service, severity, logger, message, exception,
     attributes, source)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/// Indexes the log rows numbered `from..=to` for full-text search, in one
/// statement (one FTS5 flush). Only for a range that holds nothing but
/// rows not yet indexed (see `index_log`).
pub(super) fn index_logs(c: &rusqlite::Connection, from: u64, to: u64) -> rusqlite::Result<usize> {
    c.prepare_cached("INSERT INTO logs_fts (rowid, message) SELECT seq, message FROM logs WHERE seq BETWEEN ?1 AND ?2")?
        .execute(params![from as i64, to as i64])
}

/// Indexes one log row for full-text search.
pub(super) fn index_log(c: &rusqlite::Connection, r: &LogRecord) -> rusqlite::Result<()> {
    c.prepare_cached("INSERT INTO logs_fts (rowid, message) VALUES (?1, ?2)")?
        .execute(params![r.seq as i64, r.message])?;
    Ok(())
}

pub(super) const LOG_COLUMNS: &str = "seq, time_us, received_us, time_from_arrival, service, severity,
    logger, message, exception, attributes, source";

pub(super) fn insert_log(stmt: &mut CachedStatement<'_>, r: &LogRecord) -> rusqlite::Result<()> {
    let attrs = if r.attributes.is_empty() {
        None
    } else {
        Some(serde_json::Value::Object(r.attributes.clone()).to_string())
    };
    stmt.execute(params![
        r.seq as i64,
        r.time_us,
        r.received_us,
        r.time_from_arrival,
        r.service,
        r.severity,
        r.logger,
        r.message,
        r.exception,
        attrs,
        r.source,
    ])?;
    Ok(())
}

pub(super) fn log_from_row(r: &Row<'_>) -> rusqlite::Result<LogRecord> {
    let attrs: Option<String> = r.get(9)?;
    Ok(LogRecord {
        seq: r.get::<_, i64>(0)? as u64,
        time_us: r.get(1)?,
        received_us: r.get(2)?,
        time_from_arrival: r.get(3)?,
        service: r.get(4)?,
        severity: r.get(5)?,
        logger: r.get(6)?,
        message: r.get(7)?,
        exception: r.get(8)?,
        attributes: attrs
            .and_then(|a| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&a).ok())
            .unwrap_or_default(),
        source: r.get(10)?,
        json: Default::default(),
    })
}
