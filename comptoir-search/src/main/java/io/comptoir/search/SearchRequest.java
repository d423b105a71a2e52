package io.comptoir.search;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.util.EnumMap;
import java.util.Map;

/** One search: the words typed, the facet values chosen (one per facet), the order and the page. */
public record SearchRequest(
    String query, Map<SearchFacet, String> filters, SearchSort sort, int offset, int limit) {
  /** Longest query accepted, in characters. */
  public static final int MAX_QUERY = 500;

  public static final int MAX_LIMIT = 100;

  public SearchRequest {
    query = query == null ? "" : query.strip();
    if (query.length() > MAX_QUERY) {
      throw ComptoirException.invalidInput(
          "search query must be at most %d characters, got %d", MAX_QUERY, query.length());
    }
    requireNonNull(filters, "filters is null");
    Map<SearchFacet, String> copy = new EnumMap<>(SearchFacet.class);
    copy.putAll(filters);
    filters = Map.copyOf(copy);
    requireNonNull(sort, "sort is null");
    if (offset < 0) {
      throw ComptoirException.invalidInput("offset must be 0 or more, got %d", offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ComptoirException.invalidInput(
          "limit must be between 1 and %d, got %d", MAX_LIMIT, limit);
    }
  }

  public static SearchRequest of(String query) {
    return new SearchRequest(query, Map.of(), SearchSort.RELEVANCE, 0, 20);
  }
}
