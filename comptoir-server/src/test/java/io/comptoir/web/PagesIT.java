package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The pages over real HTTP without a browser: login, CSRF, languages, escaping, browsing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesIT {
  static final String HOSTILE = "<script>window.pwned = 1</script><img src=x onerror=alert(1)>";

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    Instant now = comptoir.catalog().clock().instant();
    comptoir
        .catalog()
        .saveProduct(
            new DataProduct(
                ProductId.of("piege"),
                "Produit piégé " + HOSTILE,
                "Description " + HOSTILE,
                "BSCC",
                "colis",
                "owner@example.org",
                "",
                "",
                Classification.PUBLIC,
                List.of("<b>tag</b>"),
                List.of(),
                now,
                now));
    Fixtures.user(comptoir, "camille", "BGPN", Role.CONSUMER);
    Fixtures.user(comptoir, "olivier", "BSCC", Role.DATA_OWNER, Role.DATA_STEWARD);
    server = comptoir.startHttp();
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

  private WebClient client() {
    return new WebClient(server.url());
  }

  @Test
  void sendsAnonymousReadersToTheLoginPageAndBackAfterLogin() {
    WebClient client = client();

    WebClient.Answer home = client.get("/products?domain=colis");
    assertThat(home.status()).isEqualTo(302);
    assertThat(home.location()).contains("/login?next=%2Fproducts%3Fdomain%3Dcolis");

    client.get(home.location().orElseThrow());
    WebClient.Answer login =
        client.post(
            "/login",
            Map.of(
                "username",
                "camille",
                "password",
                Fixtures.PASSWORD,
                "next",
                "/products?domain=colis"));
    assertThat(login.status()).isEqualTo(302);
    assertThat(login.location()).contains("/products?domain=colis");
    assertThat(login.header("Set-Cookie"))
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax");

    Document page = client.get("/products?domain=colis").html();
    assertThat(page.select("[data-testid=user]").text()).isEqualTo("camille");
    assertThat(page.select("[data-testid=entity]").text()).isEqualTo("BGPN");
    assertThat(page.select("[data-testid=roles]").text()).isEqualTo("consommateur");
    assertThat(page.select("[data-testid=notifications-count]").text()).isEqualTo("0");
    assertThat(page.select("html").attr("lang")).isEqualTo("fr");
  }

  @Test
  void showsAWrongPasswordOnTheFormWithoutLoggingIn() {
    WebClient client = client();
    client.get("/login");

    WebClient.Answer answer =
        client.post(
            "/login", Map.of("username", "camille", "password", "wrong-password", "next", "/"));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.html().select("[data-testid=login-error]").text())
        .isEqualTo("Identifiant ou mot de passe incorrect.");
    assertThat(answer.html().select("#username").attr("value")).isEqualTo("camille");
    assertThat(client.get("/").status()).isEqualTo(302);
  }

  @Test
  void refusesFormsWithoutTheTokenOfTheSession() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    WebClient.Answer missing = client.postRaw("/logout", Map.of());
    WebClient.Answer forged = client.postRaw("/logout", Map.of("_csrf", "forged"));
    WebClient.Answer loginWithoutToken =
        client().postRaw("/login", Map.of("username", "camille", "password", Fixtures.PASSWORD));

    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.html().select("[data-testid=error] h1").text()).isEqualTo("Accès refusé");
    assertThat(missing.body()).contains("reload the page");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(loginWithoutToken.status()).isEqualTo(403);
    assertThat(client.get("/").status()).as("still logged in").isEqualTo(200);
  }

  @Test
  void logoutEndsTheSession() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    WebClient.Answer logout = client.post("/logout", Map.of());

    assertThat(logout.status()).isEqualTo(302);
    assertThat(client.get("/").status()).isEqualTo(302);
  }

  @Test
  void switchesToEnglishAndBackKeepingThePage() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    WebClient.Answer switched = client.get("/lang/en?next=%2Fproducts%3Fq%3Dcolis");
    assertThat(switched.status()).isEqualTo(302);
    assertThat(switched.location()).contains("/products?q=colis");
    Document english = client.get("/products?q=colis").html();
    assertThat(english.select("html").attr("lang")).isEqualTo("en");
    assertThat(english.select("h1").text()).isEqualTo("Catalog");
    assertThat(english.select("[data-testid=roles]").text()).isEqualTo("consumer");
    assertThat(english.select("a.lang").text()).isEqualTo("Français");

    client.get("/lang/fr?next=/");
    assertThat(client.get("/").html().select("h1").text()).isEqualTo("Accueil");
  }

  @Test
  void neverRedirectsOutsideComptoir() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    for (String next :
        List.of(
            "//evil.example/x",
            "https://evil.example/",
            "/\\evil.example",
            "javascript:alert(1)")) {
      WebClient.Answer answer =
          client.get(
              "/lang/en?next="
                  + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
      assertThat(answer.location()).as(next).contains("/");
    }
  }

  @Test
  void showsHostileProductTextAsText() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    WebClient.Answer answer = client.get("/products?q=piege");

    assertThat(answer.body()).doesNotContain("<script>window.pwned").doesNotContain("<img src=x");
    assertThat(answer.body()).contains("&lt;script&gt;window.pwned = 1&lt;/script&gt;");
    Document page = answer.html();
    assertThat(page.select("script")).allSatisfy(s -> assertThat(s.attr("src")).startsWith("/"));
    assertThat(page.select("[data-testid=products] p").text()).contains("Description " + HOSTILE);
    assertThat(page.select(".tags li").text()).isEqualTo("<b>tag</b>");
  }

  @Test
  void setsSecurityHeadersOnPages() {
    WebClient.Answer answer = client().get("/login");

    assertThat(answer.header("Content-Security-Policy"))
        .contains("default-src 'self'")
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void answersUnknownPagesWithAnHtmlPageAndUnknownApiRoutesWithJson() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    WebClient.Answer page = client.get("/no-such-page");
    WebClient.Answer api = client.get("/api/v1/no-such-route");

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.html().select("h1").text()).isEqualTo("Page ou objet introuvable");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.header("Content-Type")).startsWith("application/json");
    assertThat(api.body()).contains("\"NOT_FOUND\"");
  }

  @Test
  void browsesWithFacetsCountsAndWords() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    Document all = client.get("/products").html();
    assertThat(all.select("[data-testid=result-count]").text()).isEqualTo("3 produit(s)");
    assertThat(all.select("[data-testid=facet-entity] li").eachText())
        .containsExactly("BSCC 2", "LBP 1");

    Document bscc = client.get("/products?entity=BSCC").html();
    assertThat(bscc.select("[data-testid=products] h2").eachText())
        .allSatisfy(title -> assertThat(title).doesNotContain("Clients"));
    assertThat(bscc.select("[data-testid=facet-entity] a.selected").text()).isEqualTo("BSCC");
    assertThat(bscc.select("[data-testid=facet-classification] li").eachText())
        .containsExactly("interne 1", "public 1");

    Document words = client.get("/products?q=evenement+EXPEDIE").html();
    assertThat(words.select("[data-testid=products] h2").eachText())
        .containsExactly("Suivi des colis");

    Document none = client.get("/products?q=introuvable").html();
    assertThat(none.select("[data-testid=result-count]").text()).isEqualTo("0 produit(s)");
  }

  @Test
  void answersHtmxWithTheResultsOnly() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    WebClient.Answer partial = client.send("/products?q=colis", Map.of("HX-Request", "true"));

    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.body()).doesNotContain("<html").contains("data-testid=\"products\"");
  }

  @Test
  void refusesABadOffsetWithAClearError() {
    WebClient client = client().login("camille", Fixtures.PASSWORD);

    WebClient.Answer answer = client.get("/products?offset=-3");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.html().select(".detail").text())
        .isEqualTo("query parameter 'offset' must be a whole number ≥ 0, got '-3'");
  }

  @Test
  void showsTheHomePageWithDomainTiles() {
    WebClient client = client().login("olivier", Fixtures.PASSWORD);

    Document home = client.get("/").html();

    assertThat(home.select("[data-testid=domain-tiles] li").eachText())
        .containsExactly("Clients 1 produit(s)", "Colis 2 produit(s)");
    assertThat(home.select("[data-testid=roles]").text())
        .isEqualTo("propriétaire de données, data steward");
  }
}
