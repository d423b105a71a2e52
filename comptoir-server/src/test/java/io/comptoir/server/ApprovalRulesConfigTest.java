package io.comptoir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Classification;
import io.comptoir.config.Configuration;
import io.comptoir.contract.ApprovalFacts;
import io.comptoir.contract.ApprovalRules;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.PurposeCategory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalRulesConfigTest {
  private static final ApprovalFacts EVERYTHING =
      new ApprovalFacts(
          "LBP", Classification.CONFIDENTIAL, true, "BSCC", PurposeCategory.OPEN_DATA, true);

  @Test
  void defaultsToTheWholeCommitteeRules() {
    ApprovalRules rules = Comptoir.approvalRules(Configuration.of(Map.of(), Path.of(".")));
    assertThat(rules).isEqualTo(ApprovalRules.defaults());
    assertThat(rules.requiredApprovers(EVERYTHING))
        .containsExactly(
            ApproverRole.DATA_OWNER,
            ApproverRole.DPO,
            ApproverRole.LEGAL,
            ApproverRole.DATA_OFFICE);
  }

  @Test
  void readsEachRuleFromTheConfiguration() {
    ApprovalRules rules =
        Comptoir.approvalRules(
            Configuration.of(
                Map.of(
                    "approval-dpo-for-personal-data", "false",
                    "approval-legal-across-entities", "FALSE",
                    "approval-legal-for-external-purposes", "false",
                    "approval-data-office-classifications", "confidential, restricted",
                    "approval-data-office-for-certified", "false"),
                Path.of(".")));
    assertThat(rules.dataOfficeClassifications())
        .containsExactlyInAnyOrder(Classification.CONFIDENTIAL, Classification.RESTRICTED);
    assertThat(rules.requiredApprovers(EVERYTHING))
        .containsExactly(ApproverRole.DATA_OWNER, ApproverRole.DATA_OFFICE);
  }

  @Test
  void refusesBadValuesNamingTheKey() {
    assertThatThrownBy(
            () -> Configuration.of(Map.of("approval-dpo-for-personal-data", "yes"), Path.of(".")))
        .hasMessageContaining(
            "configuration key 'approval-dpo-for-personal-data': expected a true or false, got 'yes'");
    assertThatThrownBy(
            () ->
                Configuration.of(
                    Map.of("approval-data-office-classifications", "RESTRICTED,SECRET"),
                    Path.of(".")))
        .hasMessageContaining("configuration key 'approval-data-office-classifications'")
        .hasMessageContaining("got 'RESTRICTED,SECRET'");
  }
}
