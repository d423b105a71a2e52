package io.comptoir.ingest;

import io.comptoir.common.ComptoirException;
import java.util.UUID;

/** Typed id of an ingestion run (a UUID). */
public record RunId(String value) {
  public RunId {
    try {
      UUID.fromString(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw ComptoirException.invalidInput("run id must be a UUID, got '%s'", value);
    }
  }

  public static RunId random() {
    return new RunId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
