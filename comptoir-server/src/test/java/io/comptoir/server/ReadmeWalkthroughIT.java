package io.comptoir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's curl walkthrough, as written, against a real {@code comptoir demo} server (only
 * the port is changed, to a free one).
 */
class ReadmeWalkthroughIT {
  @TempDir Path directory;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theReadmeWalkthroughRunsAsWritten() throws Exception {
    String script = walkthrough(Path.of("..", "README.md"));
    assertThat(script).contains("API=localhost:8080/api/v1");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path file = directory.resolve("walkthrough.sh");
    Files.writeString(
        file,
        "set -e\n"
            + script
                .replace("API=localhost:8080/api/v1", "API=localhost:" + port + "/api/v1")
                .replace("/tmp/$1.cookies", directory + "/$1.cookies"));

    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.comptoir.server.Main",
                "--data-dir",
                directory.resolve("data").toString(),
                "--set",
                "http-port=" + port,
                "--set",
                "engine-memory-limit=1GB",
                "demo")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line;
      boolean serving = false;
      while ((line = output.readLine()) != null) {
        if (line.contains("is serving on")) {
          serving = true;
          break;
        }
      }
      assertThat(serving).as("the demo server started").isTrue();
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (output.readLine() != null) {
                    // keep the child's output flowing
                  }
                } catch (IOException e) {
                  // the server stopped
                }
              });
      drain.setDaemon(true);
      drain.start();

      Process walk = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
      String text = new String(walk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(walk.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(walk.exitValue()).as(text).isZero();
      List<String> lines = new ArrayList<>(text.lines().toList());
      assertThat(text)
          .contains(
              "\"message\":\"no usage contract for user camille.consommatrice on product"
                  + " colis-expedies: request access first\"");
      assertThat(text).contains("\"status\":\"ACTIVE\"");
      assertThat(lines)
          .contains("numero_suivi,client_id,poids_kg,code_postal_destination,date_depot");
      assertThat(lines).anyMatch(row -> row.matches("xxxx,[0-9a-f]{64},[0-9.]+,[0-9A-Z]{2,3},.*"));
      assertThat(lines.get(lines.size() - 1)).contains("was revoked by denis.dpo");
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The shell block under the README's "whole journey" heading. */
  private static String walkthrough(Path readme) throws IOException {
    String text = Files.readString(readme);
    int heading = text.indexOf("### The whole journey with curl");
    int start = text.indexOf("```sh\n", heading) + "```sh\n".length();
    int end = text.indexOf("```", start);
    return text.substring(start, end);
  }
}
