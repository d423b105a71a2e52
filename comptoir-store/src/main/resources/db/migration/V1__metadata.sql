-- Comptoir metadata schema. One script for SQLite and PostgreSQL: only portable types
-- (TEXT, VARCHAR, INTEGER, BIGINT), composite keys instead of vendor-specific identity columns.
--
-- Conventions:
--   * instants are BIGINT milliseconds since the epoch (UTC), truncated to the millisecond on
--     write (Instant.toEpochMilli); they read back as Instant.ofEpochMilli;
--   * enums (classification, personal data, status, write mode) are stored by name;
--   * column types are DataType.toString() ('string', 'decimal(18,3)'...);
--   * ordered lists (tags, columns, files, quarantine counts) keep an explicit ordinal.
-- Products do not reference entities or domains by foreign key: CatalogService checks them.

CREATE TABLE entities (
  code VARCHAR(32) NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL
);

CREATE TABLE domains (
  id VARCHAR(63) NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL
);

CREATE TABLE products (
  id VARCHAR(63) NOT NULL PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  entity_code VARCHAR(32) NOT NULL,
  domain_id VARCHAR(63) NOT NULL,
  owner_name TEXT NOT NULL,
  steward TEXT NOT NULL,
  source_system TEXT NOT NULL,
  classification VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX products_entity ON products (entity_code);
CREATE INDEX products_domain ON products (domain_id);
CREATE INDEX products_classification ON products (classification);

CREATE TABLE product_tags (
  product_id VARCHAR(63) NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (product_id, ordinal)
);
CREATE INDEX product_tags_tag ON product_tags (tag);

CREATE TABLE product_columns (
  product_id VARCHAR(63) NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  column_name VARCHAR(128) NOT NULL,
  data_type VARCHAR(32) NOT NULL,
  description TEXT NOT NULL,
  personal_data VARCHAR(32) NOT NULL,
  source_format TEXT NOT NULL,
  PRIMARY KEY (product_id, ordinal)
);

CREATE TABLE ingestion_runs (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  product_id VARCHAR(63) NOT NULL REFERENCES products (id),
  status VARCHAR(16) NOT NULL,
  source TEXT NOT NULL,
  source_checksum TEXT NOT NULL,
  source_bytes BIGINT NOT NULL,
  write_mode VARCHAR(16) NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  rows_read BIGINT NOT NULL,
  rows_accepted BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  error_message TEXT,
  version_number INTEGER,
  quarantine_file TEXT
);
CREATE INDEX ingestion_runs_product ON ingestion_runs (product_id, started_at);
CREATE INDEX ingestion_runs_status ON ingestion_runs (status);

CREATE TABLE run_quarantine_counts (
  run_id VARCHAR(36) NOT NULL REFERENCES ingestion_runs (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  error_type TEXT NOT NULL,
  column_name TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);

CREATE TABLE versions (
  product_id VARCHAR(63) NOT NULL REFERENCES products (id),
  version_number INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  row_count BIGINT NOT NULL,
  byte_count BIGINT NOT NULL,
  source_checksum TEXT NOT NULL,
  run_id VARCHAR(36) NOT NULL REFERENCES ingestion_runs (id),
  write_mode VARCHAR(16) NOT NULL,
  PRIMARY KEY (product_id, version_number)
);
CREATE INDEX versions_checksum ON versions (product_id, source_checksum);
CREATE INDEX versions_run ON versions (run_id);

CREATE TABLE version_columns (
  product_id VARCHAR(63) NOT NULL,
  version_number INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  column_name VARCHAR(128) NOT NULL,
  data_type VARCHAR(32) NOT NULL,
  description TEXT NOT NULL,
  personal_data VARCHAR(32) NOT NULL,
  source_format TEXT NOT NULL,
  PRIMARY KEY (product_id, version_number, ordinal),
  FOREIGN KEY (product_id, version_number)
    REFERENCES versions (product_id, version_number) ON DELETE CASCADE
);

CREATE TABLE version_files (
  product_id VARCHAR(63) NOT NULL,
  version_number INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  path TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  byte_count BIGINT NOT NULL,
  PRIMARY KEY (product_id, version_number, ordinal),
  FOREIGN KEY (product_id, version_number)
    REFERENCES versions (product_id, version_number) ON DELETE CASCADE
);
CREATE INDEX version_files_path ON version_files (path);
