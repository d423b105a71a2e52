package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole journey in headless Chromium, every step through the pages: a consumer of BGPN
 * searches, opens the parcels product of BSCC and asks for columns including a personal one in
 * clear; the owner, the DPO (who tightens that masking) and legal approve in their inboxes; the
 * consumer creates a token and downloads a CSV whose personal column is masked; the owner revokes
 * on the contract page; the next download is denied. Screenshots of each page go to
 * target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyBrowserIT {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Browser browser;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    comptoir
        .ingestion()
        .ingest(
            IngestionRequest.of(
                    Fixtures.PARCELS,
                    Fixtures.write(dataDirectory.resolve("colis.csv"), Fixtures.MORE_PARCELS_CSV))
                .withToleratedRejectRate(0.5),
            ProgressListener.NONE);
    Fixtures.user(comptoir, "camille", "BGPN", Role.CONSUMER);
    Fixtures.user(comptoir, "olivier", "BSCC", Role.DATA_OWNER);
    Fixtures.user(comptoir, "denis", "BSCC", Role.DPO);
    Fixtures.user(comptoir, "lea", "BSCC", Role.LEGAL);
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
  void fromSearchToMaskedDownloadToRevocation() throws Exception {
    // the consumer searches and opens the product
    as("camille");
    browser.open("/");
    screenshot("home");
    browser.find("#q").sendKeys("colis");
    browser.find("form[role=search] button[type=submit]").click();
    browser.waitForText("[data-testid=result-count]", "1 produit(s)");
    screenshot("search");
    browser.find("[data-testid=products] h2 a").click();
    browser.waitFor("[data-testid=sample]");
    assertThat(browser.find("h1").getText()).contains("Suivi des colis");
    screenshot("product");

    // asks for id, destination in clear (a personal column) and weight
    browser.find("[data-testid=request-access] a").click();
    browser.waitFor("#request-form");
    browser.find("#column-id").click();
    browser.find("#column-destination").click();
    browser.find("#column-weight").click();
    new Select(browser.find("#masking_destination")).selectByValue("MASK_NONE");
    browser.waitFor("[data-testid=approvers] li[data-role=DPO]");
    browser.find("#purpose").sendKeys("Suivre les délais de livraison par département");
    browser.find("#businessValue").sendKeys("Moins de réclamations");
    screenshot("request");
    browser.find("#request-form button[type=submit]").click();
    browser.waitFor("[data-testid=contract-status]");
    String contractPath = browser.path();
    assertThat(browser.find("[data-testid=contract-status]").getText()).isEqualTo("demandé");
    String contract = contractPath.substring("/contracts/".length());
    String card = "[data-testid=request][data-contract='" + contract + "']";

    // the owner approves
    as("olivier");
    decide(card, "DATA_OWNER", "Données de BSCC : d'accord");
    // the DPO tightens the destination to its department, then approves
    as("denis");
    browser.open("/approvals");
    WebElement dpo = browser.find(card + " form[data-testid=decide-DPO]");
    new Select(dpo.findElement(By.cssSelector("select[name='masking.destination']")))
        .selectByValue("GENERALIZE");
    dpo.findElement(By.cssSelector("textarea[name=comment]")).sendKeys("Le département suffit");
    screenshot("approvals-dpo");
    dpo.findElement(By.cssSelector("button[value=APPROVED]")).click();
    browser.waitFor("[data-testid=decided]");
    // legal approves: the consumer is of another entity
    as("lea");
    decide(card, "LEGAL", "Usage interne au groupe");

    // the consumer sees the contract active, creates a token, downloads masked data
    as("camille");
    browser.open("/contracts");
    assertThat(browser.find("tr[data-contract='" + contract + "'] [data-testid=status]").getText())
        .isEqualTo("actif");
    browser.find("#token-name").sendKeys("export tableur");
    browser.find("[data-testid=token-form] button[type=submit]").click();
    String secret = browser.find("[data-testid=secret]").getAttribute("value");
    screenshot("token");
    HttpResponse<String> download = download(secret);
    assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
    List<String> lines = download.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("id,destination,weight");
    assertThat(lines.subList(1, lines.size())).containsExactly("5,59,3.10", "6,67,0.40");
    browser.open(contractPath);
    assertThat(browser.find("[data-testid=masking-destination]").getText()).isEqualTo("généralisé");
    screenshot("contract");
    browser.assertNoConsoleErrors();

    // the owner revokes; the next download is denied
    as("olivier");
    browser.open(contractPath);
    browser.find("[data-testid=revoke-form] #reason").sendKeys("Fin de l'étude");
    browser.find("[data-testid=revoke-form] button[type=submit]").click();
    browser.waitForText("[data-testid=contract-status]", "révoqué");
    screenshot("revoked");
    HttpResponse<String> denied = download(secret);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("\"FORBIDDEN\"");
    browser.assertNoConsoleErrors();
  }

  private void as(String user) {
    browser.open("/login");
    browser.driver().manage().deleteAllCookies();
    browser.login(user, Fixtures.PASSWORD);
    browser.consoleErrors();
  }

  private void decide(String card, String role, String comment) {
    browser.open("/approvals");
    WebElement form = browser.find(card + " form[data-testid=decide-" + role + "]");
    form.findElement(By.cssSelector("textarea[name=comment]")).sendKeys(comment);
    form.findElement(By.cssSelector("button[value=APPROVED]")).click();
    browser.waitFor("[data-testid=decided]");
    assertThat(browser.findAll(card)).isEmpty();
  }

  private HttpResponse<String> download(String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/v1/products/colis-suivi/data?format=csv"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve("journey-" + name + ".png"),
          ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
