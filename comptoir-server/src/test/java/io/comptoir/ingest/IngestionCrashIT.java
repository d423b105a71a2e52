package io.comptoir.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code comptoir ingest} process with SIGKILL at random moments, then checks after
 * recovery that every visible version is whole, nothing half-written is left, and runs reconcile.
 */
class IngestionCrashIT {
  private static final ProductId PRODUCT = ProductId.of("colis-crash");
  private static final int TRIALS = 12;

  @TempDir Path directory;

  @Test
  void aKilledIngestionNeverLeavesAHalfVersion() throws Exception {
    Path data = directory.resolve("data");
    Path csv = directory.resolve("parcels.csv");
    long rows = writeParcels(csv, 600_000);
    try (Comptoir comptoir = open(data)) {
      seed(comptoir);
    }

    long fullMillis = timeOneIngestion(data, csv);
    Random random = new Random(20261127L);
    int killed = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      Process process = startIngestion(data, csv);
      long delay = (long) (random.nextDouble() * fullMillis * 1.1);
      boolean finished = process.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        killed++;
      }
      checkConsistency(data, rows);
    }
    // most delays fall inside the run; under a loaded machine a run can be faster than the first
    assertThat(killed)
        .as("trials that killed the process mid-work")
        .isGreaterThanOrEqualTo(TRIALS / 3);
  }

  private void checkConsistency(Path data, long rowsPerVersion) throws Exception {
    try (Comptoir comptoir = open(data)) {
      comptoir.ingestion().recover();
      Lake lake = new Lake(data.resolve("lake"));
      List<Version> versions = comptoir.ingestion().listVersions(PRODUCT);
      for (Version version : versions) {
        assertThat(version.rowCount()).isEqualTo(rowsPerVersion);
        for (DataFile file : version.files()) {
          assertThat(lake.resolve(file.path())).exists();
        }
        assertThat(countRows(lake, version)).isEqualTo(rowsPerVersion);
      }
      List<Integer> numbers = versions.stream().map(Version::number).sorted().toList();
      for (int i = 0; i < numbers.size(); i++) {
        assertThat(numbers.get(i)).isEqualTo(i + 1);
      }
      for (IngestionRun run : comptoir.ingestion().listRuns(PRODUCT, 1000)) {
        assertThat(run.status()).isNotEqualTo(RunStatus.RUNNING);
        assertThat(run.rowsRead()).isEqualTo(run.rowsAccepted() + run.rowsQuarantined());
        if (run.status() == RunStatus.SUCCEEDED) {
          assertThat(run.versionNumber()).isPresent();
        }
      }
      assertThat(lake.removeOrphans(referenced(versions, comptoir))).isZero();
      try (Stream<Path> staging = Files.list(lake.root().resolve("_staging"))) {
        assertThat(staging).isEmpty();
      }
    }
  }

  private static java.util.Set<String> referenced(List<Version> versions, Comptoir comptoir) {
    java.util.Set<String> files = new java.util.HashSet<>();
    versions.forEach(v -> v.files().forEach(f -> files.add(f.path())));
    comptoir
        .ingestion()
        .listRuns(PRODUCT, 1000)
        .forEach(r -> r.quarantineFile().ifPresent(files::add));
    return files;
  }

  private static long countRows(Lake lake, Version version) throws Exception {
    List<String> files = new ArrayList<>();
    for (DataFile file : version.files()) {
      files.add("'" + lake.resolve(file.path()) + "'");
    }
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM read_parquet([" + String.join(",", files) + "])")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long timeOneIngestion(Path data, Path csv) throws Exception {
    long start = System.nanoTime();
    Process process = startIngestion(data, csv);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  private Process startIngestion(Path data, Path csv) throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "io.comptoir.server.Main",
            "--data-dir",
            data.toString(),
            "--set",
            "engine-memory-limit=512MB",
            "ingest",
            PRODUCT.value(),
            csv.toString(),
            "--force",
            "--mode",
            "overwrite");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("child.log").toFile())
        .start();
  }

  private static Comptoir open(Path data) {
    return Comptoir.open(Fixtures.configuration(data, Map.of()));
  }

  private static void seed(Comptoir comptoir) {
    var catalog = comptoir.catalog();
    var now = catalog.clock().instant();
    catalog.saveEntity(new LegalEntity("BSCC", "BSCC", ""));
    catalog.saveDomain(new Domain("colis", "Colis", ""));
    catalog.saveProduct(
        new DataProduct(
            PRODUCT,
            "Colis (crash test)",
            "",
            "BSCC",
            "colis",
            "test",
            "",
            "",
            Classification.INTERNAL,
            List.of(),
            List.of(
                Column.of("id", DataType.INTEGER),
                Column.of("tracking", DataType.STRING),
                Column.of("weight", DataType.DOUBLE),
                Column.of("day", DataType.DATE)),
            now,
            now));
  }

  /** A CSV with the given number of valid rows, written by DuckDB. */
  private static long writeParcels(Path csv, long rows) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT i AS id, 'CP' || lpad(i::VARCHAR, 9, '0') || 'FR' AS tracking,"
              + " (i % 3000) / 100.0 AS weight, DATE '2024-01-01' + (i % 365)::INTEGER AS day"
              + " FROM range("
              + rows
              + ") t(i)) TO '"
              + csv
              + "' (HEADER, DELIMITER ',')");
    }
    return rows;
  }
}
