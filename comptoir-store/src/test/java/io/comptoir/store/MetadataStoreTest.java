package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {
  @TempDir Path directory;

  @Test
  void rejectsAUrlThatIsNotPostgresql() {
    StoreConfig config =
        new StoreConfig(
            Optional.of("jdbc:mysql://localhost/comptoir?password=secret"), "", "", directory);

    assertThatThrownBy(() -> MetadataStore.open(config))
        .isInstanceOfSatisfying(
            ComptoirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessage(
            "metadata store URL must be a PostgreSQL JDBC URL (jdbc:postgresql://...),"
                + " got 'jdbc:mysql://localhost/comptoir?password=***'");
  }

  @Test
  void reportsAnUnreachableServerWithItsUrl() {
    StoreConfig config =
        new StoreConfig(
            Optional.of("jdbc:postgresql://127.0.0.1:1/comptoir?connectTimeout=2"),
            "postgres",
            "",
            directory);

    assertThatThrownBy(() -> MetadataStore.open(config))
        .isInstanceOfSatisfying(
            ComptoirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageStartingWith(
            "cannot connect to the metadata store PostgreSQL"
                + " jdbc:postgresql://127.0.0.1:1/comptoir?connectTimeout=2: ");
  }

  @Test
  void reportsADataDirectoryThatCannotBeCreated() throws Exception {
    Path file = java.nio.file.Files.writeString(directory.resolve("plain-file"), "x");

    assertThatThrownBy(() -> MetadataStore.open(StoreConfig.embedded(file.resolve("data"))))
        .isInstanceOfSatisfying(
            ComptoirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageStartingWith("cannot create the data directory " + file.resolve("data"));
  }
}
