package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drop-zone flows run over HTTP: one version per file, exactly once, failures set aside. */
class FlowRunIT {
  @TempDir Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http owner;
  private Path zone;

  @BeforeEach
  void start() throws IOException {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    owner =
        new Http(server.url())
            .withToken(Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER));
    zone = Files.createDirectories(dataDirectory.resolve("inbox/dpd"));
    save(
        """
        id: colis-dpd
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, pattern: "*.csv", stable-for: 1s}
        write: {mode: append}
        controls: {tolerated-reject-rate: 0.5}
        """);
  }

  @AfterEach
  void stop() {
    server.close();
    comptoir.close();
  }

  private void save(String yaml) {
    String id =
        yaml.lines().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4);
    Http.Response saved = owner.putYaml("/api/v1/flows/" + id, yaml);
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
  }

  /** A file written a minute ago: complete for a 1 s stability delay. */
  private Path drop(String name, String content) throws IOException {
    Path file = Fixtures.write(zone.resolve(name), content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    return file;
  }

  private JsonNode run(String flow) {
    Http.Response response = owner.postJson("/api/v1/flows/" + flow + "/runs", "");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static List<String> names(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void ingestsEachCompleteFileAsOneVersionThenArchivesIt() throws IOException {
    drop("a.csv", Fixtures.PARCELS_CSV);
    drop("b.csv", Fixtures.MORE_PARCELS_CSV);
    drop("notes.txt", "ignored: does not match the pattern");

    JsonNode result = run("colis-dpd");

    assertThat(result.path("runs")).hasSize(2);
    assertThat(result.path("runs").get(0).path("source").asText()).isEqualTo("a.csv");
    assertThat(result.path("runs").get(0).path("version").asInt()).isEqualTo(1);
    assertThat(result.path("runs").get(0).path("rowsRead").asLong()).isEqualTo(4);
    assertThat(result.path("runs").get(0).path("rowsQuarantined").asLong()).isEqualTo(1);
    assertThat(result.path("runs").get(1).path("version").asInt()).isEqualTo(2);
    assertThat(result.path("runs").get(1).path("flow").asText()).isEqualTo("colis-dpd");
    assertThat(names(zone)).containsExactly("archive", "notes.txt");
    assertThat(names(zone.resolve("archive")))
        .hasSize(2)
        .allSatisfy(name -> assertThat(name).matches("\\d{8}T\\d{9}Z-[ab]\\.csv"));
    assertThat(comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow().rowCount())
        .isEqualTo(5);
    assertThat(comptoir.ingestion().progress("colis-dpd")).hasSize(2);
    JsonNode history = owner.get("/api/v1/flows/colis-dpd/runs").json().path("items");
    assertThat(history)
        .extracting(r -> r.path("source").asText())
        .containsExactly("b.csv", "a.csv");
    assertThat(run("colis-dpd").path("runs")).as("nothing left to do").isEmpty();
  }

  @Test
  void ingestsGzippedCsvJsonLinesAndParquetFilesOfADropZone() throws Exception {
    save(
        """
        id: colis-formats
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, stable-for: 1s}
        write: {mode: append}
        controls: {tolerated-reject-rate: 0.5}
        """);
    dropGzip("a.csv.gz", Fixtures.PARCELS_CSV);
    drop(
        "b.jsonl",
        """
        {"id": 5, "destination": "59000", "weight": 3.10, "shipped": "2024-02-01"}
        {"id": 6, "destination": "67000", "weight": 0.40, "shipped": "2024-02-02"}
        """);
    dropGzip(
        "c.jsonl.gz",
        "{\"shipped\": \"2024-03-01\", \"weight\": 1.00, \"id\": 7, \"destination\": \"75002\"}\n");
    Path parquet = zone.resolve("d.parquet");
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT 8::BIGINT AS id, '33000' AS destination, 9.99::DECIMAL(10,2) AS weight,"
              + " DATE '2024-03-02' AS shipped) TO '"
              + parquet
              + "' (FORMAT parquet)");
    }
    Files.setLastModifiedTime(parquet, FileTime.from(Instant.now().minusSeconds(60)));

    JsonNode result = run("colis-formats");

    assertThat(result.path("runs"))
        .extracting(
            r -> r.path("source").asText(),
            r -> r.path("status").asText(),
            r -> r.path("rowsAccepted").asLong(),
            r -> r.path("rowsQuarantined").asLong())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.csv.gz", "SUCCEEDED", 3L, 1L),
            org.assertj.core.groups.Tuple.tuple("b.jsonl", "SUCCEEDED", 2L, 0L),
            org.assertj.core.groups.Tuple.tuple("c.jsonl.gz", "SUCCEEDED", 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("d.parquet", "SUCCEEDED", 1L, 0L));
    io.comptoir.ingest.Version latest =
        comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow();
    assertThat(latest.number()).isEqualTo(4);
    assertThat(comptoir.ingestion().read(latest, List.of("id", "weight"), 0, 10).rows())
        .containsExactlyInAnyOrder(
            List.of(1L, new java.math.BigDecimal("1.50")),
            List.of(3L, new java.math.BigDecimal("0.80")),
            List.of(4L, new java.math.BigDecimal("2.25")),
            List.of(5L, new java.math.BigDecimal("3.10")),
            List.of(6L, new java.math.BigDecimal("0.40")),
            List.of(7L, new java.math.BigDecimal("1.00")),
            List.of(8L, new java.math.BigDecimal("9.99")));
    assertThat(names(zone)).containsExactly("archive");
    assertThat(names(zone.resolve("archive"))).hasSize(4);
  }

  /** A gzip file written a minute ago. */
  private void dropGzip(String name, String content) throws IOException {
    Path file = zone.resolve(name);
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
  }

  @Test
  void archivesWithoutReadingAgainAFileIngestedBeforeAStop() throws IOException {
    drop("a.csv", Fixtures.PARCELS_CSV);
    run("colis-dpd");
    // as after a crash between the commit of the version and the move of the file
    drop("a.csv", Fixtures.PARCELS_CSV);

    JsonNode result = run("colis-dpd");

    assertThat(result.path("runs")).isEmpty();
    assertThat(result.path("skipped")).extracting(JsonNode::asText).containsExactly("a.csv");
    assertThat(comptoir.ingestion().listVersions(Fixtures.PARCELS)).hasSize(1);
    assertThat(names(zone)).containsExactly("archive");
    assertThat(names(zone.resolve("archive"))).hasSize(2);
  }

  @Test
  void setsAsideAFileThatFailsWithItsReason() throws IOException {
    drop("bad.csv", "id;destination;weight;shipped\nx;y;z;w\nq;r;s;t\n");
    drop("good.csv", Fixtures.MORE_PARCELS_CSV);

    JsonNode result = run("colis-dpd");

    assertThat(result.path("failed")).hasSize(1);
    assertThat(result.path("failed").get(0).asText())
        .startsWith("bad.csv: ")
        .contains("rows rejected");
    assertThat(result.path("runs"))
        .extracting(r -> r.path("status").asText())
        .containsExactly("FAILED", "SUCCEEDED");
    List<String> errors = names(zone.resolve("error"));
    assertThat(errors).hasSize(2).anySatisfy(n -> assertThat(n).endsWith("-bad.csv.error.txt"));
    String reason =
        Files.readString(
            zone.resolve("error")
                .resolve(
                    errors.stream().filter(n -> n.endsWith(".txt")).findFirst().orElseThrow()));
    assertThat(reason).contains("rows rejected");
    assertThat(comptoir.ingestion().listVersions(Fixtures.PARCELS)).hasSize(1);
    JsonNode history = owner.get("/api/v1/flows/colis-dpd/runs").json().path("items");
    assertThat(history).hasSize(2);
    JsonNode good = history.get(0);
    assertThat(good.path("source").asText()).isEqualTo("good.csv");
    assertThat(good.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(good.path("durationMillis").asLong()).isNotNegative();
    assertThat(good.path("rowsRead").asLong()).isEqualTo(2);
    assertThat(good.path("rowsAccepted").asLong()).isEqualTo(2);
    assertThat(good.path("rowsQuarantined").asLong()).isZero();
    assertThat(good.path("sourceBytes").asLong())
        .isEqualTo(
            Fixtures.MORE_PARCELS_CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(good.path("error").isNull()).isTrue();
    JsonNode bad = history.get(1);
    assertThat(bad.path("status").asText()).isEqualTo("FAILED");
    assertThat(bad.path("rowsRead").asLong()).isEqualTo(2);
    assertThat(bad.path("rowsQuarantined").asLong()).isEqualTo(2);
    assertThat(bad.path("version").isNull()).isTrue();
    assertThat(bad.path("error").asText())
        .isEqualTo(
            "reject rate: 2 of 2 rows rejected (100.00%), above the tolerated 50.00%: no version"
                + " created");
  }

  @Test
  void replaysAFailedRunWithItsFileOnceFixedByTheFlowsRules() throws IOException {
    save(
        """
        id: colis-strict
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, pattern: "*.csv", stable-for: 1s}
        write: {mode: append}
        controls: {tolerated-reject-rate: 0.1}
        """);
    drop("a.csv", Fixtures.PARCELS_CSV);
    JsonNode failed = run("colis-strict");
    String runId = failed.path("runs").get(0).path("id").asText();
    assertThat(failed.path("runs").get(0).path("status").asText()).isEqualTo("FAILED");
    assertThat(names(zone.resolve("error"))).hasSize(2);
    // the owner decides 25 % of bad rows is acceptable for this file
    save(
        """
        id: colis-strict
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, pattern: "*.csv", stable-for: 1s}
        write: {mode: append}
        controls: {tolerated-reject-rate: 0.5}
        """);

    Http.Response replayed = owner.postJson("/api/v1/runs/" + runId + "/replay", "");

    assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
    assertThat(replayed.json().path("runs").get(0).path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(replayed.json().path("runs").get(0).path("source").asText()).isEqualTo("a.csv");
    assertThat(names(zone.resolve("error"))).isEmpty();
    assertThat(comptoir.ingestion().listVersions(Fixtures.PARCELS)).hasSize(1);
    Http.Response again = owner.postJson("/api/v1/runs/" + runId + "/replay", "");
    assertThat(again.status()).isEqualTo(404);
    String succeeded = replayed.json().path("runs").get(0).path("id").asText();
    Http.Response notFailed = owner.postJson("/api/v1/runs/" + succeeded + "/replay", "");
    assertThat(notFailed.status()).isEqualTo(400);
    assertThat(notFailed.errorMessage()).endsWith("is SUCCEEDED: only a failed run is replayed");
  }

  @Test
  void waitsForTheMarkerOrForTheFileToStopChanging() throws IOException {
    save(
        """
        id: colis-marqueur
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, pattern: "*.csv", marker-suffix: .done}
        write: {mode: append}
        """);
    drop("a.csv", Fixtures.MORE_PARCELS_CSV);
    Fixtures.write(
        zone.resolve("fresh.csv"), "id;destination;weight;shipped\n7;75002;1.00;2024-03-01\n");

    assertThat(run("colis-marqueur").path("runs")).as("no marker yet").isEmpty();
    assertThat(run("colis-dpd").path("runs"))
        .as("fresh.csv is still being written")
        .extracting(r -> r.path("source").asText())
        .containsExactly("a.csv");
    drop("fresh.csv.done", "");
    assertThat(run("colis-marqueur").path("runs"))
        .extracting(r -> r.path("source").asText())
        .containsExactly("fresh.csv");
    assertThat(names(zone)).containsExactly("archive");
  }

  @Test
  void refusesAMissingDropZoneWithAClearError() {
    save(
        """
        id: colis-absent
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/nulle-part}
        """);

    Http.Response missing = owner.postJson("/api/v1/flows/colis-absent/runs", "");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorMessage()).contains("drop zone").contains("does not exist");
  }
}
