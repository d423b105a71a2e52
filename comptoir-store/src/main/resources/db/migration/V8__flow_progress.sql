-- The flow that started a run (none for uploads and the CLI).
ALTER TABLE ingestion_runs ADD COLUMN flow_id VARCHAR(63);
CREATE INDEX ingestion_runs_flow ON ingestion_runs (flow_id, started_at);

-- How far each flow has read its source (file checksums, watermark, Kafka offsets), written in
-- the same transaction as the version of the run that read it.
CREATE TABLE source_progress (
  flow_id VARCHAR(63) NOT NULL,
  entry_key VARCHAR(200) NOT NULL,
  entry_value TEXT NOT NULL,
  run_id VARCHAR(36) NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (flow_id, entry_key)
);

-- At most one run of a flow at a time, also across servers sharing the database: a lease that
-- another holder can take over once it has expired.
CREATE TABLE flow_locks (
  flow_id VARCHAR(63) NOT NULL PRIMARY KEY,
  holder VARCHAR(100) NOT NULL,
  expires_at BIGINT NOT NULL
);
