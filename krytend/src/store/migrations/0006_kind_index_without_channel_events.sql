-- Channel events are nearly all of the bus and are read newest-first, where
-- almost every row is one; indexing them by kind cost a B-tree insert per
-- event and sped up no query. The rarer kinds (lifecycle, logs, commands,
-- status) stay indexed; queries for them state the same condition so the
-- planner can use this index.
DROP INDEX IF EXISTS events_by_kind;
CREATE INDEX events_by_kind ON events (kind, seq) WHERE kind != 'channel_event';
