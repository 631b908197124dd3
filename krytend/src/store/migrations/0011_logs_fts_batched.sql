-- The full-text index is fed by the writer, one INSERT … SELECT per
-- committed batch, instead of a trigger per row: a trigger that writes to
-- an FTS5 table opens a statement savepoint for every log row, and FTS5
-- flushes its pending terms to disk at each savepoint, so every row became
-- a segment of its own to merge (a third of the writer's time on a stream
-- of log lines). Deletes keep their trigger: retention deletes in chunks,
-- one statement each.
DROP TRIGGER IF EXISTS logs_fts_insert;
