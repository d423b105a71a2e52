package io.comptoir.contract;

import static io.comptoir.common.Validation.requireCode;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Classification;

/**
 * What decides who must approve a request.
 *
 * @param personalDataInClear whether a requested column with a personal-data category would be read
 *     other than fully masked ({@code MASK_NULL} or {@code MASK}); keyed hashes and generalisations
 *     are still personal data
 */
public record ApprovalFacts(
    String productEntity,
    Classification classification,
    boolean certified,
    String consumerEntity,
    PurposeCategory purpose,
    boolean personalDataInClear) {
  public ApprovalFacts {
    requireCode(productEntity, "product entity");
    requireNonNull(classification, "classification is null");
    requireCode(consumerEntity, "consumer entity");
    requireNonNull(purpose, "purpose is null");
  }
}
