package io.comptoir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Larger than memory: a parcels CSV {@code --factor} (5) times the engine's memory limit, ingested
 * by Comptoir in its own JVM ({@link ComptoirIngestChild}) with that {@code engine-memory-limit}.
 * Prints the file's size, the limit, the child's peak resident memory (VmHWM) and whether the
 * ingestion succeeded. There is no baseline: the question is whether it fits.
 *
 * <p>Usage: {@code LargeFileBenchmark [--memory-limit 200MB] [--factor 5] [--work bench/work]}
 */
public final class LargeFileBenchmark {
  private LargeFileBenchmark() {}

  public static void main(String[] args) throws Exception {
    String memoryLimit = "200MB";
    int factor = 5;
    Path work = Path.of("bench/work");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--memory-limit" -> memoryLimit = args[++i];
        case "--factor" -> factor = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          System.err.println("error: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (!memoryLimit.toUpperCase(Locale.ROOT).matches("[0-9]+MB")) {
      System.err.println("error: --memory-limit takes megabytes, such as 200MB: " + memoryLimit);
      System.exit(2);
    }
    long limitMb = Long.parseLong(memoryLimit.replaceAll("[^0-9]", ""));
    long sizeMb = limitMb * factor;
    Files.createDirectories(work);
    Path csv = work.resolve("parcels-" + sizeMb + "mb.csv");
    if (!Files.exists(csv)) {
      System.err.printf("generating %s (%d MB)...%n", csv, sizeMb);
      long start = System.nanoTime();
      long rows = ParcelsCsv.write(csv, sizeMb * 1024 * 1024);
      System.err.printf("generated %d rows in %.1f s%n", rows, Measure.seconds(start));
    }
    long bytes = Files.size(csv);
    Path data = work.resolve("comptoir-large-data");
    IngestBenchmark.deleteRecursively(data);
    Map<String, String> ingest = Map.of();
    boolean succeeded;
    try {
      ingest =
          IngestBenchmark.child(
              ComptoirIngestChild.class, csv.toString(), data.toString(), memoryLimit);
      succeeded = true;
    } catch (IllegalStateException e) {
      System.err.println("the ingestion failed: " + e.getMessage());
      succeeded = false;
    } finally {
      IngestBenchmark.deleteRecursively(data);
    }
    System.out.println("machine_cpu=" + Measure.cpuModel());
    System.out.println("machine_cores=" + Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "large_file_mb=%.1f%n", bytes / 1024.0 / 1024.0);
    System.out.println("engine_memory_limit_mb=" + limitMb);
    System.out.println("large_file_succeeded=" + succeeded);
    System.out.println("large_file_rows=" + ingest.getOrDefault("rows", "0"));
    System.out.println(
        "large_file_rows_quarantined=" + ingest.getOrDefault("rows_quarantined", "0"));
    System.out.printf(
        Locale.ROOT,
        "large_file_seconds=%.2f%n",
        Double.parseDouble(ingest.getOrDefault("seconds", "-1")));
    System.out.printf(
        Locale.ROOT,
        "large_file_profile_after_seconds=%.2f%n",
        Double.parseDouble(ingest.getOrDefault("profile_after_seconds", "-1")));
    System.out.println("large_file_peak_rss_mb=" + ingest.getOrDefault("peak_rss_mib", "-1"));
  }
}
