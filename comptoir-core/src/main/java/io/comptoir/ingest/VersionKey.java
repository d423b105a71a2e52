package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;

/** Names one version of one product. */
public record VersionKey(ProductId product, int number) {
  public VersionKey {
    requireNonNull(product, "product is null");
    if (number < 1) {
      throw new IllegalArgumentException("version number must be >= 1, got " + number);
    }
  }

  @Override
  public String toString() {
    return product + " version " + number;
  }
}
