package io.comptoir.connectors;

import static java.util.Objects.requireNonNull;

import io.comptoir.flow.SourceBatch;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * Rows a reader wrote as JSON lines to a file of the run's work directory; the flow runner deletes
 * the directory after the run, so there is nothing to archive or set aside.
 *
 * @param progress the entries committed with the batch's version
 */
record WorkFileBatch(Path file, String name, Map<String, String> progress) implements SourceBatch {
  WorkFileBatch {
    requireNonNull(file, "file is null");
    requireNonNull(name, "name is null");
    progress = Map.copyOf(progress);
  }

  @Override
  public SourceOptions options() {
    return SourceOptions.defaults().withFormat(SourceFormat.JSONL);
  }

  /** The progress keeps rows from being read twice; equal contents are a legitimate snapshot. */
  @Override
  public DuplicatePolicy duplicates() {
    return DuplicatePolicy.FORCE;
  }

  @Override
  public void done() {}

  @Override
  public void failed(String reason) {}
}
