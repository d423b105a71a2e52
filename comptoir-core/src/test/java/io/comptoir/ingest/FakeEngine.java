package io.comptoir.ingest;

import io.comptoir.catalog.Column;
import io.comptoir.common.ComptoirException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A hand-written engine for service tests: every line of the source after the header is a row; a
 * line containing "bad" is rejected. Files are written as plain text. The key of a row is its text
 * before the first comma.
 */
final class FakeEngine implements DataEngine {
  RuntimeException failure;
  final List<Optional<Instant>> historized = new ArrayList<>();

  /** Profiles wait for it to open: open unless a test replaces it. */
  volatile java.util.concurrent.CountDownLatch profileGate =
      new java.util.concurrent.CountDownLatch(0);

  /** Thrown by profiles when set. */
  volatile RuntimeException profileFailure;

  /** The profiles computed, failed ones included. */
  final java.util.concurrent.atomic.AtomicInteger profiled =
      new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public Rewrite merge(KeyedRows rows) {
    try {
      Set<String> keys = new HashSet<>();
      for (StagedData.StagedFile file : rows.newRows()) {
        for (String line : Files.readAllLines(file.path())) {
          if (!keys.add(key(line))) {
            throw ComptoirException.invalidInput(
                "key (%s) is held by 2 new rows: merge needs one row per key", key(line));
          }
        }
      }
      List<Path> kept = new ArrayList<>();
      List<String> remnant = new ArrayList<>();
      for (Path file : rows.previousFiles()) {
        List<String> lines = Files.readAllLines(file);
        if (lines.stream().anyMatch(line -> keys.contains(key(line)))) {
          lines.stream().filter(line -> !keys.contains(key(line))).forEach(remnant::add);
        } else {
          kept.add(file);
        }
      }
      List<StagedData.StagedFile> written = new ArrayList<>();
      if (!remnant.isEmpty()) {
        Path file = rows.stagingDirectory().resolve(rows.filePrefix() + "-1.parquet");
        Files.write(file, remnant);
        written.add(new StagedData.StagedFile(file, remnant.size(), Files.size(file)));
      }
      written.addAll(rows.newRows());
      return new Rewrite(kept, written);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens every new row and keeps every previous file: enough for the service's bookkeeping. */
  @Override
  public Rewrite historize(KeyedRows rows, Instant time, Optional<Instant> previousWithoutHistory) {
    historized.add(previousWithoutHistory);
    try {
      List<String> opened = new ArrayList<>();
      for (StagedData.StagedFile file : rows.newRows()) {
        for (String line : Files.readAllLines(file.path())) {
          opened.add(line + "," + time + ",,true");
        }
      }
      Path file = rows.stagingDirectory().resolve(rows.filePrefix() + "-2.parquet");
      Files.write(file, opened);
      return new Rewrite(
          rows.previousFiles(),
          List.of(new StagedData.StagedFile(file, opened.size(), Files.size(file))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String key(String line) {
    int comma = line.indexOf(',');
    return comma < 0 ? line : line.substring(0, comma);
  }

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
  public List<ColumnProfile> profile(ProfileRequest request) {
    try {
      if (!profileGate.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("the profile gate stayed closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while profiling", e);
    }
    profiled.incrementAndGet();
    RuntimeException thrown = profileFailure;
    if (thrown != null) {
      throw thrown;
    }
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
