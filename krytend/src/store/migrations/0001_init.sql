-- Every accepted bus message, keyed by its sequence number.
CREATE TABLE events (
    seq            INTEGER PRIMARY KEY,
    received_us    INTEGER NOT NULL,
    subject        TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    service        TEXT,
    channel        TEXT,
    event_type     TEXT,
    correlation_id TEXT,
    event_time_us  INTEGER,
    reply_to       TEXT,
    error          TEXT,
    payload        BLOB    NOT NULL
);
-- The queries krytenctl makes: by time, by service, by type.
CREATE INDEX events_by_time ON events (received_us);
CREATE INDEX events_by_service ON events (service, seq) WHERE service IS NOT NULL;
CREATE INDEX events_by_kind ON events (kind, seq);

-- The registry's last word on each service, to survive a daemon restart.
CREATE TABLE services (
    name       TEXT PRIMARY KEY,
    state      TEXT    NOT NULL,
    updated_us INTEGER NOT NULL
);

-- Status changes, kept apart from events so that event retention does not
-- erase uptime history.
CREATE TABLE transitions (
    id          INTEGER PRIMARY KEY,
    service     TEXT    NOT NULL,
    at_us       INTEGER NOT NULL,
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    cause       TEXT    NOT NULL
);
CREATE INDEX transitions_by_service ON transitions (service, at_us);
