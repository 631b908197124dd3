-- Events are stamped in sequence order (received_us never decreases with
-- seq), so time ranges are found by a binary search over seq; this index
-- cost a B-tree insert per event and answered nothing the rowid cannot.
DROP INDEX IF EXISTS events_by_time;
