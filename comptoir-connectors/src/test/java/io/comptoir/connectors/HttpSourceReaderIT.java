package io.comptoir.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.comptoir.catalog.ProductId;
import io.comptoir.flow.Alerts;
import io.comptoir.flow.Controls;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowWriteMode;
import io.comptoir.flow.HttpSource;
import io.comptoir.flow.Pagination;
import io.comptoir.flow.Retries;
import io.comptoir.flow.SourceBatch;
import io.comptoir.flow.Trigger;
import io.comptoir.flow.WriteSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP reader against a real HTTP server on 127.0.0.1 serving pages of five records. */
class HttpSourceReaderIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RECORDS = 5;

  @TempDir Path work;

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/all", exchange -> send(exchange, 200, records(0, RECORDS)));
    server.createContext(
        "/pages",
        exchange -> {
          Map<String, String> query = query(exchange);
          int size = Integer.parseInt(query.getOrDefault("per_page", "2"));
          int page = Integer.parseInt(query.get("page"));
          ObjectNode body = JSON.createObjectNode();
          body.set("data", records((page - 1) * size, size));
          send(exchange, 200, body);
        });
    server.createContext(
        "/offsets",
        exchange -> {
          Map<String, String> query = query(exchange);
          int offset = Integer.parseInt(query.get("offset"));
          ObjectNode body = JSON.createObjectNode();
          body.putObject("result").set("rows", records(offset, 2));
          send(exchange, 200, body);
        });
    server.createContext(
        "/links",
        exchange -> {
          int from = Integer.parseInt(query(exchange).getOrDefault("cursor", "0"));
          ObjectNode body = JSON.createObjectNode();
          body.set("items", records(from, 2));
          if (from + 2 < RECORDS) {
            body.putObject("links").put("next", "/links?cursor=" + (from + 2));
          } else {
            body.putObject("links").putNull("next");
          }
          send(exchange, 200, body);
        });
    server.createContext(
        "/elsewhere",
        exchange -> {
          ObjectNode body = JSON.createObjectNode();
          body.set("items", records(0, 1));
          body.put("next", "http://127.0.0.2:1/steal");
          send(exchange, 200, body);
        });
    server.createContext(
        "/endless",
        exchange -> {
          ObjectNode body = JSON.createObjectNode();
          body.set("data", records(0, 1));
          send(exchange, 200, body);
        });
    server.createContext(
        "/down", exchange -> send(exchange, 503, JSON.createObjectNode().put("error", "down")));
    server.createContext(
        "/moved",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/all");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/html",
        exchange -> {
          byte[] body = "<html><body>maintenance</body></html>".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.createContext(
        "/whoami",
        exchange -> {
          ArrayNode body = JSON.createArrayNode();
          body.addObject()
              .put("authorization", exchange.getRequestHeaders().getFirst("Authorization"))
              .put("tenant", exchange.getRequestHeaders().getFirst("X-Tenant"));
          send(exchange, 200, body);
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Map<String, String> query(HttpExchange exchange) {
    requests.add(exchange.getRequestURI().toString());
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] parts = pair.split("=", 2);
        query.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return query;
  }

  /** Records {@code from} to {@code from + count - 1}, cut at the last one. */
  private static ArrayNode records(int from, int count) {
    ArrayNode records = JSON.createArrayNode();
    for (int id = from + 1; id <= Math.min(from + count, RECORDS); id++) {
      records
          .addObject()
          .put("id", id)
          .put("destination", "750" + id)
          .put("note", id == 3 ? "ligne \"1\"\nligne 2" : "é");
    }
    return records;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static FlowDefinition flow(HttpSource source) {
    return new FlowDefinition(
        FlowId.of("bureaux"),
        ProductId.of("bureaux"),
        "",
        source,
        WriteSpec.of(FlowWriteMode.OVERWRITE),
        Trigger.manual(),
        Controls.defaults(),
        Retries.defaults(),
        Alerts.none());
  }

  private Optional<SourceBatch> read(HttpSource source, Map<String, String> environment) {
    try (HttpSourceReader reader = new HttpSourceReader(flow(source), environment, work, 50)) {
      Optional<SourceBatch> batch = reader.next(Map.of());
      assertThat(reader.next(Map.of())).as("one batch per run").isEmpty();
      return batch;
    }
  }

  private static List<JsonNode> lines(SourceBatch batch) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(batch.file())) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  private static List<Integer> ids(SourceBatch batch) throws IOException {
    return lines(batch).stream().map(r -> r.path("id").asInt()).toList();
  }

  @Test
  void pullsOnePageWithoutPagination() throws IOException {
    SourceBatch batch =
        read(new HttpSource(url("/all"), "", Pagination.none(), Map.of()), Map.of()).orElseThrow();

    assertThat(ids(batch)).containsExactly(1, 2, 3, 4, 5);
    assertThat(lines(batch).get(2).path("note").asText()).isEqualTo("ligne \"1\"\nligne 2");
    assertThat(batch.name()).isEqualTo(url("/all").toString());
    assertThat(batch.progress()).containsOnlyKeys(HttpSourceReader.CHECKSUM);
  }

  @Test
  void pullsNumberedPagesUntilOneIsShort() throws IOException {
    Pagination pages = new Pagination(Pagination.Kind.PAGE, "page", "per_page", 2, "");

    SourceBatch batch =
        read(new HttpSource(url("/pages?lang=fr&page=9"), "/data", pages, Map.of()), Map.of())
            .orElseThrow();

    assertThat(ids(batch)).containsExactly(1, 2, 3, 4, 5);
    assertThat(requests)
        .containsExactly(
            "/pages?lang=fr&page=1&per_page=2",
            "/pages?lang=fr&page=2&per_page=2",
            "/pages?lang=fr&page=3&per_page=2");
  }

  @Test
  void pullsNumberedPagesWithoutASizeUntilOneIsEmpty() throws IOException {
    Pagination pages = new Pagination(Pagination.Kind.PAGE, "page", "", 100, "");

    SourceBatch batch =
        read(new HttpSource(url("/pages"), "/data", pages, Map.of()), Map.of()).orElseThrow();

    assertThat(ids(batch)).containsExactly(1, 2, 3, 4, 5);
    assertThat(requests).hasSize(4).last().isEqualTo("/pages?page=4");
  }

  @Test
  void advancesTheOffsetByTheRecordsReceived() throws IOException {
    Pagination offsets = new Pagination(Pagination.Kind.OFFSET, "offset", "limit", 2, "");

    SourceBatch batch =
        read(new HttpSource(url("/offsets"), "/result/rows", offsets, Map.of()), Map.of())
            .orElseThrow();

    assertThat(ids(batch)).containsExactly(1, 2, 3, 4, 5);
    assertThat(requests)
        .containsExactly(
            "/offsets?offset=0&limit=2", "/offsets?offset=2&limit=2", "/offsets?offset=4&limit=2");
  }

  @Test
  void followsNextLinksUntilThereIsNone() throws IOException {
    Pagination links = new Pagination(Pagination.Kind.NEXT_LINK, "", "", 100, "/links/next");

    SourceBatch batch =
        read(new HttpSource(url("/links"), "/items", links, Map.of()), Map.of()).orElseThrow();

    assertThat(ids(batch)).containsExactly(1, 2, 3, 4, 5);
    assertThat(requests).containsExactly("/links", "/links?cursor=2", "/links?cursor=4");
  }

  @Test
  void refusesANextLinkToAnotherServer() {
    Pagination links = new Pagination(Pagination.Kind.NEXT_LINK, "", "", 100, "/next");
    HttpSource source =
        new HttpSource(
            url("/elsewhere"), "/items", links, Map.of("Authorization", "Bearer ${env:TOKEN}"));

    assertThatThrownBy(() -> read(source, Map.of("TOKEN", "t0ken")))
        .hasMessage(
            "flow bureaux: GET "
                + url("/elsewhere")
                + ": the next page's URL http://127.0.0.2:1/steal is not on "
                + url(""));
  }

  @Test
  void stopsAPaginationThatNeverEnds() {
    Pagination pages = new Pagination(Pagination.Kind.PAGE, "page", "", 100, "");

    assertThatThrownBy(
            () -> read(new HttpSource(url("/endless"), "/data", pages, Map.of()), Map.of()))
        .hasMessage(
            "flow bureaux: "
                + url("/endless")
                + " gave more than 50 pages: the pagination does not end");
  }

  @Test
  void substitutesEnvironmentVariablesInHeaders() throws IOException {
    HttpSource source =
        new HttpSource(
            url("/whoami"),
            "",
            Pagination.none(),
            Map.of("Authorization", "Bearer ${env:API_TOKEN}", "X-Tenant", "${env:A}-${env:B}"));

    SourceBatch batch =
        read(source, Map.of("API_TOKEN", "s3cr$t\\1", "A", "bscc", "B", "colis")).orElseThrow();

    JsonNode seen = lines(batch).get(0);
    assertThat(seen.path("authorization").asText()).isEqualTo("Bearer s3cr$t\\1");
    assertThat(seen.path("tenant").asText()).isEqualTo("bscc-colis");
    assertThatThrownBy(() -> read(source, Map.of("A", "a", "B", "b")))
        .hasMessage(
            "flow bureaux: header Authorization names environment variable API_TOKEN, which is"
                + " not set");
  }

  @Test
  void failsClearlyOnAnErrorStatusARedirectOrAnAnswerThatIsNotJson() {
    HttpSource down = new HttpSource(url("/down"), "", Pagination.none(), Map.of());
    HttpSource moved = new HttpSource(url("/moved"), "", Pagination.none(), Map.of());
    HttpSource html = new HttpSource(url("/html"), "", Pagination.none(), Map.of());
    HttpSource noArray = new HttpSource(url("/all"), "/data", Pagination.none(), Map.of());
    HttpSource closed =
        new HttpSource(URI.create("http://127.0.0.1:1/api"), "", Pagination.none(), Map.of());

    assertThatThrownBy(() -> read(down, Map.of()))
        .hasMessage("flow bureaux: GET " + url("/down") + " answered HTTP 503");
    assertThatThrownBy(() -> read(moved, Map.of()))
        .hasMessage("flow bureaux: GET " + url("/moved") + " answered HTTP 302");
    assertThatThrownBy(() -> read(html, Map.of()))
        .hasMessageStartingWith(
            "flow bureaux: GET " + url("/html") + ": the response is not JSON: ")
        .hasMessageContaining("Unexpected character ('<'");
    assertThatThrownBy(() -> read(noArray, Map.of()))
        .hasMessage(
            "flow bureaux: GET "
                + url("/all")
                + ": no array of records at '/data' in the response");
    assertThatThrownBy(() -> read(closed, Map.of()))
        .hasMessageStartingWith("flow bureaux: GET http://127.0.0.1:1/api failed: ");
  }

  @Test
  void makesNoBatchForAnEmptyPullOrOneIdenticalToTheLastVersion() {
    HttpSource empty = new HttpSource(url("/pages?page=1"), "/data", Pagination.none(), Map.of());
    HttpSource all = new HttpSource(url("/all"), "", Pagination.none(), Map.of());

    assertThat(read(empty, Map.of())).isPresent();
    SourceBatch first = read(all, Map.of()).orElseThrow();
    try (HttpSourceReader reader = new HttpSourceReader(flow(all), Map.of(), work)) {
      assertThat(reader.next(first.progress())).isEmpty();
    }
    HttpSource none = new HttpSource(url("/pages?page=9"), "/data", Pagination.none(), Map.of());
    assertThat(read(none, Map.of())).isEmpty();
  }
}
