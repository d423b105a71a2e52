package io.comptoir.search;

import java.util.Locale;

/** The facets of the product results, in the order pages show them. */
public enum SearchFacet {
  ENTITY,
  DOMAIN,
  CLASSIFICATION,
  CERTIFICATION,
  TAG,
  OWNER;

  /** The query parameter and index field name: "entity". */
  public String parameter() {
    return name().toLowerCase(Locale.ROOT);
  }

  String field() {
    return "f_" + parameter();
  }
}
