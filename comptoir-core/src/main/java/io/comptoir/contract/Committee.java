package io.comptoir.contract;

import io.comptoir.common.ComptoirException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Where a request stands given its required approvers and the decisions so far. */
public final class Committee {
  private Committee() {}

  /**
   * REJECTED as soon as one required approver rejected, ACTIVE when every required role approved,
   * IN_REVIEW when some decided, REQUESTED when none did.
   */
  public static ContractStatus status(Set<ApproverRole> required, List<Decision> decisions) {
    Set<ApproverRole> approved = EnumSet.noneOf(ApproverRole.class);
    for (Decision decision : decisions) {
      if (!required.contains(decision.role())) {
        continue;
      }
      if (decision.verdict() == Verdict.REJECTED) {
        return ContractStatus.REJECTED;
      }
      approved.add(decision.role());
    }
    if (approved.containsAll(required)) {
      return ContractStatus.ACTIVE;
    }
    return decisions.isEmpty() ? ContractStatus.REQUESTED : ContractStatus.IN_REVIEW;
  }

  /** Refuses a decision the committee does not expect: not a required role, or already decided. */
  public static void checkCanDecide(
      Set<ApproverRole> required, List<Decision> decisions, ApproverRole role) {
    if (!required.contains(role)) {
      throw ComptoirException.invalidInput(
          "this request does not need the approval of %s (it needs %s)", role, required);
    }
    for (Decision decision : decisions) {
      if (decision.role() == role) {
        throw ComptoirException.conflict(
            "%s already decided on this request (%s by %s)",
            role, decision.verdict(), decision.approver());
      }
    }
  }
}
