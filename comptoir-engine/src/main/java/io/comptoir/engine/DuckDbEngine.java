package io.comptoir.engine;

import io.comptoir.catalog.Column;
import io.comptoir.ingest.DataEngine;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.QuarantinedRow;
import io.comptoir.ingest.ReadRequest;
import io.comptoir.ingest.RowBatch;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.nio.file.Path;
import java.util.List;

/** The DuckDB data engine. */
public final class DuckDbEngine implements DataEngine {
  public DuckDbEngine(EngineSettings settings) {}

  @Override
  public List<Column> inferColumns(Path source, SourceFormat format, SourceOptions options) {
    throw new IllegalStateException("placeholder");
  }

  @Override
  public StagedData stage(StageRequest request, ProgressListener progress) {
    throw new IllegalStateException("placeholder");
  }

  @Override
  public RowBatch read(ReadRequest request) {
    throw new IllegalStateException("placeholder");
  }

  @Override
  public List<QuarantinedRow> readQuarantine(Path quarantineFile, long offset, int limit) {
    throw new IllegalStateException("placeholder");
  }

  @Override
  public void close() {}
}
