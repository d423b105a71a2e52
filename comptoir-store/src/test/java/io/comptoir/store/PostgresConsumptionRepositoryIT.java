package io.comptoir.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumption repository contract on PostgreSQL, each test in a schema of its own; skipped when
 * PostgreSQL is unreachable unless {@code -Dcomptoir.require-postgres=true} (CI).
 */
class PostgresConsumptionRepositoryIT extends ConsumptionRepositoryContractTest {
  @TempDir Path directory;
  private String schema;

  @Override
  MetadataStore openFreshStore() {
    schema = "comptoir_consumption_" + UUID.randomUUID().toString().replace("-", "");
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

  @Override
  void dropFreshStore() throws SQLException {
    if (schema != null) {
      try (Connection connection = PostgresRepositoryIT.adminConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
