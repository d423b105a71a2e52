package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.contract.ColumnSelection;
import io.comptoir.contract.ContractKey;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.GovernedColumn;
import io.comptoir.contract.GovernedQuery;
import io.comptoir.contract.Masking;
import io.comptoir.contract.OutputFormat;
import io.comptoir.contract.RowFilter;
import io.comptoir.contract.SortOrder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2,000,000-row version exported through a pipe: the first rows reach the reader while the export
 * is still running, and the reader then receives every row.
 */
class GovernedExportStreamingIT {
  private static final long ROWS = 2_000_000;
  private static final List<Column> SCHEMA =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("email", DataType.STRING),
          Column.of("amount", DataType.DOUBLE));

  @TempDir Path directory;
  private DuckDbEngine engine;
  private ExecutorService executor;

  @BeforeEach
  void start() {
    engine = new DuckDbEngine(EngineSettings.defaults(directory.resolve("tmp")));
    executor = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(30, TimeUnit.SECONDS);
    engine.close();
  }

  @Test
  void streamsTwoMillionRowsToAReaderThatReadsThemAsTheyCome() throws Exception {
    Path file = directory.resolve("big.parquet");
    try (DuckDBConnection connection = engine.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT i AS id, 'person' || i || '@example.fr' AS email, i / 100.0 AS amount"
              + " FROM range("
              + ROWS
              + ") t(i)) TO "
              + Sql.literal(file)
              + " (FORMAT parquet)");
    }
    GovernedQuery query =
        new GovernedQuery(
            List.of(file),
            SCHEMA,
            List.of(
                GovernedColumn.of("id", DataType.INTEGER, Masking.MASK_NONE),
                GovernedColumn.of("email", DataType.STRING, Masking.HASH_KEYED),
                GovernedColumn.of("amount", DataType.DOUBLE, Masking.GENERALIZE)),
            RowFilter.parse("id >= 0"),
            RowFilter.all(),
            ColumnSelection.all(),
            SortOrder.none(),
            OptionalLong.empty(),
            0,
            OutputFormat.CSV,
            ContractKey.generate(new SecureRandom()));
    PipedInputStream input = new PipedInputStream(64 * 1024);
    PipedOutputStream output = new PipedOutputStream(input);

    CompletableFuture<ExportSummary> export =
        CompletableFuture.supplyAsync(
            () -> {
              try (output) {
                return engine.export(query, output);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            executor);
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8), 8192);

    assertThat(reader.readLine()).isEqualTo("id,email,amount");
    assertThat(reader.readLine()).startsWith("0,").hasSize(2 + 64 + 1 + 3);
    assertThat(export).as("the export waits for the reader").isNotDone();
    long lines = 1;
    long zeros = 0; // a part of the file sent before DuckDB wrote it reads as zero bytes
    String line;
    while ((line = reader.readLine()) != null) {
      lines++;
      zeros += line.chars().filter(c -> c == 0).count();
    }
    ExportSummary summary = export.get(2, TimeUnit.MINUTES);

    assertThat(zeros).as("zero bytes received").isZero();
    assertThat(lines).isEqualTo(ROWS);
    assertThat(summary.rows()).isEqualTo(ROWS);
    assertThat(summary.bytes()).isGreaterThan(ROWS * 70);
  }
}
