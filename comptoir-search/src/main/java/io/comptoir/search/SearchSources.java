package io.comptoir.search;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.glossary.GlossaryFacts;
import io.comptoir.score.StandingFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Where the index takes what it indexes and ranks with. */
public interface SearchSources {
  /** Every product of the catalog. */
  List<DataProduct> products();

  Optional<DataProduct> product(ProductId id);

  List<Domain> domains();

  List<LegalEntity> entities();

  GlossaryFacts glossary();

  StandingFacts standing();

  /** Reads of each product over the recent period ranking counts (products never read omitted). */
  Map<ProductId, Long> reads();

  /** The sources of a running Comptoir: its catalog, glossary, standing and consumption. */
  static SearchSources of(
      CatalogService catalog,
      GlossaryFacts glossary,
      StandingFacts standing,
      Supplier<Map<ProductId, Long>> reads) {
    requireNonNull(catalog, "catalog is null");
    requireNonNull(glossary, "glossary is null");
    requireNonNull(standing, "standing is null");
    requireNonNull(reads, "reads is null");
    return new SearchSources() {
      @Override
      public List<DataProduct> products() {
        return catalog.allProducts();
      }

      @Override
      public Optional<DataProduct> product(ProductId id) {
        return catalog.findProduct(id);
      }

      @Override
      public List<Domain> domains() {
        return catalog.listDomains();
      }

      @Override
      public List<LegalEntity> entities() {
        return catalog.listEntities();
      }

      @Override
      public GlossaryFacts glossary() {
        return glossary;
      }

      @Override
      public StandingFacts standing() {
        return standing;
      }

      @Override
      public Map<ProductId, Long> reads() {
        return reads.get();
      }
    };
  }
}
