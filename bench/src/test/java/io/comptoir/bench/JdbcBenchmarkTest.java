package io.comptoir.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the JDBC benchmark on a small table end to end: the lines are there, parse, and both sides
 * saw every row. Skipped when PostgreSQL is unreachable, except on CI.
 */
class JdbcBenchmarkTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @TempDir Path work;

  @Test
  void smallRunReadsAndIngestsEveryRow() throws Exception {
    requirePostgres();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JdbcBenchmark.run(
        new String[] {"--rows", "2000", "--fetch-size", "500", "--work", work.toString()},
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1).strip());
      }
    }
    for (String number :
        new String[] {"jdbc_read_seconds", "jdbc_ingest_seconds", "jdbc_ingest_vs_read_ratio"}) {
      assertThat(values).containsKey(number);
      assertThat(Double.parseDouble(values.get(number))).as(number).isPositive();
    }
    assertThat(values)
        .containsEntry("jdbc_read_rows", "2000")
        .containsEntry("jdbc_ingest_rows", "2000")
        .containsEntry("jdbc_ingest_rows_quarantined", "0")
        .containsEntry("jdbc_ingest_version", "1");
  }

  private static void requirePostgres() {
    try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
      assertThat(connection.isValid(5)).isTrue();
    } catch (SQLException e) {
      String message = "PostgreSQL is unreachable at " + URL + ": " + e.getMessage();
      if (Boolean.getBoolean("comptoir.require-postgres") || System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }
}
