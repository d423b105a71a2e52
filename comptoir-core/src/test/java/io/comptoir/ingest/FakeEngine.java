package io.comptoir.ingest;

import io.comptoir.catalog.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hand-written engine for service tests: every line of the source after the header is a row; a
 * line containing "bad" is rejected. Files are written as plain text.
 */
final class FakeEngine implements DataEngine {
  RuntimeException failure;

  @Override
  public List<Column> inferColumns(Path source, SourceFormat format, SourceOptions options) {
    return List.of(Column.of("value", io.comptoir.catalog.DataType.STRING));
  }

  @Override
  public StagedData stage(StageRequest request, ProgressListener progress) {
    if (failure != null) {
      throw failure;
    }
    try {
      List<String> lines = Files.readAllLines(request.source());
      List<String> good = new ArrayList<>();
      List<QuarantineCount> counts = new ArrayList<>();
      long bad = 0;
      for (String line : lines.subList(1, lines.size())) {
        if (line.contains("bad")) {
          bad++;
        } else {
          good.add(line);
        }
      }
      List<StagedData.StagedFile> files = new ArrayList<>();
      if (!good.isEmpty()) {
        Path file = request.stagingDirectory().resolve(request.filePrefix() + "-0.parquet");
        Files.write(file, good);
        files.add(new StagedData.StagedFile(file, good.size(), Files.size(file)));
      }
      Optional<Path> quarantine = Optional.empty();
      if (bad > 0) {
        Path file = request.stagingDirectory().resolve("quarantine.parquet");
        Files.writeString(file, "bad rows");
        quarantine = Optional.of(file);
        counts.add(new QuarantineCount("CAST", "value", bad));
      }
      return new StagedData(good.size() + bad, good.size(), bad, files, quarantine, counts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public RowBatch read(ReadRequest request) {
    return new RowBatch(List.of(), List.of());
  }

  @Override
  public List<QuarantinedRow> readQuarantine(Path quarantineFile, long offset, int limit) {
    return List.of();
  }

  @Override
  public io.comptoir.contract.ExportSummary export(
      io.comptoir.contract.GovernedQuery query, java.io.OutputStream out) {
    throw new UnsupportedOperationException("not needed by the ingestion tests");
  }

  @Override
  public void close() {}
}
