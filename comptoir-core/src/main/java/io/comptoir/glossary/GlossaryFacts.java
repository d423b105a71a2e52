package io.comptoir.glossary;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Map;

/**
 * What the glossary tells the others (search, data score). {@link #NONE} knows nothing, for wiring
 * a module alone.
 */
public interface GlossaryFacts {
  /** Every term, whatever its status. */
  List<TermSummary> terms();

  /** Column name to the ids of the terms it is linked to, for one product. */
  Map<String, List<String>> columnTerms(ProductId product);

  /** A glossary term as other capabilities see it. */
  record TermSummary(
      String id, String name, String definition, List<String> synonyms, TermStatus status) {
    public TermSummary {
      requireNonNull(id, "id is null");
      requireNonNull(name, "name is null");
      definition = definition == null ? "" : definition;
      synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
      requireNonNull(status, "status is null");
    }
  }

  /** The life of a term: only approved terms feed the search with their synonyms. */
  enum TermStatus {
    DRAFT,
    APPROVED,
    DEPRECATED
  }

  GlossaryFacts NONE =
      new GlossaryFacts() {
        @Override
        public List<TermSummary> terms() {
          return List.of();
        }

        @Override
        public Map<String, List<String>> columnTerms(ProductId product) {
          return Map.of();
        }
      };
}
