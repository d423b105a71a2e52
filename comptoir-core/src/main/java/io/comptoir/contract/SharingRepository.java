package io.comptoir.contract;

import io.comptoir.catalog.ProductId;

/** The sharing scope of each product; {@link SharingScope#GROUP} unless set. */
public interface SharingRepository {
  void save(ProductId product, SharingScope scope);

  SharingScope scopeOf(ProductId product);

  /** The sharing facts the contract service needs, read from this repository. */
  default ProductSharing asProductSharing() {
    SharingRepository repository = this;
    return new ProductSharing() {
      @Override
      public boolean staysInEntity(ProductId product) {
        return repository.scopeOf(product) == SharingScope.ENTITY;
      }

      @Override
      public boolean certified(ProductId product) {
        // certification comes with the data score issue
        return false;
      }
    };
  }
}
