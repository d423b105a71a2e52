package io.comptoir.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationDocsTest {
  private static final Path DOCS = Path.of("..", "docs", "configuration.md");

  @Test
  void documentsEveryKeyWithItsEnvironmentVariableAndDefault() throws IOException {
    String docs = Files.readString(DOCS);

    for (ConfigKey key : ConfigKeys.ALL) {
      assertThat(docs).as(key.key()).contains("`" + key.key() + "`");
      assertThat(docs).as(key.key()).contains("`" + key.environmentVariable() + "`");
      if (!key.defaultValue().isEmpty()) {
        assertThat(docs).as(key.key()).contains("`" + key.defaultValue() + "`");
      }
    }
  }
}
