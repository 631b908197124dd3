-- Sequence numbers reserved ahead of use. The sequencer never hands out a
-- number above `hwm` before this row holds it, so after a crash the
-- numbers that may have been shown live but never committed (last
-- committed + 1 ..= hwm) are known: they are reported with a gap event and
-- never given to another event. `clean` is 1 only between a clean stop
-- (which lowers `hwm` to what was handed out) and the next start.
CREATE TABLE seq_reserve (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    hwm   INTEGER NOT NULL,
    clean INTEGER NOT NULL
);
INSERT INTO seq_reserve (id, hwm, clean)
    SELECT 1, MAX(COALESCE((SELECT MAX(seq) FROM events), 0), COALESCE((SELECT MAX(seq) FROM logs), 0)), 1;
