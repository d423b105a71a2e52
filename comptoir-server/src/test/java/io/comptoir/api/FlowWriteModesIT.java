package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.catalog.Column;
import io.comptoir.identity.Role;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.WriteMode;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge and scd2 write modes, end to end: drop-zone flows run over HTTP, real DuckDB. */
class FlowWriteModesIT {
  private static final String FIRST =
      """
      id;destination;weight;shipped
      1;75001;1.50;2024-01-02
      2;13001;2.00;2024-01-03
      3;69001;0.80;2024-01-04
      """;

  /** Parcel 1 unchanged, 2 changed, 4 new; 3 absent. */
  private static final String SECOND =
      """
      id;destination;weight;shipped
      1;75001;1.50;2024-01-02
      2;13002;2.10;2024-01-03
      4;33000;2.25;2024-01-05
      """;

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
  }

  @AfterEach
  void stop() {
    server.close();
    comptoir.close();
  }

  private void flow(String mode) {
    Http.Response saved =
        owner.putYaml(
            "/api/v1/flows/colis-dpd",
            """
            id: colis-dpd
            product: colis-suivi
            source: {kind: file-drop, directory: inbox/dpd, pattern: "*.csv", stable-for: 1s}
            write: {mode: %s, keys: [id]}
            """
                .formatted(mode));
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
  }

  /** Drops a complete file and runs the flow on it. */
  private JsonNode runOn(String name, String content) throws IOException {
    Path file = Fixtures.write(zone.resolve(name), content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    Http.Response response = owner.postJson("/api/v1/flows/colis-dpd/runs", "");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private Version latest() {
    return comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow();
  }

  /** Every row of a version, sorted by id then valid_from when there is one. */
  private List<List<Object>> rows(Version version) {
    List<List<Object>> rows =
        new ArrayList<>(comptoir.ingestion().read(version, List.of(), 0, 1000).rows());
    rows.sort(
        Comparator.<List<Object>, Long>comparing(r -> (Long) r.get(0))
            .thenComparing(r -> r.size() > 4 ? String.valueOf(r.get(4)) : ""));
    return rows;
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void mergeUpsertsTheRowsOfEachFileByKey() throws IOException {
    flow("merge");
    runOn("a.csv", FIRST);

    JsonNode second = runOn("b.csv", SECOND);

    JsonNode run = second.path("runs").get(0);
    assertThat(run.path("status").asText()).as(second.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.path("rowsRead").asLong()).isEqualTo(3);
    assertThat(run.path("rowsAccepted").asLong()).isEqualTo(3);
    Version merged = latest();
    assertThat(merged.number()).isEqualTo(2);
    assertThat(merged.mode()).isEqualTo(WriteMode.MERGE);
    assertThat(merged.rowCount()).isEqualTo(4);
    assertThat(rows(merged))
        .containsExactly(
            List.of(1L, "75001", new BigDecimal("1.50"), LocalDate.of(2024, 1, 2)),
            List.of(2L, "13002", new BigDecimal("2.10"), LocalDate.of(2024, 1, 3)),
            List.of(3L, "69001", new BigDecimal("0.80"), LocalDate.of(2024, 1, 4)),
            List.of(4L, "33000", new BigDecimal("2.25"), LocalDate.of(2024, 1, 5)));
  }

  @Test
  void anUploadMergesByTheKeysOfItsQuery() {
    Http.Response first =
        owner.post("/api/v1/products/colis-suivi/uploads?filename=a.csv&mode=merge&keys=id", FIRST);
    Http.Response second =
        owner.post(
            "/api/v1/products/colis-suivi/uploads?filename=b.csv&mode=merge&keys=id", SECOND);
    Http.Response unknownKey =
        owner.post(
            "/api/v1/products/colis-suivi/uploads?filename=c.csv&mode=merge&keys=id,site",
            "id;destination;weight;shipped\n9;75009;1.00;2024-01-09\n");

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().path("mode").asText()).isEqualTo("MERGE");
    assertThat(latest().rowCount()).isEqualTo(4);
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.errorMessage())
        .isEqualTo(
            "ingestion of c.csv failed in schema: key column 'site' is not a column of colis-suivi"
                + " (columns: [id, destination, weight, shipped])");
  }

  @Test
  void aFailedMergeCreatesNoVersionAndLeavesThePreviousIntact() throws IOException {
    flow("merge");
    runOn("a.csv", FIRST);
    Version before = latest();

    JsonNode missingKey = runOn("b.csv", "destination;weight;shipped\n75001;1.50;2024-01-02\n");
    JsonNode twice =
        runOn("c.csv", "id;destination;weight;shipped\n7;75001;1.5;2024-01-02\n7;75002;1;\n");

    assertThat(missingKey.path("failed").get(0).asText()).startsWith("b.csv: ");
    assertThat(twice.path("failed").get(0).asText())
        .isEqualTo(
            "c.csv: ingestion of c.csv failed in merge: key (id=7) is held by 2 new rows: merge"
                + " needs one row per key");
    assertThat(comptoir.ingestion().listVersions(Fixtures.PARCELS)).hasSize(1);
    assertThat(latest()).isEqualTo(before);
    assertThat(rows(latest())).hasSize(3);
    assertThat(Files.list(zone.resolve("error")).map(p -> p.getFileName().toString()))
        .anySatisfy(name -> assertThat(name).endsWith("-c.csv.error.txt"));
  }

  @Test
  void scd2KeepsTheHistoryOfChangedRowsAndServesItUnderAContract() throws IOException {
    flow("scd2");
    runOn("a.csv", FIRST);
    Version first = latest();
    JsonNode second = runOn("b.csv", SECOND);

    assertThat(second.path("runs").get(0).path("rowsRead").asLong()).isEqualTo(3);
    Version history = latest();
    assertThat(history.schema())
        .extracting(Column::name)
        .containsExactly(
            "id", "destination", "weight", "shipped", "valid_from", "valid_to", "is_current");
    LocalDateTime monday = utc(first.createdAt());
    LocalDateTime tuesday = utc(history.createdAt());
    assertThat(tuesday).isAfter(monday);
    List<List<Object>> rows = rows(history);
    assertThat(rows)
        .extracting(r -> r.get(0), r -> r.get(1), r -> r.get(5) == null, r -> r.get(6))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "75001", true, true),
            org.assertj.core.groups.Tuple.tuple(2L, "13001", false, false),
            org.assertj.core.groups.Tuple.tuple(2L, "13002", true, true),
            org.assertj.core.groups.Tuple.tuple(3L, "69001", true, true),
            org.assertj.core.groups.Tuple.tuple(4L, "33000", true, true));
    assertThat(rows)
        .extracting(r -> ((LocalDateTime) r.get(4)).truncatedTo(ChronoUnit.MILLIS))
        .containsExactly(monday, monday, tuesday, monday, tuesday);
    assertThat(((LocalDateTime) rows.get(1).get(5)).truncatedTo(ChronoUnit.MILLIS))
        .isEqualTo(tuesday);
    assertThat(rows(comptoir.ingestion().loadVersion(Fixtures.PARCELS, 1)))
        .as("version 1 is untouched")
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.get(6)).isEqualTo(true));

    // the history columns are columns of the product: a contract grants them
    Http consumer =
        new Http(server.url())
            .withToken(Fixtures.token(comptoir, "camille", "BSCC", Role.CONSUMER));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Http.Response requested =
        consumer.postJson(
            "/api/v1/products/colis-suivi/requests",
            """
            {"purpose": "Suivi des poids", "purposeCategory": "analytics",
             "legalBasis": "legitimate_interests", "businessValue": "tarifs",
             "columns": ["id", "weight", "valid_from", "valid_to", "is_current"],
             "start": "%s", "end": "%s", "reviewPeriod": "P3M"}
            """
                .formatted(today, today.plusMonths(6)));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    Http.Response active =
        owner.postJson(
            "/api/v1/contracts/" + requested.json().get("id").asText() + "/decisions",
            "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}");
    assertThat(active.json().get("status").asText()).as(active.body()).isEqualTo("ACTIVE");
    String csv =
        new String(
            consumer.getBytes(
                "/api/v1/products/colis-suivi/data?format=csv&filter=is_current%20%3D%20false"),
            StandardCharsets.UTF_8);
    assertThat(csv.lines().toList()).hasSize(2);
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo("id,weight,valid_from,valid_to,is_current");
    assertThat(csv.lines().skip(1).findFirst().orElseThrow())
        .startsWith("2,2.00,")
        .endsWith(",false");
  }
}
