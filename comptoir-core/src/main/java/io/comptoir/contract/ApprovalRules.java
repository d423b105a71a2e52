package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Classification;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who must approve a request, as configurable rules. The data owner always approves.
 *
 * @param dpoForPersonalData the DPO approves when personal data would be read other than fully
 *     masked
 * @param legalAcrossEntities legal approves when the consumer belongs to another entity
 * @param legalForExternalPurposes legal approves when the purpose takes data out of the group
 * @param dataOfficeClassifications the data office approves requests on these classifications
 * @param dataOfficeForCertified the data office approves requests on certified products
 */
public record ApprovalRules(
    boolean dpoForPersonalData,
    boolean legalAcrossEntities,
    boolean legalForExternalPurposes,
    Set<Classification> dataOfficeClassifications,
    boolean dataOfficeForCertified) {

  public ApprovalRules {
    dataOfficeClassifications =
        Set.copyOf(requireNonNull(dataOfficeClassifications, "dataOfficeClassifications is null"));
  }

  /** The rules of the design guide. */
  public static ApprovalRules defaults() {
    return new ApprovalRules(true, true, true, EnumSet.of(Classification.RESTRICTED), true);
  }

  /** The approvers a request with these facts needs, in committee order. */
  public Set<ApproverRole> requiredApprovers(ApprovalFacts facts) {
    Set<ApproverRole> roles = EnumSet.of(ApproverRole.DATA_OWNER);
    if (dpoForPersonalData && facts.personalDataInClear()) {
      roles.add(ApproverRole.DPO);
    }
    boolean otherEntity = !facts.productEntity().equals(facts.consumerEntity());
    if ((legalAcrossEntities && otherEntity)
        || (legalForExternalPurposes && facts.purpose().isExternal())) {
      roles.add(ApproverRole.LEGAL);
    }
    if (dataOfficeClassifications.contains(facts.classification())
        || (dataOfficeForCertified && facts.certified())) {
      roles.add(ApproverRole.DATA_OFFICE);
    }
    return roles;
  }
}
