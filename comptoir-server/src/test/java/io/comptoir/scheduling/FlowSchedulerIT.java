package io.comptoir.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.comptoir.flow.FlowId;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler in a real server: file-arrival runs, retries with backoff, paused flows left alone,
 * metrics at /metrics and alerts posted to a webhook.
 */
class FlowSchedulerIT {
  @TempDir Path dataDirectory;

  private Comptoir comptoir;
  private io.comptoir.api.ApiServer server;
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
        Comptoir.open(Fixtures.configuration(dataDirectory, Map.of("flow-scheduler-seconds", "1")));
    Fixtures.seed(comptoir.catalog());
    Files.createDirectories(dataDirectory.resolve("inbox/dpd"));
    server = comptoir.startHttp();
    comptoir.startScheduler();
  }

  @AfterEach
  void stop() {
    server.close();
    comptoir.close();
    receiver.stop(0);
  }

  private void save(String yaml) {
    comptoir
        .flows()
        .save(
            new io.comptoir.identity.Principal(
                io.comptoir.identity.Username.of("olivier"),
                "BSCC",
                java.util.Set.of(Role.DATA_OWNER),
                Optional.empty()),
            Optional.empty(),
            yaml);
  }

  private String webhook() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
  }

  private Path drop(String name, String content) throws IOException {
    Path file = Fixtures.write(dataDirectory.resolve("inbox/dpd").resolve(name), content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    return file;
  }

  private String metrics() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void runsAFlowWhenAFileArrivesAndCountsItInTheMetrics() throws Exception {
    save(
        """
        id: colis-dpd
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, stable-for: 1s}
        write: {mode: append}
        trigger: {file-arrival: true}
        controls: {tolerated-reject-rate: 0.5}
        """);

    drop("a.csv", Fixtures.PARCELS_CSV);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).isPresent());
    assertThat(comptoir.ingestion().listRunsOfFlow("colis-dpd", 10)).hasSize(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(metrics())
                    .contains(
                        "comptoir_flow_runs_total{flow=\"colis-dpd\",outcome=\"succeeded\"} 1.0")
                    .contains("comptoir_flow_rows_total{flow=\"colis-dpd\",kind=\"read\"} 4.0")
                    .contains(
                        "comptoir_flow_rows_total{flow=\"colis-dpd\",kind=\"quarantined\"} 1.0")
                    .contains(
                        "comptoir_flow_run_duration_seconds_count{flow=\"colis-dpd\",outcome=\"succeeded\"} 1"));
  }

  @Test
  void runsAFlowOnItsCronScheduleAndCountsItsVersionAndBytes() throws Exception {
    server.close();
    comptoir.close();
    // a clock at second 45 of a minute when opened: the every-minute schedule is due 15 s later
    Instant now = Instant.now();
    java.time.Clock clock =
        java.time.Clock.offset(
            java.time.Clock.systemUTC(),
            Duration.between(
                now, now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(45)));
    comptoir =
        Comptoir.open(
            Fixtures.configuration(dataDirectory, Map.of("flow-scheduler-seconds", "1")), clock);
    server = comptoir.startHttp();
    save(
        """
        id: colis-cron
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, stable-for: 1s}
        write: {mode: append}
        trigger: {cron: "* * * * *"}
        controls: {tolerated-reject-rate: 0.5}
        """);
    Path file = drop("a.csv", Fixtures.PARCELS_CSV);
    long bytes = Files.size(file);
    comptoir.startScheduler();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).isPresent());
    assertThat(comptoir.ingestion().listRunsOfFlow("colis-cron", 10))
        .singleElement()
        .satisfies(
            run ->
                assertThat(run.startedAt().atZone(java.time.ZoneOffset.UTC).getSecond())
                    .as("started at the minute, not when the file came")
                    .isLessThan(30));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(metrics())
                    .contains(
                        "comptoir_flow_versions_total{flow=\"colis-cron\",mode=\"append\"} 1.0")
                    .contains(
                        "comptoir_flow_bytes_total{flow=\"colis-cron\",kind=\"source\"} "
                            + bytes
                            + ".0")
                    .contains(
                        "comptoir_flow_rows_total{flow=\"colis-cron\",kind=\"accepted\"} 3.0"));
  }

  @Test
  void retriesAFailingFlowWithBackoffThenGivesUpAndAlertsEachTime() throws Exception {
    save(
        """
        id: colis-absent
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/nulle-part}
        trigger: {cron: "* * * * *"}
        retries: {max: 2, backoff: 1s}
        alerts: {webhook: "%s"}
        """
            .formatted(webhook()));

    // the first run comes at the next minute: up to 60 s, then two retries 1 s and 2 s later
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(metrics())
                    .contains(
                        "comptoir_flow_runs_total{flow=\"colis-absent\",outcome=\"failed\"} 3.0")
                    .contains(
                        "comptoir_flow_failures_total{flow=\"colis-absent\",step=\"open the"
                            + " source\"} 3.0"));
    // alerts are posted in the background: the third may come just after the third run's count
    await().atMost(Duration.ofSeconds(10)).until(() -> alerts.size() >= 3);
    assertThat(alerts)
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(
            alert ->
                assertThat(alert)
                    .contains("\"event\":\"RUN_FAILED\"")
                    .contains("\"flow\":\"colis-absent\"")
                    .contains("\"product\":\"colis-suivi\"")
                    .contains("does not exist"));
  }

  @Test
  void leavesAPausedFlowAlone() throws Exception {
    save(
        """
        id: colis-pause
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, stable-for: 1s}
        trigger: {file-arrival: true}
        """);
    comptoir
        .flows()
        .setPaused(
            new io.comptoir.identity.Principal(
                io.comptoir.identity.Username.of("olivier"),
                "BSCC",
                java.util.Set.of(Role.DATA_OWNER),
                Optional.empty()),
            FlowId.of("colis-pause"),
            true);
    Path file = drop("a.csv", Fixtures.MORE_PARCELS_CSV);

    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> Files.exists(file));
    assertThat(comptoir.ingestion().listRunsOfFlow("colis-pause", 10)).isEmpty();
  }

  @Test
  void postsAnAlertWhenAFileRejectsTooManyRows() throws Exception {
    save(
        """
        id: colis-rejets
        product: colis-suivi
        source: {kind: file-drop, directory: inbox/dpd, stable-for: 1s}
        trigger: {file-arrival: true}
        controls: {tolerated-reject-rate: 0.1}
        retries: {max: 0, backoff: 1s}
        alerts: {webhook: "%s"}
        """
            .formatted(webhook()));

    drop("a.csv", Fixtures.PARCELS_CSV);

    await().atMost(Duration.ofSeconds(30)).until(() -> !alerts.isEmpty());
    assertThat(alerts.get(0))
        .contains("\"event\":\"REJECT_RATE_EXCEEDED\"")
        .contains("\"flow\":\"colis-rejets\"")
        .contains("1 of 4 rows rejected");
  }
}
