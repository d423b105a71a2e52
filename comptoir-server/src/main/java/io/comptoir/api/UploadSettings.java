package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where uploaded files are written while they are ingested, and how large they may be.
 *
 * @param directory uploads land here, then are deleted once ingested
 * @param maxBytes larger request bodies are refused with 413
 */
public record UploadSettings(Path directory, long maxBytes) {
  public UploadSettings {
    requireNonNull(directory, "directory is null");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
    }
  }
}
