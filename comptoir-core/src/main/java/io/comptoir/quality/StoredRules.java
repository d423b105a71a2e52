package io.comptoir.quality;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.time.Instant;

/** The stored document of a product's rules, as its author wrote it, and who saved it when. */
public record StoredRules(ProductId product, String document, String updatedBy, Instant updatedAt) {
  public StoredRules {
    requireNonNull(product, "product is null");
    requireNonNull(document, "document is null");
    requireNonNull(updatedBy, "updatedBy is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
