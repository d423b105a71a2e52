package io.comptoir.search;

import io.comptoir.common.ComptoirException;

/**
 * The weights of the ranking formula (docs/search.md): {@code rank = relevance × r / best relevance
 * + score × s / 100 + certification × c / 3 + consumption × ln(1 + reads) / ln(1 + most reads)},
 * over the best {@link SearchIndex#RERANKED} full-text candidates.
 */
public record RankingWeights(
    double relevance, double score, double certification, double consumption) {
  public static final RankingWeights DEFAULT = new RankingWeights(1.0, 0.15, 0.1, 0.1);

  public RankingWeights {
    check("relevance", relevance);
    check("score", score);
    check("certification", certification);
    check("consumption", consumption);
  }

  private static void check(String name, double weight) {
    if (!(weight >= 0 && weight <= 10)) {
      throw ComptoirException.invalidInput(
          "search ranking weight %s must be between 0 and 10, got %s", name, weight);
    }
  }
}
