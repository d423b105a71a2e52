package io.comptoir.api;

import static io.comptoir.server.Fixtures.CUSTOMERS_CSV;
import static io.comptoir.server.Fixtures.MORE_PARCELS_CSV;
import static io.comptoir.server.Fixtures.PARCELS_CSV;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API on a real server (random port) over a real store and engine. Product colis-suivi
 * holds exactly one version, made in {@link #start()}; tests that add versions use clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http http;
  private JsonNode firstRun;

  @BeforeAll
  void start() {
    comptoir =
        Comptoir.open(
            Fixtures.configuration(dataDirectory, Map.of("ingest-max-upload-bytes", "4KB")));
    Fixtures.seed(comptoir.catalog());
    comptoir.ingestion().recover();
    Fixtures.write(dataDirectory.resolve("uploads/left-by-a-crash.upload"), "1;2;3");
    server = comptoir.startHttp();
    http = new Http(server.url(), Fixtures.adminToken(comptoir));
    Http.Response response =
        http.post(
            "/api/v1/products/colis-suivi/uploads?filename=parcels.csv&tolerated-reject-rate=0.5",
            PARCELS_CSV);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    firstRun = response.json();
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
  void answersHealth() {
    Http.Response response = http.get("/health");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("status").asText()).isEqualTo("UP");
  }

  @Test
  void listsEntitiesAndDomains() {
    JsonNode entities = http.get("/api/v1/entities").json().path("items");
    JsonNode domains = http.get("/api/v1/domains").json().path("items");

    assertThat(texts(entities, "code")).containsExactlyInAnyOrder("BSCC", "LBP");
    assertThat(entities.get(0).has("name")).isTrue();
    assertThat(texts(domains, "id")).containsExactlyInAnyOrder("colis", "clients");
  }

  @Test
  void listsProductsAsAPage() {
    JsonNode page = http.get("/api/v1/products").json();

    assertThat(page.path("total").asLong()).isEqualTo(2);
    assertThat(page.path("offset").asInt()).isZero();
    assertThat(page.path("limit").asInt()).isEqualTo(50);
    assertThat(texts(page.path("items"), "id")).containsExactly("clients", "colis-suivi");
    JsonNode parcels = page.path("items").get(1);
    assertThat(parcels.path("entity").asText()).isEqualTo("BSCC");
    assertThat(parcels.path("classification").asText()).isEqualTo("INTERNAL");
    assertThat(parcels.has("columns")).isFalse();
  }

  @Test
  void filtersAndPagesProducts() {
    assertThat(ids("/api/v1/products?entity=LBP")).containsExactly("clients");
    assertThat(ids("/api/v1/products?domain=colis")).containsExactly("colis-suivi");
    assertThat(ids("/api/v1/products?tag=rgpd")).containsExactly("clients");
    assertThat(ids("/api/v1/products?classification=confidential")).containsExactly("clients");
    JsonNode second = http.get("/api/v1/products?offset=1&limit=1").json();
    assertThat(texts(second.path("items"), "id")).containsExactly("colis-suivi");
    assertThat(second.path("total").asLong()).isEqualTo(2);
  }

  @Test
  void showsAProductWithColumnsAndVersions() {
    JsonNode product = http.get("/api/v1/products/colis-suivi").json();

    assertThat(product.path("title").asText()).isEqualTo("Suivi des colis");
    assertThat(product.path("owner").asText()).isEqualTo("data-colis@example.org");
    assertThat(texts(product.path("columns"), "name"))
        .containsExactly("id", "destination", "weight", "shipped");
    JsonNode destination = product.path("columns").get(1);
    assertThat(destination.path("type").asText()).isEqualTo("string");
    assertThat(destination.path("personalData").asText()).isEqualTo("QUASI_IDENTIFIER");
    assertThat(destination.path("description").asText()).isEqualTo("Code postal");
    assertThat(product.path("columns").get(2).path("type").asText()).isEqualTo("decimal(10,2)");
    JsonNode version = product.path("versions").get(0);
    assertThat(version.path("number").asInt()).isEqualTo(1);
    assertThat(version.path("rowCount").asLong()).isEqualTo(3);
    assertThat(version.path("bytes").asLong()).isPositive();
    assertThat(version.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void uploadReturnsTheRunThatReconciles() {
    assertThat(firstRun.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(firstRun.path("product").asText()).isEqualTo("colis-suivi");
    assertThat(firstRun.path("source").asText()).isEqualTo("parcels.csv");
    assertThat(firstRun.path("version").asInt()).isEqualTo(1);
    assertThat(firstRun.path("rowsRead").asLong()).isEqualTo(4);
    assertThat(firstRun.path("rowsAccepted").asLong()).isEqualTo(3);
    assertThat(firstRun.path("rowsQuarantined").asLong()).isEqualTo(1);
    assertThat(firstRun.path("sourceChecksum").asText()).hasSize(64);
    assertThat(firstRun.path("durationMillis").asLong()).isNotNegative();
    assertThat(firstRun.path("error").isNull()).isTrue();
    assertThat(firstRun.path("quarantine").get(0).path("column").asText()).isEqualTo("weight");
    assertThat(firstRun.has("quarantineFile")).isFalse();
  }

  @Test
  void uploadNamesTheRunInLocation() throws IOException {
    Http.Response response =
        http.post(
            "/api/v1/products/clients/uploads?filename=customers-upload.csv",
            CUSTOMERS_CSV.replace("Lyon", "Lille"));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    String runId = response.json().path("id").asText();
    assertThat(response.location()).contains("/api/v1/runs/" + runId);
    assertThat(http.get("/api/v1/runs/" + runId).json().path("rowsAccepted").asLong()).isEqualTo(2);
    try (var uploads = Files.list(dataDirectory.resolve("uploads"))) {
      assertThat(uploads).as("uploads are deleted once ingested, leftovers at start").isEmpty();
    }
  }

  @Test
  void showsAVersionWithSchemaRunAndQuarantineSummary() {
    JsonNode version = http.get("/api/v1/products/colis-suivi/versions/1").json();

    assertThat(version.path("product").asText()).isEqualTo("colis-suivi");
    assertThat(version.path("number").asInt()).isEqualTo(1);
    assertThat(version.path("mode").asText()).isEqualTo("OVERWRITE");
    assertThat(version.path("rowCount").asLong()).isEqualTo(3);
    assertThat(version.path("files").asInt()).isPositive();
    assertThat(texts(version.path("schema"), "name"))
        .containsExactly("id", "destination", "weight", "shipped");
    JsonNode run = version.path("run");
    assertThat(run.path("id").asText()).isEqualTo(firstRun.path("id").asText());
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("startedAt").asText()).isNotEmpty();
    assertThat(run.path("finishedAt").asText()).isNotEmpty();
    assertThat(run.path("rowsRead").asLong())
        .isEqualTo(run.path("rowsAccepted").asLong() + run.path("rowsQuarantined").asLong());
    JsonNode count = run.path("quarantine").get(0);
    assertThat(count.path("errorType").asText()).isNotEmpty();
    assertThat(count.path("column").asText()).isEqualTo("weight");
    assertThat(count.path("rows").asLong()).isEqualTo(1);
  }

  @Test
  void listsVersionsAndRuns() {
    JsonNode versions = http.get("/api/v1/products/colis-suivi/versions").json().path("items");
    JsonNode runs = http.get("/api/v1/products/colis-suivi/runs").json().path("items");

    assertThat(versions).hasSize(1);
    assertThat(versions.get(0).path("number").asInt()).isEqualTo(1);
    assertThat(texts(runs, "id")).contains(firstRun.path("id").asText());
  }

  @Test
  void showsARunAndItsQuarantinedRows() {
    String runId = firstRun.path("id").asText();

    JsonNode run = http.get("/api/v1/runs/" + runId).json();
    JsonNode quarantine = http.get("/api/v1/runs/" + runId + "/quarantine").json();

    assertThat(run.path("rowsQuarantined").asLong()).isEqualTo(1);
    assertThat(quarantine.path("total").asLong()).isEqualTo(1);
    JsonNode row = quarantine.path("items").get(0);
    assertThat(row.path("line").asLong()).isEqualTo(3);
    assertThat(row.path("column").asText()).isEqualTo("weight");
    assertThat(row.path("errorType").asText()).isNotEmpty();
    assertThat(row.path("message").asText()).isNotEmpty();
    assertThat(row.path("raw").asText()).contains("abc");
  }

  @Test
  void previewsRowsOfAVersion() {
    JsonNode rows =
        http.get("/api/v1/products/colis-suivi/versions/1/rows?columns=id,destination&limit=2")
            .json();

    assertThat(texts(rows.path("columns"))).containsExactly("id", "destination");
    assertThat(rows.path("rows")).hasSize(2);
    assertThat(rows.path("rows").get(0).get(0).asLong()).isEqualTo(1);
    assertThat(rows.path("rows").get(0).get(1).asText()).isEqualTo("75001");
    assertThat(rows.path("limit").asInt()).isEqualTo(2);
  }

  @Test
  void importsAFileFromTheInboxAndAppends() {
    Fixtures.write(dataDirectory.resolve("inbox/customers.csv"), CUSTOMERS_CSV);
    Fixtures.write(
        dataDirectory.resolve("inbox/more-customers.csv"), "id,name,city\n3,Chloé Durand,Nantes\n");

    Http.Response first =
        http.postJson("/api/v1/products/clients/imports", "{\"path\": \"customers.csv\"}");
    Http.Response second =
        http.postJson(
            "/api/v1/products/clients/imports",
            "{\"path\": \""
                + dataDirectory.resolve("inbox/more-customers.csv")
                + "\", \"mode\": \"append\", \"delimiter\": \",\"}");

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    int version = second.json().path("version").asInt();
    assertThat(version).isEqualTo(first.json().path("version").asInt() + 1);
    JsonNode appended = http.get("/api/v1/products/clients/versions/" + version).json();
    assertThat(appended.path("rowCount").asLong()).isEqualTo(3);
    assertThat(appended.path("mode").asText()).isEqualTo("APPEND");
    assertThat(texts(http.get("/api/v1/products/clients").json().path("columns"), "name"))
        .containsExactly("id", "name", "city");
  }

  @Test
  void refusesAnUnknownProductWith404() {
    Http.Response response = http.get("/api/v1/products/nope");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(response.errorMessage()).isEqualTo("product not found: nope");
  }

  @Test
  void refusesUnknownVersionsAndRuns() {
    Http.Response version = http.get("/api/v1/products/colis-suivi/versions/99");
    Http.Response run = http.get("/api/v1/runs/00000000-0000-0000-0000-000000000000");
    Http.Response runsOfUnknown = http.get("/api/v1/products/nope/runs");

    assertThat(version.status()).isEqualTo(404);
    assertThat(version.errorMessage()).isEqualTo("version not found: colis-suivi@99");
    assertThat(run.status()).isEqualTo(404);
    assertThat(run.errorMessage()).isEqualTo("run not found: 00000000-0000-0000-0000-000000000000");
    assertThat(runsOfUnknown.status()).isEqualTo(404);
    assertThat(runsOfUnknown.errorMessage()).isEqualTo("product not found: nope");
  }

  @Test
  void answersUnknownRoutesWithJson404() {
    Http.Response response = http.get("/api/v1/nothing-here");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(response.errorMessage()).isEqualTo("no route GET /api/v1/nothing-here");
  }

  @Test
  void refusesBadQueryParametersNamingThem() {
    assertError(
        http.get("/api/v1/products?limit=abc"),
        400,
        "INVALID_INPUT",
        "query parameter 'limit' must be an integer, got 'abc'");
    assertError(
        http.get("/api/v1/products?limit=0"),
        400,
        "INVALID_INPUT",
        "query parameter 'limit' must be between 1 and 1000, got 0");
    assertError(
        http.get("/api/v1/products?offset=-1"),
        400,
        "INVALID_INPUT",
        "query parameter 'offset' must be >= 0, got -1");
    assertError(
        http.get("/api/v1/products?classification=SECRET"),
        400,
        "INVALID_INPUT",
        "query parameter 'classification' must be one of PUBLIC, INTERNAL, CONFIDENTIAL,"
            + " RESTRICTED, got 'SECRET'");
  }

  @Test
  void refusesBadPathParameters() {
    assertError(
        http.get("/api/v1/products/colis-suivi/versions/first"),
        400,
        "INVALID_INPUT",
        "path parameter 'number' must be a version number >= 1, got 'first'");
    assertError(
        http.get("/api/v1/runs/not-a-uuid"),
        400,
        "INVALID_INPUT",
        "run id must be a UUID, got 'not-a-uuid'");
    assertError(
        http.get("/api/v1/products/Not_A_Slug"),
        400,
        "INVALID_INPUT",
        "product id must be lowercase letters, digits and dashes (1-63 chars), got 'Not_A_Slug'");
  }

  @Test
  void refusesAPreviewOfAnUnknownColumn() {
    assertError(
        http.get("/api/v1/products/colis-suivi/versions/1/rows?columns=secret"),
        400,
        "INVALID_INPUT",
        "version 1 of colis-suivi has no column 'secret'");
  }

  @Test
  void refusesAnUploadLargerThanTheLimitWith413() {
    Http.Response response =
        http.post("/api/v1/products/clients/uploads?filename=big.csv", new byte[5000]);

    assertError(
        response,
        413,
        "INVALID_INPUT",
        "upload of 5000 bytes exceeds the limit of 4096 bytes (ingest-max-upload-bytes)");
  }

  @Test
  void answers413WhetherTheClientWaitsForAGoAheadOrSendsTheBodyAtOnce() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    String token = Fixtures.adminToken(comptoir);
    for (boolean expectContinue : new boolean[] {true, false, false}) {
      java.net.http.HttpResponse<String> response =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(
                          server.url() + "/api/v1/products/clients/uploads?filename=big.csv"))
                  .header("Authorization", "Bearer " + token)
                  .expectContinue(expectContinue)
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[300 * 1024]))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as("expect 100-continue: " + expectContinue).isEqualTo(413);
      assertThat(response.body()).contains("\"code\":\"INVALID_INPUT\"");
    }
  }

  @Test
  void refusesAnEmptyUpload() {
    assertError(
        http.post("/api/v1/products/clients/uploads?filename=empty.csv", new byte[0]),
        400,
        "INVALID_INPUT",
        "upload is empty: send the file's bytes as the request body");
  }

  @Test
  void refusesAnUploadToAnUnknownProduct() {
    assertError(
        http.post("/api/v1/products/nope/uploads?filename=x.csv", CUSTOMERS_CSV),
        404,
        "NOT_FOUND",
        "product not found: nope");
  }

  @Test
  void refusesBadUploadOptionsBeforeReadingTheBody() {
    assertError(
        http.post("/api/v1/products/clients/uploads?format=xlsx", CUSTOMERS_CSV),
        400,
        "INVALID_INPUT",
        "format must be one of csv, jsonl, parquet, got 'xlsx'");
    assertError(
        http.post("/api/v1/products/clients/uploads?force=maybe", CUSTOMERS_CSV),
        400,
        "INVALID_INPUT",
        "query parameter 'force' must be true or false, got 'maybe'");
    assertError(
        http.post("/api/v1/products/clients/uploads?mode=upsert", CUSTOMERS_CSV),
        400,
        "INVALID_INPUT",
        "mode must be one of append, overwrite, merge, scd2, got 'upsert'");
    assertError(
        http.post("/api/v1/products/clients/uploads?mode=merge", CUSTOMERS_CSV),
        400,
        "INVALID_INPUT",
        "write mode merge needs keys: the columns that identify a row");
    assertError(
        http.post("/api/v1/products/clients/uploads?delimiter=%3B%3B", CUSTOMERS_CSV),
        400,
        "INVALID_INPUT",
        "delimiter must be one character or 'tab', got ';;'");
  }

  @Test
  void refusesAnUploadWhoseFormatCannotBeTold() {
    assertError(
        http.post("/api/v1/products/clients/uploads", CUSTOMERS_CSV),
        400,
        "INVALID_INPUT",
        "cannot tell the format of upload from its name: give the format (csv, jsonl, parquet)");
  }

  @Test
  void refusesTheSameFileTwiceWith409UnlessForced() {
    Http.Response again =
        http.post("/api/v1/products/colis-suivi/uploads?filename=again.csv", PARCELS_CSV);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("CONFLICT");
    assertThat(again.errorMessage())
        .startsWith("again.csv was already ingested into colis-suivi as version 1");
  }

  @Test
  void recordsAFailedRunWhenTooManyRowsAreRejected() {
    String bad = MORE_PARCELS_CSV.replace("3.10", "heavy");

    Http.Response response =
        http.post("/api/v1/products/colis-suivi/uploads?filename=bad.csv", bad);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("INVALID_INPUT");
    assertThat(response.errorMessage())
        .isEqualTo(
            "bad.csv: 1 of 2 rows rejected (50.00%), above the tolerated 5.00%: no version"
                + " created");
    JsonNode failed = http.get("/api/v1/products/colis-suivi/runs").json().path("items").get(0);
    assertThat(failed.path("source").asText()).isEqualTo("bad.csv");
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.path("version").isNull()).isTrue();
    assertThat(failed.path("error").asText()).contains("above the tolerated 5.00%");
  }

  @Test
  void refusesAnImportOutsideTheImportDirectoriesWith403() throws IOException {
    Path outside = Fixtures.write(dataDirectory.resolve("elsewhere/secret.csv"), CUSTOMERS_CSV);

    Http.Response response =
        http.postJson("/api/v1/products/clients/imports", "{\"path\": \"" + outside + "\"}");
    Http.Response traversal =
        http.postJson(
            "/api/v1/products/clients/imports", "{\"path\": \"../elsewhere/secret.csv\"}");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
    assertThat(response.errorMessage())
        .startsWith("path '" + outside + "' is outside the import directories");
    assertThat(traversal.status()).isEqualTo(403);
    assertThat(traversal.errorMessage())
        .startsWith("path '../elsewhere/secret.csv' is outside the import directories");
  }

  @Test
  void refusesAnImportWithoutPathOrWithABadBody() {
    assertError(
        http.postJson("/api/v1/products/clients/imports", "{}"),
        400,
        "INVALID_INPUT",
        "path is required");
    assertError(
        http.postJson("/api/v1/products/clients/imports", ""),
        400,
        "INVALID_INPUT",
        "request body is empty: send a JSON object");
    assertError(
        http.postJson("/api/v1/products/clients/imports", "{\"path\": \"a.csv\", \"colour\": 1}"),
        400,
        "INVALID_INPUT",
        "unknown field 'colour' in the request body (known fields: path, format, delimiter,"
            + " decimalSeparator, encoding, header, mode, keys, force, toleratedRejectRate)");
    Http.Response broken = http.postJson("/api/v1/products/clients/imports", "{\"path\": ");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.errorMessage()).startsWith("invalid JSON body: ");
    assertError(
        http.postJson("/api/v1/products/clients/imports", "{\"path\": \"missing.csv\"}"),
        400,
        "INVALID_INPUT",
        "file not found: " + dataDirectory.resolve("inbox/missing.csv"));
  }

  @Test
  void documentsEveryRouteInOpenApiAndNothingElse() {
    JsonNode document = http.get("/openapi.json").json();
    List<String> documented = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> documented.add(method.toUpperCase() + " " + path.getKey())));

    assertThat(document.path("openapi").asText()).startsWith("3.");
    assertThat(new TreeSet<>(documented)).isEqualTo(new TreeSet<>(server.apiRoutes()));
    assertThat(server.routes()).filteredOn(route -> route.contains("/api/v1/")).hasSize(74);
  }

  @Test
  void openApiDocumentIsValidJsonWithResolvableReferences() throws IOException {
    String text =
        new String(SystemRoutes.openApiDocument(), java.nio.charset.StandardCharsets.UTF_8);
    JsonNode document = new ObjectMapper().readTree(text);
    java.util.regex.Matcher references =
        java.util.regex.Pattern.compile("\"#/components/schemas/([A-Za-z]+)\"").matcher(text);

    while (references.find()) {
      assertThat(document.path("components").path("schemas").has(references.group(1)))
          .as(references.group(1))
          .isTrue();
    }
  }

  private List<String> ids(String path) {
    return texts(http.get(path).json().path("items"), "id");
  }

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(node -> node.path(field).asText())
        .toList();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static void assertError(Http.Response response, int status, String code, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.errorCode()).isEqualTo(code);
    assertThat(response.errorMessage()).isEqualTo(message);
  }
}
