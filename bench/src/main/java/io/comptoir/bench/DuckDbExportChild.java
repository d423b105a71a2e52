package io.comptoir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The baseline of the governed export, in its own JVM and with its own DuckDB: {@code COPY} of the
 * same projection (unmasked) of the same version files with the same row filters to a CSV file.
 *
 * <p>With {@code masked} as first argument (else {@code plain}), the diagnostic variant: the same
 * COPY with the contract's masking written in SQL, to tell the cost of masking from the cost of
 * streaming rows over HTTP.
 *
 * <p>The time runs from the open connection to the end of the COPY. Arguments: {@code plain} or
 * {@code masked}, output CSV, memory limit, threads, then the version's Parquet files.
 */
public final class DuckDbExportChild {
  private DuckDbExportChild() {}

  public static void main(String[] args) throws Exception {
    boolean masked = args[0].equals("masked");
    Path csv = Path.of(args[1]);
    Properties properties = new Properties();
    properties.setProperty("memory_limit", args[2]);
    properties.setProperty("threads", args[3]);
    properties.setProperty("temp_directory", csv.getParent().resolve("duck-tmp").toString());
    String files =
        Arrays.stream(args, 4, args.length)
            .map(f -> "'" + f.replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    long start;
    long cpuStart;
    long rows;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      // timed from an open connection, as the server's engine is open before its first read
      start = System.nanoTime();
      cpuStart = Measure.processCpuNanos();
      statement.execute(
          "COPY (SELECT "
              + (masked ? CustomersParquet.maskedSql() : CustomersParquet.grantedSql())
              + " FROM read_parquet("
              + files
              + ") WHERE "
              + CustomersParquet.SQL_WHERE
              + ") TO '"
              + csv
              + "' (FORMAT csv, HEADER)");
      rows = statement.getUpdateCount();
    }
    double seconds = Measure.seconds(start);
    System.out.printf(
        java.util.Locale.ROOT, "cpu_seconds=%.2f%n", (Measure.processCpuNanos() - cpuStart) / 1e9);
    System.out.println("seconds=" + seconds);
    System.out.println("rows=" + rows);
    System.out.println("bytes=" + Files.size(csv));
    System.out.println("peak_rss_mib=" + Measure.peakRssMib());
  }
}
