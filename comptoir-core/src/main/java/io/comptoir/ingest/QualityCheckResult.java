package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * What the engine found on staged data.
 *
 * @param staged the staged data after the rows failing an error rule moved to the quarantine
 * @param failingRows for each row-level rule by name, the rows failing it (warn rules included)
 * @param newest for each freshness rule by name, the newest value of its column, absent when the
 *     column holds no value
 */
public record QualityCheckResult(
    StagedData staged, Map<String, Long> failingRows, Map<String, Instant> newest) {
  public QualityCheckResult {
    requireNonNull(staged, "staged is null");
    failingRows = Map.copyOf(failingRows);
    newest = Map.copyOf(newest);
  }
}
