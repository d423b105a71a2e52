package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow pulling a paged JSON API served on 127.0.0.1, run over HTTP. */
class HttpFlowRunIT {
  private static final String PAGE_1 =
      """
      {"data": [{"id": 1, "destination": "75001", "weight": "1.50", "shipped": "2024-01-02"},
                {"id": 2, "destination": "l'\\"Haÿ\\"\\n;--", "weight": 0.8, "shipped": "2024-01-03"}]}
      """;
  private static final String PAGE_2 =
      """
      {"data": [{"id": 3, "destination": "33000", "weight": "abc", "shipped": "2024-01-04"}]}
      """;

  @TempDir Path dataDirectory;

  private HttpServer api;
  private final AtomicReference<String> lastPage = new AtomicReference<>(PAGE_2);
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private Comptoir comptoir;
  private ApiServer server;
  private Http owner;

  @BeforeEach
  void start() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/colis",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          String query = exchange.getRequestURI().getQuery();
          String body =
              query.contains("page=1&") ? PAGE_1 : query.contains("page=2&") ? lastPage.get() : "";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body.isEmpty() ? 404 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    api.start();
    comptoir =
        Comptoir.open(
            Fixtures.configuration(dataDirectory, Map.of()),
            Clock.systemUTC(),
            Map.of("COLIS_API_TOKEN", "t0k3n"));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    owner =
        new Http(server.url())
            .withToken(Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER));
    Http.Response saved =
        owner.putYaml(
            "/api/v1/flows/colis-api",
            """
            id: colis-api
            product: colis-suivi
            source:
              kind: http
              url: http://127.0.0.1:%d/colis
              items: /data
              headers: {Authorization: "Bearer ${env:COLIS_API_TOKEN}"}
              pagination: {kind: page, parameter: page, size-parameter: per_page, size: 2}
            write: {mode: overwrite}
            controls: {tolerated-reject-rate: 0.5}
            """
                .formatted(api.getAddress().getPort()));
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
  }

  @AfterEach
  void stop() {
    server.close();
    comptoir.close();
    api.stop(0);
  }

  private Http.Response run() {
    return owner.postJson("/api/v1/flows/colis-api/runs", "");
  }

  @Test
  void pullsEveryPageIntoOneSnapshotAndSkipsAnIdenticalPull() {
    JsonNode first = run().json();

    assertThat(first.path("runs")).hasSize(1);
    assertThat(first.path("runs").get(0).path("rowsRead").asLong()).isEqualTo(3);
    assertThat(first.path("runs").get(0).path("rowsQuarantined").asLong()).isEqualTo(1);
    assertThat(authorization.get()).isEqualTo("Bearer t0k3n");
    var version = comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow();
    assertThat(
            comptoir
                .ingestion()
                .read(version, List.of("id", "destination", "weight", "shipped"), 0, 10)
                .rows())
        .containsExactlyInAnyOrder(
            List.of(1L, "75001", new BigDecimal("1.50"), LocalDate.parse("2024-01-02")),
            List.of(2L, "l'\"Haÿ\"\n;--", new BigDecimal("0.80"), LocalDate.parse("2024-01-03")));

    assertThat(run().json().path("runs")).as("the same records: no version").isEmpty();
    lastPage.set(
        """
        {"data": [{"id": 3, "destination": "33000", "weight": "2.25", "shipped": "2024-01-04"}]}
        """);
    assertThat(run().json().path("runs")).hasSize(1);
    assertThat(comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow().rowCount())
        .isEqualTo(3);
  }

  @Test
  void failsTheRunWithTheUrlAndStatusOfAPageThatFails() {
    lastPage.set("");

    Http.Response response = run();

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage())
        .isEqualTo(
            "flow colis-api: GET http://127.0.0.1:%d/colis?page=2&per_page=2 answered HTTP 404"
                .formatted(api.getAddress().getPort()));
    assertThat(comptoir.ingestion().findLatestVersion(Fixtures.PARCELS)).isEmpty();
  }
}
