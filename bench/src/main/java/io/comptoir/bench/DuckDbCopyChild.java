package io.comptoir.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;

/**
 * The baseline, in its own JVM: DuckDB's own typed CSV to Parquet COPY of the file, bad rows
 * skipped with ignore_errors (no quarantine, no reconciliation, no metadata).
 */
public final class DuckDbCopyChild {
  private DuckDbCopyChild() {}

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    Path parquet = Path.of(args[1]);
    Properties properties = new Properties();
    properties.setProperty("memory_limit", args.length > 2 ? args[2] : "2GB");
    properties.setProperty("temp_directory", parquet.getParent().resolve("duck-tmp").toString());
    long start = System.nanoTime();
    long rows;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_csv('"
              + csv
              + "', header=true, delim=',', quote='\"', auto_detect=false, ignore_errors=true,"
              + " columns="
              + ParcelsCsv.duckColumns()
              + ")) TO '"
              + parquet
              + "' (FORMAT parquet)");
      rows = statement.getUpdateCount();
    }
    System.out.println("seconds=" + Measure.seconds(start));
    System.out.println("rows=" + rows);
    System.out.println("peak_rss_mib=" + Measure.peakRssMib());
  }
}
