-- Redacted service configs, one row per distinct content.
CREATE TABLE config_revisions (
    id                  INTEGER PRIMARY KEY,
    service             TEXT    NOT NULL,
    rev                 INTEGER NOT NULL,
    at_us               INTEGER NOT NULL,
    instance_started_us INTEGER NOT NULL DEFAULT 0,
    hash                TEXT    NOT NULL,
    config              TEXT    NOT NULL,
    changed_paths       TEXT    NOT NULL DEFAULT '[]',
    trigger             TEXT    NOT NULL DEFAULT '',
    UNIQUE (service, rev)
);

-- Small settings of the daemon itself (e.g. the key of the secret tags).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
