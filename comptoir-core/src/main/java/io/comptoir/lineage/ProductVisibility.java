package io.comptoir.lineage;

import io.comptoir.identity.Principal;

/** Whether a dataset of Comptoir's namespace is a product the caller may see in the graph. */
@FunctionalInterface
public interface ProductVisibility {
  /** What a product id is to a caller. */
  enum Verdict {
    /** No product has this id: the dataset is drawn like any other. */
    NOT_A_PRODUCT,
    VISIBLE,
    /** Behind an entity wall: drawn as an opaque node, not walked through. */
    RESTRICTED
  }

  Verdict of(Principal principal, String productId);
}
