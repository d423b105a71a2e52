-- The profile of each column of a version, computed after its commit: counts, and for columns
-- without personal data the extremes, mean, quantiles, histogram and top values. Doubles are kept
-- as text (Java's shortest exact form) so that they read back identical on SQLite and PostgreSQL.
CREATE TABLE version_profiles (
  product_id VARCHAR(63) NOT NULL,
  version_number INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  column_name VARCHAR(128) NOT NULL,
  data_type VARCHAR(32) NOT NULL,
  personal INTEGER NOT NULL,
  row_count BIGINT NOT NULL,
  null_count BIGINT NOT NULL,
  distinct_count BIGINT NOT NULL,
  min_value TEXT,
  max_value TEXT,
  mean_value VARCHAR(40),
  -- the 5%, 25%, 50%, 75% and 95% quantiles separated by spaces; empty when none
  quantiles VARCHAR(250) NOT NULL,
  -- "low high" then the ten bin counts, separated by spaces; null when none
  histogram VARCHAR(500),
  PRIMARY KEY (product_id, version_number, ordinal)
);

-- The most frequent values of a profiled column, rank 1 the most frequent.
CREATE TABLE version_profile_values (
  product_id VARCHAR(63) NOT NULL,
  version_number INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  value_rank INTEGER NOT NULL,
  value_text TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  PRIMARY KEY (product_id, version_number, ordinal, value_rank)
);
