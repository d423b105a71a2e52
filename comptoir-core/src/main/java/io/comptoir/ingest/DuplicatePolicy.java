package io.comptoir.ingest;

/** What to do when the same source file (same checksum) was already ingested into a product. */
public enum DuplicatePolicy {
  /** Refuse with a CONFLICT error naming the existing version. */
  REJECT,
  /** Ingest again into a new version. */
  FORCE
}
