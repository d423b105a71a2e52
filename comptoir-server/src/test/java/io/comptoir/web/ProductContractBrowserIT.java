package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ContractId;
import io.comptoir.contract.Decision;
import io.comptoir.contract.Verdict;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.WriteMode;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A consumer's journey in headless Chromium: a product with masked sample and charts, an access
 * request whose approvers update as columns are chosen, the contract active after the committee, an
 * API token shown once, and the contract's timeline. Screenshots go to {@code target/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductContractBrowserIT {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Browser browser;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    ProductContractPagesIT.seedSubscribers(comptoir, dataDirectory);
    comptoir
        .ingestion()
        .ingest(
            IngestionRequest.of(
                    ProductContractPagesIT.SUBSCRIBERS,
                    Fixtures.write(
                        dataDirectory.resolve("more.csv"),
                        "id,email,city\n4,david.blanc@example.fr,Lille\nx,eve.noir@example.fr,Nice\n"))
                .withMode(WriteMode.APPEND)
                .withToleratedRejectRate(0.9),
            ProgressListener.NONE);
    Fixtures.user(comptoir, "claire", "BSCC", Role.CONSUMER);
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

  @Test
  void aConsumerRequestsAccessGetsTheContractAndATokenShownOnce() {
    browser.login("claire", Fixtures.PASSWORD);
    browser.consoleErrors();

    // the product: masked sample, charts drawn
    browser.open("/products/abonnes");
    browser.waitFor("[data-testid=versions-chart] .uplot");
    browser.waitFor("[data-testid=consumption-chart] .uplot");
    assertThat(browser.find("[data-testid=sample]").getAttribute("data-kind")).isEqualTo("MASKED");
    assertThat(browser.findAll("[data-testid=sample-table] td.masked")).hasSize(4);
    assertThat(browser.driver().getPageSource()).doesNotContain("alice.martin@example.fr");
    screenshot("product");
    browser.assertNoConsoleErrors();

    // the request form: the approvers follow the columns chosen
    browser.find("[data-testid=request-access] a").click();
    browser.waitFor("#request-form");
    assertThat(browser.find("[data-testid=committee-problem]").getText())
        .isEqualTo("Choisissez au moins une colonne pour voir qui devra approuver.");
    browser.find("#column-city").click();
    browser.waitFor("[data-testid=approvers] li[data-role=DATA_OWNER]");
    assertThat(roles()).containsExactly("DATA_OWNER");
    browser.find("#column-email").click();
    waitForRoles(List.of("DATA_OWNER", "DPO"));
    new Select(browser.find("#masking_email")).selectByValue("MASK_NULL");
    waitForRoles(List.of("DATA_OWNER"));
    new Select(browser.find("#masking_email")).selectByValue("HASH_KEYED");
    waitForRoles(List.of("DATA_OWNER", "DPO"));
    browser.find("#purpose").sendKeys("Prévenir les abonnés d'un retard de livraison");
    browser.find("#businessValue").sendKeys("moins d'appels au service client");
    screenshot("request");
    browser.assertNoConsoleErrors();
    browser.find("#request-form button[type=submit]").click();
    browser.waitFor("[data-testid=contract-status]");
    assertThat(browser.find("[data-testid=contract-status]").getText()).isEqualTo("demandé");
    ContractId id = new ContractId(browser.path().substring("/contracts/".length()));

    // the committee decides (its inbox is another page group)
    comptoir
        .contracts()
        .decide(
            id,
            new Decision(
                ApproverRole.DATA_OWNER,
                "olivier",
                Verdict.APPROVED,
                "d'accord",
                comptoir.catalog().clock().instant()),
            List.of());
    comptoir
        .contracts()
        .decide(
            id,
            new Decision(
                ApproverRole.DPO,
                "denis",
                Verdict.APPROVED,
                "haché, c'est suffisant",
                comptoir.catalog().clock().instant()),
            List.of());

    // my contracts: active; a token shown once
    browser.open("/contracts");
    assertThat(
            browser.find("tr[data-contract='" + id.value() + "'] [data-testid=status]").getText())
        .isEqualTo("actif");
    browser.find("#token-name").sendKeys("carnet de notes");
    browser.find("[data-testid=token-form] button[type=submit]").click();
    String secret = browser.find("[data-testid=secret]").getAttribute("value");
    assertThat(secret).startsWith("cpt_");
    screenshot("contracts-token");
    browser.open("/contracts");
    browser.waitFor("[data-testid=tokens]");
    assertThat(browser.driver().getPageSource()).doesNotContain(secret);
    assertThat(browser.findAll("[data-testid=issued-token]")).isEmpty();

    // the sample is now read under the contract, and the timeline tells the story
    browser.open("/products/abonnes");
    browser.waitFor("[data-testid=consumption-chart] .uplot");
    assertThat(browser.find("[data-testid=sample]").getAttribute("data-kind"))
        .isEqualTo("CONTRACT");
    assertThat(browser.driver().getPageSource()).doesNotContain("alice.martin@example.fr");
    browser.open("/contracts/" + id.value());
    browser.waitFor("[data-testid=timeline]");
    assertThat(
            browser.findAll("[data-testid=timeline] li").stream()
                .map(li -> li.getAttribute("data-kind"))
                .toList())
        .containsExactly("REQUESTED", "APPROVED", "APPROVED", "READS");
    assertThat(browser.find("[data-testid=timeline]").getText())
        .contains("Approuvé (DPO)", "haché, c'est suffisant");
    screenshot("contract-timeline");
    browser.assertNoConsoleErrors();
  }

  /** The approvers shown, read in one script so that an htmx swap cannot stale them. */
  @SuppressWarnings("unchecked")
  private List<String> roles() {
    return (List<String>)
        browser.script(
            "return Array.from(document.querySelectorAll('[data-testid=approvers] li'))"
                + ".map(function (li) { return li.getAttribute('data-role'); });");
  }

  private void waitForRoles(List<String> expected) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(driver -> roles().equals(expected));
    assertThat(browser.driver().findElements(By.cssSelector("#committee header"))).isEmpty();
  }

  private void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png =
          ((org.openqa.selenium.TakesScreenshot) browser.driver())
              .getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve("product-contract-" + name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
