package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One immutable Parquet file of the lake.
 *
 * @param path path relative to the lake root, with '/' separators
 */
public record DataFile(String path, long rows, long bytes) {
  public DataFile {
    requireNonNull(path, "path is null");
    if (path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException("data file path must be relative to the lake: " + path);
    }
    if (rows < 0 || bytes < 0) {
      throw new IllegalArgumentException("rows and bytes must be >= 0");
    }
  }
}
