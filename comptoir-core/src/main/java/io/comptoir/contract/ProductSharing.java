package io.comptoir.contract;

import io.comptoir.catalog.ProductId;

/** Facts about a product that weigh on who may ask for it and who must approve. */
public interface ProductSharing {
  /** Products that forbid leaving their entity: requests from other entities are refused. */
  boolean staysInEntity(ProductId product);

  /** Certified products need the data office's approval. */
  boolean certified(ProductId product);

  /** No product stays in its entity, none is certified. */
  ProductSharing OPEN =
      new ProductSharing() {
        @Override
        public boolean staysInEntity(ProductId product) {
          return false;
        }

        @Override
        public boolean certified(ProductId product) {
          return false;
        }
      };
}
