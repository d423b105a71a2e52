package io.comptoir.quality;

import static java.util.Objects.requireNonNull;

import io.comptoir.quality.QualityFacts.QualityOutcome;
import io.comptoir.quality.QualityFacts.RuleResult;
import java.time.Instant;
import java.util.List;

/** The results of the rules evaluated on one version. */
public record VersionResults(int version, Instant evaluatedAt, List<RuleResult> results) {
  public VersionResults {
    requireNonNull(evaluatedAt, "evaluatedAt is null");
    results = List.copyOf(results);
  }

  public QualityOutcome outcome() {
    int passed = (int) results.stream().filter(RuleResult::success).count();
    return new QualityOutcome(version, passed, results.size());
  }

  /** Failed rules of severity warn. */
  public long warnings() {
    return results.stream().filter(r -> !r.success() && r.severity().equals("warn")).count();
  }

  /** Failed rules of severity error (row-level: their rows went to the quarantine). */
  public long errors() {
    return results.stream().filter(r -> !r.success() && r.severity().equals("error")).count();
  }
}
