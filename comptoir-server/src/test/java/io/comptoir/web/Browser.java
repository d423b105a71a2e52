package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the Debian packages {@code chromium} and {@code chromium-driver}, driven
 * by Selenium. Without them the browser tests are skipped, unless {@code comptoir.require-browser}
 * is true (CI: {@code .ci/run} installs them), where they fail.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final String baseUrl;
  private final Path profile;

  private Browser(ChromeDriver driver, String baseUrl, Path profile) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.profile = profile;
  }

  /** Starts a browser with an empty profile, or skips the test when none is installed. */
  public static Browser start(String baseUrl) {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed) {
      if (Boolean.getBoolean("comptoir.require-browser")) {
        throw new AssertionError(
            "Chromium is required (comptoir.require-browser=true) but "
                + CHROMIUM
                + " or "
                + CHROMEDRIVER
                + " is missing: apt-get install chromium chromium-driver");
      }
      Assumptions.abort(
          "no Chromium: install the Debian packages chromium and chromium-driver to run the browser"
              + " tests");
    }
    try {
      Path profile = Files.createTempDirectory("comptoir-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--window-size=1280,900",
          "--user-data-dir=" + profile);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver, baseUrl, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public Browser open(String path) {
    driver.get(baseUrl + path);
    return this;
  }

  public WebElement find(String css) {
    return waitFor(css);
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits up to 10 s for an element to be visible. */
  public WebElement waitFor(String css) {
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits up to 10 s for the text of an element to contain the text. */
  public void waitForText(String css, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  /** Waits up to 10 s for the address bar to show the path (htmx pushes it after a swap). */
  public void waitForPath(String path) {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlToBe(baseUrl + path));
  }

  /** Logs in through the login page. */
  public Browser login(String username, String password) {
    open("/login");
    find("#username").sendKeys(username);
    find("#password").sendKeys(password);
    find("form.stack button[type=submit]").click();
    waitFor("[data-testid=user]");
    return this;
  }

  public String path() {
    return driver.getCurrentUrl().substring(baseUrl.length());
  }

  /** Runs JavaScript in the page and returns its result. */
  public Object script(String script) {
    return driver.executeScript(script);
  }

  /**
   * The console messages of severity SEVERE since the last call (CSP violations, script errors).
   */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Fails when the page logged errors (a blocked script or style, a failed asset). */
  public void assertNoConsoleErrors() {
    assertThat(consoleErrors()).isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
