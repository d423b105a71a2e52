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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The pages in a real headless Chromium: login, header, language, search with htmx, escaping. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebBrowserIT {
  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Browser browser;

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
                "Produit piégé",
                "Texte " + PagesIT.HOSTILE,
                "BSCC",
                "colis",
                "owner@example.org",
                "",
                "",
                Classification.PUBLIC,
                List.of(),
                List.of(),
                now,
                now));
    Fixtures.user(comptoir, "camille", "BGPN", Role.CONSUMER);
    Fixtures.user(comptoir, "olivier", "BSCC", Role.DATA_OWNER);
    server = comptoir.startHttp();
    browser = Browser.start(server.url());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (comptoir != null) {
      comptoir.close();
    }
  }

  @org.junit.jupiter.api.BeforeEach
  void forgetTheLastReader() {
    browser.open("/login");
    browser.driver().manage().deleteAllCookies();
  }

  @Test
  void logsInSearchesWithHtmxSwitchesLanguageAndLogsOut() {
    browser.open("/products");
    assertThat(browser.path()).startsWith("/login?next=");
    browser.find("#username").sendKeys("camille");
    browser.find("#password").sendKeys(Fixtures.PASSWORD + Keys.ENTER);

    browser.waitFor("[data-testid=user]");
    assertThat(browser.path()).isEqualTo("/products");
    assertThat(browser.find("[data-testid=entity]").getText()).isEqualTo("BGPN");
    assertThat(browser.find("[data-testid=roles]").getText()).isEqualTo("consommateur");
    assertThat(browser.findAll("[data-testid=products] > li")).hasSize(3);

    // typing updates the results through htmx, without reloading the page
    browser.script("document.body.dataset.marker = 'same-page'");
    browser.find("#q").sendKeys("evenement");
    browser.waitForText("[data-testid=result-count]", "1 produit(s)");
    assertThat(browser.script("return document.body.dataset.marker")).isEqualTo("same-page");
    assertThat(browser.find("[data-testid=products] h2").getText()).isEqualTo("Suivi des colis");
    // the address follows the form, the order chosen included
    browser.waitForPath("/products?q=evenement&sort=relevance");
    new org.openqa.selenium.support.ui.Select(browser.find("#sort")).selectByValue("score");
    browser.waitForPath("/products?q=evenement&sort=score");
    assertThat(browser.script("return document.body.dataset.marker")).isEqualTo("same-page");

    browser.find("a.lang").click();
    browser.waitForText("h1", "Catalog");
    assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
    assertThat(browser.path()).isEqualTo("/products?q=evenement&sort=score");

    browser.find("form[action='/logout'] button").click();
    browser.waitFor("#username");
    assertThat(browser.path()).isEqualTo("/login");
    browser.assertNoConsoleErrors();
  }

  @Test
  void showsAScriptInADescriptionAsText() {
    browser.login("camille", Fixtures.PASSWORD);
    browser.open("/products?q=piege");

    WebElement description = browser.find("[data-testid=products] p:not(.muted)");
    assertThat(description.getText()).isEqualTo("Texte " + PagesIT.HOSTILE);
    assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);
    assertThat(browser.findAll("[data-testid=products] img")).isEmpty();
    browser.assertNoConsoleErrors();
  }

  @Test
  void drawsTheRunsOfAFlowAndRunsItFromItsPage() throws java.io.IOException {
    java.nio.file.Path zone =
        java.nio.file.Files.createDirectories(dataDirectory.resolve("inbox/navigateur"));
    comptoir
        .flows()
        .save(
            new io.comptoir.identity.Principal(
                io.comptoir.identity.Username.of("olivier"),
                "BSCC",
                java.util.Set.of(Role.DATA_OWNER),
                java.util.Optional.empty()),
            java.util.Optional.empty(),
            "id: colis-navigateur\nproduct: colis-suivi\nwrite: {mode: append}\n"
                + "controls: {tolerated-reject-rate: 0.5}\n"
                + "source: {kind: file-drop, directory: inbox/navigateur, stable-for: 1s}\n");
    java.nio.file.Path file = Fixtures.write(zone.resolve("a.csv"), Fixtures.PARCELS_CSV);
    java.nio.file.Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
    browser.login("olivier", Fixtures.PASSWORD);
    browser.open("/flows");
    browser.find("[data-testid=flows] a[href='/flows/colis-navigateur']").click();

    browser.find("[data-testid=run-now]").click();

    browser.waitForText("[data-testid=run-result]", "1 lot(s)");
    browser.waitFor("[data-testid=runs-chart] .uplot");
    assertThat(browser.findAll("[data-testid=runs-chart] canvas")).isNotEmpty();
    assertThat(browser.findAll("[data-testid=runs] tbody tr")).hasSize(1);
    browser.assertNoConsoleErrors();
  }

  @Test
  void letsTheKeyboardSkipToTheContent() {
    browser.login("camille", Fixtures.PASSWORD);
    browser.open("/");

    browser.find("body").sendKeys(Keys.TAB);
    WebElement focused = browser.driver().switchTo().activeElement();
    assertThat(focused.getAttribute("class")).isEqualTo("skip");
    assertThat(focused.isDisplayed()).isTrue();
    focused.sendKeys(Keys.ENTER);
    assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("main");
  }
}
