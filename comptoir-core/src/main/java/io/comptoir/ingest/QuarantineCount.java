package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

/** How many rows of a run were quarantined for one error type on one column. */
public record QuarantineCount(String errorType, String column, long rows) {
  public QuarantineCount {
    requireNonNull(errorType, "errorType is null");
    column = column == null ? "" : column;
  }
}
