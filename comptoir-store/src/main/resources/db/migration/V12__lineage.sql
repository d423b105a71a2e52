-- OpenLineage events, emitted by Comptoir (origin 'comptoir') or posted to /api/v1/lineage (origin
-- the poster), kept whole as JSON; and the graph taken from them.
CREATE TABLE lineage_events (
  event_id VARCHAR(36) NOT NULL PRIMARY KEY,
  received_at BIGINT NOT NULL,
  event_time BIGINT NOT NULL,
  event_kind VARCHAR(8) NOT NULL,
  event_type VARCHAR(16) NOT NULL,
  run_id VARCHAR(64),
  job_namespace VARCHAR(500),
  job_name VARCHAR(1000),
  origin VARCHAR(200) NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX lineage_events_job ON lineage_events (job_namespace, job_name, received_at);
CREATE INDEX lineage_events_received ON lineage_events (received_at);

-- A job read (direction 'in') or wrote ('out') a dataset; kept once, with when it was last seen.
CREATE TABLE lineage_edges (
  job_namespace VARCHAR(500) NOT NULL,
  job_name VARCHAR(1000) NOT NULL,
  dataset_namespace VARCHAR(500) NOT NULL,
  dataset_name VARCHAR(1000) NOT NULL,
  direction VARCHAR(3) NOT NULL,
  last_seen BIGINT NOT NULL,
  PRIMARY KEY (job_namespace, job_name, dataset_namespace, dataset_name, direction)
);
CREATE INDEX lineage_edges_dataset ON lineage_edges (dataset_namespace, dataset_name);

-- A column of a dataset made from a column of another, from columnLineage facets.
CREATE TABLE lineage_column_edges (
  source_namespace VARCHAR(500) NOT NULL,
  source_name VARCHAR(1000) NOT NULL,
  source_field VARCHAR(500) NOT NULL,
  target_namespace VARCHAR(500) NOT NULL,
  target_name VARCHAR(1000) NOT NULL,
  target_field VARCHAR(500) NOT NULL,
  transformation VARCHAR(200) NOT NULL,
  last_seen BIGINT NOT NULL,
  PRIMARY KEY (source_namespace, source_name, source_field, target_namespace, target_name, target_field)
);
CREATE INDEX lineage_column_edges_target ON lineage_column_edges (target_namespace, target_name);
