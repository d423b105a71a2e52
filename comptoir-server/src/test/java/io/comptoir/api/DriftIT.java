package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import io.comptoir.server.GatedProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real vintages of the La Poste postcodes file: the first with the coordinates in one field
 * ("lat,lon"), the second with them in two columns. Profiles, schema drift and its policy.
 */
class DriftIT {
  private static final ProductId POSTCODES = ProductId.of("codes-postaux");

  @TempDir Path dataDirectory;

  private Comptoir comptoir;

  /** Holds the versions' profiles until released. */
  private GatedProfiles profiles;

  private ApiServer server;
  private Http owner;
  private Path zone;
  private String firstVintage;
  private HttpServer receiver;
  private final List<String> alerts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/alerts",
        exchange -> {
          alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    comptoir =
        Comptoir.open(
            Fixtures.configuration(dataDirectory, Map.of()),
            java.time.Clock.systemUTC(),
            System.getenv(),
            engine -> profiles = GatedProfiles.holding(engine));
    Fixtures.seed(comptoir.catalog());
    Instant now = comptoir.catalog().clock().instant();
    comptoir
        .catalog()
        .saveProduct(
            new DataProduct(
                POSTCODES,
                "Codes postaux",
                "Base officielle des codes postaux",
                "BSCC",
                "colis",
                "data-colis@example.org",
                "",
                "La Poste",
                Classification.PUBLIC,
                List.of(),
                List.of(),
                now,
                now));
    server = comptoir.startHttp();
    owner =
        new Http(server.url())
            .withToken(Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER));
    zone = Files.createDirectories(dataDirectory.resolve("inbox/cp"));
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("io/comptoir/demo/laposte_hexasmal.csv")) {
      firstVintage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @AfterEach
  void stop() {
    server.close();
    comptoir.close();
    receiver.stop(0);
  }

  private void save(String policy) {
    String yaml =
        """
        id: codes-postaux
        product: codes-postaux
        source: {kind: file-drop, directory: inbox/cp, pattern: "*.csv", stable-for: 1s}
        write: {mode: overwrite}
        controls: {schema-drift: %s}
        alerts: {webhook: "http://127.0.0.1:%d/alerts"}
        """
            .formatted(policy, receiver.getAddress().getPort());
    Http.Response saved = owner.putYaml("/api/v1/flows/codes-postaux", yaml);
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
  }

  private void drop(String name, String content) throws IOException {
    Path file = Fixtures.write(zone.resolve(name), content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
  }

  private JsonNode run() {
    Http.Response response = owner.postJson("/api/v1/flows/codes-postaux/runs", "");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** The same file with "coordonnees_gps" split into "latitude" and "longitude". */
  private String secondVintage() {
    List<String> lines = new ArrayList<>();
    for (String line : firstVintage.split("\r?\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int cut = line.lastIndexOf(';');
      String head = line.substring(0, cut + 1);
      String gps = line.substring(cut + 1);
      if (gps.equals("coordonnees_gps")) {
        lines.add(head + "latitude;longitude");
      } else {
        lines.add(head + gps.replace(',', ';') + (gps.isEmpty() ? ";" : ""));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static JsonNode column(JsonNode profile, String name) {
    return StreamSupport.stream(profile.path("columns").spliterator(), false)
        .filter(c -> c.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no column " + name + " in " + profile));
  }

  @Test
  void profilesBothVintagesAndReportsTheSplitCoordinatesAsSchemaDrift() throws IOException {
    save("accept");
    drop("2024.csv", firstVintage);
    assertThat(run().path("runs").get(0).path("version").asInt()).isEqualTo(1);
    drop("2025.csv", secondVintage());
    JsonNode second = run();
    assertThat(second.path("failed")).as(second.toString()).isEmpty();
    assertThat(second.path("runs").get(0).path("version").asInt()).isEqualTo(2);

    // both versions are readable while their profiles wait: the profile, the drift and its alert
    // follow once the profiler is done
    assertThat(
            owner.get("/api/v1/products/codes-postaux/versions/2").json().path("profile").asText())
        .isEqualTo("COMPUTING");
    assertThat(owner.get("/api/v1/products/codes-postaux/versions/2/rows?limit=1").status())
        .isEqualTo(200);
    for (String path : List.of("versions/1/profile", "versions/2/profile", "versions/2/drift")) {
      Http.Response pending = owner.get("/api/v1/products/codes-postaux/" + path);
      assertThat(pending.status()).as(path).isEqualTo(404);
      assertThat(pending.errorCode()).isEqualTo("NOT_FOUND");
      assertThat(pending.errorMessage()).contains("is being computed; try again in a few seconds");
      assertThat(pending.retryAfter()).hasValue("2");
    }
    Fixtures.user(comptoir, "olivier", "BSCC", Role.DATA_OWNER);
    io.comptoir.web.WebClient browser =
        new io.comptoir.web.WebClient(server.url()).login("olivier", Fixtures.PASSWORD);
    org.jsoup.nodes.Document waiting = browser.get("/products/codes-postaux").html();
    assertThat(waiting.select("[data-testid=drift-computing]").text())
        .contains("en cours de calcul");
    assertThat(waiting.select("[data-testid=schema-drift]")).isEmpty();
    assertThat(alerts).isEmpty();

    profiles.release();
    awaitProfile(2);

    JsonNode first = owner.get("/api/v1/products/codes-postaux/versions/1/profile").json();
    assertThat(first.path("rows").asLong()).isEqualTo(39192);
    JsonNode gps = column(first, "coordonnees_gps");
    assertThat(gps.path("type").asText()).isEqualTo("string");
    assertThat(gps.path("topValues")).hasSize(10);
    assertThat(gps.path("histogram").isNull()).isTrue();
    JsonNode profile = owner.get("/api/v1/products/codes-postaux/versions/2/profile").json();
    JsonNode latitude = column(profile, "latitude");
    assertThat(latitude.path("type").asText()).isEqualTo("double");
    assertThat(latitude.path("nulls").asLong()).isEqualTo(gps.path("nulls").asLong());
    assertThat(latitude.path("quantiles")).hasSize(5);
    assertThat(latitude.path("quantiles").get(2).path("value").asDouble()).isBetween(42.0, 51.5);
    assertThat(latitude.path("histogram").path("edges")).hasSize(11);
    assertThat(latitude.path("histogram").path("counts")).hasSize(10);

    JsonNode drift = owner.get("/api/v1/products/codes-postaux/versions/2/drift").json();
    assertThat(drift.path("alerting").asBoolean()).isTrue();
    assertThat(drift.path("schemaChanges"))
        .extracting(c -> c.path("column").asText() + " " + c.path("change").asText())
        .containsExactlyInAnyOrder("coordonnees_gps removed", "latitude added", "longitude added");
    assertThat(drift.path("valueDrifts"))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.path("above").asBoolean()).as(d.toString()).isFalse());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(alerts)
                    .singleElement()
                    .satisfies(
                        alert ->
                            assertThat(alert)
                                .contains("\"event\":\"DRIFT\"")
                                .contains("\"product\":\"codes-postaux\"")
                                .contains("\"version\":2")
                                .contains("coordonnees_gps removed")
                                .contains("latitude added")));
    org.jsoup.nodes.Document page = browser.get("/products/codes-postaux").html();
    assertThat(page.select("[data-testid=drift-computing]")).isEmpty();
    assertThat(page.select("[data-testid=schema-drift] li").eachText())
        .contains("coordonnees_gps supprimée", "latitude ajoutée", "longitude ajoutée");
    assertThat(page.select("[data-testid=value-drift] tbody tr").eachText())
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row).endsWith(" non"));
    assertThat(comptoir.catalog().loadProduct(POSTCODES).columns())
        .extracting(c -> c.name())
        .contains("latitude", "longitude")
        .doesNotContain("coordonnees_gps");
  }

  /** Waits until the version's profile is stored, as a client would. */
  private void awaitProfile(int version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                owner
                    .get("/api/v1/products/codes-postaux/versions/" + version)
                    .json()
                    .path("profile")
                    .asText()
                    .equals("READY"));
  }

  @Test
  void failsTheRunWhenTheColumnsChangeUnderTheFailPolicy() throws IOException {
    profiles.release();
    save("fail");
    drop("2024.csv", firstVintage);
    run();
    drop("2025.csv", secondVintage());

    JsonNode result = run();

    assertThat(result.path("failed")).hasSize(1);
    assertThat(result.path("failed").get(0).asText())
        .startsWith("2025.csv: ")
        .contains("schema drift")
        .contains("coordonnees_gps")
        .contains("latitude");
    assertThat(comptoir.ingestion().findLatestVersion(POSTCODES).orElseThrow().number())
        .isEqualTo(1);
  }

  @Test
  void showsCountsOnlyForAColumnDeclaredPersonalAfterItWasProfiled() throws IOException {
    profiles.release();
    save("fail");
    drop("2024.csv", firstVintage);
    run();
    awaitProfile(1);
    DataProduct product = comptoir.catalog().loadProduct(POSTCODES);
    comptoir
        .catalog()
        .saveProduct(
            product.withColumns(
                product.columns().stream()
                    .map(
                        c ->
                            c.name().equals("nom_commune")
                                ? c.withDescription(
                                    "Commune", PersonalDataCategory.QUASI_IDENTIFIER)
                                : c)
                    .toList(),
                Instant.now()));

    JsonNode profile = owner.get("/api/v1/products/codes-postaux/versions/1/profile").json();

    JsonNode commune = column(profile, "nom_commune");
    assertThat(commune.path("personal").asBoolean()).isTrue();
    assertThat(commune.path("distinct").asLong()).isPositive();
    assertThat(commune.path("topValues")).isEmpty();
    assertThat(commune.path("min").isNull()).isTrue();
    assertThat(commune.path("max").isNull()).isTrue();
    assertThat(column(profile, "code_postal").path("topValues")).hasSize(10);
  }
}
