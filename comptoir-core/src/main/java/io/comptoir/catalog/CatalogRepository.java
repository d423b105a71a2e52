package io.comptoir.catalog;

import io.comptoir.common.Page;
import java.util.List;
import java.util.Optional;

/** Persistence of entities, domains and products. */
public interface CatalogRepository {
  /** Inserts or updates by code. */
  void saveEntity(LegalEntity entity);

  List<LegalEntity> listEntities();

  Optional<LegalEntity> findEntity(String code);

  /** Inserts or updates by id. */
  void saveDomain(Domain domain);

  List<Domain> listDomains();

  Optional<Domain> findDomain(String id);

  /** Inserts or updates by id, columns and tags included. */
  void saveProduct(DataProduct product);

  Optional<DataProduct> findProduct(ProductId id);

  /** Products matching the query, ordered by id. */
  Page<DataProduct> listProducts(ProductQuery query);
}
