package io.comptoir.catalog;

import static io.comptoir.common.Validation.requireSlug;

/** Typed slug id of a data product, such as {@code colis-suivi}. */
public record ProductId(String value) {
  public ProductId {
    requireSlug(value, "product id");
  }

  public static ProductId of(String value) {
    return new ProductId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
