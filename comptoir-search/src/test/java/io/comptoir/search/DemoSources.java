package io.comptoir.search;

import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.demo.DemoCatalog;
import io.comptoir.demo.DemoStanding;
import io.comptoir.glossary.GlossaryFacts;
import io.comptoir.score.StandingFacts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo catalog as search sources, with its glossary (as {@code comptoir demo} writes it), and
 * products, glossary, standing and reads that tests may change.
 */
final class DemoSources implements SearchSources {
  final Map<ProductId, DataProduct> products = new LinkedHashMap<>();
  GlossaryFacts glossary = DemoStanding.glossary();
  StandingFacts standing = StandingFacts.NONE;
  Map<ProductId, Long> reads = Map.of();

  DemoSources() {
    for (DataProduct product : DemoCatalog.products(Instant.parse("2026-01-01T00:00:00Z"))) {
      products.put(product.id(), product);
    }
  }

  @Override
  public List<DataProduct> products() {
    return List.copyOf(products.values());
  }

  @Override
  public Optional<DataProduct> product(ProductId id) {
    return Optional.ofNullable(products.get(id));
  }

  @Override
  public List<Domain> domains() {
    return DemoCatalog.domains();
  }

  @Override
  public List<LegalEntity> entities() {
    return DemoCatalog.entities();
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
    return reads;
  }
}
