package io.comptoir.score;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A product's data score, 0 to 100, with the breakdown per criterion. */
public record DataScore(
    ProductId product, int score, List<CriterionScore> criteria, Instant computedAt) {
  public DataScore {
    requireNonNull(product, "product is null");
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score must be between 0 and 100, got " + score);
    }
    criteria = List.copyOf(criteria);
    requireNonNull(computedAt, "computedAt is null");
  }

  public Optional<CriterionScore> criterion(Criterion criterion) {
    return criteria.stream().filter(c -> c.criterion() == criterion).findFirst();
  }

  /** Same score and breakdown, whatever the time it was computed. */
  public boolean sameAs(DataScore other) {
    return other != null && score == other.score && criteria.equals(other.criteria);
  }
}
