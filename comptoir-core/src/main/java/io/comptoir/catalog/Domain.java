package io.comptoir.catalog;

import static io.comptoir.common.Validation.requireSlug;
import static io.comptoir.common.Validation.requireText;

/** A data domain (Colis, Courrier, Clients...), identified by a slug. */
public record Domain(String id, String name, String description) {
  public Domain {
    requireSlug(id, "domain id");
    requireText(name, "domain name");
    description = description == null ? "" : description;
  }
}
