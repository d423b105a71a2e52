-- Ingestion flows and flow templates: every saved version of their documents, kept.
CREATE TABLE flow_documents (
  flow_id VARCHAR(63) NOT NULL,
  version INTEGER NOT NULL,
  kind VARCHAR(16) NOT NULL,
  document TEXT NOT NULL,
  resolved TEXT NOT NULL,
  product_id VARCHAR(63),
  saved_at BIGINT NOT NULL,
  saved_by VARCHAR(200) NOT NULL,
  PRIMARY KEY (flow_id, version)
);

-- One row per flow or template id: its kind (fixed at first save) and whether it is paused.
CREATE TABLE flows (
  flow_id VARCHAR(63) NOT NULL PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0
);
