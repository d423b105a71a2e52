package io.comptoir.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL schema per test, dropped afterwards, for the repository contract suites. When
 * PostgreSQL is unreachable the test is skipped, unless {@code -Dcomptoir.require-postgres=true}
 * (CI), where it fails.
 */
final class PostgresSchema {
  private final String prefix;
  private String schema;

  PostgresSchema(String prefix) {
    this.prefix = prefix;
  }

  MetadataStore openStore(Path directory) {
    schema = prefix + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = PostgresRepositoryIT.adminConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      String message = "PostgreSQL is unreachable: " + e.getMessage();
      schema = null;
      if (Boolean.getBoolean("comptoir.require-postgres")) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return MetadataStore.open(
        new StoreConfig(
            Optional.of(PostgresRepositoryIT.SERVER_URL + "?currentSchema=" + schema),
            PostgresRepositoryIT.USER,
            "",
            directory.resolve("data")));
  }

  void drop() throws SQLException {
    if (schema != null) {
      try (Connection connection = PostgresRepositoryIT.adminConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
