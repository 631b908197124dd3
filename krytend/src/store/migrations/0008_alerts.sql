-- Alerts: the state of firing alerts (so a restart neither re-fires nor loses
-- them), every firing/resolved transition, silences, and each notification
-- delivery attempt. Times are unix milliseconds; labels are JSON objects.
CREATE TABLE alert_state (
    fingerprint  TEXT PRIMARY KEY,
    labels       TEXT NOT NULL,
    severity     TEXT NOT NULL,
    summary      TEXT NOT NULL,
    active_at_ms INTEGER NOT NULL,
    fired_at_ms  INTEGER,
    last_seen_ms INTEGER NOT NULL
);
CREATE TABLE alert_transitions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('alert_firing', 'alert_resolved')),
    at_ms       INTEGER NOT NULL,
    labels      TEXT NOT NULL,
    summary     TEXT NOT NULL
);
CREATE INDEX alert_transitions_by_time ON alert_transitions (at_ms);
CREATE TABLE silences (
    id        TEXT PRIMARY KEY,
    matchers  TEXT NOT NULL,
    starts_ms INTEGER NOT NULL,
    ends_ms   INTEGER NOT NULL,
    author    TEXT NOT NULL,
    comment   TEXT NOT NULL
);
CREATE INDEX silences_by_end ON silences (ends_ms);
CREATE TABLE alert_deliveries (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms    INTEGER NOT NULL,
    receiver TEXT NOT NULL,
    ok       INTEGER NOT NULL,
    status   INTEGER,
    error    TEXT
);
CREATE INDEX alert_deliveries_by_time ON alert_deliveries (at_ms);
