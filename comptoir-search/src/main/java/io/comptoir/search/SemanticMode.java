package io.comptoir.search;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;

/**
 * The semantic mode: products carry the embedding of their title, description and columns; a
 * query's embedding adds its {@link #NEIGHBOURS} nearest products to the candidates, and the
 * relevance becomes {@code (1 - weight) × full-text / best full-text + weight × cosine / best
 * cosine} (docs/search.md).
 */
public record SemanticMode(Embedder embedder, double weight) {
  /** Nearest products a query adds to the full-text candidates. */
  public static final int NEIGHBOURS = 10;

  public SemanticMode {
    requireNonNull(embedder, "embedder is null");
    if (!(weight >= 0 && weight <= 1)) {
      throw ComptoirException.invalidInput(
          "search semantic weight must be between 0 and 1, got %s", weight);
    }
  }
}
