package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.MetadataChanges;
import io.comptoir.identity.Role;
import io.comptoir.quality.QualityFacts;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quality rules through the API: who may write them, their evaluation at each ingestion. */
class QualityIT {
  private static final String RULES =
      """
      # rules of the parcels
      freshness:
        maxAge: PT24H
      rules:
        - name: id-unique
          type: unique
          columns: [id]
          severity: error
        - name: destination-format
          type: regex
          column: destination
          pattern: "[0-9]{5}"
          severity: warn
        - name: weight-range
          type: range
          column: weight
          min: 0
          max: 30
        - name: destination-known
          type: reference
          column: destination
          reference: {product: codes, column: code}
          severity: warn
        - name: light-to-paris
          type: custom_sql
          sql: "weight < 10 OR destination <> '75001'"
          severity: warn
        - name: stable-volume
          type: row_count_change
          min: -50
          max: 100
        - name: recent
          type: freshness
          column: shipped
          maxAge: P30D
          severity: warn
      """;

  private static final String FIRST =
      """
      id;destination;weight;shipped
      1;75001;1.50;2024-01-02
      1;13001;2.00;2024-01-03
      3;6900;0.80;2024-01-04
      4;33000;45.00;2024-01-05
      5;75001;2.25;2024-01-06
      """;

  @TempDir java.nio.file.Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http admin;
  private Http steward;
  private Http reader;
  private final List<MetadataChanges.Change> changes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    Instant now = comptoir.catalog().clock().instant();
    comptoir
        .catalog()
        .saveProduct(
            new DataProduct(
                ProductId.of("codes"),
                "Codes",
                "Codes postaux connus",
                "BSCC",
                "colis",
                "data-colis@example.org",
                "",
                "",
                Classification.PUBLIC,
                List.of(),
                List.of(),
                now,
                now));
    comptoir.changes().subscribe(changes::add);
    server = comptoir.startHttp();
    admin = new Http(server.url(), Fixtures.adminToken(comptoir));
    steward =
        new Http(server.url())
            .withToken(Fixtures.token(comptoir, "sarah", "BSCC", Role.DATA_STEWARD));
    reader =
        new Http(server.url()).withToken(Fixtures.token(comptoir, "lea", "BSCC", Role.CONSUMER));
    Http.Response codes =
        admin.post(
            "/api/v1/products/codes/uploads?filename=codes.csv", "code\n75001\n13001\n69001\n");
    assertThat(codes.status()).as(codes.body()).isEqualTo(201);
    changes.clear(); // the setup's own changes (the upload's version and score)
  }

  @AfterEach
  void stop() {
    server.close();
    comptoir.close();
  }

  @Test
  void stewardsWriteRulesOthersOnlyReadThem() {
    Http.Response refused = reader.putYaml("/api/v1/products/colis-suivi/quality", RULES);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(changes).isEmpty();

    Http.Response saved = steward.putYaml("/api/v1/products/colis-suivi/quality", RULES);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(changes)
        .contains(new MetadataChanges.Change(MetadataChanges.Kind.QUALITY, "colis-suivi"));

    JsonNode read = reader.get("/api/v1/products/colis-suivi/quality").json();
    assertThat(read.path("document").asText()).isEqualTo(RULES);
    assertThat(read.path("updatedBy").asText()).isEqualTo("sarah");
    assertThat(read.path("freshnessMaxAge").asText()).isEqualTo("PT24H");
    assertThat(names(read.path("rules"), "name"))
        .containsExactly(
            "id-unique",
            "destination-format",
            "weight-range",
            "destination-known",
            "light-to-paris",
            "stable-volume",
            "recent");
    assertThat(read.path("rules").path(2).path("severity").asText()).isEqualTo("error");
    assertThat(comptoir.quality().freshnessSla(Fixtures.PARCELS)).contains(Duration.ofHours(24));

    java.util.List<io.comptoir.audit.AuditEvent> audited =
        comptoir
            .audit()
            .search(
                new io.comptoir.audit.AuditQuery(
                    java.util.Optional.empty(),
                    java.util.Optional.of("QUALITY_RULES_SAVED"),
                    java.util.Optional.empty(),
                    null));
    assertThat(audited).as("only the accepted save is a governance action").hasSize(1);
    assertThat(audited.get(0).entry().actor()).isEqualTo("sarah");
    assertThat(audited.get(0).entry().target()).isEqualTo("product:colis-suivi");
    assertThat(audited.get(0).entry().details())
        .containsEntry("count", "7")
        .containsEntry(
            "rules",
            "id-unique,destination-format,weight-range,destination-known,light-to-paris,"
                + "stable-volume,recent");
  }

  @Test
  void acceptsTheRulesAsJsonAndKeepsThemAsYaml() {
    Http.Response saved =
        admin.putJson(
            "/api/v1/products/colis-suivi/quality",
            "{\"rules\": [{\"name\": \"id-set\", \"type\": \"not_null\", \"column\": \"id\"}]}");
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().path("document").asText()).contains("name: id-set").doesNotContain("{");
  }

  @Test
  void namesTheLineAndKeyOfEachMistake() {
    Http.Response response =
        steward.putYaml(
            "/api/v1/products/colis-suivi/quality",
            """
            rules:
              - name: a
                type: not_nul
                column: id
              - name: b
                type: range
                column: weight
                colour: red
            """);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("INVALID_INPUT");
    assertThat(response.errorMessage())
        .contains("line 3, rules[0].type: unknown type 'not_nul'")
        .contains("line 8, rules[1].colour: unknown key")
        .contains("range needs min and/or max");

    Http.Response unknownColumn =
        steward.putYaml(
            "/api/v1/products/colis-suivi/quality",
            "rules:\n  - {name: a, type: not_null, column: poids}\n");
    assertThat(unknownColumn.status()).isEqualTo(400);
    assertThat(unknownColumn.errorMessage()).contains("poids is not a column of colis-suivi");

    Http.Response hostile =
        steward.putYaml(
            "/api/v1/products/colis-suivi/quality",
            "rules:\n  - name: a\n    type: custom_sql\n    sql: \"id IN (SELECT 1 FROM read_csv('/etc/passwd'))\"\n");
    assertThat(hostile.status()).isEqualTo(400);
    assertThat(hostile.errorMessage()).contains("custom SQL refused");
    assertThat(changes).isEmpty();
  }

  @Test
  void evaluatesTheRulesAtEachIngestionAndKeepsTheResultsOfEachVersion() {
    assertThat(steward.putYaml("/api/v1/products/colis-suivi/quality", RULES).status())
        .isEqualTo(200);

    // version 1: duplicate ids and the 45 kg parcel go to the quarantine, the rest passes
    Http.Response first = upload("first.csv", FIRST);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    JsonNode run = first.json();
    assertThat(run.path("rowsAccepted").asLong()).isEqualTo(2);
    assertThat(run.path("rowsQuarantined").asLong()).isEqualTo(3);
    JsonNode quarantine =
        admin.get("/api/v1/runs/" + run.path("id").asText() + "/quarantine").json().path("items");
    assertThat(names(quarantine, "errorType")).containsOnly("QUALITY");
    assertThat(names(quarantine, "message"))
        .containsExactlyInAnyOrder(
            "quality rule 'id-unique' (unique) failed",
            "quality rule 'id-unique' (unique) failed",
            "quality rule 'weight-range' (range) failed");

    JsonNode results = reader.get("/api/v1/products/colis-suivi/quality/results").json();
    JsonNode v1 = results.path("versions").path(0);
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    assertThat(v1.path("rulesEvaluated").asInt()).isEqualTo(7);
    Map<String, JsonNode> byRule = byRule(v1);
    assertThat(byRule.get("id-unique").path("failingRows").asLong()).isEqualTo(2);
    assertThat(byRule.get("weight-range").path("failingRows").asLong()).isEqualTo(1);
    assertThat(byRule.get("destination-format").path("failingRows").asLong()).isEqualTo(1);
    assertThat(byRule.get("destination-known").path("failingRows").asLong()).isEqualTo(2);
    assertThat(byRule.get("light-to-paris").path("success").asBoolean()).isTrue();
    assertThat(byRule.get("stable-volume").path("success").asBoolean()).isTrue();
    assertThat(byRule.get("recent").path("success").asBoolean()).isFalse();
    assertThat(byRule.get("recent").path("severity").asText()).isEqualTo("warn");
    assertThat(v1.path("rulesPassed").asInt()).isEqualTo(2);
    assertThat(results.path("freshness").path("maxAge").asText()).isEqualTo("PT24H");
    assertThat(results.path("freshness").path("fresh").asBoolean()).isTrue();
    assertThat(comptoir.quality().latestOutcome(Fixtures.PARCELS))
        .contains(new QualityFacts.QualityOutcome(1, 2, 7));

    // 6 rows after 2 is +200%: the error rule fails the run, no version is published
    Http.Response tooMany =
        upload(
            "second.csv",
            "id;destination;weight;shipped\n"
                + "10;75001;1;2024-02-01\n11;75001;1;2024-02-01\n12;75001;1;2024-02-01\n"
                + "13;75001;1;2024-02-01\n14;75001;1;2024-02-01\n15;75001;1;2024-02-01\n");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.errorMessage())
        .contains("quality")
        .contains("rule 'stable-volume' (row_count_change)")
        .contains("+200.00%");
    assertThat(admin.get("/api/v1/products/colis-suivi/versions").json().path("items").size())
        .isEqualTo(1);
    JsonNode failedRun =
        admin.get("/api/v1/products/colis-suivi/runs").json().path("items").path(0);
    assertThat(failedRun.path("status").asText()).isEqualTo("FAILED");
    assertThat(failedRun.path("error").asText()).contains("stable-volume");

    // 3 rows after 2 is +50%: version 2, whose warn rules fail but do not stop it
    Http.Response third =
        upload(
            "third.csv",
            "id;destination;weight;shipped\n"
                + "20;75001;12;2024-03-01\n21;69001;1;2024-03-01\n22;13001;1;2024-03-01\n");
    assertThat(third.status()).as(third.body()).isEqualTo(201);
    JsonNode trend = reader.get("/api/v1/products/colis-suivi/quality/results").json();
    assertThat(names(trend.path("versions"), "version")).containsExactly("2", "1");
    Map<String, JsonNode> v2 = byRule(trend.path("versions").path(0));
    assertThat(v2.get("light-to-paris").path("failingRows").asLong()).isEqualTo(1);
    assertThat(v2.get("destination-known").path("success").asBoolean()).isTrue();
    assertThat(v2.get("stable-volume").path("message").asText()).contains("+50.00%");
    assertThat(comptoir.quality().results(Fixtures.PARCELS, 2)).hasSize(7);
    assertThat(changes.stream().filter(c -> c.kind() == MetadataChanges.Kind.QUALITY).count())
        .isEqualTo(3);
  }

  @Test
  void anErrorFreshnessRuleFailsAStaleLoad() {
    assertThat(
            admin
                .putYaml(
                    "/api/v1/products/colis-suivi/quality",
                    "rules:\n  - {name: recent, type: freshness, column: shipped, maxAge: 7d}\n")
                .status())
        .isEqualTo(200);
    Http.Response stale =
        upload("stale.csv", "id;destination;weight;shipped\n1;75001;1;2020-01-01\n");
    assertThat(stale.status()).isEqualTo(400);
    assertThat(stale.errorMessage()).contains("rule 'recent' (freshness)").contains("PT168H");
    assertThat(reader.get("/api/v1/products/colis-suivi/quality/results").json().path("versions"))
        .isEmpty();
  }

  @Test
  void theOdcsContractCarriesTheRulesOutAndBackIn() {
    assertThat(steward.putYaml("/api/v1/products/colis-suivi/quality", RULES).status())
        .isEqualTo(200);
    Http.Response exported = reader.get("/api/v1/products/colis-suivi/odcs");
    assertThat(exported.status()).as(exported.body()).isEqualTo(200);
    assertThat(exported.body())
        .contains("quality:")
        .contains("metric: duplicateValues")
        .contains("comptoirRule")
        .contains("slaProperties");

    // the rules are emptied, then the contract brings every one of them back
    assertThat(steward.putYaml("/api/v1/products/colis-suivi/quality", "").status()).isEqualTo(200);
    assertThat(reader.get("/api/v1/products/colis-suivi/quality").json().path("rules")).isEmpty();
    Http.Response imported = admin.putYaml("/api/v1/products/colis-suivi/odcs", exported.body());
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);

    JsonNode read = reader.get("/api/v1/products/colis-suivi/quality").json();
    assertThat(names(read.path("rules"), "name"))
        .containsExactly(
            "id-unique",
            "destination-format",
            "weight-range",
            "destination-known",
            "light-to-paris",
            "stable-volume",
            "recent");
    assertThat(read.path("freshnessMaxAge").asText()).isEqualTo("PT24H");

    // a contract whose quality section names an unknown column changes nothing
    Http.Response refused =
        admin.putYaml(
            "/api/v1/products/colis-suivi/odcs",
            exported.body().replace("column: weight", "column: poids"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("INVALID_INPUT");
    assertThat(refused.errorMessage()).contains("poids");
    assertThat(
            names(reader.get("/api/v1/products/colis-suivi/quality").json().path("rules"), "name"))
        .hasSize(7);
  }

  @Test
  void answersUnknownProductsAndBadLimits() {
    assertThat(reader.get("/api/v1/products/nope/quality").status()).isEqualTo(404);
    assertThat(reader.get("/api/v1/products/nope/quality/results").status()).isEqualTo(404);
    assertThat(reader.get("/api/v1/products/colis-suivi/quality/results?limit=0").status())
        .isEqualTo(400);
    assertThat(new Http(server.url()).get("/api/v1/products/colis-suivi/quality").status())
        .isEqualTo(401);
  }

  private Http.Response upload(String name, String content) {
    return admin.post(
        "/api/v1/products/colis-suivi/uploads?filename=" + name + "&tolerated-reject-rate=0.8",
        content);
  }

  private static Map<String, JsonNode> byRule(JsonNode version) {
    Map<String, JsonNode> rules = new java.util.LinkedHashMap<>();
    version.path("results").forEach(r -> rules.put(r.path("rule").asText(), r));
    return rules;
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.path(field).asText()));
    return values;
  }
}
