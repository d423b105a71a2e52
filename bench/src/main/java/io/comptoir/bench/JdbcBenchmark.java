package io.comptoir.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * JDBC flow benchmark: creates a PostgreSQL table of the asked number of rows (generate_series, in
 * a schema of its own, dropped at the end) then measures in the same run, each in its own JVM, (a)
 * a plain streamed JDBC read of the whole table ({@link JdbcReadChild}) and (b) a {@code jdbc} flow
 * run once through {@code FlowRunner} into a new version on a fresh data directory ({@link
 * ComptoirFlowChild}). Prints {@code name=value} lines.
 *
 * <p>Usage: {@code JdbcBenchmark [--rows 1000000] [--fetch-size 10000] [--url
 * jdbc:postgresql://127.0.0.1:5432/test] [--user postgres] [--memory-limit 2GB] [--work
 * bench/work]}
 */
public final class JdbcBenchmark {
  /** The product's columns, in the order of the table's. */
  static final String COLUMNS =
      "id:integer;tracking_number:string;weight_kg:double;destination_postcode:string;"
          + "deposit_date:date;price_eur:decimal(10,2);status:string;scanned_at:timestamp";

  private JdbcBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  /** Runs the benchmark, printing its lines to {@code out}. */
  static void run(String[] args, PrintStream out) throws Exception {
    long rows = 1_000_000;
    int fetchSize = 10_000;
    String url = "jdbc:postgresql://127.0.0.1:5432/test";
    String user = "postgres";
    String memoryLimit = "2GB";
    Path work = Path.of("bench/work");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--fetch-size" -> fetchSize = Integer.parseInt(args[++i]);
        case "--url" -> url = args[++i];
        case "--user" -> user = args[++i];
        case "--memory-limit" -> memoryLimit = args[++i];
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          System.err.println("error: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Files.createDirectories(work);
    String schema =
        "comptoir_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String table = schema + ".parcels";
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      try {
        long start = System.nanoTime();
        statement.execute("CREATE SCHEMA " + schema);
        statement.execute(
            "CREATE TABLE "
                + table
                + " AS SELECT i::bigint AS id,"
                + " 'CP' || lpad((i * 7919 % 1000000000)::text, 9, '0') || 'FR' AS tracking_number,"
                + " ((i * 31 % 300000) / 1000.0)::double precision AS weight_kg,"
                + " lpad((i * 11 % 95000 + 1000)::text, 5, '0') AS destination_postcode,"
                + " DATE '2024-01-01' + (i * 13 % 365)::int AS deposit_date,"
                + " ((i * 17 % 100000) / 100.0)::numeric(10,2) AS price_eur,"
                + " (ARRAY['DEPOSE','EN_TRANSIT','LIVRE','AVISE','RETOURNE'])[i % 5 + 1] AS status,"
                + " TIMESTAMP '2024-01-01 00:00:00' + (i * 37 % 31536000) * INTERVAL '1 second'"
                + " AS scanned_at"
                + " FROM generate_series(1::bigint, "
                + rows
                + ") AS t(i)");
        statement.execute("ANALYZE " + table);
        System.err.printf("created %s (%d rows) in %.1f s%n", table, rows, Measure.seconds(start));

        Map<String, String> read =
            IngestBenchmark.child(JdbcReadChild.class, url, user, table, String.valueOf(fetchSize));

        Path data = work.resolve("comptoir-jdbc-data");
        IngestBenchmark.deleteRecursively(data);
        Path document = work.resolve("jdbc-flow.yaml");
        Files.writeString(
            document,
            "id: bench-jdbc\nproduct: "
                + ComptoirFlowChild.PRODUCT
                + "\nsource:\n  kind: jdbc\n  url: "
                + url
                + "\n  user: "
                + user
                + "\n  password-env: "
                + ComptoirFlowChild.PASSWORD_ENV
                + "\n  table: "
                + table
                + "\n  fetch-size: "
                + fetchSize
                + "\nwrite: {mode: overwrite}\n");
        Map<String, String> ingest =
            IngestBenchmark.child(
                ComptoirFlowChild.class,
                data.toString(),
                memoryLimit,
                document.toString(),
                COLUMNS);
        IngestBenchmark.deleteRecursively(data);

        double readSeconds = Double.parseDouble(read.get("seconds"));
        double ingestSeconds = Double.parseDouble(ingest.get("seconds"));
        out.println("machine_cpu=" + Measure.cpuModel());
        out.println("machine_cores=" + Runtime.getRuntime().availableProcessors());
        out.println("jdbc_rows=" + rows);
        out.println("jdbc_fetch_size=" + fetchSize);
        out.println("jdbc_read_rows=" + read.get("rows"));
        out.println("jdbc_ingest_rows=" + ingest.get("rows"));
        out.println("jdbc_ingest_rows_quarantined=" + ingest.get("rows_quarantined"));
        out.println("jdbc_ingest_version=" + ingest.get("version"));
        out.printf(Locale.ROOT, "jdbc_read_seconds=%.2f%n", readSeconds);
        out.printf(Locale.ROOT, "jdbc_ingest_seconds=%.2f%n", ingestSeconds);
        out.printf(Locale.ROOT, "jdbc_ingest_vs_read_ratio=%.2f%n", ingestSeconds / readSeconds);
        out.printf(
            Locale.ROOT,
            "jdbc_ingest_source_seconds=%.2f%n",
            Double.parseDouble(ingest.get("source_seconds")));
        out.printf(
            Locale.ROOT,
            "jdbc_ingest_version_seconds=%.2f%n",
            Double.parseDouble(ingest.get("ingest_seconds")));
        out.printf(
            Locale.ROOT,
            "jdbc_profile_after_seconds=%.2f%n",
            Double.parseDouble(ingest.get("profile_after_seconds")));
        out.printf(
            Locale.ROOT,
            "jdbc_ingest_json_lines_mb=%.1f%n",
            Double.parseDouble(ingest.get("source_mb")));
        out.println("jdbc_read_peak_rss_mib=" + read.get("peak_rss_mib"));
        out.println("jdbc_ingest_peak_rss_mib=" + ingest.get("peak_rss_mib"));
      } finally {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
