package io.comptoir.contract;

import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

/**
 * Why the data is requested and what it is worth.
 *
 * @param description the purpose in the requester's words
 * @param businessValue the value expected from the use
 * @param usageReferent the person answerable for the use
 */
public record Purpose(
    String description,
    PurposeCategory category,
    LegalBasis legalBasis,
    String businessValue,
    String usageReferent) {
  public Purpose {
    requireText(description, "purpose");
    requireNonNull(category, "purpose category is null");
    requireNonNull(legalBasis, "legal basis is null");
    businessValue = businessValue == null ? "" : businessValue;
    requireText(usageReferent, "usage referent");
  }
}
