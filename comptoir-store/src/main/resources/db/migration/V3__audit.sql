-- The append-only, hash-chained audit log. No code path updates or deletes these rows; the chain
-- (each record's hash covers its predecessor's) makes any change detectable (verify-audit).
CREATE TABLE audit_events (
  sequence_number BIGINT NOT NULL PRIMARY KEY,
  occurred_at BIGINT NOT NULL,
  actor VARCHAR(200) NOT NULL,
  action VARCHAR(64) NOT NULL,
  target VARCHAR(300) NOT NULL,
  details TEXT NOT NULL,
  previous_hash CHAR(64) NOT NULL,
  record_hash CHAR(64) NOT NULL
);
CREATE INDEX audit_events_actor ON audit_events (actor);
CREATE INDEX audit_events_action ON audit_events (action);
CREATE INDEX audit_events_target ON audit_events (target);
