package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One rejected input row.
 *
 * @param line line number in the source (1-based, header included) for text files, row number for
 *     Parquet
 * @param column the first column in error, empty when the error concerns the whole row
 * @param errorType one of the codes listed in docs/ingestion-errors (CAST, MISSING_COLUMNS...)
 * @param raw the raw content of the row
 */
public record QuarantinedRow(
    long line, String column, String errorType, String message, String raw) {
  public QuarantinedRow {
    column = column == null ? "" : column;
    requireNonNull(errorType, "errorType is null");
    message = message == null ? "" : message;
    raw = raw == null ? "" : raw;
  }
}
