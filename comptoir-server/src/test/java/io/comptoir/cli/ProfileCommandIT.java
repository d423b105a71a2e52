package io.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.ingest.Histogram;
import io.comptoir.ingest.VersionProfile;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code comptoir profile backfill} on a real data directory (SQLite store, DuckDB engine): three
 * versions ingested by the CLI, whose profiles are then deleted from the store as if they had been
 * made before profiles existed.
 */
class ProfileCommandIT {
  @TempDir Path directory;

  private CliHarness cli;

  @BeforeEach
  void threeVersionsWithoutProfiles() throws SQLException {
    try (Comptoir comptoir =
        Comptoir.open(Fixtures.configuration(directory.resolve("data"), Map.of()))) {
      Fixtures.seed(comptoir.catalog());
    }
    cli = new CliHarness(directory);
    Fixtures.write(directory.resolve("v1.csv"), Fixtures.PARCELS_CSV);
    Fixtures.write(directory.resolve("v2.csv"), Fixtures.MORE_PARCELS_CSV);
    Fixtures.write(
        directory.resolve("v3.csv"),
        "id;destination;weight;shipped\n7;75002;1.00;2024-03-01\n8;75003;9.00;2024-03-02\n");
    for (String file : new String[] {"v1.csv", "v2.csv", "v3.csv"}) {
      CliHarness.Result ingested =
          cli.run("ingest", "colis-suivi", file, "--data-dir=data", "--tolerated-reject-rate=0.5");
      assertThat(ingested.code()).as(ingested.err()).isZero();
    }
    try (Comptoir comptoir = open()) {
      assertThat(comptoir.ingestion().loadProfile(Fixtures.PARCELS, 3).rows()).isEqualTo(2);
    }
    deleteProfiles();
  }

  @Test
  void profilesEveryVersionOldestFirstThenFindsNothingLeftToDo() {
    CliHarness.Result result = cli.run("profile", "backfill", "--data-dir=data");
    CliHarness.Result again = cli.run("profile", "backfill", "--data-dir=data");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern(
            "colis-suivi version 1: profiled 4 column\\(s\\) of 3 row\\(s\\) in \\d+ ms\n"
                + "colis-suivi version 2: profiled 4 column\\(s\\) of 2 row\\(s\\) in \\d+ ms\n"
                + "colis-suivi version 3: profiled 4 column\\(s\\) of 2 row\\(s\\) in \\d+ ms\n"
                + "profiled 3 version\\(s\\), 0 failed, 0 skipped\n");
    assertThat(result.err()).isEmpty();
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo("every version has a profile already\n");
    try (Comptoir comptoir = open()) {
      VersionProfile first = comptoir.ingestion().loadProfile(Fixtures.PARCELS, 1);
      VersionProfile second = comptoir.ingestion().loadProfile(Fixtures.PARCELS, 2);
      VersionProfile third = comptoir.ingestion().loadProfile(Fixtures.PARCELS, 3);
      // ids 1, 3, 4 set the bins; the later versions are counted in them, above in the last one
      Histogram bins = first.column("id").orElseThrow().histogram().orElseThrow();
      assertThat(bins.low()).isEqualTo(1.0);
      assertThat(bins.high()).isEqualTo(4.0);
      Histogram later = second.column("id").orElseThrow().histogram().orElseThrow();
      assertThat(later.low()).isEqualTo(bins.low());
      assertThat(later.high()).isEqualTo(bins.high());
      assertThat(later.counts()).endsWith(2L).containsOnly(0L, 2L);
      assertThat(third.column("id").orElseThrow().histogram().orElseThrow().high()).isEqualTo(4.0);
      assertThat(third.column("destination").orElseThrow().personal()).isTrue();
      assertThat(comptoir.ingestion().drift(Fixtures.PARCELS, 2)).isPresent();
    }
  }

  @Test
  void reportsAVersionThatCannotBeProfiledAndSkipsTheLaterOnesOfItsProduct() throws IOException {
    try (Comptoir comptoir = open()) {
      String file = comptoir.ingestion().loadVersion(Fixtures.PARCELS, 2).files().get(0).path();
      Files.delete(directory.resolve("data").resolve("lake").resolve(file));
    }

    CliHarness.Result result = cli.run("profile", "backfill", "--data-dir=data");

    assertThat(result.code()).isEqualTo(CliErrors.OTHER);
    assertThat(result.out())
        .contains("colis-suivi version 1: profiled 4 column(s) of 3 row(s)")
        .doesNotContain("version 2: profiled")
        .endsWith("profiled 1 version(s), 1 failed, 1 skipped\n");
    assertThat(result.err().lines())
        .hasSize(2)
        .satisfiesExactly(
            line -> assertThat(line).startsWith("error: colis-suivi version 2: cannot profile: "),
            line ->
                assertThat(line)
                    .isEqualTo(
                        "colis-suivi version 3: skipped, as colis-suivi version 2 has no"
                            + " profile"));
    try (Comptoir comptoir = open()) {
      assertThat(comptoir.ingestion().drift(Fixtures.PARCELS, 3)).isEmpty();
      assertThat(
              comptoir
                  .ingestion()
                  .backfillProfiles(
                      Optional.of(Fixtures.PARCELS),
                      io.comptoir.ingest.ProfileBackfill.Listener.NONE)
                  .failed())
          .isEqualTo(1);
    }
  }

  @Test
  void profilesOneProductOnlyAndRefusesAnUnknownOrInvalidOne() {
    CliHarness.Result others =
        cli.run("profile", "backfill", "--product=clients", "--data-dir=data");
    CliHarness.Result unknown =
        cli.run("profile", "backfill", "--product=inconnu", "--data-dir=data");
    CliHarness.Result invalid =
        cli.run("profile", "backfill", "--product=Pas Valide", "--data-dir=data");
    CliHarness.Result parcels =
        cli.run("profile", "backfill", "--product", "colis-suivi", "--data-dir=data");

    assertThat(others.code()).as(others.err()).isZero();
    assertThat(others.out()).isEqualTo("every version of clients has a profile already\n");
    assertThat(unknown.code()).isEqualTo(CliErrors.NOT_FOUND);
    assertThat(unknown.err()).isEqualTo("error: product not found: inconnu\n");
    assertThat(invalid.code()).isEqualTo(CliErrors.INVALID_INPUT);
    assertThat(invalid.err().strip())
        .doesNotContain("\n")
        .isEqualTo(
            "error: product id must be lowercase letters, digits and dashes (1-63 chars), got"
                + " 'Pas Valide'");
    assertThat(parcels.code()).as(parcels.err()).isZero();
    assertThat(parcels.out()).endsWith("profiled 3 version(s), 0 failed, 0 skipped\n");
  }

  @Test
  void aServerProfilesAtStartTheVersionsLeftWithoutOneOldestFirst() throws Exception {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    CliHarness serving = new CliHarness(directory, Map.of(), CliContext.Terminal.NONE, stop::await);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    java.util.concurrent.CompletableFuture<Integer> code =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                serving.run(
                    new java.io.PrintWriter(out, true),
                    new java.io.PrintWriter(err, true),
                    "serve",
                    "--data-dir=data",
                    "--port=0"));
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> profiledVersions() == 3 || code.isDone());
    } finally {
      stop.countDown();
    }

    assertThat(code.get(60, java.util.concurrent.TimeUnit.SECONDS)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("serving on");
    try (Comptoir comptoir = open()) {
      Histogram bins = idHistogram(comptoir, 1);
      Histogram later = idHistogram(comptoir, 2);
      assertThat(later.low()).isEqualTo(bins.low());
      assertThat(later.high()).isEqualTo(bins.high());
      assertThat(comptoir.ingestion().loadProfile(Fixtures.PARCELS, 3).rows()).isEqualTo(2);
    }
  }

  private static Histogram idHistogram(Comptoir comptoir, int version) {
    return comptoir
        .ingestion()
        .loadProfile(Fixtures.PARCELS, version)
        .column("id")
        .orElseThrow()
        .histogram()
        .orElseThrow();
  }

  private int profiledVersions() throws SQLException {
    Path database = directory.resolve("data").resolve("comptoir.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement();
        java.sql.ResultSet rows =
            statement.executeQuery("SELECT COUNT(DISTINCT version_number) FROM version_profiles")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private Comptoir open() {
    return Comptoir.open(Fixtures.configuration(directory.resolve("data"), Map.of()));
  }

  /** As in a store upgraded from before profiles: the versions are there, their profiles not. */
  private void deleteProfiles() throws SQLException {
    Path database = directory.resolve("data").resolve("comptoir.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM version_profile_values");
      statement.execute("DELETE FROM version_profiles");
    }
  }
}
