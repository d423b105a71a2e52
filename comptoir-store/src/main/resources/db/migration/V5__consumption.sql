-- Consumption: one row per day (UTC, yyyy-mm-dd), contract, product, consumer and application,
-- summing the reads, rows and bytes of successful governed reads (failed and denied reads are only
-- in the audit log). application is '' when the user read for themselves, so that the key has no
-- NULL and the upsert (INSERT ... ON CONFLICT DO UPDATE, on SQLite and PostgreSQL) always matches.
CREATE TABLE consumption_days (
  day VARCHAR(10) NOT NULL,
  contract_id VARCHAR(36) NOT NULL,
  product_id VARCHAR(63) NOT NULL,
  consumer_user VARCHAR(200) NOT NULL,
  application VARCHAR(200) NOT NULL,
  reads BIGINT NOT NULL,
  row_count BIGINT NOT NULL,
  byte_count BIGINT NOT NULL,
  last_read_at BIGINT NOT NULL,
  PRIMARY KEY (day, contract_id, product_id, consumer_user, application)
);
CREATE INDEX consumption_days_contract ON consumption_days (contract_id);
CREATE INDEX consumption_days_product ON consumption_days (product_id, day);
CREATE INDEX consumption_days_consumer ON consumption_days (consumer_user, day);
