package io.comptoir.ingest;

import io.comptoir.common.ComptoirException;
import java.nio.file.Path;
import java.util.List;

/**
 * Rows to read from a version's files.
 *
 * @param files absolute paths of the version's Parquet files
 * @param columns columns to return, in order; all when empty
 */
public record ReadRequest(List<Path> files, List<String> columns, long offset, int limit) {
  public ReadRequest {
    files = List.copyOf(files);
    columns = List.copyOf(columns);
    if (offset < 0) {
      throw ComptoirException.invalidInput("offset must be >= 0, got %d", offset);
    }
    if (limit < 0) {
      throw ComptoirException.invalidInput("limit must be >= 0, got %d", limit);
    }
  }
}
