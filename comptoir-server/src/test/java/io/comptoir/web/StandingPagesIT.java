package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The glossary pages, the certification form, and the score on the product page and dashboard. */
class StandingPagesIT {
  @TempDir Path dataDirectory;
  private Comptoir comptoir;
  private ApiServer server;

  @BeforeEach
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    Fixtures.user(comptoir, "sophie", "BSCC", Role.DATA_STEWARD);
    Fixtures.user(comptoir, "dora", "LBP", Role.DATA_OFFICE);
    Fixtures.user(comptoir, "camille", "BGPN", Role.CONSUMER);
    server = comptoir.startHttp();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (comptoir != null) {
      comptoir.close();
    }
  }

  private WebClient login(String username) {
    return new WebClient(server.url()).login(username, Fixtures.PASSWORD);
  }

  @Test
  void aStewardWritesATermTheDataOfficeApprovesThenDeprecatesItAndTheColumnIsFlagged() {
    WebClient sophie = login("sophie");
    sophie.get("/glossary/new");
    WebClient.Answer refused =
        sophie.post("/glossary", Map.of("name", "Code postal", "definition", ""));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html().select("[data-testid=form-error]").text())
        .contains("term definition is required");

    WebClient.Answer created =
        sophie.post(
            "/glossary",
            Map.of(
                "name", "Code postal",
                "definition", "Code de la commune <b>distributrice</b>.",
                "synonyms", "CP, postcode"));
    assertThat(created.status()).isEqualTo(303);
    assertThat(created.location()).contains("/glossary/code-postal");
    Document term = sophie.get("/glossary/code-postal").html();
    assertThat(term.select("[data-testid=term-status]").text()).isEqualTo("Brouillon");
    assertThat(term.select("[data-testid=definition]").text())
        .isEqualTo("Code de la commune <b>distributrice</b>.");
    assertThat(term.select("[data-testid=synonyms]").text()).isEqualTo("CP, postcode");
    assertThat(term.select("[data-testid=status-form]")).isEmpty();

    comptoir
        .glossary()
        .linkColumn(
            io.comptoir.identity.Principal.of(
                comptoir
                    .identities()
                    .findUser(io.comptoir.identity.Username.of("sophie"))
                    .orElseThrow()),
            Fixtures.PARCELS,
            "destination",
            java.util.List.of("code-postal"));
    WebClient dora = login("dora");
    dora.get("/glossary/code-postal");
    assertThat(
            dora.post("/glossary/code-postal/status", Map.of("status", "APPROVED", "comment", "ok"))
                .status())
        .isEqualTo(303);
    assertThat(
            dora.get("/glossary?status=APPROVED")
                .html()
                .select("[data-testid=terms] tbody tr")
                .eachAttr("data-term"))
        .containsExactly("code-postal");
    Document product = sophie.get("/products/colis-suivi").html();
    assertThat(product.select("[data-testid=terms-destination] a").text()).isEqualTo("Code postal");
    assertThat(product.select("[data-testid=deprecated-destination]")).isEmpty();

    dora.get("/glossary/code-postal");
    dora.post(
        "/glossary/code-postal/status", Map.of("status", "DEPRECATED", "comment", "remplacé"));

    Document flagged = sophie.get("/products/colis-suivi").html();
    assertThat(flagged.select("[data-testid=deprecated-destination]").text())
        .isEqualTo("Terme obsolète");
    assertThat(sophie.get("/glossary/code-postal").html().select("[data-testid=deprecated-note]"))
        .hasSize(1);
  }

  @Test
  void aStewardLinksColumnsToTermsFromTheProductPage() {
    var office =
        io.comptoir.identity.Principal.of(
            comptoir.identities().findUser(io.comptoir.identity.Username.of("dora")).orElseThrow());
    comptoir
        .glossary()
        .create(
            office,
            java.util.Optional.of("poids"),
            new io.comptoir.glossary.GlossaryService.TermInput(
                "Poids", "Masse du colis.", java.util.List.of(), "", java.util.List.of()));
    comptoir
        .glossary()
        .create(
            office,
            java.util.Optional.of("code-postal"),
            new io.comptoir.glossary.GlossaryService.TermInput(
                "Code postal",
                "Code de la commune.",
                java.util.List.of(),
                "",
                java.util.List.of()));
    WebClient camille = login("camille");
    assertThat(camille.get("/products/colis-suivi").html().select("[data-testid=link-terms]"))
        .isEmpty();
    assertThat(camille.get("/products/colis-suivi/terms").status()).isEqualTo(403);

    WebClient sophie = login("sophie");
    Document product = sophie.get("/products/colis-suivi").html();
    assertThat(product.select("[data-testid=link-terms]").attr("href"))
        .isEqualTo("/products/colis-suivi/terms");
    Document form = sophie.get("/products/colis-suivi/terms").html();
    assertThat(form.select("select[name=terms.weight] option").eachAttr("value"))
        .containsExactlyInAnyOrder("poids", "code-postal");

    WebClient.Answer refused =
        sophie.post("/products/colis-suivi/terms", Map.of("terms.weight", "masse"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html().select("[data-testid=form-error]").text())
        .isEqualTo("Termes inconnus du glossaire : masse");
    assertThat(comptoir.glossary().columnTerms(Fixtures.PARCELS)).isEmpty();

    int before = comptoir.standing().score(Fixtures.PARCELS).orElseThrow();
    WebClient.Answer saved =
        sophie.post(
            "/products/colis-suivi/terms",
            Map.of("terms.weight", "poids", "terms.destination", "code-postal"));
    assertThat(saved.status()).isEqualTo(303);
    assertThat(saved.location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/products/colis-suivi"));
    assertThat(comptoir.glossary().columnTerms(Fixtures.PARCELS))
        .containsEntry("weight", java.util.List.of("poids"))
        .containsEntry("destination", java.util.List.of("code-postal"));
    Document linked = sophie.get("/products/colis-suivi").html();
    assertThat(linked.select("[data-testid=terms-weight] a").text()).isEqualTo("Poids");
    assertThat(linked.select("[data-testid=terms-destination] a").attr("href"))
        .isEqualTo("/glossary/code-postal");
    // glossary links count for documentation: the score went up
    assertThat(comptoir.standing().score(Fixtures.PARCELS).orElseThrow()).isGreaterThan(before);
    assertThat(
            comptoir
                .audit()
                .search(
                    new io.comptoir.audit.AuditQuery(
                        java.util.Optional.empty(),
                        java.util.Optional.of("COLUMN_TERMS_LINKED"),
                        java.util.Optional.empty(),
                        null)))
        .hasSize(2)
        .allSatisfy(event -> assertThat(event.entry().actor()).isEqualTo("sophie"));

    // nothing chosen for a column removes its links
    sophie.get("/products/colis-suivi/terms");
    assertThat(
            sophie
                .post("/products/colis-suivi/terms", Map.of("terms.destination", "code-postal"))
                .status())
        .isEqualTo(303);
    assertThat(comptoir.glossary().columnTerms(Fixtures.PARCELS)).containsOnlyKeys("destination");
  }

  @Test
  void theProductPageShowsTheBreakdownAndTheDataOfficeCertifiesThroughTheChecklist() {
    WebClient camille = login("camille");
    Document product = camille.get("/products/colis-suivi").html();
    int score = comptoir.standing().score(Fixtures.PARCELS).orElseThrow();
    assertThat(product.select("[data-testid=score]").text()).isEqualTo("Score " + score + "/100");
    assertThat(
            product
                .select("[data-testid=score-breakdown] tr[data-criterion]")
                .eachAttr("data-criterion"))
        .containsExactly(
            "documentation", "ownership", "classification", "quality", "freshness", "contract");
    // the reasons are written in the reader's language, from their codes
    assertThat(product.select("[data-testid=score-breakdown] tr[data-criterion=quality]").text())
        .contains("Qualité", "0.0 / 20.0", "aucune règle de qualité")
        .doesNotContain("no quality rules");
    assertThat(
            product
                .select("[data-testid=score-breakdown] tr[data-criterion=documentation] li")
                .eachAttr("data-reason"))
        .containsExactly(
            "documentation.description", "documentation.described", "documentation.linked");
    assertThat(
            product
                .select("[data-testid=score-breakdown] tr[data-criterion=documentation] li")
                .eachText())
        .contains("le produit a une description", "4 colonnes décrites sur 4");
    camille.get("/lang/en?next=/");
    Document english = camille.get("/products/colis-suivi").html();
    assertThat(english.select("[data-testid=score-breakdown] tr[data-criterion=quality]").text())
        .contains("Quality", "no quality rules");
    assertThat(
            english
                .select("[data-testid=score-breakdown] tr[data-criterion=documentation] li")
                .eachText())
        .contains("the product has a description", "4 of 4 columns are described");
    camille.get("/lang/fr?next=/");
    assertThat(product.select("[data-testid=certify]")).isEmpty();
    assertThat(camille.get("/products/colis-suivi/certification").status()).isEqualTo(403);

    WebClient dora = login("dora");
    assertThat(dora.get("/products/colis-suivi").html().select("[data-testid=certify]")).hasSize(1);
    Document form = dora.get("/products/colis-suivi/certification").html();
    assertThat(form.select("[data-testid=computed-items] tr[data-item]").eachAttr("data-item"))
        .contains("documentation>=60", "contract>=100");
    assertThat(form.select("[data-testid=computed-items] tr[data-item=documentation>=60]").text())
        .matches("documentation>=60 (Oui|Non) Documentation à [0-9]+ %, 60 % requis");
    String expiry = LocalDate.now(ZoneOffset.UTC).plusMonths(6).toString();
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("level", "BRONZE");
    answers.put("expiresOn", expiry);
    answers.put("tick.support-contact", "yes");
    answers.put("comment.support-contact", "support-colis@example.org");
    answers.put("comment.incident-process", "RB-12");
    WebClient.Answer refused = dora.post("/products/colis-suivi/certification", answers);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.html().select("[data-testid=form-error]").text())
        .contains("incident-process must be ticked with a comment");
    assertThat(refused.html().select("#comment-incident-process").val()).isEqualTo("RB-12");

    answers.put("tick.incident-process", "yes");
    WebClient.Answer granted = dora.post("/products/colis-suivi/certification", answers);
    assertThat(granted.status()).isEqualTo(303);
    assertThat(
            dora.get("/products/colis-suivi/certification")
                .html()
                .select("[data-testid=history] tr[data-status]")
                .eachAttr("data-status"))
        .containsExactly("IN_FORCE");
    // a second grant supersedes the first; the history says why in the reader's language
    dora.get("/products/colis-suivi/certification");
    assertThat(dora.post("/products/colis-suivi/certification", answers).status()).isEqualTo(303);
    Document history = dora.get("/products/colis-suivi/certification").html();
    assertThat(history.select("[data-testid=history] tr[data-status]").eachAttr("data-status"))
        .containsExactly("IN_FORCE", "SUPERSEDED");
    assertThat(history.select("[data-testid=history] tr[data-status=SUPERSEDED]").text())
        .contains("remplacée par une nouvelle certification");
    assertThat(
            camille
                .get("/products/colis-suivi")
                .html()
                .select("[data-testid=certification]")
                .text())
        .isEqualTo("Bronze");
    Document dashboard = dora.get("/dashboard").html();
    assertThat(dashboard.select("[data-testid=scores] tr[data-product=colis-suivi]").text())
        .contains("Suivi des colis", Integer.toString(score), "Bronze");
    assertThat(dashboard.select("[data-testid=scores] tr[data-product=clients]").text())
        .contains("Non certifié");
    // every reader's home page lists the products by score, with their certification
    Document home = camille.get("/").html();
    java.util.List<Integer> homeScores =
        home.select("[data-testid=scored] li[data-score]").eachAttr("data-score").stream()
            .map(Integer::valueOf)
            .toList();
    assertThat(homeScores)
        .hasSizeGreaterThan(1)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(home.select("[data-testid=scored] li[data-product=colis-suivi]").text())
        .contains("Suivi des colis", Integer.toString(score), "Bronze");
    assertThat(home.select("[data-testid=certified-BRONZE]").text())
        .isEqualTo("Bronze : 1 produit(s)");
    assertThat(home.select("[data-testid=certified-BRONZE]").attr("href"))
        .isEqualTo("/products?certification=BRONZE");
  }

  @Test
  void theCatalogPageSortsByDataScoreAndKeepsTheSortInItsLinks() {
    WebClient camille = login("camille");
    Document page = camille.get("/products?sort=score").html();
    assertThat(page.select("#sort option[selected]").attr("value")).isEqualTo("score");
    java.util.List<Integer> shown =
        page.select("[data-testid=products] li[data-score]").eachAttr("data-score").stream()
            .map(Integer::valueOf)
            .toList();
    java.util.List<Integer> expected =
        page.select("[data-testid=products] li[data-product]").eachAttr("data-product").stream()
            .map(id -> comptoir.standing().score(io.comptoir.catalog.ProductId.of(id)).orElse(-1))
            .sorted(java.util.Comparator.reverseOrder())
            .toList();
    assertThat(shown).hasSizeGreaterThan(1).isEqualTo(expected);
    assertThat(page.select("[data-testid=facet-domain] a").eachAttr("href"))
        .isNotEmpty()
        .allSatisfy(href -> assertThat(href).contains("sort=score"));
    java.util.List<String> titles =
        camille.get("/products?sort=title").html().select("[data-testid=products] h2").eachText();
    // titles compare without case nor accents (see docs/search.md)
    assertThat(titles)
        .hasSizeGreaterThan(1)
        .isSortedAccordingTo(
            java.util.Comparator.comparing(
                (String title) ->
                    java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "")
                        .toLowerCase(java.util.Locale.ROOT)));
    assertThat(camille.get("/products?sort=sideways").status()).isEqualTo(400);
  }
}
