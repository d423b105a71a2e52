package io.comptoir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as users run it: {@code java -jar comptoir.jar}. */
class RunnableJarIT {
  private static final Path JAR = Path.of("target", "comptoir.jar");

  @TempDir Path directory;

  @Test
  void printsHelp() throws Exception {
    Process process = start("--help");

    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(out).startsWith("Usage: comptoir").contains("serve", "demo", "ingest");
  }

  @Test
  void reportsErrorsOnOneLineWithAnExitCode() throws Exception {
    Process process = start("versions", "nope", "--data-dir", directory.toString());

    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(3);
    assertThat(err).isEqualTo("error: product not found: nope\n");
  }

  @Test
  void servesAndStopsCleanlyOnSigterm() throws Exception {
    Path log = directory.resolve("serve.out");
    Process process =
        command("serve", "--data-dir", directory.toString(), "--port", "0")
            .redirectOutput(log.toFile())
            .start();
    try {
      Pattern serving = Pattern.compile("serving on (http://\\S+)");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> serving.matcher(Files.readString(log)).find() || !process.isAlive());
      Matcher url = serving.matcher(Files.readString(log));
      assertThat(url.find()).as(Files.readString(log)).isTrue();

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(Files.readAllLines(log)).contains("stopping");
  }

  private Process start(String... args) throws IOException {
    return command(args).start();
  }

  private ProcessBuilder command(String... args) throws IOException {
    assertThat(JAR).as("built by mvn package").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Files.createDirectories(directory);
    return new ProcessBuilder(command).directory(directory.toFile());
  }
}
