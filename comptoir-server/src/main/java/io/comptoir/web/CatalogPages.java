package io.comptoir.web;

import io.comptoir.api.SearchRoutes;
import io.comptoir.api.Services;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.ProductId;
import io.comptoir.contract.ConsumptionService.ProductConsumption;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.Version;
import io.comptoir.search.SearchFacet;
import io.comptoir.search.SearchSort;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The home page and the catalog browser with facets. */
final class CatalogPages {
  /** How many products the home page lists as recently published and most consumed. */
  static final int HOME_LIST_SIZE = 5;

  /** A domain tile of the home page. */
  record DomainTile(Domain domain, long products) {}

  /** A product with the date of its latest version, for "recently published". */
  record Published(DataProduct product, Version version) {}

  /** A product with its reads over the last 30 days, for "most consumed". */
  record Consumed(DataProduct product, long reads) {}

  private final Pages pages;
  private final Services services;

  CatalogPages(Pages pages, Services services) {
    this.pages = pages;
    this.services = services;
  }

  void register(RoutesConfig routes) {
    routes.get("/", this::home);
    routes.get("/products", this::browse);
  }

  private void home(Context context) {
    Principal principal = Web.signedIn(context);
    List<DataProduct> products = services.catalog().allProducts();
    Map<String, Long> perDomain =
        products.stream()
            .collect(Collectors.groupingBy(DataProduct::domain, Collectors.counting()));
    List<DomainTile> tiles =
        services.catalog().listDomains().stream()
            .map(domain -> new DomainTile(domain, perDomain.getOrDefault(domain.id(), 0L)))
            .toList();
    List<Published> published = new ArrayList<>();
    for (DataProduct product : products) {
      services
          .ingestion()
          .findLatestVersion(product.id())
          .ifPresent(version -> published.add(new Published(product, version)));
    }
    published.sort(Comparator.comparing((Published p) -> p.version().createdAt()).reversed());
    Map<ProductId, DataProduct> byId =
        products.stream().collect(Collectors.toMap(DataProduct::id, Function.identity()));
    LocalDate today = services.consumption().today();
    List<Consumed> consumed = new ArrayList<>();
    for (ProductConsumption entry : services.consumption().popularity(today.minusDays(29), today)) {
      DataProduct product = byId.get(entry.product());
      if (product != null && consumed.size() < HOME_LIST_SIZE) {
        consumed.add(new Consumed(product, entry.totals().reads()));
      }
    }
    // the best data scores with their certification, from the search index like the catalog page
    services.standing().checkCertifications();
    Browse.Result best =
        Browse.search(
            services.search(),
            SearchRoutes.visibility(principal),
            "",
            Map.of(),
            SearchSort.SCORE,
            0);
    List<io.comptoir.search.SearchResult.ProductHit> scored =
        best.products().stream()
            .filter(hit -> hit.dataScore().isPresent())
            .limit(HOME_LIST_SIZE)
            .toList();
    pages.render(
        context,
        "home.jte",
        Map.of(
            "tiles",
            tiles,
            "published",
            published.subList(0, Math.min(HOME_LIST_SIZE, published.size())),
            "consumed",
            consumed,
            "scored",
            scored,
            "certified",
            best.facets().getOrDefault(SearchFacet.CERTIFICATION, List.of()).stream()
                .filter(value -> !value.value().equals("NONE"))
                .toList()));
  }

  private void browse(Context context) {
    Principal principal = Web.signedIn(context);
    Map<SearchFacet, String> selected = SearchRoutes.filters(context);
    int offset = Parameters.nonNegative(context, "offset");
    SearchSort sort = SearchRoutes.sort(context);
    services.standing().checkCertifications();
    Browse.Result result =
        Browse.search(
            services.search(),
            SearchRoutes.visibility(principal),
            context.queryParam("q"),
            selected,
            sort,
            offset);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("result", result);
    model.put("links", new BrowseLinks(result));
    pages.render(context, Pages.htmx(context) ? "browse_results.jte" : "browse.jte", model);
  }

  /** Query strings of the browse page: keep the other choices, change one. */
  record BrowseLinks(Browse.Result result) {
    String toggle(SearchFacet facet, String value) {
      Map<SearchFacet, String> next = new EnumMap<>(SearchFacet.class);
      next.putAll(result.selected());
      if (value.equals(next.get(facet))) {
        next.remove(facet);
      } else {
        next.put(facet, value);
      }
      return url(next, 0);
    }

    String offset(int offset) {
      return url(result.selected(), Math.max(0, offset));
    }

    private String url(Map<SearchFacet, String> selected, int offset) {
      StringBuilder url = new StringBuilder("/products?q=").append(encode(result.query()));
      selected.forEach(
          (facet, value) ->
              url.append('&').append(facet.parameter()).append('=').append(encode(value)));
      if (result.sort() != SearchSort.RELEVANCE) {
        url.append("&sort=").append(result.sort().name().toLowerCase(java.util.Locale.ROOT));
      }
      if (offset > 0) {
        url.append("&offset=").append(offset);
      }
      return url.toString();
    }

    private static String encode(String value) {
      return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
