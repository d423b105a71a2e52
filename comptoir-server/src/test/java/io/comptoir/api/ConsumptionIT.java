package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumption over real HTTP: a governed read is counted with the rows and bytes it sent, its
 * contract leaves the unused list, and each caller sees only what the policy allows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumptionIT {
  private static final ProductId BRANCHES = ProductId.of("agences");

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http consumer;
  private Http otherConsumer;
  private Http owner;
  private Http otherOwner;
  private Http dataOffice;
  private Http dpo;
  private String contract;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    var catalog = comptoir.catalog();
    var now = catalog.clock().instant();
    catalog.saveEntity(new LegalEntity("LBP", "La Banque Postale", ""));
    catalog.saveEntity(new LegalEntity("BSCC", "Courrier Colis", ""));
    catalog.saveDomain(new Domain("reseau", "Réseau", ""));
    catalog.saveProduct(
        new DataProduct(
            BRANCHES,
            "Agences",
            "",
            "LBP",
            "reseau",
            "olivier.proprietaire",
            "",
            "",
            Classification.INTERNAL,
            List.of(),
            List.of(
                new Column("id", DataType.INTEGER, "", PersonalDataCategory.NONE, ""),
                new Column("city", DataType.STRING, "", PersonalDataCategory.NONE, "")),
            now,
            now));
    Path file =
        Fixtures.write(
            dataDirectory.resolve("agences.csv"), "id,city\n1,Paris\n2,Lyon\n3,Paris\n4,Lille\n");
    comptoir.ingestion().ingest(IngestionRequest.of(BRANCHES, file), ProgressListener.NONE);
    server = comptoir.startHttp();
    String url = server.url();
    consumer = new Http(url, Fixtures.token(comptoir, "camille", "LBP", Role.CONSUMER));
    otherConsumer = new Http(url, Fixtures.token(comptoir, "bruno", "LBP", Role.CONSUMER));
    owner = new Http(url, Fixtures.token(comptoir, "olivier.proprietaire", "LBP", Role.DATA_OWNER));
    otherOwner = new Http(url, Fixtures.token(comptoir, "laurent", "BSCC", Role.DATA_OWNER));
    dataOffice = new Http(url, Fixtures.token(comptoir, "diane", "BSCC", Role.DATA_OFFICE));
    dpo = new Http(url, Fixtures.token(comptoir, "denis.dpo", "LBP", Role.DPO));

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Http.Response requested =
        consumer.postJson(
            "/api/v1/products/agences/requests",
            """
            {"purpose": "Couverture du réseau", "purposeCategory": "analytics",
             "legalBasis": "legitimate_interests", "businessValue": "meilleure couverture",
             "columns": ["id", "city"], "start": "%s", "end": "%s", "reviewPeriod": "P3M"}
            """
                .formatted(today, today.plusMonths(6)));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    contract = requested.json().get("id").asText();
    Http.Response active =
        owner.postJson(
            "/api/v1/contracts/" + contract + "/decisions",
            "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}");
    assertThat(active.json().get("status").asText()).as(active.body()).isEqualTo("ACTIVE");
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

  @Test
  void countsARealReadAndStopsListingItsContractAsUnusedShowingEachCallerWhatThePolicyAllows() {
    assertThat(contracts(dataOffice.get("/api/v1/consumption/unused?days=30"))).contains(contract);
    JsonNode neverRead = dataOffice.get("/api/v1/consumption/unused").json().get("items").get(0);
    assertThat(neverRead.get("product").asText()).isEqualTo("agences");
    assertThat(neverRead.get("consumer").asText()).isEqualTo("camille");
    assertThat(neverRead.get("lastReadAt").isNull()).isTrue();
    assertThat(contracts(owner.get("/api/v1/consumption/unused?days=3650"))).contains(contract);
    assertThat(contracts(consumer.get("/api/v1/consumption/unused"))).contains(contract);
    assertThat(contracts(otherOwner.get("/api/v1/consumption/unused"))).isEmpty();
    assertThat(contracts(otherConsumer.get("/api/v1/consumption/unused"))).isEmpty();
    Http.Response denied = otherConsumer.get("/api/v1/products/agences/data?format=csv");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(dataOffice.get("/api/v1/consumption").json().get("items").size()).isZero();

    byte[] body =
        consumer.getBytes("/api/v1/products/agences/data?format=csv&filter=city%20%3D%20'Paris'");
    long rows = new String(body, StandardCharsets.UTF_8).lines().count() - 1;
    assertThat(rows).isEqualTo(2);

    JsonNode report = dataOffice.get("/api/v1/consumption?product=agences").json();
    assertThat(report.get("items").size()).isEqualTo(1);
    JsonNode day = report.get("items").get(0);
    assertThat(day.get("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(day.get("contract").asText()).isEqualTo(contract);
    assertThat(day.get("consumer").asText()).isEqualTo("camille");
    assertThat(day.get("application").isNull()).isTrue();
    assertThat(day.get("reads").asLong()).isEqualTo(1);
    assertThat(day.get("rows").asLong()).isEqualTo(rows);
    assertThat(day.get("bytes").asLong()).isEqualTo(body.length);
    assertThat(report.get("totals").get("reads").asLong()).isEqualTo(1);
    assertThat(report.get("totals").get("rows").asLong()).isEqualTo(rows);
    assertThat(report.get("totals").get("bytes").asLong()).isEqualTo(body.length);

    JsonNode products = dataOffice.get("/api/v1/consumption/products").json().get("items");
    assertThat(products.size()).isEqualTo(1);
    assertThat(products.get(0).get("product").asText()).isEqualTo("agences");
    assertThat(products.get(0).get("reads").asLong()).isEqualTo(1);
    assertThat(products.get(0).get("bytes").asLong()).isEqualTo(body.length);
    assertThat(contracts(dataOffice.get("/api/v1/consumption/unused?days=1")))
        .doesNotContain(contract);

    // who sees what
    assertThat(reads(dpo)).isEqualTo(1);
    assertThat(reads(owner)).isEqualTo(1);
    assertThat(reads(consumer)).isEqualTo(1);
    assertThat(reads(otherOwner)).isZero();
    assertThat(reads(otherConsumer)).isZero();
    assertThat(otherConsumer.get("/api/v1/consumption/products").json().get("items").size())
        .isZero();
    Http.Response someoneElse = otherConsumer.get("/api/v1/consumption?consumer=camille");
    assertThat(someoneElse.status()).isEqualTo(403);
    assertThat(someoneElse.errorMessage())
        .isEqualTo(
            "bruno may not read the consumption of camille: needs DATA_OWNER, DPO, DATA_OFFICE"
                + " or ADMIN");
    assertThat(consumer.get("/api/v1/consumption?consumer=camille").json().get("items").size())
        .isEqualTo(1);
  }

  @Test
  void rejectsBadParametersNamingThem() {
    assertInvalid(
        "/api/v1/consumption?from=10/03/2026",
        "query parameter 'from' must be an ISO date (yyyy-mm-dd), got '10/03/2026'");
    assertInvalid(
        "/api/v1/consumption/products?to=tomorrow",
        "query parameter 'to' must be an ISO date (yyyy-mm-dd), got 'tomorrow'");
    assertInvalid(
        "/api/v1/consumption?from=2026-03-10&to=2026-03-01",
        "'from' (2026-03-10) must not be after 'to' (2026-03-01)");
    assertInvalid(
        "/api/v1/consumption?from=2000-01-01&to=2026-01-01",
        "'from' (2000-01-01) to 'to' (2026-01-01) spans 9498 days: at most 3650");
    assertInvalid("/api/v1/consumption?contract=abc", "contract id must be a UUID, got 'abc'");
    assertInvalid(
        "/api/v1/consumption/unused?days=0",
        "query parameter 'days' must be between 1 and 3650, got 0");
    assertInvalid(
        "/api/v1/consumption/unused?days=3651",
        "query parameter 'days' must be between 1 and 3650, got 3651");
    assertInvalid(
        "/api/v1/consumption/unused?days=many",
        "query parameter 'days' must be an integer, got 'many'");
  }

  private void assertInvalid(String path, String message) {
    Http.Response response = dataOffice.get(path);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("INVALID_INPUT");
    assertThat(response.errorMessage()).isEqualTo(message);
  }

  private static long reads(Http caller) {
    Http.Response response = caller.get("/api/v1/consumption");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("totals").get("reads").asLong();
  }

  private static List<String> contracts(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().get("items").forEach(item -> ids.add(item.get("contract").asText()));
    return ids;
  }
}
