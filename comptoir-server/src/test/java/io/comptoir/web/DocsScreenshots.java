package io.comptoir.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Takes the screenshots of the README's tour from a running demo ({@code ./comptoir demo}): not a
 * test, a tool. Usage, from comptoir-server with the test classpath: {@code java -cp ...
 * io.comptoir.web.DocsScreenshots http://localhost:8080 ../docs/images}.
 */
public final class DocsScreenshots {
  private DocsScreenshots() {}

  public static void main(String[] args) throws IOException {
    String url = args.length > 0 ? args[0] : "http://localhost:8080";
    Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "../docs/images"));
    try (Browser browser = Browser.start(url)) {
      browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 860));
      browser.login("camille.consommatrice", "comptoir-demo");
      browser.open("/");
      shoot(browser, out.resolve("ui-home.png"));
      browser.open("/products?q=colis");
      browser.waitFor("[data-testid=products]");
      shoot(browser, out.resolve("ui-catalog.png"));
      browser.open("/login");
      browser.driver().manage().deleteAllCookies();
      browser.login("olivier.proprietaire", "comptoir-demo");
      browser.open("/products/" + (args.length > 2 ? args[2] : "colis-expedies"));
      browser.waitFor("[data-testid=versions-chart] .uplot");
      browser.script("document.querySelector('[data-testid=sample]').scrollIntoView()");
      browser.script("window.scrollBy(0, -120)");
      shoot(browser, out.resolve("ui-product.png"));
    }
  }

  private static void shoot(Browser browser, Path file) throws IOException {
    Files.write(file, ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    System.out.println("wrote " + file);
  }
}
