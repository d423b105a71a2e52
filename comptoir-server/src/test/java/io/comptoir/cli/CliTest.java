package io.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the CLI does without touching a store or an engine. */
class CliTest {
  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(strings = {"serve", "demo", "ingest", "products", "versions", "config"})
  void printsHelpOfEachCommand(String command) {
    CliHarness.Result result = new CliHarness(directory).run(command, "--help");

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("Usage: comptoir " + command);
    assertThat(result.out()).contains("--data-dir", "--set", "--config");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void printsTopLevelHelpListingTheCommands() {
    CliHarness.Result result = new CliHarness(directory).run("--help");

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("serve", "demo", "ingest", "products", "versions");
  }

  @Test
  void printsUsageAndFailsWithoutACommand() {
    CliHarness.Result result = new CliHarness(directory).run();

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).startsWith("Usage: comptoir");
  }

  @Test
  void reportsAnUnknownOptionOnOneLine() {
    CliHarness.Result result = new CliHarness(directory).run("products", "--colour=blue");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("error: Unknown option: '--colour=blue' (see 'comptoir products --help')\n");
  }

  @Test
  void reportsAMissingParameterOnOneLine() {
    CliHarness.Result result = new CliHarness(directory).run("ingest", "colis-suivi");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("error: Missing required parameter: 'FILE' (see 'comptoir ingest --help')\n");
  }

  @Test
  void reportsAConfigurationErrorOnOneLine() {
    CliHarness.Result result = new CliHarness(directory).run("config", "--set", "http-port=x");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "error: configuration key 'http-port': expected a port number 0-65535, got 'x' (from"
                + " command line)\n");
  }

  @Test
  void reportsAnUnknownConfigurationKeyOnOneLine() {
    CliHarness.Result result = new CliHarness(directory).run("config", "--set", "colour=blue");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: unknown configuration key 'colour' on the");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void printsTheEffectiveConfigurationWithOrigins() {
    CliHarness.Result result =
        new CliHarness(
                directory,
                java.util.Map.of("COMPTOIR_HTTP_PORT", "9090"),
                CliContext.Terminal.NONE,
                () -> {})
            .run("config", "--data-dir", "/srv/comptoir", "--set", "store-password=hunter2");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .containsPattern("data-dir +/srv/comptoir +\\(command line\\)")
        .containsPattern("http-port +9090 +\\(environment COMPTOIR_HTTP_PORT\\)")
        .containsPattern("ingest-import-dirs +/srv/comptoir/inbox +\\(default\\)")
        .containsPattern("store-password +\\*{8}")
        .doesNotContain("hunter2");
  }

  @Test
  void acceptsGlobalOptionsBeforeOrAfterTheCommand() {
    CliHarness harness = new CliHarness(directory);

    assertThat(harness.run("--data-dir", "/a", "config").out()).containsPattern("data-dir +/a ");
    assertThat(harness.run("config", "--data-dir", "/b").out()).containsPattern("data-dir +/b ");
  }
}
