package io.comptoir.contract;

import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.time.Instant;

/** One decision by one approver, in one committee role, on one request. */
public record Decision(
    ApproverRole role, String approver, Verdict verdict, String comment, Instant decidedAt) {
  public Decision {
    requireNonNull(role, "role is null");
    requireText(approver, "approver");
    requireNonNull(verdict, "verdict is null");
    comment = comment == null ? "" : comment.strip();
    requireNonNull(decidedAt, "decidedAt is null");
    if (verdict == Verdict.REJECTED && comment.isEmpty()) {
      throw ComptoirException.invalidInput(
          "a rejection needs a comment: the requester is shown the reason");
    }
  }
}
