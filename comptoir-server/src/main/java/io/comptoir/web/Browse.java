package io.comptoir.web;

import io.comptoir.search.SearchFacet;
import io.comptoir.search.SearchIndex;
import io.comptoir.search.SearchRequest;
import io.comptoir.search.SearchResult;
import io.comptoir.search.SearchSort;
import io.comptoir.search.SearchVisibility;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Browsing the catalog with facets, through the search index: the products matching the words typed
 * (French and English analysis, typos tolerated, see docs/search.md) and the chosen facets, with
 * the count of each facet value among the products matching the other choices, the matched words
 * highlighted.
 */
final class Browse {
  /** A facet value with the number of products it would show. */
  record FacetValue(String value, long count, boolean selected) {}

  record Result(
      String query,
      Map<SearchFacet, String> selected,
      SearchSort sort,
      List<SearchResult.ProductHit> products,
      long total,
      int offset,
      int limit,
      Map<SearchFacet, List<FacetValue>> facets,
      List<SearchResult.OtherHit> others,
      boolean relaxed) {
    boolean hasPrevious() {
      return offset > 0;
    }

    boolean hasNext() {
      return offset + limit < total;
    }
  }

  static final int PAGE_SIZE = 20;

  private Browse() {}

  static Result search(
      SearchIndex index,
      SearchVisibility visibility,
      String query,
      Map<SearchFacet, String> selected,
      SearchSort sort,
      int offset) {
    SearchResult result =
        index.search(new SearchRequest(query, selected, sort, offset, PAGE_SIZE), visibility);
    Map<SearchFacet, List<FacetValue>> facets = new EnumMap<>(SearchFacet.class);
    result
        .facets()
        .forEach(
            (facet, counts) ->
                facets.put(
                    facet,
                    counts.stream()
                        .map(
                            c ->
                                new FacetValue(
                                    c.value(), c.count(), c.value().equals(selected.get(facet))))
                        .toList()));
    return new Result(
        result.query(),
        selected,
        sort,
        result.products(),
        result.total(),
        offset,
        PAGE_SIZE,
        facets,
        result.others(),
        result.relaxed());
  }
}
