package io.comptoir.engine;

import static io.comptoir.engine.Sql.literal;

import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.QuarantineCount;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * Shared steps of staging: the accepted rows are copied to a Parquet file, the rejected rows are
 * gathered into a temporary table {@code quarantine(line, column_name, error_type, message, raw)},
 * one row per rejected input row, then written to a Parquet file.
 */
abstract class Stager {
  static final String QUARANTINE = "quarantine";

  final DuckDBConnection connection;
  final StageRequest request;
  final ProgressListener progress;
  final String suffix;

  Stager(DuckDBConnection connection, StageRequest request, ProgressListener progress) {
    this.connection = connection;
    this.request = request;
    this.progress = progress;
    this.suffix = request.filePrefix().replaceAll("[^A-Za-z0-9]", "_");
  }

  abstract StagedData stage() throws SQLException;

  Path dataFile() {
    return request.stagingDirectory().resolve(request.filePrefix() + "-0.parquet");
  }

  /** Runs a statement, reporting DuckDB's own progress of it as the "validate" phase. */
  long executeWithProgress(String sql) throws SQLException {
    try (DuckDBPreparedStatement statement =
        connection.prepareStatement(sql).unwrap(DuckDBPreparedStatement.class)) {
      return executeWithProgress(statement);
    }
  }

  private long executeWithProgress(DuckDBPreparedStatement statement) throws SQLException {
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "comptoir-progress");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            QueryProgress state = statement.getQueryProgress();
            if (state.getPercentage() >= 0) {
              progress.progress("validate", Math.min(1.0, state.getPercentage() / 100.0));
            }
          } catch (SQLException | RuntimeException e) {
            // progress is best effort
          }
        },
        250,
        250,
        TimeUnit.MILLISECONDS);
    try {
      progress.progress("validate", 0.0);
      statement.execute();
      long count = Math.max(0, statement.getUpdateCount());
      progress.progress("validate", 1.0);
      return count;
    } finally {
      poller.shutdownNow();
    }
  }

  /**
   * Lake files get row groups of {@value #ROW_GROUP_ROWS} rows, not DuckDB's 122,880: a small read
   * ({@code limit=100}) decodes one row group of each column it returns. 16,384 was used before;
   * measured on the benchmark machine (docs/benchmarks.md), 32,768 reads as fast (distinct small
   * reads: 105 against 103 reads/s) and writes a CSV with rejected rows about 3 s faster per GB
   * (DuckDB's reader with {@code store_rejects} slows down with groups of 16,384).
   */
  static final int ROW_GROUP_ROWS = 32_768;

  String copyTo(Path file) {
    return " TO " + literal(file) + " (FORMAT parquet, ROW_GROUP_SIZE " + ROW_GROUP_ROWS + ")";
  }

  /**
   * Builds the staged result from a quarantine already written to {@code quarantineFile} (ordered
   * by line, with the columns of the quarantine table); the file is deleted when it holds no row.
   */
  StagedData finish(long accepted, Path quarantineFile) throws SQLException {
    String rows = "read_parquet(" + literal(quarantineFile) + ")";
    long quarantined = DuckDbEngine.queryLong(connection, "SELECT count(*) FROM " + rows);
    List<QuarantineCount> counts = new ArrayList<>();
    if (quarantined > 0) {
      counts = quarantineCounts(rows);
    } else {
      deleteIfExists(quarantineFile);
    }
    return staged(
        accepted,
        quarantined,
        quarantined > 0 ? Optional.of(quarantineFile) : Optional.empty(),
        counts);
  }

  /** Rows quarantined per error type and column, most first. */
  private List<QuarantineCount> quarantineCounts(String rows) throws SQLException {
    List<QuarantineCount> counts = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT error_type, coalesce(column_name, ''), count(*) FROM "
                    + rows
                    + " GROUP BY ALL ORDER BY 3 DESC, 1, 2")) {
      while (rs.next()) {
        counts.add(new QuarantineCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
      }
    }
    return counts;
  }

  private StagedData staged(
      long accepted,
      long quarantined,
      Optional<Path> quarantineFile,
      List<QuarantineCount> counts) {
    List<StagedData.StagedFile> files = new ArrayList<>();
    Path data = dataFile();
    if (accepted > 0) {
      files.add(new StagedData.StagedFile(data, accepted, size(data)));
    } else {
      deleteIfExists(data);
    }
    return new StagedData(
        accepted + quarantined, accepted, quarantined, files, quarantineFile, counts);
  }

  /** Writes the quarantine table to Parquet and builds the staged result. */
  StagedData finish(long accepted) throws SQLException {
    long quarantined =
        DuckDbEngine.queryLong(connection, "SELECT count(*) FROM " + QUARANTINE + "_" + suffix);
    Optional<Path> quarantineFile = Optional.empty();
    List<QuarantineCount> counts = new ArrayList<>();
    if (quarantined > 0) {
      Path file = request.stagingDirectory().resolve("quarantine.parquet");
      DuckDbEngine.executeUpdate(
          connection,
          "COPY (SELECT line, column_name, error_type, message, raw FROM "
              + QUARANTINE
              + "_"
              + suffix
              + " ORDER BY line)"
              + copyTo(file));
      quarantineFile = Optional.of(file);
      counts = quarantineCounts(QUARANTINE + "_" + suffix);
    }
    DuckDbEngine.executeUpdate(connection, "DROP TABLE IF EXISTS " + QUARANTINE + "_" + suffix);
    return staged(accepted, quarantined, quarantineFile, counts);
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
