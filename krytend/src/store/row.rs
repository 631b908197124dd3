//! Mapping between [`Event`] and its row.

use bytes::Bytes;
use rusqlite::{params, CachedStatement, Row};

use crate::{event::Event, protocol::Kind};

pub(super) const INSERT_EVENT: &str = "INSERT INTO events
    (seq, received_us, subject, kind, service, channel, event_type, correlation_id,
     event_time_us, reply_to, error, payload)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

pub(super) const EVENT_COLUMNS: &str =
    "seq, received_us, subject, kind, service, channel, event_type,
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
    })
}
