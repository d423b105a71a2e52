package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.contract.SharingScope;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.lineage.JobRef;
import io.comptoir.lineage.LineageRepository.StoredEvent;
import io.comptoir.lineage.OpenLineageSchemas;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage over real HTTP: a real ingestion emits START then COMPLETE, a failing one START then
 * FAIL, a governed read a COMPLETE naming its contract, all valid against the shared OpenLineage
 * schemas and forwarded to a local endpoint; events of the shapes Spark and Airflow send are
 * accepted, malformed ones refused; the graph, with columns, respects the entity walls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageIT {
  private static final ProductId PARCELS = ProductId.of("lineage-colis");
  private static final ProductId ACCOUNTS = ProductId.of("comptes-lbp");
  private static final ProductId DEPOT = ProductId.of("lineage-depot");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path dataDirectory;

  private final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private HttpServer marquez;
  private Comptoir comptoir;
  private ApiServer server;
  private Http consumer;
  private Http owner;
  private Http bankUser;
  private OpenLineageSchemas shared;

  @BeforeAll
  void start() throws IOException {
    Path standards = Path.of("../../shared/standards/openlineage");
    if (!Files.isDirectory(standards)) {
      standards = Path.of("../shared/standards/openlineage");
    }
    shared = new OpenLineageSchemas(standards.toAbsolutePath().normalize().toUri().toString());
    marquez = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    marquez.createContext(
        "/api/v1/lineage",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            forwarded.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    marquez.start();
    comptoir =
        Comptoir.open(
            Fixtures.configuration(
                dataDirectory,
                Map.of(
                    "lineage-forward-url",
                    "http://127.0.0.1:" + marquez.getAddress().getPort() + "/api/v1/lineage",
                    "lineage-forward-api-key",
                    "marquez-key",
                    "lineage-public-url",
                    "https://comptoir.example")));
    var catalog = comptoir.catalog();
    var now = catalog.clock().instant();
    catalog.saveEntity(new LegalEntity("LBP", "La Banque Postale", ""));
    catalog.saveEntity(new LegalEntity("BSCC", "Courrier Colis", ""));
    catalog.saveDomain(new Domain("colis", "Colis", ""));
    for (var product : List.of(PARCELS, ACCOUNTS, DEPOT)) {
      catalog.saveProduct(
          new DataProduct(
              product,
              product.value(),
              "",
              product == ACCOUNTS ? "LBP" : "BSCC",
              "colis",
              "olivier.proprietaire",
              "",
              "",
              Classification.INTERNAL,
              List.of(),
              List.of(
                  new Column("id", DataType.INTEGER, "", PersonalDataCategory.NONE, ""),
                  new Column("weight", DataType.DOUBLE, "", PersonalDataCategory.NONE, "")),
              now,
              now));
    }
    comptoir.contracts().setSharing(ACCOUNTS, SharingScope.ENTITY);
    Path file =
        Fixtures.write(dataDirectory.resolve("colis.csv"), "id,weight\n1,2.5\n2,0.7\n3,1.1\n");
    comptoir.ingestion().ingest(IngestionRequest.of(PARCELS, file), ProgressListener.NONE);
    server = comptoir.startHttp();
    String url = server.url();
    consumer = new Http(url, Fixtures.token(comptoir, "camille", "BSCC", Role.CONSUMER));
    owner =
        new Http(url, Fixtures.token(comptoir, "olivier.proprietaire", "BSCC", Role.DATA_OWNER));
    bankUser = new Http(url, Fixtures.token(comptoir, "bernard", "LBP", Role.CONSUMER));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (comptoir != null) {
      comptoir.close();
    }
    if (marquez != null) {
      marquez.stop(0);
    }
  }

  private List<JsonNode> eventsOf(String job) throws IOException {
    assertThat(comptoir.lineage().emitter().awaitIdle(Duration.ofSeconds(20))).isTrue();
    List<JsonNode> events = new ArrayList<>();
    for (StoredEvent stored :
        comptoir.lineage().service().events(Optional.of(new JobRef("comptoir", job)), 50)) {
      events.add(0, MAPPER.readTree(stored.json()));
    }
    return events;
  }

  private void assertValid(JsonNode event) {
    assertThat(shared.problems(event)).as(event.toPrettyString()).isEmpty();
  }

  @Test
  void anIngestionEmitsStartThenCompleteOrFailValidAgainstTheSchemasAndForwardsThem()
      throws IOException {
    Path file =
        Fixtures.write(dataDirectory.resolve("depot.csv"), "id,weight\n1,2.5\n2,0.7\n3,1.1\n");
    comptoir
        .quality()
        .install(
            DEPOT,
            "rules:\n"
                + "- {name: weight-set, type: not_null, column: weight}\n"
                + "- {name: weight-light, type: range, column: weight, max: 1, severity: warn}\n",
            "olivier.proprietaire");
    comptoir.ingestion().ingest(IngestionRequest.of(DEPOT, file), ProgressListener.NONE);
    Path empty = Fixtures.write(dataDirectory.resolve("vide.csv"), "id,weight\n");
    try {
      comptoir.ingestion().ingest(IngestionRequest.of(DEPOT, empty), ProgressListener.NONE);
    } catch (ComptoirException expected) {
      assertThat(expected.getMessage()).contains("no data rows");
    }

    List<JsonNode> events = eventsOf("ingest.lineage-depot");
    assertThat(events)
        .extracting(e -> e.path("eventType").asText())
        .containsExactly("START", "COMPLETE", "START", "FAIL");
    events.forEach(this::assertValid);
    JsonNode start = events.get(0);
    JsonNode complete = events.get(1);
    assertThat(complete.path("run").path("runId")).isEqualTo(start.path("run").path("runId"));
    JsonNode input = complete.path("inputs").get(0);
    assertThat(input.path("namespace").asText()).startsWith("file://");
    assertThat(input.path("name").asText()).isEqualTo("depot.csv");
    JsonNode output = complete.path("outputs").get(0);
    assertThat(output.path("namespace").asText()).isEqualTo("comptoir");
    assertThat(output.path("name").asText()).isEqualTo("lineage-depot");
    assertThat(output.path("facets").path("version").path("datasetVersion").asText())
        .isEqualTo("1");
    assertThat(output.path("facets").path("schema").path("fields").size()).isEqualTo(2);
    assertThat(output.path("outputFacets").path("outputStatistics").path("rowCount").asLong())
        .isEqualTo(3);
    // the COMPLETE event is built once the quality results of the version are stored
    JsonNode assertions = output.path("facets").path("dataQualityAssertions").path("assertions");
    assertThat(assertions.findValuesAsText("name"))
        .containsExactlyInAnyOrder("weight-set", "weight-light");
    assertThat(assertions.findValuesAsText("success")).containsExactlyInAnyOrder("true", "false");
    JsonNode fail = events.get(3);
    assertThat(fail.path("run").path("facets").path("errorMessage").path("message").asText())
        .contains("no data rows");

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> forwarded.size() >= 4);
    assertThat(forwarded).anySatisfy(json -> assertThat(json).contains("\"FAIL\""));
    assertThat(authorizations).allMatch("Bearer marquez-key"::equals);
    String metrics = new Http(server.url()).get("/metrics").body();
    assertThat(metrics)
        .contains("comptoir_lineage_events_emitted_total")
        .contains("comptoir_lineage_events_dropped_total 0.0")
        .contains("comptoir_lineage_forward_sent_total");
  }

  @Test
  void aGovernedReadEmitsAnEventNamingItsContract() throws IOException {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Http.Response requested =
        consumer.postJson(
            "/api/v1/products/lineage-colis/requests",
            """
            {"purpose": "Suivi des poids", "purposeCategory": "analytics",
             "legalBasis": "legitimate_interests", "businessValue": "moins de litiges",
             "columns": ["id", "weight"], "start": "%s", "end": "%s", "reviewPeriod": "P3M"}
            """
                .formatted(today, today.plusMonths(6)));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String contract = requested.json().get("id").asText();
    Http.Response active =
        owner.postJson(
            "/api/v1/contracts/" + contract + "/decisions",
            "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}");
    assertThat(active.json().get("status").asText()).as(active.body()).isEqualTo("ACTIVE");
    consumer.getBytes("/api/v1/products/lineage-colis/data?format=csv");

    List<JsonNode> events = eventsOf("read." + contract);
    assertThat(events).hasSize(1);
    JsonNode read = events.get(0);
    // the sample on the product page is a governed read too
    assertThat(consumer.get("/products/lineage-colis").status()).isEqualTo(200);
    assertThat(eventsOf("read." + contract)).hasSize(2);
    assertValid(read);
    assertThat(read.path("eventType").asText()).isEqualTo("COMPLETE");
    assertThat(read.path("inputs").get(0).path("name").asText()).isEqualTo("lineage-colis");
    JsonNode facet = read.path("run").path("facets").path("comptoir_contract");
    assertThat(facet.path("contractId").asText()).isEqualTo(contract);
    assertThat(facet.path("consumer").path("user").asText()).isEqualTo("camille");
    assertThat(facet.path("consumer").path("entity").asText()).isEqualTo("BSCC");
    assertThat(facet.path("purpose").path("description").asText()).isEqualTo("Suivi des poids");
    assertThat(facet.path("columns").get(0).path("name").asText()).isEqualTo("id");
    assertThat(facet.path("columns").get(0).path("masking").asText()).isEqualTo("MASK_NONE");
    assertThat(facet.path("_schemaURL").asText())
        .startsWith("https://comptoir.example/assets/openlineage/ComptoirContractRunFacet.json");
    Http.Response schema =
        new Http(server.url()).get("/assets/openlineage/ComptoirContractRunFacet.json");
    assertThat(schema.status()).isEqualTo(200);
    assertThat(schema.json().path("$defs").has("ComptoirContractRunFacet")).isTrue();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LineageIT.class.getResourceAsStream("/io/comptoir/lineage/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void acceptsSparkAndAirflowEventsAndDrawsTheirGraphWithColumns() throws IOException {
    Http.Response spark = owner.postJson("/api/v1/lineage", resource("spark-complete.json"));
    assertThat(spark.status()).as(spark.body()).isEqualTo(201);
    assertThat(spark.json().path("kind").asText()).isEqualTo("RUN");
    assertThat(spark.json().path("outputs").get(0).asText())
        .isEqualTo("hdfs://namenode:8020//warehouse/colis_enrichis");
    Http.Response airflow = owner.postJson("/api/v1/lineage", resource("airflow-start.json"));
    assertThat(airflow.status()).as(airflow.body()).isEqualTo(201);

    JsonNode graph =
        consumer.get("/api/v1/lineage/graph?product=lineage-colis&columns=true").json();
    List<String> names = new ArrayList<>();
    graph
        .path("nodes")
        .forEach(n -> names.add(n.path("kind").asText() + " " + n.path("name").asText()));
    assertThat(names)
        .contains(
            "dataset lineage-colis",
            "job ingest.lineage-colis",
            "job colis_enrichis.execute_insert_into_hadoop_fs_relation_command.warehouse_colis_enrichis",
            "dataset /warehouse/colis_enrichis");
    assertThat(names).noneMatch(name -> name.contains("colis_quotidien"));
    JsonNode product =
        graph.path("nodes").findParents("product").stream()
            .filter(n -> "lineage-colis".equals(n.path("product").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(product.path("layer").asInt()).isZero();
    List<String> columns = new ArrayList<>();
    graph
        .path("columns")
        .forEach(
            c ->
                columns.add(
                    c.path("fromField").asText()
                        + ">"
                        + c.path("toField").asText()
                        + " "
                        + c.path("transformation").asText()));
    assertThat(columns)
        .containsExactlyInAnyOrder(
            "id>colis_id DIRECT/IDENTITY", "weight>poids_kg DIRECT/TRANSFORMATION");

    JsonNode airflowGraph =
        consumer
            .get(
                "/api/v1/lineage/graph?namespace=postgres://pg-colis:5432"
                    + "&name=colis.public.codes_postaux&depth=1")
            .json();
    assertThat(airflowGraph.path("nodes").size()).isEqualTo(4);
    assertThat(airflowGraph.path("edges").size()).isEqualTo(3);
    assertThat(airflowGraph.path("columns").isNull()).isTrue();
  }

  @Test
  void refusesMalformedEventsAndCallersWithoutARole() throws IOException {
    Http.Response notJson = owner.postJson("/api/v1/lineage", "{not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.errorCode()).isEqualTo("INVALID_INPUT");
    Http.Response notAnEvent = owner.postJson("/api/v1/lineage", "{\"hello\": 1}");
    assertThat(notAnEvent.status()).isEqualTo(400);
    assertThat(notAnEvent.errorMessage()).contains("not an OpenLineage 2-0-2 event");
    String badRun =
        resource("airflow-start.json")
            .replace(
                "01934f2a-77c1-7d3e-9a10-5b6c7d8e9f00\",\n    \"facets", "run-1\",\n    \"facets");
    assertThat(badRun).contains("run-1");
    Http.Response refused = owner.postJson("/api/v1/lineage", badRun);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("INVALID_INPUT");
    Http.Response array = owner.postJson("/api/v1/lineage", "[]");
    assertThat(array.status()).isEqualTo(400);

    Http.Response consumerPost =
        consumer.postJson("/api/v1/lineage", resource("airflow-start.json"));
    assertThat(consumerPost.status()).isEqualTo(403);
    assertThat(consumerPost.errorCode()).isEqualTo("FORBIDDEN");
    assertThat(new Http(server.url()).get("/api/v1/lineage/graph?product=lineage-colis").status())
        .isEqualTo(401);
    assertThat(consumer.get("/api/v1/lineage/graph?product=nope").status()).isEqualTo(404);
    assertThat(consumer.get("/api/v1/lineage/graph?product=lineage-colis&depth=0").status())
        .isEqualTo(400);
    assertThat(consumer.get("/api/v1/lineage/graph").status()).isEqualTo(400);
  }

  @Test
  void aProductThatStaysInAnotherEntityIsAnOpaqueNode() {
    String event =
        """
        {"eventType": "COMPLETE", "eventTime": "2026-11-20T10:00:00Z",
         "producer": "https://github.com/dbt-labs/dbt-core", "schemaURL":
         "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run": {"runId": "0193a1b2-4c5d-7e6f-8a9b-0c1d2e3f4a99"},
         "job": {"namespace": "dbt-lbp", "name": "model.comptes.rapprochement"},
         "inputs": [{"namespace": "comptoir", "name": "lineage-colis"}],
         "outputs": [{"namespace": "comptoir", "name": "comptes-lbp"}]}
        """;
    Http.Response posted =
        new Http(server.url(), Fixtures.adminToken(comptoir)).postJson("/api/v1/lineage", event);
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);

    JsonNode seenFromColis =
        consumer.get("/api/v1/lineage/graph?product=lineage-colis&depth=2").json();
    List<String> kinds = new ArrayList<>();
    seenFromColis
        .path("nodes")
        .forEach(n -> kinds.add(n.path("kind").asText() + " " + n.path("name").asText("")));
    assertThat(kinds).contains("restricted ", "job model.comptes.rapprochement");
    assertThat(seenFromColis.toString()).doesNotContain("comptes-lbp");
    assertThat(consumer.get("/api/v1/lineage/graph?product=comptes-lbp").status()).isEqualTo(403);

    JsonNode seenByTheBank =
        bankUser.get("/api/v1/lineage/graph?product=lineage-colis&depth=2").json();
    assertThat(seenByTheBank.toString()).contains("comptes-lbp").doesNotContain("restricted");
    assertThat(bankUser.get("/api/v1/lineage/graph?product=comptes-lbp").status()).isEqualTo(200);
  }

  @Test
  void theProductPageLoadsTheGraphDrawnAsSvgWithItsColumns() throws IOException {
    Http.Response spark = owner.postJson("/api/v1/lineage", resource("spark-complete.json"));
    assertThat(spark.status()).as(spark.body()).isEqualTo(201);
    org.jsoup.nodes.Document page =
        org.jsoup.Jsoup.parse(consumer.get("/products/lineage-colis").body());
    org.jsoup.nodes.Element section = page.selectFirst("[data-testid=lineage]");
    assertThat(section).isNotNull();
    assertThat(section.attr("hx-get")).isEqualTo("/products/lineage-colis/lineage");

    Http.Response fragment = consumer.get("/products/lineage-colis/lineage");
    assertThat(fragment.status()).isEqualTo(200);
    org.jsoup.nodes.Document drawn = org.jsoup.Jsoup.parse(fragment.body());
    assertThat(drawn.select("svg[data-testid=lineage-graph]")).hasSize(1);
    assertThat(drawn.select("g.lineage-current").attr("data-node"))
        .isEqualTo("dataset:comptoir/lineage-colis");
    assertThat(drawn.select("g.lineage-job").size()).isGreaterThanOrEqualTo(2);
    assertThat(drawn.select("path.lineage-edge").size()).isGreaterThanOrEqualTo(3);
    assertThat(drawn.select("g.lineage-dataset title").eachText())
        .anyMatch(title -> title.contains("/warehouse/colis_enrichis"));
    assertThat(drawn.select("[data-testid=lineage-columns] tbody tr").eachText())
        .anyMatch(row -> row.contains("weight") && row.contains("poids_kg"));
    assertThat(fragment.body()).doesNotContain("<script").doesNotContain("style=");

    Http.Response none = consumer.get("/products/lineage-depot/lineage");
    assertThat(none.status()).isEqualTo(200);
  }

  @Test
  void aFlowRunNamesTheFileOfItsDropZone() throws IOException {
    Path zone = Files.createDirectories(dataDirectory.resolve("inbox/lineage"));
    Http.Response saved =
        owner.putYaml(
            "/api/v1/flows/lineage-depot-flow",
            """
            id: lineage-depot-flow
            product: lineage-depot
            source: {kind: file-drop, directory: inbox/lineage, pattern: "*.csv", stable-for: 1s}
            write: {mode: append}
            """);
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
    Path file = Fixtures.write(zone.resolve("lot-1.csv"), "id,weight\n11,1.5\n12,2.5\n");
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
    Http.Response ran = owner.postJson("/api/v1/flows/lineage-depot-flow/runs", "");
    assertThat(ran.status()).as(ran.body()).isEqualTo(200);

    List<JsonNode> events = eventsOf("flow.lineage-depot-flow");
    assertThat(events)
        .extracting(e -> e.path("eventType").asText())
        .containsExactly("START", "COMPLETE");
    events.forEach(this::assertValid);
    JsonNode input = events.get(1).path("inputs").get(0);
    assertThat(input.path("namespace").asText()).startsWith("file://");
    assertThat(input.path("name").asText())
        .isEqualTo(zone.toAbsolutePath().normalize().resolve("lot-1.csv").toString());
    assertThat(events.get(1).path("job").path("facets").path("jobType").path("jobType").asText())
        .isEqualTo("FLOW");
  }
}
