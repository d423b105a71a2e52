package io.comptoir.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.DataFile;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.RunId;
import io.comptoir.ingest.RunStatus;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.WriteMode;
import io.comptoir.quality.QualityFacts.RuleResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The events Comptoir builds, and events shaped like those of the Spark and Airflow integrations,
 * checked against the OpenLineage schemas of the shared standards folder; malformed events are
 * refused.
 */
class OpenLineageSchemasTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path STANDARDS = standards();
  private static final OpenLineageSchemas SHARED =
      new OpenLineageSchemas(STANDARDS.toUri().toString());
  private static final OpenLineageSchemas BUNDLED = new OpenLineageSchemas();
  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  private static final OpenLineageEvents EVENTS =
      new OpenLineageEvents("comptoir", "https://comptoir.example/");
  private static final OpenLineageEvents.Source FILE =
      new OpenLineageEvents.Source(
          new DatasetRef("file://host", "/data/inbox/codes.csv"), Optional.empty());

  private static Path standards() {
    for (String candidate :
        List.of("../../shared/standards/openlineage", "../shared/standards/openlineage")) {
      if (Files.isDirectory(Path.of(candidate))) {
        return Path.of(candidate).toAbsolutePath().normalize();
      }
    }
    throw new AssertionError("the shared standards folder is not beside the checkout");
  }

  private static JsonNode json(Map<String, Object> event) throws IOException {
    return MAPPER.readTree(LineageJson.write(event));
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = OpenLineageSchemasTest.class.getResourceAsStream(name)) {
      return MAPPER.readTree(in);
    }
  }

  private static void assertValid(JsonNode event) {
    assertThat(SHARED.problems(event)).as(event.toPrettyString()).isEmpty();
    assertThat(BUNDLED.problems(event)).isEmpty();
  }

  @Test
  void shipsTheSharedSchemasUnchanged() throws IOException {
    List<Path> files;
    try (Stream<Path> facets = Files.list(STANDARDS.resolve("facets"))) {
      files = Stream.concat(Stream.of(STANDARDS.resolve("OpenLineage.json")), facets).toList();
    }
    assertThat(files).hasSizeGreaterThan(30);
    for (Path file : files) {
      String resource = STANDARDS.relativize(file).toString().replace('\\', '/');
      try (InputStream bundled =
          OpenLineageSchemas.class
              .getClassLoader()
              .getResourceAsStream(OpenLineageSchemas.ROOT + resource)) {
        assertThat(bundled).as(resource).isNotNull();
        assertThat(bundled.readAllBytes()).as(resource).isEqualTo(Files.readAllBytes(file));
      }
    }
  }

  private static IngestionRun run(Optional<String> flow) {
    return IngestionRun.started(
        RunId.random(),
        ProductId.of("codes-postaux"),
        "codes.csv",
        "ab".repeat(32),
        120,
        WriteMode.OVERWRITE,
        T0,
        flow);
  }

  @Test
  void theIngestionEventsAreValidWithTheirFacets() throws IOException {
    IngestionRun started = run(Optional.of("codes-depot"));
    JsonNode start = json(EVENTS.ingestionStart(started, FILE));
    assertValid(start);
    assertThat(start.path("eventType").asText()).isEqualTo("START");
    assertThat(start.path("job").path("name").asText()).isEqualTo("flow.codes-depot");

    List<Column> schema =
        List.of(
            new Column(
                "code_postal", DataType.STRING, "Code postal", PersonalDataCategory.NONE, ""),
            new Column("nom_commune", DataType.STRING, "", PersonalDataCategory.NONE, ""));
    Version version =
        new Version(
            started.product(),
            4,
            T0.plusSeconds(3),
            schema,
            39_192,
            800_000,
            started.sourceChecksum(),
            started.id(),
            WriteMode.OVERWRITE,
            List.of(new DataFile("codes-postaux/v4/part-0.parquet", 39_192, 800_000)));
    IngestionRun done =
        new IngestionRun(
            started.id(),
            started.product(),
            RunStatus.SUCCEEDED,
            started.source(),
            started.sourceChecksum(),
            started.sourceBytes(),
            started.mode(),
            started.startedAt(),
            Optional.of(T0.plusSeconds(3)),
            39_200,
            39_192,
            8,
            Optional.empty(),
            Optional.of(4),
            Optional.empty(),
            List.of(),
            started.flow());
    JsonNode complete =
        json(
            EVENTS.ingestionComplete(
                done,
                FILE,
                version,
                List.of(
                    new RuleResult("code-non-nul", "not_null", "code_postal", "error", true, 0, ""),
                    new RuleResult(
                        "volume", "row_count_change", "", "warn", false, 0, "+40% rows"))));
    assertValid(complete);
    JsonNode output = complete.path("outputs").get(0);
    assertThat(output.path("name").asText()).isEqualTo("codes-postaux");
    assertThat(output.path("facets").path("version").path("datasetVersion").asText())
        .isEqualTo("4");
    assertThat(output.path("facets").path("schema").path("fields").get(0).path("name").asText())
        .isEqualTo("code_postal");
    assertThat(output.path("outputFacets").path("outputStatistics").path("rowCount").asLong())
        .isEqualTo(39_192);
    JsonNode assertions = output.path("facets").path("dataQualityAssertions").path("assertions");
    assertThat(assertions.get(0).path("assertion").asText()).isEqualTo("not_null");
    assertThat(assertions.get(0).path("column").asText()).isEqualTo("code_postal");
    assertThat(assertions.get(0).path("success").asBoolean()).isTrue();
    assertThat(assertions.get(1).path("success").asBoolean()).isFalse();
    assertThat(assertions.get(1).has("column")).isFalse();

    JsonNode fail =
        json(EVENTS.ingestionFail(started.failed(T0.plusSeconds(1), "schema: bad"), FILE));
    assertValid(fail);
    assertThat(fail.path("run").path("facets").path("errorMessage").path("message").asText())
        .isEqualTo("schema: bad");
  }

  @Test
  void theGovernedReadEventCarriesTheContractFacetCheckedAgainstItsSchema() throws IOException {
    JsonNode read =
        json(
            EVENTS.governedRead(
                new OpenLineageEvents.Read(
                    "0193a1b2-4c5d-7e6f-8a9b-0c1d2e3f4a5b",
                    T0,
                    "c-123",
                    "codes-postaux",
                    4,
                    "camille",
                    Optional.of("tableau-colis"),
                    "LBP",
                    "Couverture",
                    "ANALYTICS",
                    "LEGITIMATE_INTERESTS",
                    Map.of("code_postal", "MASK_NONE", "nom_commune", "HASH_KEYED"),
                    12),
                List.of("code_postal", "nom_commune")));
    assertValid(read);
    JsonNode facet = read.path("run").path("facets").path("comptoir_contract");
    assertThat(facet.path("_schemaURL").asText())
        .isEqualTo(
            "https://comptoir.example/assets/openlineage/ComptoirContractRunFacet.json"
                + "#/$defs/ComptoirContractRunFacet");
    assertThat(facet.path("columns").get(1).path("masking").asText()).isEqualTo("HASH_KEYED");

    ((ObjectNode) facet).remove("contractId");
    assertThat(SHARED.problems(read)).singleElement().asString().contains("contractId");
  }

  @Test
  void acceptsEventsShapedLikeThoseOfSparkAndAirflow() throws IOException {
    JsonNode spark = resource("spark-complete.json");
    JsonNode airflow = resource("airflow-start.json");
    assertValid(spark);
    assertValid(airflow);
    LineageEvent sparkEvent = LineageEvent.of(MAPPER.convertValue(spark, Map.class));
    assertThat(sparkEvent.columnEdges())
        .contains(
            new ColumnEdge(
                new DatasetRef("comptoir", "lineage-colis"),
                "weight",
                new DatasetRef("hdfs://namenode:8020", "/warehouse/colis_enrichis"),
                "poids_kg",
                "DIRECT/TRANSFORMATION"));
    LineageEvent airflowEvent = LineageEvent.of(MAPPER.convertValue(airflow, Map.class));
    assertThat(airflowEvent.inputs()).hasSize(2);
    assertThat(airflowEvent.job())
        .contains(new JobRef("airflow-prod", "colis_quotidien.joindre_codes_postaux"));
  }

  @Test
  void refusesMalformedEvents() throws IOException {
    ObjectNode noTime = (ObjectNode) resource("airflow-start.json");
    noTime.remove("eventTime");
    assertThat(SHARED.problems(noTime)).isNotEmpty();

    ObjectNode badType = (ObjectNode) resource("airflow-start.json");
    badType.put("eventType", "FINISHED");
    assertThat(SHARED.problems(badType)).isNotEmpty();

    ObjectNode badRun = (ObjectNode) resource("airflow-start.json");
    ((ObjectNode) badRun.path("run")).put("runId", "not-a-uuid");
    assertThat(SHARED.problems(badRun)).isNotEmpty();

    ObjectNode noNamespace = (ObjectNode) resource("spark-complete.json");
    ((ObjectNode) noNamespace.path("outputs").get(0)).remove("namespace");
    assertThat(SHARED.problems(noNamespace)).isNotEmpty();

    ObjectNode badFacet = (ObjectNode) resource("spark-complete.json");
    ((ObjectNode) badFacet.path("outputs").get(0).path("outputFacets").path("outputStatistics"))
        .put("rowCount", "many");
    assertThat(SHARED.problems(badFacet)).singleElement().asString().contains("outputStatistics");
  }
}
