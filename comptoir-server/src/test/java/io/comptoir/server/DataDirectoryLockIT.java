package io.comptoir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockIT {
  @TempDir Path data;

  @Test
  void skipsRecoveryWhileAnotherProcessUsesTheDataDirectory() throws Exception {
    Files.createDirectories(data);
    Path orphan = Files.createDirectories(data.resolve("lake/colis/data")).resolve("x.parquet");
    Files.writeString(orphan, "a file another process is still writing");

    Process other =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    HoldDataDirectory.class.getName(),
                    data.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      assertThat(reader.readLine()).isEqualTo("holding");
      try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, Map.of()))) {
        assertThat(comptoir.recovered()).isFalse();
      }
      assertThat(orphan).exists();
    } finally {
      other.getOutputStream().close();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, Map.of()))) {
      assertThat(comptoir.recovered()).isTrue();
    }
    assertThat(orphan).doesNotExist();
  }
}
