package io.comptoir.engine;

import static io.comptoir.engine.Sql.identifier;
import static io.comptoir.engine.Sql.literal;

import io.comptoir.catalog.Column;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.HistoryColumns;
import io.comptoir.ingest.KeyedRows;
import io.comptoir.ingest.Rewrite;
import io.comptoir.ingest.StagedData;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * Writes keyed versions by SQL. Only the previous files that hold a row the new rows change are
 * rewritten (into one file); the others are kept as they are and shared with the previous version.
 */
final class KeyedWriter {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final String FILE_INDEX = "comptoir_file_index";

  private final DuckDBConnection connection;
  private final KeyedRows rows;
  private final String mode;

  KeyedWriter(DuckDBConnection connection, KeyedRows rows, String mode) {
    this.connection = connection;
    this.rows = rows;
    this.mode = mode;
  }

  /** Previous rows whose key is not among the new rows, plus the new rows as staged. */
  Rewrite merge() throws SQLException {
    requireOneRowPerKey();
    List<StagedData.StagedFile> written = new ArrayList<>();
    if (rows.previousFiles().isEmpty()) {
      written.addAll(rows.newRows());
      return new Rewrite(List.of(), written);
    }
    String previous = "read_parquet(%s)";
    List<Path> touched =
        filesWith(
            previous,
            "EXISTS (SELECT 1 FROM " + newRows() + " n WHERE " + keysEqual("p", "n") + ")");
    List<Path> kept = new ArrayList<>(rows.previousFiles());
    kept.removeAll(touched);
    if (!touched.isEmpty()) {
      Path file = rows.stagingDirectory().resolve(rows.filePrefix() + "-1.parquet");
      copy(
              "SELECT "
                  + columnList("p", rows.columns())
                  + " FROM read_parquet("
                  + DuckDbEngine.fileList(touched)
                  + ") p WHERE NOT EXISTS (SELECT 1 FROM "
                  + newRows()
                  + " n WHERE "
                  + keysEqual("p", "n")
                  + ")",
              file)
          .ifPresent(written::add);
    }
    written.addAll(rows.newRows());
    return new Rewrite(kept, written);
  }

  /** Type 2 history at {@code time}; see {@link io.comptoir.ingest.DataEngine#historize}. */
  Rewrite historize(Instant time, Optional<Instant> previousWithoutHistory) throws SQLException {
    requireOneRowPerKey();
    String now = timestamp(time);
    // previous rows with their history; a version of another mode gets one: current since then
    String previous =
        previousWithoutHistory.isEmpty()
            ? "read_parquet(%s)"
            : "(SELECT "
                + columnList("x", rows.columns())
                + ", "
                + timestamp(previousWithoutHistory.get())
                + " AS "
                + identifier(HistoryColumns.VALID_FROM)
                + ", CAST(NULL AS TIMESTAMP) AS "
                + identifier(HistoryColumns.VALID_TO)
                + ", true AS "
                + identifier(HistoryColumns.IS_CURRENT)
                + " FROM read_parquet(%s) x)";
    String changed =
        "p."
            + identifier(HistoryColumns.IS_CURRENT)
            + " AND EXISTS (SELECT 1 FROM "
            + newRows()
            + " n WHERE "
            + keysEqual("p", "n")
            + " AND NOT ("
            + valuesEqual("p", "n")
            + "))";
    List<StagedData.StagedFile> written = new ArrayList<>();
    List<Path> touched =
        previousWithoutHistory.isPresent() ? rows.previousFiles() : filesWith(previous, changed);
    List<Path> kept = new ArrayList<>(rows.previousFiles());
    kept.removeAll(touched);
    if (!touched.isEmpty()) {
      Path file = rows.stagingDirectory().resolve(rows.filePrefix() + "-1.parquet");
      copy(
              "SELECT "
                  + columnList("p", rows.columns())
                  + ", p."
                  + identifier(HistoryColumns.VALID_FROM)
                  + ", CASE WHEN "
                  + changed
                  + " THEN "
                  + now
                  + " ELSE p."
                  + identifier(HistoryColumns.VALID_TO)
                  + " END AS "
                  + identifier(HistoryColumns.VALID_TO)
                  + ", CASE WHEN "
                  + changed
                  + " THEN false ELSE p."
                  + identifier(HistoryColumns.IS_CURRENT)
                  + " END AS "
                  + identifier(HistoryColumns.IS_CURRENT)
                  + " FROM "
                  + previous.formatted(DuckDbEngine.fileList(touched))
                  + " p",
              file)
          .ifPresent(written::add);
    }
    String unchanged =
        rows.previousFiles().isEmpty()
            ? "false"
            : "EXISTS (SELECT 1 FROM "
                + previous.formatted(DuckDbEngine.fileList(rows.previousFiles()))
                + " p WHERE p."
                + identifier(HistoryColumns.IS_CURRENT)
                + " AND "
                + keysEqual("p", "n")
                + " AND "
                + valuesEqual("p", "n")
                + ")";
    Path opened = rows.stagingDirectory().resolve(rows.filePrefix() + "-2.parquet");
    copy(
            "SELECT "
                + columnList("n", rows.columns())
                + ", "
                + now
                + " AS "
                + identifier(HistoryColumns.VALID_FROM)
                + ", CAST(NULL AS TIMESTAMP) AS "
                + identifier(HistoryColumns.VALID_TO)
                + ", true AS "
                + identifier(HistoryColumns.IS_CURRENT)
                + " FROM "
                + newRows()
                + " n WHERE NOT "
                + unchanged,
            opened)
        .ifPresent(written::add);
    return new Rewrite(kept, written);
  }

  /** Refuses new rows without a key and keys held by more than one new row, naming one. */
  private void requireOneRowPerKey() throws SQLException {
    if (rows.newRows().isEmpty()) {
      return;
    }
    String anyKeyNull =
        String.join(" OR ", rows.keys().stream().map(k -> identifier(k) + " IS NULL").toList());
    long empty =
        DuckDbEngine.queryLong(
            connection, "SELECT count(*) FROM " + newRows() + " n WHERE " + anyKeyNull);
    if (empty > 0) {
      throw ComptoirException.invalidInput(
          "%d new row(s) have an empty key (%s): %s needs a key on every row",
          empty, String.join(", ", rows.keys()), mode);
    }
    String keyText =
        String.join(
            " || ', ' || ",
            rows.keys().stream()
                .map(k -> literal(k + "=") + " || CAST(" + identifier(k) + " AS VARCHAR)")
                .toList());
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT "
                    + keyText
                    + ", count(*) FROM "
                    + newRows()
                    + " n GROUP BY ALL HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT 1")) {
      if (rs.next()) {
        throw ComptoirException.invalidInput(
            "key (%s) is held by %d new rows: %s needs one row per key",
            rs.getString(1), rs.getLong(2), mode);
      }
    }
  }

  /** The previous files holding a row that matches the condition on {@code p}. */
  private List<Path> filesWith(String previous, String condition) throws SQLException {
    List<Path> files = rows.previousFiles();
    if (files.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      parts.add(
          "SELECT "
              + i
              + " AS "
              + FILE_INDEX
              + ", * FROM "
              + previous.formatted(DuckDbEngine.fileList(List.of(files.get(i)))));
    }
    String sql =
        "SELECT DISTINCT "
            + FILE_INDEX
            + " FROM ("
            + String.join(" UNION ALL ", parts)
            + ") p WHERE "
            + condition
            + " ORDER BY 1";
    List<Path> touched = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        touched.add(files.get(rs.getInt(1)));
      }
    }
    return touched;
  }

  /** Writes the query to a Parquet file; empty when it returns no row (no file left). */
  private Optional<StagedData.StagedFile> copy(String query, Path file) throws SQLException {
    long count =
        DuckDbEngine.executeUpdate(
            connection, "COPY (" + query + ") TO " + literal(file) + " (FORMAT parquet)");
    if (count == 0) {
      Stager.deleteIfExists(file);
      return Optional.empty();
    }
    return Optional.of(new StagedData.StagedFile(file, count, Stager.size(file)));
  }

  /** The new rows as a relation, typed as declared even when there are none. */
  private String newRows() {
    if (rows.newRows().isEmpty()) {
      return "(SELECT "
          + String.join(
              ", ",
              rows.columns().stream()
                  .map(
                      c ->
                          "CAST(NULL AS " + Sql.duckType(c.type()) + ") AS " + identifier(c.name()))
                  .toList())
          + " WHERE false)";
    }
    return "read_parquet("
        + DuckDbEngine.fileList(rows.newRows().stream().map(StagedData.StagedFile::path).toList())
        + ")";
  }

  private String columnList(String alias, List<Column> columns) {
    return String.join(
        ", ", columns.stream().map(c -> alias + "." + identifier(c.name())).toList());
  }

  private String keysEqual(String left, String right) {
    return String.join(
        " AND ",
        rows.keys().stream()
            .map(k -> left + "." + identifier(k) + " = " + right + "." + identifier(k))
            .toList());
  }

  private String valuesEqual(String left, String right) {
    List<String> conditions =
        rows.columns().stream()
            .map(Column::name)
            .filter(name -> !rows.keys().contains(name))
            .map(
                name ->
                    left
                        + "."
                        + identifier(name)
                        + " IS NOT DISTINCT FROM "
                        + right
                        + "."
                        + identifier(name))
            .toList();
    return conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
  }

  private static String timestamp(Instant instant) {
    LocalDateTime utc =
        LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    return "TIMESTAMP " + literal(TIMESTAMP.format(utc));
  }
}
