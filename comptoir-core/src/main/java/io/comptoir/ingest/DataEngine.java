package io.comptoir.ingest;

import io.comptoir.catalog.Column;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.GovernedQuery;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The data side of Comptoir: validates sources into Parquet and reads versions back. The core talks
 * to it only through this interface, so another engine (Spark) can be added.
 */
public interface DataEngine extends AutoCloseable {
  /** Infers the columns of a source on its first load. Text sources are UTF-8 at this point. */
  List<Column> inferColumns(Path source, SourceFormat format, SourceOptions options);

  /**
   * Reads every row of the source, validates it whole against the columns, and writes accepted rows
   * as Parquet files and rejected rows to a quarantine Parquet file in the staging directory.
   */
  StagedData stage(StageRequest request, ProgressListener progress);

  /**
   * Writes the files of a merge: the previous rows whose key is not among the new rows, plus every
   * new row. Fails (INVALID_INPUT, naming a key) when a new row has an empty key or two new rows
   * share a key. Previous files holding none of the new keys are kept as they are.
   */
  Rewrite merge(KeyedRows rows);

  /**
   * Writes the files of an scd2 version at {@code time}: a new key opens a row ({@code valid_from =
   * time}, current); a current row whose other values changed is closed ({@code valid_to = time},
   * not current) and a row with the new values is opened; an unchanged row and a key absent from
   * the new rows are left as they are. Same key checks as {@link #merge}.
   *
   * @param previousWithoutHistory present when the previous files have no history columns (the
   *     product was loaded by another mode before): their rows are taken as current since then
   */
  Rewrite historize(KeyedRows rows, Instant time, Optional<Instant> previousWithoutHistory);

  /**
   * Profiles the columns of a version's files in one aggregate pass plus a grouped count per column
   * (top values) and per numeric column (histogram). Columns holding personal data get counts only.
   */
  List<ColumnProfile> profile(ProfileRequest request);

  /** Reads rows of a version (any version: time travel). */
  RowBatch read(ReadRequest request);

  /** Reads a page of the quarantined rows of a quarantine file, ordered by line. */
  List<QuarantinedRow> readQuarantine(Path quarantineFile, long offset, int limit);

  /**
   * Writes the rows of a governed read to the stream in its format, with constant memory whatever
   * the number of rows. Does not close the stream.
   *
   * @return the rows and bytes written, for the audit
   */
  ExportSummary export(GovernedQuery query, OutputStream out);

  /**
   * Evaluates quality rules on staged data: counts the rows failing each row-level rule, moves the
   * rows failing an error rule to the quarantine (reason naming the rule), and measures the newest
   * value of each freshness rule's column. Engines that do not evaluate rules refuse.
   */
  default QualityCheckResult checkQuality(QualityCheckRequest request) {
    throw new ComptoirException(
        ErrorCode.INTERNAL, getClass().getSimpleName() + " does not evaluate quality rules");
  }

  /**
   * Checks that a custom SQL rule is one boolean expression over the given columns that reads no
   * file, table or network resource; INVALID_INPUT saying what is refused otherwise.
   */
  default void validateCondition(String condition, List<Column> columns) {
    throw new ComptoirException(
        ErrorCode.INTERNAL, getClass().getSimpleName() + " does not evaluate quality rules");
  }

  @Override
  void close();
}
