package io.comptoir.catalog;

import io.comptoir.common.PageRequest;
import java.util.Optional;

/** Filters for listing products; empty filters match everything. */
public record ProductQuery(
    Optional<String> entity,
    Optional<String> domain,
    Optional<String> tag,
    Optional<Classification> classification,
    PageRequest page) {

  public ProductQuery {
    entity = entity == null ? Optional.empty() : entity;
    domain = domain == null ? Optional.empty() : domain;
    tag = tag == null ? Optional.empty() : tag;
    classification = classification == null ? Optional.empty() : classification;
    page = page == null ? PageRequest.first(PageRequest.DEFAULT_LIMIT) : page;
  }

  public static ProductQuery all() {
    return new ProductQuery(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), null);
  }
}
