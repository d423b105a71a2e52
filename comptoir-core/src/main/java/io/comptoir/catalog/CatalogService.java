package io.comptoir.catalog;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.MetadataChanges;
import io.comptoir.common.NotFoundException;
import io.comptoir.common.Page;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Entities, domains and products, with their cross-checks. */
public final class CatalogService {
  private final CatalogRepository repository;
  private final Clock clock;
  private final MetadataChanges changes;

  public CatalogService(CatalogRepository repository, Clock clock) {
    this(repository, clock, new MetadataChanges());
  }

  /** A catalog that publishes PRODUCT on the bus after each product saved. */
  public CatalogService(CatalogRepository repository, Clock clock, MetadataChanges changes) {
    this.repository = requireNonNull(repository, "repository is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.changes = requireNonNull(changes, "changes is null");
  }

  /** Saves an entity; publishes PRODUCT with an empty id, as every product shows its entity. */
  public void saveEntity(LegalEntity entity) {
    repository.saveEntity(entity);
    changes.publish(MetadataChanges.Kind.PRODUCT, "");
  }

  /** Saves a domain; publishes PRODUCT with an empty id, as every product shows its domain. */
  public void saveDomain(Domain domain) {
    repository.saveDomain(domain);
    changes.publish(MetadataChanges.Kind.PRODUCT, "");
  }

  public List<LegalEntity> listEntities() {
    return repository.listEntities();
  }

  public List<Domain> listDomains() {
    return repository.listDomains();
  }

  /** Creates or updates a product; its entity and domain must exist. */
  public DataProduct saveProduct(DataProduct product) {
    if (repository.findEntity(product.entity()).isEmpty()) {
      throw ComptoirException.invalidInput(
          "product %s names unknown entity '%s'", product.id(), product.entity());
    }
    if (repository.findDomain(product.domain()).isEmpty()) {
      throw ComptoirException.invalidInput(
          "product %s names unknown domain '%s'", product.id(), product.domain());
    }
    DataProduct toSave =
        repository
            .findProduct(product.id())
            .map(existing -> product.savedAgain(existing.createdAt(), clock.instant()))
            .orElse(product);
    repository.saveProduct(toSave);
    changes.publish(MetadataChanges.Kind.PRODUCT, toSave.id().value());
    return toSave;
  }

  public Optional<DataProduct> findProduct(ProductId id) {
    return repository.findProduct(id);
  }

  public DataProduct loadProduct(ProductId id) {
    return repository.findProduct(id).orElseThrow(() -> new NotFoundException("product", id));
  }

  public Page<DataProduct> listProducts(ProductQuery query) {
    return repository.listProducts(query);
  }

  /** Every product of the catalog, read page after page. */
  public List<DataProduct> allProducts() {
    List<DataProduct> all = new java.util.ArrayList<>();
    int offset = 0;
    while (true) {
      Page<DataProduct> page =
          repository.listProducts(
              new ProductQuery(
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  new io.comptoir.common.PageRequest(offset, Page.MAX_LIMIT)));
      all.addAll(page.items());
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.total()) {
        return all;
      }
    }
  }

  public Clock clock() {
    return clock;
  }
}
