package io.comptoir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowRun;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Comptoir servers, each with its own data directory, share one PostgreSQL (a schema of the
 * test's own): while a run of a flow goes on one, the other refuses to run it, through the lease in
 * {@code flow_locks}; once the run ends, the other runs it. Skipped when PostgreSQL is unreachable,
 * unless {@code -Dcomptoir.require-postgres=true} (CI), where it fails.
 */
class FlowLeaseAcrossServersIT {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Principal ADMIN =
      new Principal(Username.of("exploitant"), "BSCC", Set.of(Role.ADMIN), Optional.empty());
  private static final FlowId FLOW = FlowId.of("colis-api");

  @TempDir Path directory;
  private String schema;
  private HttpServer api;
  private final CountDownLatch answer = new CountDownLatch(1);
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    schema = "comptoir_it_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection =
            DriverManager.getConnection(URL + "?connectTimeout=5", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      schema = null;
      String message = "PostgreSQL is unreachable at " + URL + ": " + e.getMessage();
      if (Boolean.getBoolean("comptoir.require-postgres")) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    // the API answers once the test lets it: until then the run that asked holds its lease
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    api.createContext(
        "/colis",
        exchange -> {
          requests.incrementAndGet();
          try {
            answer.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body =
              "[{\"id\": 1, \"destination\": \"75001\", \"weight\": 1.5, \"shipped\": \"2024-01-02\"}]"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    api.start();
  }

  @AfterEach
  void stop() throws SQLException {
    answer.countDown();
    if (api != null) {
      api.stop(0);
    }
    if (schema != null) {
      try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private Comptoir open(String name) {
    return Comptoir.open(
        Fixtures.configuration(
            directory.resolve(name),
            Map.of("store-jdbc-url", URL + "?currentSchema=" + schema, "store-user", "postgres")));
  }

  @Test
  void runsAFlowOnOneServerAtATimeWhenTheyShareOnePostgresql() throws Exception {
    try (Comptoir first = open("server-a");
        Comptoir second = open("server-b")) {
      Fixtures.seed(first.catalog());
      first
          .flows()
          .save(
              ADMIN,
              Optional.empty(),
              """
              id: colis-api
              product: colis-suivi
              source: {kind: http, url: "http://127.0.0.1:%d/colis"}
              write: {mode: overwrite}
              """
                  .formatted(api.getAddress().getPort()));
      CompletableFuture<FlowRun> running =
          CompletableFuture.supplyAsync(() -> first.flowRunner().runNow(ADMIN, FLOW));
      await().atMost(Duration.ofSeconds(60)).until(() -> requests.get() == 1);

      assertThatThrownBy(() -> second.flowRunner().runNow(ADMIN, FLOW))
          .isInstanceOf(ComptoirException.class)
          .hasMessage("flow colis-api is running already: wait for its run to end")
          .satisfies(e -> assertThat(((ComptoirException) e).code()).isEqualTo(ErrorCode.CONFLICT));
      assertThat(requests.get()).as("the refused run did not read the source").isEqualTo(1);

      answer.countDown();
      FlowRun done = running.get(60, TimeUnit.SECONDS);
      assertThat(done.runs()).singleElement().satisfies(r -> assertThat(r.rowsAccepted()).isOne());
      FlowRun after = second.flowRunner().runNow(ADMIN, FLOW);
      assertThat(requests.get()).as("the lease was given back: the second server ran").isEqualTo(2);
      assertThat(after.runs()).as("the same records: no version").isEmpty();
      assertThat(second.ingestion().listVersions(Fixtures.PARCELS)).hasSize(1);
    }
  }
}
