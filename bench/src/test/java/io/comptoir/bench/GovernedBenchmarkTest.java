package io.comptoir.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the governed benchmark in smoke mode end to end: the lines are there and parse. */
class GovernedBenchmarkTest {
  @TempDir Path work;

  @Test
  void smokeRunPrintsEveryFigure() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GovernedBenchmark.run(
        new String[] {
          "--smoke", "--work", work.toString(), "--connections", "8", "--memory-limit", "256MB"
        },
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1).strip());
      }
    }
    for (String number :
        new String[] {
          "governed_export_seconds",
          "duckdb_copy_seconds",
          "duckdb_unmasked_copy_seconds",
          "duckdb_limit100_alone_p50_ms",
          "governed_export_mb",
          "governed_export_vs_duckdb_ratio",
          "governed_export_vs_duckdb_unmasked_ratio",
          "small_read_p50_ms",
          "small_read_p99_ms"
        }) {
      assertThat(values).containsKey(number);
      assertThat(Double.parseDouble(values.get(number))).as(number).isPositive();
    }
    long rows = Long.parseLong(values.get("governed_export_rows"));
    assertThat(rows).isPositive().isEqualTo(Long.parseLong(values.get("duckdb_copy_rows")));
    assertThat(values.get("governed_export_email_hashed")).isEqualTo("true");
    // the baseline ran the engine's statement: same bytes as the export received over HTTP
    assertThat(values.get("governed_export_same_output_as_duckdb")).isEqualTo("true");
    assertThat(values.get("contract_status")).isEqualTo("ACTIVE");
    assertThat(Long.parseLong(values.get("small_read_requests"))).isPositive();
    assertThat(Long.parseLong(values.get("small_read_errors"))).isZero();
  }
}
