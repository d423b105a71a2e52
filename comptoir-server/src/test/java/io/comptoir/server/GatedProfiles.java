package io.comptoir.server;

import io.comptoir.catalog.Column;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.GovernedQuery;
import io.comptoir.ingest.ColumnProfile;
import io.comptoir.ingest.DataEngine;
import io.comptoir.ingest.KeyedRows;
import io.comptoir.ingest.ProfileRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.QualityCheckRequest;
import io.comptoir.ingest.QualityCheckResult;
import io.comptoir.ingest.QuarantinedRow;
import io.comptoir.ingest.ReadRequest;
import io.comptoir.ingest.Rewrite;
import io.comptoir.ingest.RowBatch;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the real engine's profiles back until {@link #release()}, to see what a server shows while
 * a version's profile is being computed. Everything else goes straight to the engine.
 */
public final class GatedProfiles implements DataEngine {
  private final DataEngine engine;
  private final CountDownLatch gate = new CountDownLatch(1);

  private GatedProfiles(DataEngine engine) {
    this.engine = engine;
  }

  /** Wraps an engine: for {@code Comptoir.open(..., GatedProfiles::holding)}, kept by the test. */
  public static GatedProfiles holding(DataEngine engine) {
    return new GatedProfiles(engine);
  }

  /** Lets the profiles held, and every later one, go. */
  public void release() {
    gate.countDown();
  }

  @Override
  public List<ColumnProfile> profile(ProfileRequest request) {
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the profiles");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while held", e);
    }
    return engine.profile(request);
  }

  @Override
  public List<Column> inferColumns(Path source, SourceFormat format, SourceOptions options) {
    return engine.inferColumns(source, format, options);
  }

  @Override
  public StagedData stage(StageRequest request, ProgressListener progress) {
    return engine.stage(request, progress);
  }

  @Override
  public Rewrite merge(KeyedRows rows) {
    return engine.merge(rows);
  }

  @Override
  public Rewrite historize(KeyedRows rows, Instant time, Optional<Instant> previousWithoutHistory) {
    return engine.historize(rows, time, previousWithoutHistory);
  }

  @Override
  public RowBatch read(ReadRequest request) {
    return engine.read(request);
  }

  @Override
  public List<QuarantinedRow> readQuarantine(Path quarantineFile, long offset, int limit) {
    return engine.readQuarantine(quarantineFile, offset, limit);
  }

  @Override
  public ExportSummary export(GovernedQuery query, OutputStream out) {
    return engine.export(query, out);
  }

  @Override
  public QualityCheckResult checkQuality(QualityCheckRequest request) {
    return engine.checkQuality(request);
  }

  @Override
  public void validateCondition(String condition, List<Column> columns) {
    engine.validateCondition(condition, columns);
  }

  @Override
  public void close() {
    release();
    engine.close();
  }
}
