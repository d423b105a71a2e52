package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The search route on a real server: words, facets, highlights, changes followed, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {
  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http http;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    http = new Http(server.url(), Fixtures.adminToken(comptoir));
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

  private static List<String> ids(JsonNode result) {
    List<String> ids = new ArrayList<>();
    result.path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  @Test
  void findsWithFrenchAnalysisAndHighlightsTheWords() {
    JsonNode result = http.get("/api/v1/search?q=colis+expedies").json();

    assertThat(ids(result)).containsExactly("colis-suivi");
    assertThat(result.path("total").asLong()).isEqualTo(1);
    assertThat(result.path("items").get(0).path("descriptionHighlighted").asText())
        .isEqualTo("Un événement par <mark>colis</mark> <mark>expédié</mark>");
    assertThat(http.get("/api/v1/search?q=livraison").json().path("related").findValuesAsText("id"))
        .containsExactly("colis");
  }

  @Test
  void countsFacetsAndFilters() {
    JsonNode all = http.get("/api/v1/search").json();
    assertThat(all.path("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(all.path("facets").path("entity").findValuesAsText("value")).contains("BSCC", "LBP");
    assertThat(all.path("facets").path("certification").findValuesAsText("value"))
        .containsExactly("NONE");

    JsonNode lbp = http.get("/api/v1/search?entity=LBP&sort=title").json();
    assertThat(ids(lbp)).containsExactly("clients");
    assertThat(lbp.path("facets").path("entity").findValuesAsText("value")).contains("BSCC", "LBP");
  }

  @Test
  void anApprovedGlossaryTermLendsItsSynonymsToTheSearch() {
    assertThat(http.get("/api/v1/search?q=paquet").json().path("total").asLong()).isZero();
    Http.Response term =
        http.postJson(
            "/api/v1/glossary",
            """
            {"id": "colis-terme", "name": "Colis", "definition": "Un envoi remis à La Poste.",
             "synonyms": ["paquet"]}
            """);
    assertThat(term.status()).as(term.body()).isEqualTo(201);
    // a draft term's synonyms do not count
    assertThat(http.get("/api/v1/search?q=paquet").json().path("items").size()).isZero();

    Http.Response approved =
        http.postJson("/api/v1/glossary/colis-terme/status", "{\"status\": \"APPROVED\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);

    assertThat(ids(http.get("/api/v1/search?q=paquet").json())).contains("colis-suivi");
  }

  @Test
  void followsProductsSavedThroughTheApi() {
    assertThat(http.get("/api/v1/search?q=hydravion").json().path("total").asLong()).isZero();
    Http.Response saved =
        http.putJson(
            "/api/v1/products/hydravions",
            """
            {"title": "Hydravions postaux", "description": "Les vols des hydravions.",
             "entity": "BSCC", "domain": "colis", "owner": "data-colis@example.org",
             "classification": "INTERNAL"}
            """);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);

    assertThat(ids(http.get("/api/v1/search?q=hydravion").json())).containsExactly("hydravions");
  }

  @Test
  void refusesBadParametersWithAClearError() {
    Http.Response limit = http.get("/api/v1/search?q=colis&limit=500");
    Http.Response sort = http.get("/api/v1/search?q=colis&sort=popular");
    Http.Response query = http.get("/api/v1/search?q=" + "a".repeat(501));

    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.body()).contains("INVALID_INPUT").contains("limit");
    assertThat(sort.status()).isEqualTo(400);
    assertThat(sort.body()).contains("sort");
    assertThat(query.status()).isEqualTo(400);
    assertThat(query.body()).contains("at most 500");
  }

  @Test
  void needsACredential() {
    assertThat(new Http(server.url()).get("/api/v1/search?q=colis").status()).isEqualTo(401);
  }
}
