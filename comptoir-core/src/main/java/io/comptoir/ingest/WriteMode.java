package io.comptoir.ingest;

/** How a new version relates to the previous one. */
public enum WriteMode {
  /** The new version lists the previous version's files plus the new ones. */
  APPEND,
  /** The new version lists only the new files: a full snapshot. */
  OVERWRITE,
  /**
   * Upsert by key: the previous rows whose key is not among the new rows, plus every new row. The
   * previous files holding none of the new keys are kept as they are; the others are rewritten.
   */
  MERGE,
  /**
   * Type 2 history by key: the product gets the {@link HistoryColumns} columns; a new key opens a
   * row, a changed row closes the current one and opens a new one, an unchanged row is left alone.
   */
  SCD2;

  /** Whether the mode needs key columns. */
  public boolean keyed() {
    return this == MERGE || this == SCD2;
  }
}
