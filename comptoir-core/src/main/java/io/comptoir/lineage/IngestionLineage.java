package io.comptoir.lineage;

import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.Version;

/**
 * Told when an ingestion run starts, fails or commits its version, by {@link
 * LineageIngestionRepository}. Must neither block nor throw: lineage never fails an ingestion.
 */
public interface IngestionLineage {
  void started(IngestionRun run);

  void failed(IngestionRun run);

  void completed(IngestionRun run, Version version);

  IngestionLineage NONE =
      new IngestionLineage() {
        @Override
        public void started(IngestionRun run) {}

        @Override
        public void failed(IngestionRun run) {}

        @Override
        public void completed(IngestionRun run, Version version) {}
      };
}
