-- Log records of every service (from NATS and from tailed files). They
-- share the sequence numbers of events.
CREATE TABLE logs (
    seq             INTEGER PRIMARY KEY,
    time_us         INTEGER NOT NULL,
    received_us     INTEGER NOT NULL,
    time_from_arrival INTEGER NOT NULL DEFAULT 0,
    service         TEXT    NOT NULL,
    severity        INTEGER,
    logger          TEXT,
    message         TEXT    NOT NULL,
    exception       TEXT,
    attributes      TEXT,
    source          TEXT    NOT NULL
);
CREATE INDEX logs_by_time ON logs (time_us, seq);
CREATE INDEX logs_by_service ON logs (service, time_us, seq);

-- Full-text search over messages; kept in step by triggers so retention
-- deletes stay simple.
CREATE VIRTUAL TABLE logs_fts USING fts5 (message, content = 'logs', content_rowid = 'seq');
CREATE TRIGGER logs_fts_insert AFTER INSERT ON logs BEGIN
    INSERT INTO logs_fts (rowid, message) VALUES (new.seq, new.message);
END;
CREATE TRIGGER logs_fts_delete AFTER DELETE ON logs BEGIN
    INSERT INTO logs_fts (logs_fts, rowid, message) VALUES ('delete', old.seq, old.message);
END;

-- Where each tailed file was read up to, committed with its lines, so a
-- restart resumes without losing or repeating a line.
CREATE TABLE log_files (
    path      TEXT PRIMARY KEY,
    inode     INTEGER NOT NULL,
    offset    INTEGER NOT NULL,
    updated_us INTEGER NOT NULL
);
