package io.comptoir.contract;

import static io.comptoir.contract.ApproverRole.DATA_OWNER;
import static io.comptoir.contract.ApproverRole.DPO;
import static io.comptoir.contract.ApproverRole.LEGAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommitteeTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final Set<ApproverRole> required = EnumSet.of(DATA_OWNER, DPO);

  @Test
  void becomesActiveOnlyWhenEveryRequiredRoleApproved() {
    assertThat(Committee.status(required, List.of())).isEqualTo(ContractStatus.REQUESTED);
    List<Decision> one = List.of(approve(DATA_OWNER));
    assertThat(Committee.status(required, one)).isEqualTo(ContractStatus.IN_REVIEW);
    assertThat(Committee.status(required, List.of(approve(DATA_OWNER), approve(DPO))))
        .isEqualTo(ContractStatus.ACTIVE);
  }

  @Test
  void oneRejectionClosesTheRequest() {
    Decision rejection = new Decision(DPO, "denis.dpo", Verdict.REJECTED, "purpose too vague", NOW);
    assertThat(Committee.status(required, List.of(approve(DATA_OWNER), rejection)))
        .isEqualTo(ContractStatus.REJECTED);
  }

  @Test
  void refusesDecisionsFromRolesNotRequiredOrTwice() {
    assertThatThrownBy(() -> Committee.checkCanDecide(required, List.of(), LEGAL))
        .hasMessage(
            "this request does not need the approval of LEGAL (it needs [DATA_OWNER, DPO])");
    assertThatThrownBy(
            () -> Committee.checkCanDecide(required, List.of(approve(DATA_OWNER)), DATA_OWNER))
        .hasMessage("DATA_OWNER already decided on this request (APPROVED by someone)");
  }

  @Test
  void aRejectionNeedsAComment() {
    assertThatThrownBy(() -> new Decision(DPO, "denis.dpo", Verdict.REJECTED, "  ", NOW))
        .hasMessage("a rejection needs a comment: the requester is shown the reason");
  }

  private static Decision approve(ApproverRole role) {
    return new Decision(role, "someone", Verdict.APPROVED, "", NOW);
  }
}
