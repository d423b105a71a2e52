package io.comptoir.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standing repository contract on PostgreSQL, each test in a schema of its own; skipped when
 * PostgreSQL is unreachable unless {@code -Dcomptoir.require-postgres=true} (CI).
 */
class PostgresStandingRepositoryIT extends StandingRepositoryContractTest {
  @TempDir Path directory;
  private final PostgresSchema schema = new PostgresSchema("comptoir_standing_");

  @Override
  MetadataStore openFreshStore() {
    return schema.openStore(directory);
  }

  @Override
  void dropFreshStore() throws SQLException {
    schema.drop();
  }
}
