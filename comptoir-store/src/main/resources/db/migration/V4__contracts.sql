-- Access requests and the usage contracts they become.
CREATE TABLE contracts (
  id CHAR(36) NOT NULL PRIMARY KEY,
  product_id VARCHAR(63) NOT NULL,
  consumer_user VARCHAR(200) NOT NULL,
  consumer_application VARCHAR(200),
  consumer_entity VARCHAR(32) NOT NULL,
  purpose TEXT NOT NULL,
  purpose_category VARCHAR(32) NOT NULL,
  legal_basis VARCHAR(32) NOT NULL,
  business_value TEXT NOT NULL,
  usage_referent VARCHAR(200) NOT NULL,
  row_scope TEXT NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  end_date VARCHAR(10) NOT NULL,
  review_period VARCHAR(32) NOT NULL,
  required_roles VARCHAR(200) NOT NULL,
  status VARCHAR(16) NOT NULL,
  requested_at BIGINT NOT NULL,
  last_reviewed_at BIGINT,
  revoked_by VARCHAR(200),
  revoked_at BIGINT,
  revocation_reason TEXT,
  renewal_of CHAR(36)
);
CREATE INDEX contracts_product ON contracts (product_id);
CREATE INDEX contracts_consumer ON contracts (consumer_user);
CREATE INDEX contracts_status ON contracts (status);

CREATE TABLE contract_grants (
  contract_id CHAR(36) NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  column_name VARCHAR(128) NOT NULL,
  masking VARCHAR(32) NOT NULL,
  date_granularity VARCHAR(16) NOT NULL,
  bucket_width BIGINT NOT NULL,
  PRIMARY KEY (contract_id, ordinal)
);

CREATE TABLE contract_decisions (
  contract_id CHAR(36) NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  approver_role VARCHAR(32) NOT NULL,
  approver VARCHAR(200) NOT NULL,
  verdict VARCHAR(16) NOT NULL,
  comment_text TEXT NOT NULL,
  decided_at BIGINT NOT NULL,
  PRIMARY KEY (contract_id, ordinal)
);

CREATE TABLE contract_masking_changes (
  contract_id CHAR(36) NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  column_name VARCHAR(128) NOT NULL,
  masking_before VARCHAR(32) NOT NULL,
  masking_after VARCHAR(32) NOT NULL,
  changed_by VARCHAR(200) NOT NULL,
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (contract_id, ordinal)
);

-- Keys of HASH_KEYED masking, apart from the contracts: never read with them, deleted when the
-- contract ends (rejected, revoked, expired).
CREATE TABLE contract_keys (
  contract_id CHAR(36) NOT NULL PRIMARY KEY,
  key_hex CHAR(64) NOT NULL
);
