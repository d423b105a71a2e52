package io.comptoir.ingest;

/** What an ingestion does when the columns of its source differ from the product's. */
public enum SchemaDriftPolicy {
  /**
   * Not checked before reading: the source is read with the product's columns (a CSV header must
   * name them all, other fields of JSON lines are ignored, missing Parquet columns fail).
   */
  UNCHECKED,
  /** The run fails before reading, naming the drift; nothing is quarantined. */
  FAIL,
  /** Every row of the source goes to the quarantine with the drift as reason; no version. */
  QUARANTINE,
  /** The source's columns become the product's (overwrite only). */
  ACCEPT
}
