-- Audit records of other krytend replicas (JetStream mode): the replica
-- that carried the action out (empty: this one) and its own row id there.
ALTER TABLE audit ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN origin_id INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX audit_by_origin ON audit (origin, origin_id) WHERE origin != '';
