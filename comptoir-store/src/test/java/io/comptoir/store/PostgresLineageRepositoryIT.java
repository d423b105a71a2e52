package io.comptoir.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lineage repository contract on PostgreSQL, each test in a schema of its own; skipped when
 * PostgreSQL is unreachable unless {@code -Dcomptoir.require-postgres=true} (CI).
 */
class PostgresLineageRepositoryIT extends LineageRepositoryContractTest {
  @TempDir Path directory;
  private final PostgresSchema schema = new PostgresSchema("comptoir_lineage_");

  @Override
  MetadataStore openFreshStore() {
    return schema.openStore(directory);
  }

  @Override
  void dropFreshStore() throws SQLException {
    schema.drop();
  }
}
