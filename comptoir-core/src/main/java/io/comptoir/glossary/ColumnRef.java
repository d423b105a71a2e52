package io.comptoir.glossary;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;

/** A column of a product. */
public record ColumnRef(ProductId product, String column) {
  public ColumnRef {
    requireNonNull(product, "product is null");
    requireNonNull(column, "column is null");
  }
}
