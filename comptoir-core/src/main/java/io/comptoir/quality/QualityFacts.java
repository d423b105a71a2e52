package io.comptoir.quality;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the quality capability tells the others (data score, lineage, search): rule results and the
 * product's freshness SLA. {@link #NONE} knows nothing, for wiring a module alone.
 */
public interface QualityFacts {
  /** Results of the product's latest version that has rule results; empty when none. */
  Optional<QualityOutcome> latestOutcome(ProductId product);

  /** The maximum age the product's latest version may have (its freshness SLA); empty if none. */
  Optional<Duration> freshnessSla(ProductId product);

  /** The result of each rule evaluated on one version, in rule order; empty when none. */
  List<RuleResult> results(ProductId product, int version);

  /** How many rules one version passed. */
  record QualityOutcome(int version, int rulesPassed, int rulesEvaluated) {
    /** Share of rules passed, 1.0 when no rule was evaluated. */
    public double passRate() {
      return rulesEvaluated == 0 ? 1.0 : (double) rulesPassed / rulesEvaluated;
    }
  }

  /**
   * One rule's result on one version.
   *
   * @param column the column the rule checks, empty for dataset-level or multi-column rules
   * @param type the rule type, for example {@code not_null} or {@code row_count_change}
   * @param severity {@code warn} or {@code error}
   * @param failingRows rows that failed a row-level rule, 0 for dataset-level rules
   */
  record RuleResult(
      String rule,
      String type,
      String column,
      String severity,
      boolean success,
      long failingRows,
      String message) {
    public RuleResult {
      requireNonNull(rule, "rule is null");
      requireNonNull(type, "type is null");
      column = column == null ? "" : column;
      requireNonNull(severity, "severity is null");
      message = message == null ? "" : message;
    }
  }

  QualityFacts NONE =
      new QualityFacts() {
        @Override
        public Optional<QualityOutcome> latestOutcome(ProductId product) {
          return Optional.empty();
        }

        @Override
        public Optional<Duration> freshnessSla(ProductId product) {
          return Optional.empty();
        }

        @Override
        public List<RuleResult> results(ProductId product, int version) {
          return List.of();
        }
      };
}
