package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality section of the product page and the page where the rules are edited. */
class QualityPagesIT {
  private static final String RULES =
      "freshness:\n"
          + "  maxAge: PT24H\n"
          + "rules:\n"
          + "  - {name: id-unique, type: unique, columns: [id], severity: error}\n"
          + "  - {name: light, type: range, column: weight, max: 2, severity: warn}\n";

  @TempDir Path dataDirectory;
  private Comptoir comptoir;
  private ApiServer server;

  @BeforeEach
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    Fixtures.user(comptoir, "sophie", "BSCC", Role.DATA_STEWARD);
    Fixtures.user(comptoir, "camille", "BSCC", Role.CONSUMER);
    server = comptoir.startHttp();
  }

  @AfterEach
  void stop() {
    server.close();
    comptoir.close();
  }

  @Test
  void stewardsEditTheRulesAndTheProductPageShowsTheirResults() {
    WebClient steward = new WebClient(server.url()).login("sophie", Fixtures.PASSWORD);
    Document empty = steward.get("/products/colis-suivi").html();
    assertThat(empty.select("[data-testid=quality-none]")).hasSize(1);
    assertThat(empty.select("[data-testid=quality-edit]").attr("href"))
        .isEqualTo("/products/colis-suivi/quality");

    // a mistake is shown with its line, the text typed is kept
    String wrong = "rules:\n  - {name: a, type: unknown, column: id}\n";
    WebClient.Answer refused =
        steward.post("/products/colis-suivi/quality", Map.of("document", wrong));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html().select("[data-testid=quality-error]").text())
        .contains("line 2, rules[0].type: unknown type 'unknown'");
    assertThat(refused.html().select("[data-testid=quality-document]").text()).contains("unknown");

    WebClient.Answer saved =
        steward.post("/products/colis-suivi/quality", Map.of("document", RULES));
    assertThat(saved.status()).isEqualTo(303);
    assertThat(comptoir.quality().stored(Fixtures.PARCELS).orElseThrow().document())
        .isEqualTo(RULES);
    Document form = steward.get("/products/colis-suivi/quality").html();
    assertThat(form.select("[data-testid=quality-document]").text()).contains("id-unique");
    assertThat(form.select("[data-testid=quality-saved]").text()).contains("sophie");

    comptoir
        .ingestion()
        .ingest(
            IngestionRequest.of(
                    Fixtures.PARCELS,
                    Fixtures.write(dataDirectory.resolve("p.csv"), Fixtures.PARCELS_CSV))
                .withToleratedRejectRate(0.5),
            (phase, fraction) -> {});

    Document page = steward.get("/products/colis-suivi").html();
    assertThat(page.select("[data-testid=quality-rules] tbody tr")).hasSize(2);
    assertThat(page.select("[data-testid=quality-sla]").text()).contains("PT24H");
    assertThat(page.select("[data-testid=quality-summary]").text()).contains("1").contains("2");
    assertThat(page.select("[data-testid=quality-result-light]").text()).contains("1");
    assertThat(page.select("[data-testid=quality-chart]").attr("data-chart"))
        .contains("\"labels\":[\"v1\"]")
        .contains("50.0");
  }

  @Test
  void consumersSeeTheSectionButNotTheEditor() {
    io.comptoir.identity.Principal sophie =
        io.comptoir.identity.Principal.of(
            comptoir
                .identities()
                .findUser(io.comptoir.identity.Username.of("sophie"))
                .orElseThrow());
    comptoir.quality().save(sophie, Fixtures.PARCELS, RULES);
    WebClient consumer = new WebClient(server.url()).login("camille", Fixtures.PASSWORD);
    Document page = consumer.get("/products/colis-suivi").html();
    assertThat(page.select("[data-testid=quality-rules] tbody tr")).hasSize(2);
    assertThat(page.select("[data-testid=quality-edit]")).isEmpty();
    assertThat(page.select("[data-testid=quality-no-results]")).hasSize(1);
    assertThat(consumer.get("/products/colis-suivi/quality").status()).isEqualTo(403);
  }
}
