package io.comptoir.web;

import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.Page;
import io.comptoir.common.PageRequest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Browsing the catalog with facets: the products matching the words typed (accents and case
 * ignored, every word must appear in the name, description, tags or columns) and the chosen facets,
 * with the count of each facet value among the products matching the other choices.
 */
final class Browse {
  /** The facets, in the order the page shows them. */
  enum Facet {
    ENTITY(DataProduct::entity),
    DOMAIN(DataProduct::domain),
    CLASSIFICATION(product -> product.classification().name()),
    TAG(null),
    OWNER(DataProduct::owner);

    private final Function<DataProduct, String> value;

    Facet(Function<DataProduct, String> value) {
      this.value = value;
    }

    String parameter() {
      return name().toLowerCase(Locale.ROOT);
    }

    List<String> values(DataProduct product) {
      return this == TAG ? product.tags() : List.of(value.apply(product));
    }
  }

  /** A facet value with the number of products it would show. */
  record FacetValue(String value, long count, boolean selected) {}

  record Result(
      String query,
      Map<Facet, String> selected,
      List<DataProduct> products,
      int total,
      int offset,
      int limit,
      Map<Facet, List<FacetValue>> facets) {
    boolean hasPrevious() {
      return offset > 0;
    }

    boolean hasNext() {
      return offset + limit < total;
    }
  }

  static final int PAGE_SIZE = 20;

  private Browse() {}

  /** Every product of the catalog. */
  static List<DataProduct> all(CatalogService catalog) {
    List<DataProduct> all = new ArrayList<>();
    int offset = 0;
    while (true) {
      Page<DataProduct> page =
          catalog.listProducts(
              new ProductQuery(
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  new PageRequest(offset, Page.MAX_LIMIT)));
      all.addAll(page.items());
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.total()) {
        return all;
      }
    }
  }

  static Result search(
      List<DataProduct> catalog, String query, Map<Facet, String> selected, int offset) {
    List<String> words = words(query);
    List<DataProduct> matching = catalog.stream().filter(p -> matches(p, words)).toList();
    List<DataProduct> shown =
        matching.stream()
            .filter(
                p -> selected.entrySet().stream().allMatch(e -> has(p, e.getKey(), e.getValue())))
            .sorted(
                Comparator.comparingInt((DataProduct p) -> titleMatches(p, words) ? 0 : 1)
                    .thenComparing(p -> p.title().toLowerCase(Locale.ROOT)))
            .toList();
    Map<Facet, List<FacetValue>> facets = new LinkedHashMap<>();
    for (Facet facet : Facet.values()) {
      Map<String, Long> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (DataProduct product : matching) {
        boolean othersMatch =
            selected.entrySet().stream()
                .filter(e -> e.getKey() != facet)
                .allMatch(e -> has(product, e.getKey(), e.getValue()));
        if (othersMatch) {
          for (String value : facet.values(product)) {
            counts.merge(value, 1L, Long::sum);
          }
        }
      }
      facets.put(
          facet,
          counts.entrySet().stream()
              .map(
                  e ->
                      new FacetValue(
                          e.getKey(), e.getValue(), e.getKey().equals(selected.get(facet))))
              .toList());
    }
    int start = Math.min(Math.max(offset, 0), shown.size());
    int end = Math.min(start + PAGE_SIZE, shown.size());
    return new Result(
        query == null ? "" : query,
        selected,
        shown.subList(start, end),
        shown.size(),
        start,
        PAGE_SIZE,
        facets);
  }

  private static boolean has(DataProduct product, Facet facet, String value) {
    return facet.values(product).contains(value);
  }

  static List<String> words(String query) {
    if (query == null || query.isBlank()) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    for (String word : fold(query).split("[^\\p{L}\\p{N}_]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static boolean matches(DataProduct product, List<String> words) {
    if (words.isEmpty()) {
      return true;
    }
    StringBuilder text = new StringBuilder();
    text.append(product.id().value()).append(' ').append(product.title()).append(' ');
    text.append(product.description()).append(' ').append(String.join(" ", product.tags()));
    for (Column column : product.columns()) {
      text.append(' ').append(column.name()).append(' ').append(column.description());
    }
    String folded = fold(text.toString());
    return words.stream().allMatch(folded::contains);
  }

  private static boolean titleMatches(DataProduct product, List<String> words) {
    String title = fold(product.title());
    return !words.isEmpty() && words.stream().allMatch(title::contains);
  }

  /** Lower case without accents: "Société" becomes "societe". */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }
}
