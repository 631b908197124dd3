-- API tokens: only a hash of each is kept.
CREATE TABLE tokens (
    name         TEXT PRIMARY KEY,
    role         TEXT    NOT NULL,
    -- A short public id (the token's prefix) to find the row to verify.
    lookup       TEXT    NOT NULL UNIQUE,
    hash         TEXT    NOT NULL,
    created_us   INTEGER NOT NULL,
    last_used_us INTEGER NOT NULL DEFAULT 0,
    expires_us   INTEGER NOT NULL DEFAULT 0,
    revoked_us   INTEGER NOT NULL DEFAULT 0
);

-- Every control action, written before it is sent and updated with its
-- result. Never touched by retention.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at_us       INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    reason      TEXT    NOT NULL DEFAULT '',
    outcome     TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '',
    duration_ms REAL    NOT NULL DEFAULT 0
);
CREATE INDEX audit_by_time ON audit (at_us);
CREATE INDEX audit_by_target ON audit (target, at_us);
