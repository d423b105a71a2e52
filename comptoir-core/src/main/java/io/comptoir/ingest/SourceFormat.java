package io.comptoir.ingest;

import java.util.Locale;
import java.util.Optional;

/** Formats of source files. */
public enum SourceFormat {
  CSV,
  JSONL,
  PARQUET;

  /** Guesses the format from a file name, ignoring a trailing {@code .gz}. */
  public static Optional<SourceFormat> fromFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return Optional.of(JSONL);
    }
    if (name.endsWith(".parquet")) {
      return Optional.of(PARQUET);
    }
    return Optional.empty();
  }
}
