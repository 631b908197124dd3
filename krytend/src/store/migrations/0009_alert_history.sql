-- Which alerts each delivery attempt carried (a JSON array of fingerprints),
-- so `alerts describe` can show an alert's deliveries; and an alert's
-- transitions by fingerprint.
ALTER TABLE alert_deliveries ADD COLUMN fingerprints TEXT NOT NULL DEFAULT '[]';
CREATE INDEX alert_transitions_by_fingerprint ON alert_transitions (fingerprint, id);
-- Silences are kept after they end (for `alerts describe`), so listings of
-- those in force read by end time.
