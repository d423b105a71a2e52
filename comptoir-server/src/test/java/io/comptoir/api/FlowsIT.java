package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.audit.AuditQuery;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Flow and template documents over HTTP: versions, validation errors, templates, pausing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowsIT {
  private static final String TEMPLATE =
      """
      kind: template
      id: colis-partenaire
      parameters: [partner]
      product: colis-suivi
      source:
        kind: file-drop
        directory: inbox/${partner}
        pattern: "*.csv"
      write: {mode: append}
      """;

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http owner;
  private Http steward;
  private Http consumer;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    Http anonymous = new Http(server.url());
    owner = anonymous.withToken(Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER));
    steward = anonymous.withToken(Fixtures.token(comptoir, "sophie", "BSCC", Role.DATA_STEWARD));
    consumer = anonymous.withToken(Fixtures.token(comptoir, "camille", "BGPN", Role.CONSUMER));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (comptoir != null) {
      comptoir.close();
    }
  }

  private static String flow(String id, String directory) {
    return """
        id: %s
        product: colis-suivi
        source:
          kind: file-drop
          directory: %s
        """
        .formatted(id, directory);
  }

  @Test
  void savesAVersionOnlyWhenTheDocumentChanges() {
    Http.Response first = owner.putYaml("/api/v1/flows/versions-test", flow("versions-test", "a"));
    Http.Response same = steward.putYaml("/api/v1/flows/versions-test", flow("versions-test", "a"));
    Http.Response changed =
        owner.putYaml("/api/v1/flows/versions-test", flow("versions-test", "b"));

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().path("version").asInt()).isEqualTo(1);
    assertThat(first.json().path("kind").asText()).isEqualTo("FLOW");
    assertThat(first.json().path("product").asText()).isEqualTo("colis-suivi");
    assertThat(first.json().path("savedBy").asText()).isEqualTo("olivier");
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.json().path("version").asInt()).isEqualTo(1);
    assertThat(changed.status()).isEqualTo(201);
    assertThat(changed.json().path("version").asInt()).isEqualTo(2);
    assertThat(owner.get("/api/v1/flows/versions-test/versions").json().path("items"))
        .extracting(item -> item.path("version").asInt())
        .containsExactly(1, 2);
    assertThat(owner.get("/api/v1/flows/versions-test/versions/1").json().path("document").asText())
        .contains("directory: a");
    assertThat(owner.get("/api/v1/flows/versions-test").json().path("document").asText())
        .contains("directory: b");
    assertThat(
            comptoir
                .audit()
                .search(
                    new AuditQuery(
                        Optional.empty(),
                        Optional.of("FLOW_SAVED"),
                        Optional.of("flow:versions-test"),
                        null)))
        .hasSize(2);
  }

  @Test
  void answersAnInvalidDocumentWithEveryProblemAndItsLine() {
    Http.Response response =
        owner.putYaml(
            "/api/v1/flows/broken",
            """
            id: broken
            product: colis-suivi
            source:
              kind: file-drop
              directory: inbox
              colour: blue
            write:
              mode: scd2
            """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("INVALID_INPUT");
    assertThat(response.errorMessage())
        .contains("line 6, source.colour: unknown key")
        .contains("line 8, write: write mode scd2 needs keys");
    assertThat(owner.get("/api/v1/flows/broken").status()).isEqualTo(404);
  }

  @Test
  void refusesKeysThatAreNotColumnsOfTheProductWithTheirLine() {
    Http.Response response =
        owner.putYaml(
            "/api/v1/flows/par-cle",
            """
            id: par-cle
            product: colis-suivi
            source: {kind: upload}
            write:
              mode: merge
              keys: [id, numero]
            """);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("INVALID_INPUT");
    assertThat(response.errorMessage())
        .contains(
            "line 6, write.keys: 'numero' is not a column of product colis-suivi (its columns:"
                + " id, destination, weight, shipped)")
        .doesNotContain("'id'");
    assertThat(owner.get("/api/v1/flows/par-cle").status()).isEqualTo(404);

    Http.Response fixed =
        owner.putYaml(
            "/api/v1/flows/par-cle",
            """
            id: par-cle
            product: colis-suivi
            source: {kind: upload}
            write: {mode: scd2, keys: [id, destination]}
            """);
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(201);
  }

  @Test
  void refusesAnotherIdThanTheAddressAndNonUtf8Text() {
    Http.Response response = owner.putYaml("/api/v1/flows/one", flow("other", "a"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage())
        .isEqualTo("the document's id 'other' differs from 'one' in the address");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FlowRoutes.text(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'}))
        .hasMessage("the flow document must be UTF-8 text");
  }

  @Test
  void fillsFlowsFromATemplateAndKeepsThemWhenTheTemplateChanges() {
    assertThat(steward.putYaml("/api/v1/flows/colis-partenaire", TEMPLATE).status()).isEqualTo(201);
    Http.Response flow =
        owner.putYaml(
            "/api/v1/flows/colis-dpd",
            "id: colis-dpd\ntemplate: colis-partenaire\nparameters: {partner: dpd}\n");
    assertThat(flow.status()).as(flow.body()).isEqualTo(201);
    assertThat(flow.json().path("resolved").asText()).contains("directory: inbox/dpd");

    assertThat(
            steward
                .putYaml("/api/v1/flows/colis-partenaire", TEMPLATE.replace("inbox/", "depot/"))
                .json()
                .path("version")
                .asInt())
        .isEqualTo(2);
    assertThat(owner.get("/api/v1/flows/colis-dpd").json().path("resolved").asText())
        .contains("directory: inbox/dpd");
    assertThat(
            owner
                .putYaml(
                    "/api/v1/flows/colis-dpd",
                    "id: colis-dpd\ntemplate: colis-partenaire\nparameters: {partner: dpd}\n")
                .json()
                .path("resolved")
                .asText())
        .as("saving again takes the template's new version")
        .contains("directory: depot/dpd");
  }

  @Test
  void keepsTheKindOfAnId() {
    owner.putYaml("/api/v1/flows/kind-test", flow("kind-test", "a"));

    Http.Response response =
        steward.putYaml(
            "/api/v1/flows/kind-test", TEMPLATE.replace("id: colis-partenaire", "id: kind-test"));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.errorMessage())
        .isEqualTo("'kind-test' is a flow already: choose another id for this template");
  }

  @Test
  void letsOnlyOwnersAndStewardsOfTheEntityManageItsFlows() {
    owner.putYaml("/api/v1/flows/access-test", flow("access-test", "a"));

    Http.Response refused = consumer.putYaml("/api/v1/flows/other", flow("other", "a"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorMessage())
        .startsWith("camille may not manage the ingestion flows of product colis-suivi");
    assertThat(consumer.get("/api/v1/flows/access-test").status()).isEqualTo(403);
    assertThat(consumer.get("/api/v1/flows").json().path("items")).isEmpty();
    assertThat(owner.get("/api/v1/flows").json().path("items"))
        .extracting(item -> item.path("id").asText())
        .contains("access-test");
  }

  @Test
  void pausesAndResumesAFlowButNotATemplate() {
    owner.putYaml("/api/v1/flows/pause-test", flow("pause-test", "a"));

    assertThat(
            owner.postJson("/api/v1/flows/pause-test/pause", "").json().path("paused").asBoolean())
        .isTrue();
    assertThat(owner.get("/api/v1/flows/pause-test").json().path("paused").asBoolean()).isTrue();
    assertThat(
            owner.postJson("/api/v1/flows/pause-test/resume", "").json().path("paused").asBoolean())
        .isFalse();
    steward.putYaml(
        "/api/v1/flows/pause-template",
        TEMPLATE.replace("id: colis-partenaire", "id: pause-template"));
    Http.Response template = steward.postJson("/api/v1/flows/pause-template/pause", "");
    assertThat(template.status()).isEqualTo(400);
    assertThat(template.errorMessage()).isEqualTo("'pause-template' is a template: only flows run");
  }
}
