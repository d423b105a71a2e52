-- Identities: users with roles, applications (service accounts) and API tokens.
-- Same conventions as V1 (portable types, instants as BIGINT epoch millis, enums by name).
-- Passwords are bcrypt hashes (NULL: no password, token-only account). Token secrets are never
-- stored: only their SHA-256 hash (lowercase hex), unique, looked up on every request.

CREATE TABLE users (
  username VARCHAR(63) NOT NULL PRIMARY KEY,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  entity_code VARCHAR(32) NOT NULL,
  status VARCHAR(16) NOT NULL,
  password_hash TEXT
);

CREATE TABLE user_roles (
  username VARCHAR(63) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  role VARCHAR(32) NOT NULL,
  PRIMARY KEY (username, role)
);

CREATE TABLE applications (
  id VARCHAR(63) NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  owner_username VARCHAR(63) NOT NULL REFERENCES users (username),
  entity_code VARCHAR(32) NOT NULL,
  status VARCHAR(16) NOT NULL
);
CREATE INDEX applications_owner ON applications (owner_username);

CREATE TABLE api_tokens (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  secret_hash VARCHAR(64) NOT NULL UNIQUE,
  username VARCHAR(63) NOT NULL REFERENCES users (username),
  application_id VARCHAR(63) REFERENCES applications (id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  last_used_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (username, created_at);
