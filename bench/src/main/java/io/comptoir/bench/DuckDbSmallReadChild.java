package io.comptoir.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Diagnostic for the small reads, in its own JVM and DuckDB: one client alone, what the engine
 * alone spends on the query behind a 100-row governed read (the masked projection, the same filter,
 * {@code LIMIT 100}) on the version's files, without HTTP, contract check or audit. 10 unrecorded
 * queries, then 50 timed one after the other.
 *
 * <p>Arguments: memory limit, threads, then the version's Parquet files.
 */
public final class DuckDbSmallReadChild {
  private DuckDbSmallReadChild() {}

  public static void main(String[] args) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("memory_limit", args[0]);
    properties.setProperty("threads", args[1]);
    String files = CustomersParquet.fileList(Arrays.asList(args).subList(2, args.length));
    String sql =
        "SELECT "
            + CustomersParquet.maskedSql()
            + " FROM read_parquet("
            + files
            + ") WHERE "
            + CustomersParquet.SQL_WHERE
            + " LIMIT 100";
    long[] latencies = new long[50];
    long rows = 0;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      for (int i = -10; i < latencies.length; i++) {
        long start = System.nanoTime();
        rows = 0;
        try (ResultSet rs = statement.executeQuery(sql)) {
          while (rs.next()) {
            rows++;
          }
        }
        if (i >= 0) {
          latencies[i] = System.nanoTime() - start;
        }
      }
    }
    Arrays.sort(latencies);
    System.out.printf(Locale.ROOT, "p50_ms=%.1f%n", latencies[latencies.length / 2] / 1e6);
    System.out.printf(Locale.ROOT, "max_ms=%.1f%n", latencies[latencies.length - 1] / 1e6);
    System.out.println("rows=" + rows);
  }
}
