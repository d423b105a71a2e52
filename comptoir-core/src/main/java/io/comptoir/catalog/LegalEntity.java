package io.comptoir.catalog;

import static io.comptoir.common.Validation.requireCode;
import static io.comptoir.common.Validation.requireText;

/**
 * A legal entity (branch) of the group, such as BSCC or LBP. Called "Entity" in the design guide;
 * named LegalEntity in code to avoid confusion with persistence entities.
 */
public record LegalEntity(String code, String name, String description) {
  public LegalEntity {
    requireCode(code, "entity code");
    requireText(name, "entity name");
    description = description == null ? "" : description;
  }
}
