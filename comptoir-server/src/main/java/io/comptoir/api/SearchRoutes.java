package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.identity.Principal;
import io.comptoir.score.StandingService;
import io.comptoir.search.Highlighted;
import io.comptoir.search.SearchFacet;
import io.comptoir.search.SearchIndex;
import io.comptoir.search.SearchRequest;
import io.comptoir.search.SearchResult;
import io.comptoir.search.SearchSort;
import io.comptoir.search.SearchVisibility;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full-text search of the catalog: products (with facets and highlights) and the glossary terms and
 * domains matching the words. Any authenticated caller; results hold only what the caller may see.
 */
public final class SearchRoutes {
  static final int DEFAULT_LIMIT = 20;

  private final SearchIndex search;
  private final StandingService standing;

  SearchRoutes(SearchIndex search, StandingService standing) {
    this.search = requireNonNull(search, "search is null");
    this.standing = requireNonNull(standing, "standing is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/search", this::search);
  }

  /**
   * The entity wall of the catalog: what a principal may find. The catalog pages and the products
   * API show every product's description to every signed-in caller (data itself only leaves through
   * a contract), so the search shows them all too; the pages and this route share this one rule.
   */
  public static SearchVisibility visibility(Principal principal) {
    requireNonNull(principal, "principal is null");
    return SearchVisibility.everything();
  }

  /** The order asked with {@code sort=relevance|score|title}; relevance when absent. */
  public static SearchSort sort(Context context) {
    return Parameters.enumeration(context, "sort", SearchSort.class).orElse(SearchSort.RELEVANCE);
  }

  /** The facet values chosen in the query string, one per facet. */
  public static Map<SearchFacet, String> filters(Context context) {
    Map<SearchFacet, String> filters = new EnumMap<>(SearchFacet.class);
    for (SearchFacet facet : SearchFacet.values()) {
      String value = context.queryParam(facet.parameter());
      if (value != null && !value.isBlank()) {
        filters.put(facet, value.strip());
      }
    }
    return filters;
  }

  record ProductOut(
      String id,
      String title,
      String titleHighlighted,
      String description,
      String descriptionHighlighted,
      List<String> matchedColumns,
      String entity,
      String domain,
      String classification,
      List<String> tags,
      Integer dataScore,
      String certification,
      double rank,
      double relevance) {
    static ProductOut of(SearchResult.ProductHit hit) {
      return new ProductOut(
          hit.id().value(),
          hit.title().text(),
          hit.title().html(),
          hit.description().text(),
          hit.description().html(),
          hit.columns().stream().map(Highlighted::html).toList(),
          hit.entity(),
          hit.domain(),
          hit.classification(),
          hit.tags(),
          hit.dataScore().isPresent() ? hit.dataScore().getAsInt() : null,
          hit.certification().isEmpty() ? null : hit.certification(),
          hit.rank(),
          hit.relevance());
    }
  }

  record OtherOut(String kind, String id, String name, String nameHighlighted, String text) {
    static OtherOut of(SearchResult.OtherHit hit) {
      return new OtherOut(
          hit.kind().name(),
          hit.id(),
          hit.name().text(),
          hit.name().html(),
          hit.description().html());
    }
  }

  record FacetOut(String value, long count) {}

  record ResultOut(
      String query,
      long total,
      int offset,
      int limit,
      boolean relaxed,
      List<ProductOut> items,
      Map<String, List<FacetOut>> facets,
      List<OtherOut> related) {}

  private void search(Context context) {
    Principal principal = Caller.principal(context);
    int offset = Parameters.integer(context, "offset", 0);
    int limit = Parameters.integer(context, "limit", DEFAULT_LIMIT);
    if (offset < 0) {
      throw ComptoirException.invalidInput("query parameter 'offset' must be >= 0, got %d", offset);
    }
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw ComptoirException.invalidInput(
          "query parameter 'limit' must be between 1 and %d, got %d",
          SearchRequest.MAX_LIMIT, limit);
    }
    SearchSort sort = sort(context);
    SearchRequest request =
        new SearchRequest(context.queryParam("q"), filters(context), sort, offset, limit);
    // the index holds the certifications as they were: end those due before reading it
    standing.checkCertifications();
    SearchResult result = search.search(request, visibility(principal));
    Map<String, List<FacetOut>> facets = new LinkedHashMap<>();
    result
        .facets()
        .forEach(
            (facet, values) ->
                facets.put(
                    facet.parameter(),
                    values.stream().map(v -> new FacetOut(v.value(), v.count())).toList()));
    context.json(
        new ResultOut(
            result.query(),
            result.total(),
            offset,
            limit,
            result.relaxed(),
            result.products().stream().map(ProductOut::of).toList(),
            facets,
            result.others().stream().map(OtherOut::of).toList()));
  }
}
