-- Data scores, certifications and the business glossary (issue 6, items 2 to 4).

-- The latest data score of each product; its breakdown per criterion below.
CREATE TABLE product_scores (
  product_id VARCHAR(63) NOT NULL PRIMARY KEY,
  score INTEGER NOT NULL,
  computed_at BIGINT NOT NULL
);

-- One row per criterion of a score. Doubles are kept as text (Java's shortest exact form) so that
-- they read back identical on SQLite and PostgreSQL; reasons are separated by newlines.
CREATE TABLE product_score_criteria (
  product_id VARCHAR(63) NOT NULL REFERENCES product_scores (product_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  criterion VARCHAR(32) NOT NULL,
  ratio VARCHAR(40) NOT NULL,
  maximum VARCHAR(40) NOT NULL,
  points VARCHAR(40) NOT NULL,
  reasons TEXT NOT NULL,
  PRIMARY KEY (product_id, ordinal)
);

-- Certifications granted by the data office, never deleted: the history.
CREATE TABLE certifications (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  product_id VARCHAR(63) NOT NULL,
  level VARCHAR(16) NOT NULL,
  score_at_grant INTEGER NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at BIGINT NOT NULL,
  expires_on VARCHAR(10) NOT NULL,
  status VARCHAR(16) NOT NULL,
  ended_at BIGINT,
  end_reason TEXT NOT NULL,
  -- 1 for a product's first grant, then 2...: orders grants made within the same millisecond
  grant_order BIGINT NOT NULL
);
CREATE INDEX certifications_product ON certifications (product_id, granted_at);
CREATE INDEX certifications_status ON certifications (status);

-- The checklist answers of a certification: met or not, computed or ticked, with the comment.
CREATE TABLE certification_answers (
  certification_id VARCHAR(36) NOT NULL REFERENCES certifications (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  item VARCHAR(80) NOT NULL,
  met INTEGER NOT NULL,
  computed INTEGER NOT NULL,
  answer_comment TEXT NOT NULL,
  PRIMARY KEY (certification_id, ordinal)
);

CREATE TABLE glossary_terms (
  id VARCHAR(63) NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE glossary_synonyms (
  term_id VARCHAR(63) NOT NULL REFERENCES glossary_terms (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  synonym TEXT NOT NULL,
  PRIMARY KEY (term_id, ordinal)
);

-- Related terms, as written on the term (not made symmetric).
CREATE TABLE glossary_related (
  term_id VARCHAR(63) NOT NULL REFERENCES glossary_terms (id) ON DELETE CASCADE,
  related_id VARCHAR(63) NOT NULL REFERENCES glossary_terms (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (term_id, related_id)
);

-- Columns linked to terms. No foreign key to product columns: those are rewritten by ordinal.
CREATE TABLE column_terms (
  product_id VARCHAR(63) NOT NULL,
  column_name VARCHAR(128) NOT NULL,
  term_id VARCHAR(63) NOT NULL REFERENCES glossary_terms (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (product_id, column_name, term_id)
);
CREATE INDEX column_terms_term ON column_terms (term_id);
