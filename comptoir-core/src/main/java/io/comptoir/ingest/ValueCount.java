package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

/** One of the most frequent values of a column, as text, with its number of rows. */
public record ValueCount(String value, long count) {
  public ValueCount {
    requireNonNull(value, "value is null");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
  }
}
