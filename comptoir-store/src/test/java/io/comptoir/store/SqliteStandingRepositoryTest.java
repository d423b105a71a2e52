package io.comptoir.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStandingRepositoryTest extends StandingRepositoryContractTest {
  @TempDir Path directory;

  @Override
  MetadataStore openFreshStore() {
    return MetadataStore.open(StoreConfig.embedded(directory.resolve("data")));
  }

  @Override
  void dropFreshStore() {}
}
