package io.comptoir.ingest;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.ProductId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The quality step of an ingestion, called from one place of {@link IngestionService}: row-level
 * rules on the staged data (failing rows of error rules go to the quarantine), then dataset-level
 * rules on the version about to be committed, then the results stored with the committed version.
 */
public interface QualityGate {
  /** Evaluates the row-level rules on staged data; returns the data to go on with. */
  Checked checkRows(
      ProductId product,
      java.util.List<Column> columns,
      StagedData staged,
      Path staging,
      String filePrefix,
      Instant time);

  /** The state of one run's checks between its steps. */
  interface Checked {
    /** The staged data without the rows that failed an error rule. */
    StagedData staged();

    /**
     * Evaluates the dataset-level rules on the version about to be committed; throws INVALID_INPUT
     * naming the failed error rules, which fails the run (no version).
     */
    void checkVersion(Optional<Version> previous, long rowCount);

    /** Stores the results with the committed version. */
    void record(int version);
  }

  /** No rules: data passes untouched and nothing is stored. */
  QualityGate NONE =
      (product, columns, staged, staging, prefix, time) ->
          new Checked() {
            @Override
            public StagedData staged() {
              return staged;
            }

            @Override
            public void checkVersion(Optional<Version> previous, long rowCount) {}

            @Override
            public void record(int version) {}
          };
}
