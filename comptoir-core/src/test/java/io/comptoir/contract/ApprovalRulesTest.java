package io.comptoir.contract;

import static io.comptoir.contract.ApproverRole.DATA_OFFICE;
import static io.comptoir.contract.ApproverRole.DATA_OWNER;
import static io.comptoir.contract.ApproverRole.DPO;
import static io.comptoir.contract.ApproverRole.LEGAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.Classification;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {
  private final ApprovalRules rules = ApprovalRules.defaults();

  @Test
  void theDataOwnerAloneApprovesAnInternalRequestWithoutPersonalData() {
    assertThat(
            rules.requiredApprovers(
                facts(
                    "BSCC",
                    Classification.INTERNAL,
                    false,
                    "BSCC",
                    PurposeCategory.ANALYTICS,
                    false)))
        .containsExactly(DATA_OWNER);
  }

  @Test
  void theDpoApprovesWhenPersonalDataIsReadOtherThanFullyMasked() {
    assertThat(
            rules.requiredApprovers(
                facts(
                    "BSCC",
                    Classification.INTERNAL,
                    false,
                    "BSCC",
                    PurposeCategory.ANALYTICS,
                    true)))
        .containsExactly(DATA_OWNER, DPO);
  }

  @Test
  void legalApprovesAcrossEntitiesAndForExternalPurposes() {
    assertThat(
            rules.requiredApprovers(
                facts(
                    "LBP",
                    Classification.INTERNAL,
                    false,
                    "BSCC",
                    PurposeCategory.ANALYTICS,
                    false)))
        .containsExactly(DATA_OWNER, LEGAL);
    assertThat(
            rules.requiredApprovers(
                facts(
                    "LBP",
                    Classification.INTERNAL,
                    false,
                    "LBP",
                    PurposeCategory.PARTNER_SHARING,
                    false)))
        .containsExactly(DATA_OWNER, LEGAL);
  }

  @Test
  void theDataOfficeApprovesRestrictedOrCertifiedProducts() {
    assertThat(
            rules.requiredApprovers(
                facts(
                    "LBP",
                    Classification.RESTRICTED,
                    false,
                    "LBP",
                    PurposeCategory.ANALYTICS,
                    false)))
        .containsExactly(DATA_OWNER, DATA_OFFICE);
    assertThat(
            rules.requiredApprovers(
                facts("LBP", Classification.PUBLIC, true, "LBP", PurposeCategory.ANALYTICS, false)))
        .containsExactly(DATA_OWNER, DATA_OFFICE);
  }

  @Test
  void everyRuleAtOnceGivesTheWholeCommittee() {
    assertThat(
            rules.requiredApprovers(
                facts(
                    "CNP",
                    Classification.RESTRICTED,
                    true,
                    "BGPN",
                    PurposeCategory.OPEN_DATA,
                    true)))
        .containsExactly(DATA_OWNER, DPO, LEGAL, DATA_OFFICE);
  }

  @Test
  void rulesCanBeTurnedOffByConfiguration() {
    ApprovalRules lenient =
        new ApprovalRules(false, false, true, EnumSet.noneOf(Classification.class), false);
    assertThat(
            lenient.requiredApprovers(
                facts(
                    "CNP",
                    Classification.RESTRICTED,
                    true,
                    "BGPN",
                    PurposeCategory.ANALYTICS,
                    true)))
        .containsExactly(DATA_OWNER);
  }

  private static ApprovalFacts facts(
      String productEntity,
      Classification classification,
      boolean certified,
      String consumerEntity,
      PurposeCategory purpose,
      boolean personalDataInClear) {
    return new ApprovalFacts(
        productEntity, classification, certified, consumerEntity, purpose, personalDataInClear);
  }
}
