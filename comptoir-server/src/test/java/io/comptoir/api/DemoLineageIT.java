package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.catalog.DataProduct;
import io.comptoir.demo.DemoCatalog;
import io.comptoir.demo.DemoLineage;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.lineage.LineageJson;
import io.comptoir.lineage.OpenLineageSchemas;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's lineage: loading the postcodes file into codes-postaux (events Comptoir emits) and the
 * demo's Airflow tasks (valid OpenLineage events) make a graph from the file to the parcels
 * products, with column edges; recording the demo again adds nothing.
 */
class DemoLineageIT {
  @TempDir Path dataDirectory;

  @Test
  void theGraphGoesFromThePostcodesFileToTheParcelsProducts() throws IOException {
    Path standards = Path.of("../../shared/standards/openlineage");
    if (!Files.isDirectory(standards)) {
      standards = Path.of("../shared/standards/openlineage");
    }
    OpenLineageSchemas schemas =
        new OpenLineageSchemas(standards.toAbsolutePath().normalize().toUri().toString());
    ObjectMapper mapper = new ObjectMapper();
    for (Map<String, Object> event :
        DemoLineage.events("comptoir", java.time.Instant.parse("2026-11-20T02:00:00Z"))) {
      assertThat(schemas.problems(mapper.readTree(LineageJson.write(event)))).isEmpty();
    }

    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()))) {
      var catalog = comptoir.catalog();
      DemoCatalog.entities().forEach(catalog::saveEntity);
      DemoCatalog.domains().forEach(catalog::saveDomain);
      for (DataProduct product : DemoCatalog.products(catalog.clock().instant())) {
        catalog.saveProduct(product);
      }
      Path file =
          Fixtures.write(
              dataDirectory.resolve("codes-postaux.csv"),
              "code_commune_insee,nom_commune,code_postal,ligne_5,libelle_acheminement,latitude,"
                  + "longitude\n01001,L ABERGEMENT CLEMENCIAT,01400,,L ABERGEMENT CLEMENCIAT,"
                  + "46.15,4.92\n75056,PARIS,75001,,PARIS,48.86,2.34\n");
      comptoir
          .ingestion()
          .ingest(IngestionRequest.of(DemoCatalog.POSTAL_CODES, file), ProgressListener.NONE);
      assertThat(comptoir.lineage().emitter().awaitIdle(Duration.ofSeconds(20))).isTrue();
      var now = catalog.clock().instant();
      assertThat(DemoLineage.record(comptoir.lineage().service(), now)).isEqualTo(2);
      assertThat(DemoLineage.record(comptoir.lineage().service(), now)).isZero();

      try (ApiServer server = comptoir.startHttp()) {
        Http consumer =
            new Http(server.url(), Fixtures.token(comptoir, "camille", "BSCC", Role.CONSUMER));
        JsonNode start = consumer.get("/api/v1/lineage/graph?product=codes-postaux&depth=1").json();
        String fileNode = findId(start, n -> n.path("name").asText().equals("codes-postaux.csv"));
        assertThat(fileNode).startsWith("dataset:file://");
        String namespace = fileNode.substring("dataset:".length(), fileNode.lastIndexOf('/'));

        JsonNode graph =
            consumer
                .get(
                    "/api/v1/lineage/graph?namespace="
                        + java.net.URLEncoder.encode(
                            namespace, java.nio.charset.StandardCharsets.UTF_8)
                        + "&name=codes-postaux.csv&depth=2&columns=true")
                .json();
        List<String> products = new ArrayList<>();
        graph.path("nodes").forEach(n -> products.add(n.path("product").asText("")));
        assertThat(products).contains("codes-postaux", "colis-expedies", "suivi-colis-evenements");
        List<String> columns = new ArrayList<>();
        graph
            .path("columns")
            .forEach(
                c -> columns.add(c.path("fromField").asText() + ">" + c.path("toField").asText()));
        assertThat(columns)
            .contains(
                "code_postal>code_postal_destination",
                "libelle_acheminement>commune_destination",
                "code_postal>code_postal_site");
      }
    }
  }

  private static String findId(JsonNode graph, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode node : graph.path("nodes")) {
      if (test.test(node)) {
        return node.path("id").asText();
      }
    }
    throw new AssertionError("no such node in " + graph);
  }
}
