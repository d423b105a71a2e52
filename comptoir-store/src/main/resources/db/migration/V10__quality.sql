-- The quality rules of a product: the YAML document as its author wrote it.
CREATE TABLE quality_rules (
  product_id VARCHAR(63) PRIMARY KEY,
  document TEXT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  updated_at BIGINT NOT NULL
);

-- The result of each rule evaluated on a version, in rule order.
CREATE TABLE quality_results (
  product_id VARCHAR(63) NOT NULL,
  version_number INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  rule_name VARCHAR(63) NOT NULL,
  rule_type VARCHAR(32) NOT NULL,
  column_names VARCHAR(1000) NOT NULL,
  severity VARCHAR(8) NOT NULL,
  success INTEGER NOT NULL,
  failing_rows BIGINT NOT NULL,
  message TEXT NOT NULL,
  evaluated_at BIGINT NOT NULL,
  PRIMARY KEY (product_id, version_number, ordinal)
);
