package io.comptoir.flow;

import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.SourceOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One file uploaded to a flow whose source is {@code upload}: the only batch of its run. It saves
 * no progress (each upload is new data; the SHA-256 check refuses the same file twice unless
 * forced), and keeps the error of a failed run for the caller.
 */
final class UploadBatch implements SourceBatch {
  private final Path file;
  private final String name;
  private final SourceOptions options;
  private final boolean force;
  ComptoirException failure;

  UploadBatch(Path file, String name, SourceOptions options, boolean force) {
    this.file = file;
    this.name = name;
    this.options = options;
    this.force = force;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceOptions options() {
    return options;
  }

  @Override
  public Map<String, String> progress() {
    return Map.of();
  }

  @Override
  public DuplicatePolicy duplicates() {
    return force ? DuplicatePolicy.FORCE : DuplicatePolicy.REJECT;
  }

  @Override
  public void done() {}

  @Override
  public void failed(String reason) {
    failure = ComptoirException.invalidInput("%s", reason);
  }

  @Override
  public void failed(ComptoirException error) {
    failure = new ComptoirException(error.code(), error.getMessage(), error);
  }

  /** Gives the batch once. */
  static final class Reader implements SourceReader {
    private UploadBatch batch;

    Reader(UploadBatch batch) {
      this.batch = batch;
    }

    @Override
    public Optional<SourceBatch> next(Map<String, String> committed) {
      Optional<SourceBatch> next = Optional.ofNullable(batch);
      batch = null;
      return next;
    }

    @Override
    public void close() {}
  }
}
