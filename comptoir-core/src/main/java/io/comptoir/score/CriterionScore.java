package io.comptoir.score;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One criterion of a data score.
 *
 * @param ratio how much of the criterion is met, 0 to 1
 * @param maximum the most points the criterion gives with the configured weights
 * @param points {@code ratio * maximum}
 * @param reasons why, one per fact checked
 */
public record CriterionScore(
    Criterion criterion, double ratio, double maximum, double points, List<Reason> reasons) {
  public CriterionScore {
    requireNonNull(criterion, "criterion is null");
    if (ratio < 0 || ratio > 1) {
      throw new IllegalArgumentException("ratio must be between 0 and 1, got " + ratio);
    }
    reasons = List.copyOf(reasons);
  }

  static CriterionScore of(
      Criterion criterion, double ratio, double maximum, List<Reason> reasons) {
    return new CriterionScore(criterion, ratio, maximum, ratio * maximum, reasons);
  }

  /** The share met, as a whole percentage (rounded down so that 99.9% never reads as 100). */
  public int percent() {
    return (int) Math.floor(ratio * 100 + 1e-9);
  }
}
