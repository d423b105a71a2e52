package io.comptoir.api;

import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ColumnGrant;
import io.comptoir.contract.ContractStatus;
import io.comptoir.contract.Decision;
import io.comptoir.contract.MaskingChange;
import io.comptoir.contract.UsageContract;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON shapes of access requests and usage contracts. */
final class ContractJson {
  private ContractJson() {}

  record ConsumerJson(String user, String application, String entity) {}

  record PurposeJson(
      String description,
      String category,
      String legalBasis,
      String businessValue,
      String usageReferent) {}

  record GrantJson(String column, String masking) {}

  record DecisionJson(
      ApproverRole role, String approver, String verdict, String comment, Instant decidedAt) {}

  record MaskingChangeJson(
      String column, String before, String after, String changedBy, Instant changedAt) {}

  record RevocationJson(String revokedBy, Instant revokedAt, String reason) {}

  record ContractOut(
      String id,
      String product,
      ContractStatus status,
      ConsumerJson consumer,
      PurposeJson purpose,
      List<GrantJson> columns,
      String rowScope,
      LocalDate start,
      LocalDate end,
      String reviewPeriod,
      Set<ApproverRole> requiredApprovers,
      Set<ApproverRole> pendingApprovers,
      List<DecisionJson> decisions,
      List<MaskingChangeJson> maskingChanges,
      Instant requestedAt,
      Instant lastReviewedAt,
      RevocationJson revocation,
      String renewalOf) {

    static ContractOut of(UsageContract contract, Instant now) {
      return new ContractOut(
          contract.id().value(),
          contract.product().value(),
          contract.statusAt(now),
          new ConsumerJson(
              contract.consumer().user(),
              contract.consumer().application().orElse(null),
              contract.consumer().entity()),
          new PurposeJson(
              contract.purpose().description(),
              contract.purpose().category().name(),
              contract.purpose().legalBasis().name(),
              contract.purpose().businessValue(),
              contract.purpose().usageReferent()),
          contract.grants().stream().map(ContractOut::grant).toList(),
          contract.rowScope(),
          contract.terms().start(),
          contract.terms().end(),
          contract.terms().reviewPeriod().toString(),
          contract.required(),
          contract.pendingApprovers(),
          contract.decisions().stream().map(ContractOut::decision).toList(),
          contract.maskingChanges().stream().map(ContractOut::change).toList(),
          contract.requestedAt(),
          contract.lastReviewedAt().orElse(null),
          contract
              .revocation()
              .map(r -> new RevocationJson(r.revokedBy(), r.revokedAt(), r.reason()))
              .orElse(null),
          contract.renewalOf().map(Object::toString).orElse(null));
    }

    private static GrantJson grant(ColumnGrant grant) {
      return new GrantJson(grant.column(), grant.masking().name());
    }

    private static DecisionJson decision(Decision decision) {
      return new DecisionJson(
          decision.role(),
          decision.approver(),
          decision.verdict().name(),
          decision.comment(),
          decision.decidedAt());
    }

    private static MaskingChangeJson change(MaskingChange change) {
      return new MaskingChangeJson(
          change.column(),
          change.before().name(),
          change.after().name(),
          change.changedBy(),
          change.changedAt());
    }
  }

  /** Body of {@code POST /api/v1/products/{id}/requests}. */
  record RequestIn(
      String purpose,
      String purposeCategory,
      String legalBasis,
      String businessValue,
      String usageReferent,
      List<String> columns,
      Map<String, String> maskings,
      String rowScope,
      String start,
      String end,
      String reviewPeriod,
      String application) {}

  /** Body of {@code POST /api/v1/contracts/{id}/decisions}. */
  record DecisionIn(String role, String verdict, String comment, Map<String, String> maskings) {}

  /** Body of {@code POST /api/v1/contracts/{id}/revoke}. */
  record RevokeIn(String reason) {}

  /** Body of {@code POST /api/v1/contracts/{id}/renew}. */
  record RenewIn(String start, String end, String reviewPeriod) {}
}
