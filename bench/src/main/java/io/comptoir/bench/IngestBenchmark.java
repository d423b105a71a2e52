package io.comptoir.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ingestion benchmark: generates a CSV of the asked size with about 2 % bad rows, then measures in
 * the same run, each in its own JVM, (a) DuckDB's own typed COPY of it to Parquet and (b) a
 * Comptoir ingestion of it. Prints {@code name=value} lines.
 *
 * <p>Usage: {@code IngestBenchmark [--size-mb 1024] [--repeat 1] [--work bench/work]}
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    long sizeMb = 1024;
    int repeat = 1;
    Path work = Path.of("bench/work");
    String memoryLimit = "2GB";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size-mb" -> sizeMb = Long.parseLong(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--memory-limit" -> memoryLimit = args[++i];
        default -> {
          System.err.println("error: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Files.createDirectories(work);
    Path csv = work.resolve("parcels-" + sizeMb + "mb.csv");
    if (!Files.exists(csv)) {
      System.err.printf("generating %s (%d MB)...%n", csv, sizeMb);
      long start = System.nanoTime();
      long rows = ParcelsCsv.write(csv, sizeMb * 1024 * 1024);
      System.err.printf("generated %d rows in %.1f s%n", rows, Measure.seconds(start));
    }
    long bytes = Files.size(csv);
    warm(csv);

    List<Map<String, String>> baseline = new ArrayList<>();
    List<Map<String, String>> comptoir = new ArrayList<>();
    for (int round = 0; round < repeat; round++) {
      Path out = work.resolve("baseline");
      deleteRecursively(out);
      Files.createDirectories(out);
      baseline.add(
          child(
              DuckDbCopyChild.class,
              csv.toString(),
              out.resolve("parcels.parquet").toString(),
              memoryLimit));
      deleteRecursively(out);
      Path data = work.resolve("comptoir-data");
      deleteRecursively(data);
      comptoir.add(child(ComptoirIngestChild.class, csv.toString(), data.toString(), memoryLimit));
      deleteRecursively(data);
    }
    double duck = best(baseline, "seconds");
    double ingest = best(comptoir, "seconds");
    Map<String, String> last = comptoir.get(comptoir.size() - 1);
    System.out.println("machine_cpu=" + Measure.cpuModel());
    System.out.println("machine_cores=" + Runtime.getRuntime().availableProcessors());
    System.out.println("csv_bytes=" + bytes);
    System.out.printf(Locale.ROOT, "csv_mb=%.1f%n", bytes / 1024.0 / 1024.0);
    System.out.println("rows_read=" + last.get("rows_read"));
    System.out.println("rows_accepted=" + last.get("rows"));
    System.out.println("rows_quarantined=" + last.get("rows_quarantined"));
    System.out.println("duckdb_rows=" + baseline.get(0).get("rows"));
    System.out.printf(Locale.ROOT, "duckdb_copy_seconds=%.2f%n", duck);
    System.out.printf(Locale.ROOT, "ingest_seconds=%.2f%n", ingest);
    System.out.printf(Locale.ROOT, "ingest_checksum_seconds=%s%n", last.get("checksum_seconds"));
    System.out.printf(Locale.ROOT, "ingest_validate_seconds=%s%n", last.get("validate_seconds"));
    System.out.printf(Locale.ROOT, "ingest_commit_seconds=%s%n", last.get("commit_seconds"));
    System.out.printf(
        Locale.ROOT, "profile_after_ingest_seconds=%s%n", last.get("profile_after_seconds"));
    System.out.printf(Locale.ROOT, "ingest_vs_duckdb_ratio=%.2f%n", ingest / duck);
    System.out.printf(Locale.ROOT, "ingest_mb_per_second=%.1f%n", bytes / 1024.0 / 1024.0 / ingest);
    System.out.println("duckdb_peak_rss_mib=" + baseline.get(0).get("peak_rss_mib"));
    System.out.println("ingest_peak_rss_mib=" + last.get("peak_rss_mib"));
    System.out.println("repeat=" + repeat);
  }

  private static double best(List<Map<String, String>> runs, String key) {
    return runs.stream().mapToDouble(r -> Double.parseDouble(r.get(key))).min().orElseThrow();
  }

  /** Reads the file once so that both contenders start with it in the page cache. */
  private static void warm(Path file) throws IOException {
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      while (in.read(buffer) > 0) {
        // only reading
      }
    }
  }

  /**
   * The command running {@code main} in a new JVM on this process's classpath (under Surefire, the
   * test classpath rather than its booter jar).
   */
  static List<String> javaCommand(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String recordings = System.getProperty("bench.jfr");
    if (recordings != null) {
      // -Dbench.jfr=DIR: a JFR recording of each child JVM, named after its class
      command.add(
          "-XX:StartFlightRecording:settings=profile,jdk.ExecutionSample#period=2ms,filename="
              + Path.of(recordings).resolve(main.getSimpleName() + ".jfr").toAbsolutePath());
    }
    String options = System.getProperty("bench.jvm", "").strip();
    if (!options.isEmpty()) {
      // -Dbench.jvm="-XX:+UseParallelGC ...": JVM options of every child, for experiments
      command.addAll(List.of(options.split("\\s+")));
    }
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code main} in its own JVM and returns the {@code name=value} lines it printed. */
  static Map<String, String> child(Class<?> main, String... args)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(javaCommand(main, args))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, String> values = new LinkedHashMap<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          values.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(main.getSimpleName() + " exited with " + exit);
    }
    System.err.println(main.getSimpleName() + " " + values);
    return values;
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
