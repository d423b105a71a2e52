package io.comptoir.demo;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A hand-written in-memory catalog repository for tests. */
final class InMemoryCatalogRepository implements CatalogRepository {
  private final Map<String, LegalEntity> entities = new TreeMap<>();
  private final Map<String, Domain> domains = new TreeMap<>();
  private final Map<String, DataProduct> products = new TreeMap<>();

  @Override
  public synchronized void saveEntity(LegalEntity entity) {
    entities.put(entity.code(), entity);
  }

  @Override
  public synchronized List<LegalEntity> listEntities() {
    return List.copyOf(entities.values());
  }

  @Override
  public synchronized Optional<LegalEntity> findEntity(String code) {
    return Optional.ofNullable(entities.get(code));
  }

  @Override
  public synchronized void saveDomain(Domain domain) {
    domains.put(domain.id(), domain);
  }

  @Override
  public synchronized List<Domain> listDomains() {
    return List.copyOf(domains.values());
  }

  @Override
  public synchronized Optional<Domain> findDomain(String id) {
    return Optional.ofNullable(domains.get(id));
  }

  @Override
  public synchronized void saveProduct(DataProduct product) {
    products.put(product.id().value(), product);
  }

  @Override
  public synchronized Optional<DataProduct> findProduct(ProductId id) {
    return Optional.ofNullable(products.get(id.value()));
  }

  @Override
  public synchronized Page<DataProduct> listProducts(ProductQuery query) {
    List<DataProduct> matching = new ArrayList<>();
    for (DataProduct product : products.values()) {
      if (query.entity().map(product.entity()::equals).orElse(true)
          && query.domain().map(product.domain()::equals).orElse(true)
          && query.tag().map(product.tags()::contains).orElse(true)
          && query.classification().map(c -> c == product.classification()).orElse(true)) {
        matching.add(product);
      }
    }
    int from = Math.min(query.page().offset(), matching.size());
    int to = Math.min(from + query.page().limit(), matching.size());
    return new Page<>(
        matching.subList(from, to), matching.size(), query.page().offset(), query.page().limit());
  }
}
