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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema-drift policies of drop-zone flows over HTTP, for CSV, JSON lines and Parquet files:
 * quarantine keeps a drifted file whole in the quarantine, fail refuses it; neither makes a
 * version.
 */
class SchemaDriftPolicyIT {
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

  private void save(String policy) {
    String yaml =
        """
        id: colis-dpd
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, stable-for: 1s}
        write: {mode: append}
        controls: {tolerated-reject-rate: 0.5, schema-drift: %s}
        """
            .formatted(policy);
    Http.Response saved = owner.putYaml("/api/v1/flows/colis-dpd", yaml);
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
  }

  private Path drop(String name, String content) throws IOException {
    return settle(Fixtures.write(zone.resolve(name), content));
  }

  private static Path settle(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    return file;
  }

  /** A Parquet file written by DuckDB from a SELECT. */
  private Path dropParquet(String name, String select) throws IOException, SQLException {
    Path file = zone.resolve(name);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
    }
    return settle(file);
  }

  private JsonNode run() {
    Http.Response response = owner.postJson("/api/v1/flows/colis-dpd/runs", "");
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

  private String reason(String file) throws IOException {
    Path errors = zone.resolve("error");
    String name =
        names(errors).stream()
            .filter(n -> n.endsWith("-" + file + ".error.txt"))
            .findFirst()
            .orElseThrow();
    return Files.readString(errors.resolve(name));
  }

  private long versions() {
    return comptoir.ingestion().listVersions(Fixtures.PARCELS).size();
  }

  /** Runs the flow on one drifted file, checks what every policy shares, returns its run. */
  private JsonNode runDrifted(String file, String... driftNamed) throws IOException {
    long before = versions();
    JsonNode result = run();
    assertThat(result.path("failed")).as(result.toString()).hasSize(1);
    assertThat(result.path("failed").get(0).asText())
        .startsWith(file + ": ")
        .contains("schema drift")
        .contains(driftNamed);
    assertThat(result.path("runs")).hasSize(1);
    JsonNode run = result.path("runs").get(0);
    assertThat(run.path("status").asText()).isEqualTo("FAILED");
    assertThat(run.path("version").isNull()).isTrue();
    assertThat(run.path("rowsRead").asLong())
        .isEqualTo(run.path("rowsAccepted").asLong() + run.path("rowsQuarantined").asLong());
    assertThat(versions()).as("no version made").isEqualTo(before);
    assertThat(names(zone.resolve("error")))
        .anySatisfy(n -> assertThat(n).endsWith("-" + file))
        .anySatisfy(n -> assertThat(n).endsWith("-" + file + ".error.txt"));
    assertThat(reason(file)).contains("schema drift").contains(driftNamed);
    return run;
  }

  private JsonNode quarantine(JsonNode run) {
    Http.Response page =
        owner.get("/api/v1/runs/" + run.path("id").asText() + "/quarantine?limit=100");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return page.json();
  }

  @Test
  void quarantinesADriftedCsvFileWholeWithItsExactLines() throws IOException {
    save("quarantine");
    drop("a.csv", Fixtures.MORE_PARCELS_CSV);
    assertThat(run().path("runs").get(0).path("version").asInt()).isEqualTo(1);
    drop("b.csv", "id;destination;weight;colour\n7;75002;1.00;red\n8;13002;abc;blue\n\n9;x;2;\n");

    JsonNode run = runDrifted("b.csv", "added [colour]", "removed [shipped]");

    assertThat(run.path("rowsRead").asLong()).isEqualTo(3);
    assertThat(run.path("rowsAccepted").asLong()).isZero();
    assertThat(run.path("rowsQuarantined").asLong()).isEqualTo(3);
    assertThat(run.path("error").asText()).contains("its 3 rows are in the quarantine");
    JsonNode rows = quarantine(run);
    assertThat(rows.path("total").asLong()).isEqualTo(3);
    assertThat(rows.path("items"))
        .extracting(r -> r.path("raw").asText())
        .containsExactly("7;75002;1.00;red", "8;13002;abc;blue", "9;x;2;");
    assertThat(rows.path("items"))
        .extracting(r -> r.path("line").asLong())
        .containsExactly(2L, 3L, 5L);
    assertThat(rows.path("items"))
        .allSatisfy(
            r -> {
              assertThat(r.path("errorType").asText()).isEqualTo("SCHEMA_DRIFT");
              assertThat(r.path("message").asText()).contains("added [colour]");
            });
    assertThat(run.path("quarantine").get(0).path("errorType").asText()).isEqualTo("SCHEMA_DRIFT");
  }

  @Test
  void quarantinesADriftedJsonLinesFileWhileAMatchingOneIsIngested() throws IOException {
    save("quarantine");
    drop(
        "a.jsonl",
        """
        {"id": 1, "destination": "75001", "weight": 1.5, "shipped": "2024-01-02"}
        {"shipped": "2024-01-03", "id": 2, "destination": "13001", "weight": 2}
        """);
    JsonNode first = run();
    assertThat(first.path("failed")).as(first.toString()).isEmpty();
    assertThat(first.path("runs").get(0).path("rowsAccepted").asLong()).isEqualTo(2);

    drop(
        "b.jsonl",
        """
        {"id": 3, "destination": "69001", "poids": 0.8, "shipped": "2024-01-04"}
        not json
        {"id": 4, "destination": "33000", "poids": 2.25, "shipped": "2024-01-05"}
        """);
    JsonNode run = runDrifted("b.jsonl", "added [poids]", "removed [weight]");

    assertThat(run.path("rowsRead").asLong()).isEqualTo(3);
    assertThat(run.path("rowsQuarantined").asLong()).isEqualTo(3);
    JsonNode rows = quarantine(run).path("items");
    assertThat(rows)
        .extracting(r -> r.path("raw").asText())
        .containsExactly(
            "{\"id\": 3, \"destination\": \"69001\", \"poids\": 0.8, \"shipped\": \"2024-01-04\"}",
            "not json",
            "{\"id\": 4, \"destination\": \"33000\", \"poids\": 2.25, \"shipped\": \"2024-01-05\"}");
    assertThat(versions()).isEqualTo(1);
  }

  @Test
  void quarantinesAParquetFileWithARetypedColumn() throws IOException, SQLException {
    save("quarantine");
    dropParquet(
        "a.parquet",
        "SELECT 1::BIGINT AS id, '75001' AS destination, 1.5::DECIMAL(10,2) AS weight,"
            + " DATE '2024-01-02' AS shipped");
    JsonNode first = run();
    assertThat(first.path("failed")).as(first.toString()).isEmpty();

    dropParquet(
        "b.parquet",
        "SELECT * FROM (VALUES ('2', '13001', 0.4::DECIMAL(10,2), DATE '2024-02-01'),"
            + " ('3', '69001', 0.8::DECIMAL(10,2), DATE '2024-02-02'))"
            + " t(id, destination, weight, shipped)");
    JsonNode run = runDrifted("b.parquet", "retyped [id: integer -> string]");

    assertThat(run.path("rowsQuarantined").asLong()).isEqualTo(2);
    JsonNode rows = quarantine(run).path("items");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).path("line").asLong()).isEqualTo(1);
    assertThat(rows.get(0).path("raw").asText()).contains("\"id\":\"2\"").contains("13001");
    assertThat(rows.get(0).path("errorType").asText()).isEqualTo("SCHEMA_DRIFT");
  }

  @Test
  void failsADriftedFileOfEachFormatWithoutQuarantiningIt() throws IOException, SQLException {
    save("fail");
    drop("a.csv", Fixtures.MORE_PARCELS_CSV);
    run();

    drop("b.jsonl", "{\"id\": 3, \"destination\": \"69001\", \"weight\": 0.8}\n");
    JsonNode json = runDrifted("b.jsonl", "removed [shipped]");
    assertThat(json.path("rowsQuarantined").asLong()).isZero();
    assertThat(json.path("error").asText()).startsWith("schema: ");

    dropParquet("c.parquet", "SELECT 4::BIGINT AS id, '33000' AS destination, 2 AS extra");
    runDrifted("c.parquet", "added [extra]", "removed [weight, shipped]");

    drop("d.csv", "id;destination;weight;shipped;extra\n5;59000;3.10;2024-02-01;x\n");
    runDrifted("d.csv", "added [extra]");
    assertThat(versions()).isEqualTo(1);
  }
}
