package io.comptoir.cli;

import static io.comptoir.server.Fixtures.MORE_PARCELS_CSV;
import static io.comptoir.server.Fixtures.PARCELS_CSV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands run in-process over a real store and engine. */
class CliIT {
  @TempDir Path directory;

  private CliHarness cli;
  private Path parcels;

  @BeforeEach
  void seed() {
    try (Comptoir comptoir =
        Comptoir.open(Fixtures.configuration(directory.resolve("data"), Map.of()))) {
      Fixtures.seed(comptoir.catalog());
    }
    cli = new CliHarness(directory);
    parcels = Fixtures.write(directory.resolve("parcels.csv"), PARCELS_CSV);
  }

  @Test
  void ingestsAFileAndPrintsTheRun() {
    CliHarness.Result result =
        cli.run(
            "ingest",
            "colis-suivi",
            "parcels.csv",
            "--data-dir",
            "data",
            "--tolerated-reject-rate",
            "0.5");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("ingested parcels.csv into colis-suivi: version 1\n")
        .contains("rows read 4 = accepted 3 + quarantined 1\n")
        .contains("quarantined 1 row(s): ")
        .containsPattern("run [0-9a-f-]{36} in \\d+\\.\\d s");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void appendsWithOptions() {
    cli.run(
        "ingest",
        "colis-suivi",
        "parcels.csv",
        "--data-dir=data",
        "--set",
        "ingest-tolerated-reject-rate=0.5");
    Fixtures.write(directory.resolve("more.txt"), MORE_PARCELS_CSV.replace(';', '|'));

    CliHarness.Result result =
        cli.run(
            "ingest",
            "colis-suivi",
            "more.txt",
            "--data-dir=data",
            "--format=csv",
            "--delimiter=|",
            "--mode=append");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("version 2", "rows read 2 = accepted 2 + quarantined 0");
    assertThat(cli.run("versions", "colis-suivi", "--data-dir=data").out())
        .containsPattern("(?m)^2 +\\S+ +5 +\\d+ append +\\d+$")
        .containsPattern("(?m)^1 +\\S+ +3 +\\d+ overwrite +\\d+$");
  }

  @Test
  void drawsAProgressBarWhenAsked() {
    CliHarness.Result result =
        cli.run(
            "ingest",
            "colis-suivi",
            parcels.toString(),
            "--data-dir=data",
            "--tolerated-reject-rate=0.5",
            "--progress");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("\rchecksum", "\rvalidate", "\rcommit", "100%")
        .endsWith("\n");
  }

  @Test
  void drawsAProgressBarOnATerminal() {
    CliHarness terminal =
        new CliHarness(directory, Map.of(), CliContext.Terminal.INTERACTIVE, () -> {});

    CliHarness.Result result =
        terminal.run(
            "ingest",
            "colis-suivi",
            "parcels.csv",
            "--data-dir=data",
            "--tolerated-reject-rate=0.5");

    assertThat(result.err()).contains("\rvalidate");
  }

  @Test
  void reportsAnUnknownProductOnOneLineWithCode3() {
    CliHarness.Result result = cli.run("ingest", "nope", "parcels.csv", "--data-dir=data");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("error: product not found: nope\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void reportsAMissingFileOnOneLineWithCode2() {
    CliHarness.Result result = cli.run("ingest", "colis-suivi", "missing.csv", "--data-dir=data");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("error: file not found: " + directory.resolve("missing.csv") + "\n");
  }

  @Test
  void reportsADuplicateWithCode4() {
    cli.run(
        "ingest", "colis-suivi", "parcels.csv", "--data-dir=data", "--tolerated-reject-rate=0.5");

    CliHarness.Result result = cli.run("ingest", "colis-suivi", "parcels.csv", "--data-dir=data");

    assertThat(result.code()).isEqualTo(4);
    assertThat(result.err())
        .startsWith("error: parcels.csv was already ingested into colis-suivi as version 1")
        .endsWith("force to ingest it again\n");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void reportsTooManyRejectsOnOneLine() {
    CliHarness.Result result = cli.run("ingest", "colis-suivi", "parcels.csv", "--data-dir=data");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "error: parcels.csv: 1 of 4 rows rejected (25.00%), above the tolerated 5.00%: no"
                + " version created\n");
  }

  @Test
  void reportsABadOptionValueOnOneLine() {
    CliHarness.Result result =
        cli.run("ingest", "colis-suivi", "parcels.csv", "--data-dir=data", "--mode=upsert");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("error: mode must be one of append, overwrite, merge, scd2, got 'upsert'\n");
  }

  @Test
  void listsProducts() {
    CliHarness.Result result = cli.run("products", "--data-dir=data");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("ID ")
        .containsPattern("(?m)^clients +LBP +clients +CONFIDENTIAL +Clients$")
        .containsPattern("(?m)^colis-suivi +BSCC +colis +INTERNAL +Suivi des colis$")
        .endsWith("2 of 2 product(s)\n");
    assertThat(cli.run("products", "--data-dir=data", "--entity=LBP").out())
        .doesNotContain("colis-suivi")
        .endsWith("1 of 1 product(s)\n");
    assertThat(cli.run("products", "--data-dir=data", "--classification=internal").out())
        .contains("colis-suivi")
        .doesNotContain("CONFIDENTIAL");
  }

  @Test
  void listsVersionsOrSaysThereAreNone() {
    assertThat(cli.run("versions", "clients", "--data-dir=data").out())
        .isEqualTo("clients has no version yet\n");
    CliHarness.Result unknown = cli.run("versions", "nope", "--data-dir=data");
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).isEqualTo("error: product not found: nope\n");
  }

  @Test
  void readsTheDataDirectoryFromTheEnvironment() {
    CliHarness fromEnvironment =
        new CliHarness(
            directory,
            Map.of("COMPTOIR_DATA_DIR", directory.resolve("data").toString()),
            CliContext.Terminal.NONE,
            () -> {});

    assertThat(fromEnvironment.run("products").out()).endsWith("2 of 2 product(s)\n");
  }

  @Test
  void servesUntilStopped() throws Exception {
    CliHarness.Result user =
        cli.run("user", "add", "ada.admin", "--role=ADMIN", "--entity=BSCC", "--data-dir=data");
    assertThat(user.code()).as(user.err()).isZero();
    CliHarness.Result token =
        cli.run("token", "create", "ada.admin", "--name=test", "--days=1", "--data-dir=data");
    assertThat(token.code()).as(token.err()).isZero();
    CountDownLatch stop = new CountDownLatch(1);
    CliHarness serving = new CliHarness(directory, Map.of(), CliContext.Terminal.NONE, stop::await);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () ->
                serving.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "serve",
                    "--data-dir=data",
                    "--port=0"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                out.toString().contains("stopping")
                    || out.toString().contains("serving on")
                    || code.isDone());
    assertThat(err.toString()).isEmpty();
    Matcher url = Pattern.compile("serving on (http://localhost:\\d+)").matcher(out.toString());
    assertThat(url.find()).as(out.toString()).isTrue();
    HttpResponse<String> products =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url.group(1) + "/api/v1/products"))
                    .header("Authorization", "Bearer " + token.out().trim())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(products.statusCode()).isEqualTo(200);
    assertThat(products.body()).contains("\"total\":2");

    stop.countDown();

    assertThat(code.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).endsWith("stopping\n");
  }
}
