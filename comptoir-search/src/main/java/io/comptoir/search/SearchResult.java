package io.comptoir.search;

import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The answer to a search: one page of products, how many products match, the facet counts (each
 * facet counted among the products matching the other facets' choices), and the glossary terms and
 * domains matching the words.
 */
public record SearchResult(
    String query,
    List<ProductHit> products,
    long total,
    Map<SearchFacet, List<FacetCount>> facets,
    List<OtherHit> others,
    boolean relaxed) {

  /** A facet value with the number of products it would show. */
  public record FacetCount(String value, long count) {}

  /**
   * A product found: its rank, the highlighted title and description, the columns whose name or
   * description hold a word of the query.
   */
  public record ProductHit(
      ProductId id,
      String entity,
      String domain,
      String classification,
      List<String> tags,
      OptionalInt dataScore,
      String certification,
      double rank,
      double relevance,
      Highlighted title,
      Highlighted description,
      List<Highlighted> columns) {}

  /** A glossary term or a domain found. */
  public record OtherHit(Kind kind, String id, Highlighted name, Highlighted description) {}

  /** What an other hit is. */
  public enum Kind {
    TERM,
    DOMAIN
  }
}
