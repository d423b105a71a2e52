package io.comptoir.demo;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.DataEngine;
import io.comptoir.ingest.KeyedRows;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.QuarantinedRow;
import io.comptoir.ingest.ReadRequest;
import io.comptoir.ingest.Rewrite;
import io.comptoir.ingest.RowBatch;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test engine that stands in for the DuckDB engine: it checks with {@link DeclaredTypes} that
 * every row of the source matches the declared columns, fails when one does not, and stages a
 * placeholder file holding the row count. It records what it was asked to stage.
 */
final class CheckingEngine implements DataEngine {
  private final List<StageRequest> staged = new ArrayList<>();
  private Optional<String> failingSource = Optional.empty();

  /** Makes the next stagings of sources whose name starts with this prefix fail. */
  void failOn(ProductId product) {
    failingSource = Optional.of(product.value());
  }

  void stopFailing() {
    failingSource = Optional.empty();
  }

  List<StageRequest> staged() {
    return List.copyOf(staged);
  }

  @Override
  public List<Column> inferColumns(Path source, SourceFormat format, SourceOptions options) {
    throw new UnsupportedOperationException("demo products declare their columns");
  }

  @Override
  public StagedData stage(StageRequest request, ProgressListener progress) {
    String name = request.source().getFileName().toString();
    if (failingSource.isPresent() && name.startsWith(failingSource.get())) {
      throw new IllegalStateException("engine failure staging " + name);
    }
    staged.add(request);
    DeclaredTypes.Check check =
        DeclaredTypes.check(
            request.source(), request.format(), request.options(), request.columns());
    if (check.invalidRows() > 0) {
      throw new IllegalStateException(
          name + ": " + check.invalidRows() + " invalid rows " + check.invalidByColumn());
    }
    progress.progress("validate", 1.0);
    Path data = request.stagingDirectory().resolve(request.filePrefix() + "-0.parquet");
    try {
      Files.writeString(data, "placeholder for " + check.rows() + " rows");
      return new StagedData(
          check.rows(),
          check.rows(),
          0,
          List.of(new StagedData.StagedFile(data, check.rows(), Files.size(data))),
          Optional.empty(),
          List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Rewrite merge(KeyedRows rows) {
    throw new UnsupportedOperationException("the demo loads append or overwrite");
  }

  @Override
  public Rewrite historize(KeyedRows rows, Instant time, Optional<Instant> previousWithoutHistory) {
    throw new UnsupportedOperationException("the demo loads append or overwrite");
  }

  @Override
  public RowBatch read(ReadRequest request) {
    throw new UnsupportedOperationException("not needed by the demo tests");
  }

  @Override
  public List<QuarantinedRow> readQuarantine(Path quarantineFile, long offset, int limit) {
    throw new UnsupportedOperationException("not needed by the demo tests");
  }

  @Override
  public List<io.comptoir.ingest.ColumnProfile> profile(io.comptoir.ingest.ProfileRequest request) {
    return List.of();
  }

  @Override
  public io.comptoir.contract.ExportSummary export(
      io.comptoir.contract.GovernedQuery query, java.io.OutputStream out) {
    throw new UnsupportedOperationException("not needed by the demo tests");
  }

  @Override
  public void close() {}
}
