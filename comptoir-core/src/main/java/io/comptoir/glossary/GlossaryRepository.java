package io.comptoir.glossary;

import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Persistence of glossary terms and of the links from columns to terms. */
public interface GlossaryRepository {
  /** Inserts or updates by id, synonyms and related terms included. */
  void save(GlossaryTerm term);

  Optional<GlossaryTerm> find(String id);

  /** Every term, by name. */
  List<GlossaryTerm> list();

  /** Deletes the term, its links from columns and its relations. */
  void delete(String id);

  /** Replaces the terms a column links to. */
  void linkColumn(ColumnRef column, List<String> termIds);

  /** Column name to term ids, for one product. */
  Map<String, List<String>> columnTerms(ProductId product);

  /** The columns linked to a term. */
  List<ColumnRef> columnsUsing(String termId);
}
