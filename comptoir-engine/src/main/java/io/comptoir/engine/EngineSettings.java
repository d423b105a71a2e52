package io.comptoir.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * DuckDB resources.
 *
 * @param tempDirectory where DuckDB spills when memory runs short
 * @param memoryLimit DuckDB memory limit such as {@code 2GB}
 * @param threads DuckDB worker threads
 */
public record EngineSettings(Path tempDirectory, String memoryLimit, int threads) {
  public EngineSettings {
    requireNonNull(tempDirectory, "tempDirectory is null");
    requireNonNull(memoryLimit, "memoryLimit is null");
    if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
      throw new IllegalArgumentException("memory limit must look like 2GB, got " + memoryLimit);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  public static EngineSettings defaults(Path tempDirectory) {
    return new EngineSettings(
        tempDirectory, "2GB", Math.max(1, Runtime.getRuntime().availableProcessors()));
  }
}
