package io.comptoir.score;

import io.comptoir.common.ComptoirException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The weight of each criterion. Weights are relative: a criterion's points are its weight times 100
 * divided by the sum of the weights, so the score always runs from 0 to 100.
 */
public record ScoreWeights(Map<Criterion, Integer> weights) {
  public ScoreWeights {
    EnumMap<Criterion, Integer> copy = new EnumMap<>(Criterion.class);
    int total = 0;
    for (Criterion criterion : Criterion.values()) {
      Integer weight = weights == null ? null : weights.get(criterion);
      if (weight == null || weight < 0) {
        throw ComptoirException.invalidInput(
            "score weight of %s must be an integer >= 0, got %s", criterion.key(), weight);
      }
      copy.put(criterion, weight);
      total += weight;
    }
    if (total == 0) {
      throw ComptoirException.invalidInput("score weights must not all be 0");
    }
    weights = Map.copyOf(copy);
  }

  /**
   * The default weights: 25 documentation, 15 ownership, 15 classification, 20 quality, 10
   * freshness, 15 contract.
   */
  public static ScoreWeights defaults() {
    return new ScoreWeights(
        Map.of(
            Criterion.DOCUMENTATION, 25,
            Criterion.OWNERSHIP, 15,
            Criterion.CLASSIFICATION, 15,
            Criterion.QUALITY, 20,
            Criterion.FRESHNESS, 10,
            Criterion.CONTRACT, 15));
  }

  public int weight(Criterion criterion) {
    return weights.get(criterion);
  }

  /** The most points the criterion can give, out of 100. */
  public double maximum(Criterion criterion) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    return 100.0 * weight(criterion) / total;
  }
}
