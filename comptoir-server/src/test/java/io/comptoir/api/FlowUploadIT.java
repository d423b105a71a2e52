package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows whose source is upload, over real HTTP: the file sent to the flow is read with the flow's
 * format options, checked by its controls and written by its write mode.
 */
class FlowUploadIT {
  @TempDir java.nio.file.Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http owner;

  @BeforeEach
  void start() throws IOException {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    owner =
        new Http(server.url())
            .withToken(Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER));
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

  private Http.Response upload(String flow, String name, String content) {
    return owner.post("/api/v1/flows/" + flow + "/uploads?filename=" + name, content);
  }

  @Test
  void mergesUploadedFilesByTheFlowsKeysWithItsDelimiter() {
    save(
        """
        id: guichet
        product: colis-suivi
        source: {kind: upload, delimiter: "|"}
        write: {mode: merge, keys: [id]}
        controls: {tolerated-reject-rate: 0.3}
        """);

    Http.Response first =
        upload(
            "guichet",
            "a.csv",
            "id|destination|weight|shipped\n1|75001|1.00|2024-01-02\n2|13001|2.00|2024-01-03\n"
                + "3|69001|abc|2024-01-04\n4|33000|4.00|2024-01-05\n");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    JsonNode run = first.json().path("runs").get(0);
    assertThat(first.location()).contains("/api/v1/runs/" + run.path("id").asText());
    assertThat(run.path("flow").asText()).isEqualTo("guichet");
    assertThat(run.path("mode").asText()).isEqualTo("MERGE");
    assertThat(run.path("version").asInt()).isEqualTo(1);
    assertThat(run.path("rowsRead").asLong()).isEqualTo(4);
    assertThat(run.path("rowsQuarantined").asLong()).isEqualTo(1);

    Http.Response second =
        upload("guichet", "b.csv", "id|destination|weight|shipped\n2|59000|9.00|2024-02-01\n");
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().path("runs").get(0).path("version").asInt()).isEqualTo(2);
    assertThat(comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow().rowCount())
        .as("row 2 replaced, not added")
        .isEqualTo(3);

    JsonNode history = owner.get("/api/v1/flows/guichet/runs").json().path("items");
    assertThat(history)
        .extracting(r -> r.path("source").asText())
        .containsExactly("b.csv", "a.csv");
  }

  @Test
  void answersTheErrorOfAFileTheControlsRefuseAndKeepsItsRun() {
    save(
        """
        id: guichet
        product: colis-suivi
        source: {kind: upload, delimiter: ";"}
        write: {mode: append}
        controls: {tolerated-reject-rate: 0.1, schema-drift: quarantine}
        """);

    Http.Response rejected = upload("guichet", "bad.csv", Fixtures.PARCELS_CSV);
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(400);
    assertThat(rejected.errorCode()).isEqualTo("INVALID_INPUT");
    assertThat(rejected.errorMessage()).contains("bad.csv").contains("rows rejected");

    Http.Response drifted =
        upload("guichet", "drift.csv", "id;destination;poids\n1;75001;1.00\n2;13001;2.00\n");
    assertThat(drifted.status()).as(drifted.body()).isEqualTo(400);
    assertThat(drifted.errorMessage()).contains("schema drift").contains("added [poids]");

    JsonNode history = owner.get("/api/v1/flows/guichet/runs").json().path("items");
    assertThat(history)
        .extracting(r -> r.path("status").asText())
        .containsExactly("FAILED", "FAILED");
    JsonNode driftRun = history.get(0);
    assertThat(driftRun.path("rowsQuarantined").asLong()).isEqualTo(2);
    JsonNode quarantine =
        owner.get("/api/v1/runs/" + driftRun.path("id").asText() + "/quarantine").json();
    assertThat(quarantine.path("items"))
        .extracting(r -> r.path("raw").asText())
        .containsExactly("1;75001;1.00", "2;13001;2.00");
    assertThat(comptoir.ingestion().listVersions(Fixtures.PARCELS)).isEmpty();

    Http.Response good = upload("guichet", "good.csv", Fixtures.MORE_PARCELS_CSV);
    assertThat(good.status()).as(good.body()).isEqualTo(201);
    Http.Response again = upload("guichet", "good.csv", Fixtures.MORE_PARCELS_CSV);
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("CONFLICT");
    Http.Response forced =
        owner.post(
            "/api/v1/flows/guichet/uploads?filename=good.csv&force=true",
            Fixtures.MORE_PARCELS_CSV);
    assertThat(forced.status()).as(forced.body()).isEqualTo(201);
    assertThat(comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow().rowCount())
        .isEqualTo(4);
  }

  @Test
  void refusesUploadsToOtherFlowsAndRunsOfUploadFlows() {
    save(
        """
        id: guichet
        product: colis-suivi
        source: {kind: upload}
        """);
    save(
        """
        id: depot
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/depot}
        """);

    Http.Response toDropZone = upload("depot", "a.csv", Fixtures.MORE_PARCELS_CSV);
    assertThat(toDropZone.status()).as(toDropZone.body()).isEqualTo(400);
    assertThat(toDropZone.errorMessage()).contains("only a flow whose source is upload");

    Http.Response run = owner.postJson("/api/v1/flows/guichet/runs", "");
    assertThat(run.status()).as(run.body()).isEqualTo(400);
    assertThat(run.errorMessage()).contains("/api/v1/flows/guichet/uploads");

    Http.Response missing = upload("absent", "a.csv", Fixtures.MORE_PARCELS_CSV);
    assertThat(missing.status()).isEqualTo(404);
  }
}
