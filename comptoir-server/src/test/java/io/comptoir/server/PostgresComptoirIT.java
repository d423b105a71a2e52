package io.comptoir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.Version;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole of Comptoir with its metadata in PostgreSQL (127.0.0.1:5432, database test), in a
 * schema of its own. Skipped when PostgreSQL is unreachable, unless {@code
 * -Dcomptoir.require-postgres=true} (CI), where it fails.
 */
class PostgresComptoirIT {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @TempDir Path directory;
  private String schema;

  @BeforeEach
  void createSchema() {
    schema = "comptoir_it_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection =
            DriverManager.getConnection(URL + "?connectTimeout=5", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      schema = null;
      String message = "PostgreSQL is unreachable at " + URL + ": " + e.getMessage();
      if (Boolean.getBoolean("comptoir.require-postgres")) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (schema != null) {
      try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void ingestsAndReadsBackWithMetadataInPostgres() {
    Map<String, String> settings =
        Map.of("store-jdbc-url", URL + "?currentSchema=" + schema, "store-user", "postgres");
    Path data = directory.resolve("data");
    Path file = directory.resolve("parcels.csv");
    Fixtures.write(file, Fixtures.PARCELS_CSV);
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, settings))) {
      assertThat(comptoir.storeDescription()).startsWith("PostgreSQL");
      Fixtures.seed(comptoir.catalog());
      IngestionRun run =
          comptoir
              .ingestion()
              .ingest(
                  IngestionRequest.of(Fixtures.PARCELS, file)
                      .withOptions(SourceOptions.defaults().withDelimiter(';'))
                      .withToleratedRejectRate(0.5),
                  ProgressListener.NONE);
      assertThat(run.rowsRead()).isEqualTo(4);
      assertThat(run.rowsQuarantined()).isEqualTo(1);
    }
    try (Comptoir reopened = Comptoir.open(Fixtures.configuration(data, settings))) {
      Version version = reopened.ingestion().loadVersion(Fixtures.PARCELS, 1);
      assertThat(version.rowCount()).isEqualTo(3);
      assertThat(reopened.ingestion().read(version, List.of("id"), 0, 10).rows())
          .containsExactly(List.of(1L), List.of(3L), List.of(4L));
      assertThat(
              reopened
                  .ingestion()
                  .quarantinedRows(
                      reopened.ingestion().listRuns(Fixtures.PARCELS, 1).get(0), 0, 10))
          .singleElement()
          .satisfies(row -> assertThat(row.column()).isEqualTo("weight"));
    }
  }

  @Test
  void backfillsTheProfilesOfVersionsThatHaveNoneInPostgres() throws SQLException {
    Map<String, String> settings =
        Map.of("store-jdbc-url", URL + "?currentSchema=" + schema, "store-user", "postgres");
    Path data = directory.resolve("data");
    Path first = Fixtures.write(directory.resolve("v1.csv"), Fixtures.PARCELS_CSV);
    Path second = Fixtures.write(directory.resolve("v2.csv"), Fixtures.MORE_PARCELS_CSV);
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, settings))) {
      Fixtures.seed(comptoir.catalog());
      for (Path file : List.of(first, second)) {
        comptoir
            .ingestion()
            .ingest(
                IngestionRequest.of(Fixtures.PARCELS, file)
                    .withOptions(SourceOptions.defaults().withDelimiter(';'))
                    .withToleratedRejectRate(0.5),
                ProgressListener.NONE);
      }
    }
    try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM " + schema + ".version_profile_values");
      statement.execute("DELETE FROM " + schema + ".version_profiles");
    }
    List<String> profiled = new java.util.ArrayList<>();
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, settings))) {
      io.comptoir.ingest.ProfileBackfill done =
          comptoir
              .ingestion()
              .backfillProfiles(
                  java.util.Optional.empty(),
                  new io.comptoir.ingest.ProfileBackfill.Listener() {
                    @Override
                    public void profiled(
                        io.comptoir.ingest.VersionProfile profile, java.time.Duration took) {
                      profiled.add(profile.product() + "@" + profile.version());
                    }

                    @Override
                    public void failed(io.comptoir.ingest.VersionKey version, String message) {
                      profiled.add("failed " + version + ": " + message);
                    }

                    @Override
                    public void skipped(
                        io.comptoir.ingest.VersionKey version,
                        io.comptoir.ingest.VersionKey failed) {
                      profiled.add("skipped " + version);
                    }
                  });

      assertThat(done).isEqualTo(new io.comptoir.ingest.ProfileBackfill(2, 0, 0));
      assertThat(profiled).containsExactly("colis-suivi@1", "colis-suivi@2");
      assertThat(comptoir.ingestion().loadProfile(Fixtures.PARCELS, 2).rows()).isEqualTo(2);
      assertThat(
              comptoir
                  .ingestion()
                  .backfillProfiles(
                      java.util.Optional.of(Fixtures.PARCELS),
                      io.comptoir.ingest.ProfileBackfill.Listener.NONE))
          .isEqualTo(new io.comptoir.ingest.ProfileBackfill(0, 0, 0));
    }
  }

  @Test
  void keepsScoresCertificationsAndTheGlossaryInPostgres() {
    Map<String, String> settings =
        Map.of("store-jdbc-url", URL + "?currentSchema=" + schema, "store-user", "postgres");
    Path data = directory.resolve("data");
    io.comptoir.identity.Principal office =
        new io.comptoir.identity.Principal(
            io.comptoir.identity.Username.of("dora"),
            "BSCC",
            java.util.Set.of(
                io.comptoir.identity.Role.DATA_OFFICE, io.comptoir.identity.Role.DATA_STEWARD),
            java.util.Optional.empty());
    io.comptoir.score.DataScore score;
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, settings))) {
      Fixtures.seed(comptoir.catalog());
      var glossary = comptoir.glossary();
      glossary.create(
          office,
          java.util.Optional.empty(),
          new io.comptoir.glossary.GlossaryService.TermInput(
              "Commune", "Une commune.", List.of(), "", List.of()));
      glossary.create(
          office,
          java.util.Optional.empty(),
          new io.comptoir.glossary.GlossaryService.TermInput(
              "Code postal",
              "Code à cinq chiffres.",
              List.of("CP", "postcode"),
              "",
              List.of("commune")));
      glossary.linkColumn(
          office, Fixtures.PARCELS, "destination", List.of("code-postal", "commune"));
      score = comptoir.standing().breakdown(Fixtures.PARCELS);
      comptoir
          .standing()
          .grant(
              office,
              Fixtures.PARCELS,
              io.comptoir.score.StandingFacts.CertificationLevel.BRONZE,
              Map.of(
                  "support-contact",
                  new io.comptoir.score.StandingService.ManualAnswer(true, "a@example.org"),
                  "incident-process",
                  new io.comptoir.score.StandingService.ManualAnswer(true, "RB-1")),
              java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(3));
    }
    try (Comptoir reopened = Comptoir.open(Fixtures.configuration(data, settings))) {
      var standing = reopened.standing();
      assertThat(standing.score(Fixtures.PARCELS)).hasValue(score.score());
      var certification = standing.inForce(Fixtures.PARCELS).orElseThrow();
      assertThat(certification.answers())
          .extracting(io.comptoir.score.CheckAnswer::item)
          .contains("documentation>=60", "incident-process");
      var term = reopened.glossary().load("code-postal");
      assertThat(term.synonyms()).containsExactly("CP", "postcode");
      assertThat(term.related()).containsExactly("commune");
      assertThat(reopened.glossary().columnTerms(Fixtures.PARCELS))
          .containsEntry("destination", List.of("code-postal", "commune"));
    }
  }
}
