package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.contract.AccessRequestForm;
import io.comptoir.contract.Consumer;
import io.comptoir.contract.ContractStatus;
import io.comptoir.contract.ContractTerms;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.LegalBasis;
import io.comptoir.contract.Masking;
import io.comptoir.contract.Purpose;
import io.comptoir.contract.PurposeCategory;
import io.comptoir.contract.UsageContract;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The governance pages in a real headless Chromium: an owner uploads a file with bad rows, the DPO
 * tightens a masking and approves, the owner approves, the data office reads the dashboard chart,
 * an administrator creates a user. Screenshots go to {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceBrowserIT {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Browser browser;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    Fixtures.user(comptoir, "olivier", "BSCC", Role.DATA_OWNER);
    Fixtures.user(comptoir, "denis", "LBP", Role.DPO);
    Fixtures.user(comptoir, "dora", "BSCC", Role.DATA_OFFICE);
    Fixtures.user(comptoir, "ada", "BSCC", Role.ADMIN);
    Fixtures.user(comptoir, "bruno", "BSCC", Role.CONSUMER);
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

  @BeforeEach
  void forgetTheLastReader() {
    browser.open("/login");
    browser.driver().manage().deleteAllCookies();
    browser.consoleErrors();
  }

  private void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anOwnerUploadsACsvWithBadRowsAndSeesTheQuarantine() throws IOException {
    Path csv =
        Fixtures.write(
            dataDirectory.resolve("colis-janvier.csv"),
            """
            id;destination;weight;shipped
            21;75001;1.50;2024-01-02
            22;13001;abc;2024-01-03
            23;69001;0.80;2024-01-04
            24;33000;lourd;2024-01-05
            25;59000;2.00;2024-01-06
            """);
    browser.login("olivier", Fixtures.PASSWORD);
    browser.open("/uploads");
    browser.find("[data-testid=loadable] a.button").click();
    browser.waitFor("[data-testid=upload-form]");
    assertThat(browser.path()).isEqualTo("/products/colis-suivi/upload");

    browser.find("#file").sendKeys(csv.toAbsolutePath().toString());
    browser.find("#rejectPercent").sendKeys("50");
    screenshot("upload-form");
    browser.find("[data-testid=upload-form] button[type=submit]").click();

    browser.waitFor("[data-testid=reconciliation]");
    assertThat(browser.path()).startsWith("/runs/");
    assertThat(browser.find("[data-testid=run-status]").getText()).isEqualTo("réussie");
    assertThat(browser.find("[data-testid=reconciliation]").getText())
        .startsWith("5 ligne(s) lue(s) = 3 acceptée(s) + 2 en quarantaine");
    List<WebElement> rows = browser.findAll("[data-testid=quarantine] tbody tr");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getText())
        .startsWith("3 weight CAST")
        .endsWith("22;13001;abc;2024-01-03");
    assertThat(rows.get(1).getText()).startsWith("5 weight CAST");
    screenshot("run-quarantine");
    browser.assertNoConsoleErrors();
  }

  @Test
  void theDpoTightensAMaskingThenTheOwnerApproves() {
    LocalDate today = comptoir.consumption().today();
    UsageContract request =
        comptoir
            .contracts()
            .request(
                new AccessRequestForm(
                    Fixtures.PARCELS,
                    new Consumer("bruno", Optional.empty(), "BSCC"),
                    new Purpose(
                        "Prévoir les tournées de livraison",
                        PurposeCategory.ANALYTICS,
                        LegalBasis.LEGITIMATE_INTERESTS,
                        "Moins de kilomètres",
                        "bruno"),
                    List.of("id", "destination", "shipped"),
                    Map.of("destination", Masking.MASK_NONE),
                    "",
                    new ContractTerms(today, today.plusMonths(6), Period.ofMonths(6)),
                    Optional.empty()));
    String card = "[data-testid=request][data-contract='" + request.id().value() + "']";

    browser.login("olivier", Fixtures.PASSWORD);
    browser.open("/approvals");
    assertThat(browser.find(card + " h2").getText()).startsWith("Suivi des colis");
    assertThat(browser.findAll(card + " form[data-testid=decide-DATA_OWNER]")).hasSize(1);
    browser.driver().manage().deleteAllCookies();

    browser.login("denis", Fixtures.PASSWORD);
    browser.open("/approvals");
    WebElement form = browser.find(card + " form[data-testid=decide-DPO]");
    new Select(
            form.findElement(
                org.openqa.selenium.By.cssSelector("select[name='masking.destination']")))
        .selectByValue("GENERALIZE");
    form.findElement(org.openqa.selenium.By.cssSelector("textarea[name=comment]"))
        .sendKeys("Le code postal suffit au département");
    screenshot("approvals-dpo");
    form.findElement(org.openqa.selenium.By.cssSelector("button[value=APPROVED]")).click();
    browser.waitFor("[data-testid=decided]");
    assertThat(browser.findAll(card)).isEmpty();
    browser.assertNoConsoleErrors();
    browser.driver().manage().deleteAllCookies();

    browser.login("olivier", Fixtures.PASSWORD);
    browser.open("/approvals");
    assertThat(browser.find(card + " [data-testid=committee] li[data-role=DPO]").getText())
        .startsWith("DPO : approuvé par denis");
    assertThat(browser.find(card + " [data-testid=masking-changes]").getText())
        .contains("destination");
    browser
        .find(card + " form[data-testid=decide-DATA_OWNER] textarea[name=comment]")
        .sendKeys("D'accord");
    browser.find(card + " form[data-testid=decide-DATA_OWNER] button[value=APPROVED]").click();
    browser.waitFor("[data-testid=decided]");
    assertThat(browser.findAll(card)).isEmpty();
    assertThat(browser.find("[data-testid=inbox-empty]").isDisplayed()).isTrue();
    browser.assertNoConsoleErrors();

    UsageContract active = comptoir.contracts().load(request.id());
    assertThat(active.status()).isEqualTo(ContractStatus.ACTIVE);
    assertThat(active.grant("destination").orElseThrow().masking()).isEqualTo(Masking.GENERALIZE);
  }

  @Test
  void theDataOfficeSeesTheConsumptionChart() {
    LocalDate today = comptoir.consumption().today();
    UsageContract contract =
        comptoir
            .contracts()
            .request(
                new AccessRequestForm(
                    Fixtures.PARCELS,
                    new Consumer("bruno", Optional.empty(), "BSCC"),
                    new Purpose(
                        "Tableau de bord",
                        PurposeCategory.REPORTING,
                        LegalBasis.CONTRACT,
                        "",
                        "bruno"),
                    List.of("id"),
                    Map.of(),
                    "",
                    new ContractTerms(today, today.plusMonths(3), Period.ofMonths(3)),
                    Optional.empty()));
    comptoir
        .consumption()
        .record(
            contract.id(),
            Fixtures.PARCELS,
            "bruno",
            Optional.empty(),
            new ExportSummary(120, 4096));

    browser.login("dora", Fixtures.PASSWORD);
    browser.open("/dashboard");

    browser.waitFor("[data-testid=consumption-chart] .uplot");
    assertThat(browser.findAll("[data-testid=consumption-chart] canvas")).isNotEmpty();
    assertThat(browser.find("[data-testid=total-reads]").getText()).startsWith("1 lecture(s)");
    assertThat(browser.find("[data-testid=products-by-reads] tbody tr").getText())
        .isEqualTo("Suivi des colis 1 120");
    new Select(browser.find("#days")).selectByValue("7");
    browser.find("#days").submit();
    browser.waitForPath("/dashboard?days=7");
    browser.waitFor("[data-testid=consumption-chart] .uplot");
    screenshot("dashboard");
    browser.assertNoConsoleErrors();
  }

  @Test
  void anAdministratorCreatesAUser() {
    browser.login("ada", Fixtures.PASSWORD);
    browser.open("/admin");
    browser.find("[data-testid=new-user]").click();
    browser.waitFor("[data-testid=user-form]");

    browser.find("#username").sendKeys("lea");
    browser.find("#displayName").sendKeys("Léa Juriste");
    browser.find("#email").sendKeys("lea@example.org");
    new Select(browser.find("#entity")).selectByValue("LBP");
    browser.find("#role-LEGAL").click();
    browser.find("#password").sendKeys("lea-password-1");
    screenshot("admin-user");
    browser.find("[data-testid=user-form] button[type=submit]").click();

    browser.waitFor("[data-testid=saved]");
    assertThat(browser.path()).startsWith("/admin?saved=");
    assertThat(browser.find("[data-testid=users] tr[data-user=lea]").getText())
        .isEqualTo("lea Léa Juriste lea@example.org LBP juriste actif");
    assertThat(comptoir.identities().loadUser(Username.of("lea")).roles())
        .containsExactly(Role.LEGAL);
    browser.assertNoConsoleErrors();
  }
}
