package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The flows pages over HTTP: list, run history and chart, run now, pause and resume. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowPagesIT {
  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;

  @BeforeAll
  void start() throws IOException {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    Fixtures.user(comptoir, "olivier", "BSCC", Role.DATA_OWNER);
    Fixtures.user(comptoir, "camille", "BGPN", Role.CONSUMER);
    server = comptoir.startHttp();
    Files.createDirectories(dataDirectory.resolve("inbox/dpd"));
    save(
        """
            id: colis-dpd
            product: colis-suivi
            description: "Dépôts <script>alert(1)</script>"
            source: {kind: file-drop, directory: inbox/dpd, stable-for: 1s}
            write: {mode: append}
            controls: {tolerated-reject-rate: 0.1}
            """);
  }

  private void save(String yaml) {
    comptoir
        .flows()
        .save(
            new io.comptoir.identity.Principal(
                io.comptoir.identity.Username.of("olivier"),
                "BSCC",
                java.util.Set.of(Role.DATA_OWNER),
                java.util.Optional.empty()),
            java.util.Optional.empty(),
            yaml);
  }

  @AfterAll
  void stop() {
    server.close();
    comptoir.close();
  }

  private void drop(String name, String content) throws IOException {
    Path file = Fixtures.write(dataDirectory.resolve("inbox/dpd").resolve(name), content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
  }

  @Test
  void listsTheFlowsTheReaderManages() {
    Document owner =
        new WebClient(server.url()).login("olivier", Fixtures.PASSWORD).get("/flows").html();
    Document consumer =
        new WebClient(server.url()).login("camille", Fixtures.PASSWORD).get("/flows").html();

    assertThat(owner.select("[data-testid=flows] tbody th").eachText())
        .containsExactly("colis-dpd");
    assertThat(owner.select("nav a[href=/flows]").text()).isEqualTo("Flux");
    assertThat(consumer.select("[data-testid=no-flows]")).hasSize(1);
    assertThat(consumer.select("nav a[href=/flows]")).isEmpty();
  }

  @Test
  void runsAFlowFromItsPageAndShowsItsHistory() throws IOException {
    WebClient client = new WebClient(server.url()).login("olivier", Fixtures.PASSWORD);
    drop("a.csv", Fixtures.MORE_PARCELS_CSV);
    drop("b.csv", Fixtures.PARCELS_CSV);

    client.get("/flows/colis-dpd");
    WebClient.Answer ran = client.post("/flows/colis-dpd/run", Map.of());

    assertThat(ran.status()).isEqualTo(200);
    Document page = ran.html();
    assertThat(page.select("[data-testid=run-result]").text())
        .contains("2 lot(s) chargé(s) ou en échec")
        .contains("1 écarté(s) en erreur")
        .contains("b.csv");
    assertThat(page.select("[data-testid=runs] tbody tr")).hasSize(2);
    assertThat(page.select("[data-testid=runs] tbody tr td:nth-of-type(1)").eachText())
        .containsExactlyInAnyOrder("réussie", "échouée");
    String chart = page.select("[data-testid=runs-chart]").attr("data-chart");
    assertThat(chart).contains("\"kind\":\"bars\"").contains("\"Échecs\"");
    assertThat(page.select("[data-testid=document]").text()).contains("<script>alert(1)</script>");
    assertThat(page.select("[data-testid=replay]")).as("a button on the failed run").hasSize(1);
    String replayAction =
        page.select("[data-testid=replay]").parents().select("form").attr("action");
    WebClient.Answer replayed = client.post(replayAction, Map.of());
    assertThat(replayed.status()).as("the file fails again with the same rules").isEqualTo(200);
    assertThat(replayed.html().select("[data-testid=run-result]").text())
        .contains("1 écarté(s) en erreur");
    assertThat(ran.body()).doesNotContain("<script>alert(1)");
  }

  @Test
  void pausesAndResumesAFlow() {
    WebClient client = new WebClient(server.url()).login("olivier", Fixtures.PASSWORD);
    client.get("/flows/colis-dpd");

    WebClient.Answer paused = client.post("/flows/colis-dpd/pause", Map.of());
    assertThat(paused.status()).isEqualTo(303);
    assertThat(client.get("/flows/colis-dpd").html().select("[data-testid=paused]")).hasSize(1);
    assertThat(comptoir.flows().isPaused(io.comptoir.flow.FlowId.of("colis-dpd"))).isTrue();

    client.post("/flows/colis-dpd/resume", Map.of());
    assertThat(comptoir.flows().isPaused(io.comptoir.flow.FlowId.of("colis-dpd"))).isFalse();
  }

  @Test
  void refusesAnotherEntitysReaderAndShowsRunErrorsInThePage() {
    WebClient consumer = new WebClient(server.url()).login("camille", Fixtures.PASSWORD);
    assertThat(consumer.get("/flows/colis-dpd").status()).isEqualTo(403);

    save(
        "id: colis-absent\nproduct: colis-suivi\nsource: {kind: file-drop, directory: nulle-part}\n");
    WebClient client = new WebClient(server.url()).login("olivier", Fixtures.PASSWORD);
    client.get("/flows/colis-absent");
    WebClient.Answer ran = client.post("/flows/colis-absent/run", Map.of());

    assertThat(ran.status()).isEqualTo(400);
    assertThat(ran.html().select("[data-testid=flow-error]").text())
        .contains("drop zone")
        .contains("does not exist");
  }

  @Test
  void sendsAFileToAnUploadFlowFromItsPage() {
    save(
        "id: colis-guichet\nproduct: colis-suivi\nsource: {kind: upload, delimiter: \";\"}\n"
            + "write: {mode: append}\ncontrols: {tolerated-reject-rate: 0.1}\n");
    WebClient client = new WebClient(server.url()).login("olivier", Fixtures.PASSWORD);
    Document page = client.get("/flows/colis-guichet").html();
    assertThat(page.select("[data-testid=run-now]")).isEmpty();
    assertThat(page.select("[data-testid=flow-upload]").text())
        .isEqualTo("Envoyer le fichier au flux");

    WebClient.Answer sent =
        client.postFile(
            "/flows/colis-guichet/upload",
            Map.of(),
            "guichet.csv",
            "id;destination;weight;shipped\n701;75001;1.00;2024-05-01\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    Document result = sent.html();
    assertThat(result.select("[data-testid=run-result]").text()).isNotEmpty();
    assertThat(result.select("[data-testid=runs] tbody tr")).hasSize(1);
    assertThat(result.select("[data-testid=runs] tbody tr td").get(1).text())
        .isEqualTo("guichet.csv");

    WebClient.Answer refused =
        client.postFile(
            "/flows/colis-guichet/upload",
            Map.of(),
            "mauvais.csv",
            Fixtures.PARCELS_CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.html().select("[data-testid=flow-error]").text())
        .contains("mauvais.csv")
        .contains("rows rejected");
    assertThat(refused.html().select("[data-testid=runs] tbody tr")).hasSize(2);
  }
}
