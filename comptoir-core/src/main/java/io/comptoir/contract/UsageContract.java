package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An access request and, once its committee approved it, the usage contract it is. Immutable: every
 * change returns a new value.
 *
 * @param grants the columns granted and their masking
 * @param rowScope the contract's row filter, always applied to reads ({@link RowFilter} syntax;
 *     empty for all rows)
 * @param required the committee roles that must approve
 * @param status the recorded status; {@link #statusAt} adds expiry and overdue reviews
 * @param lastReviewedAt when it was approved or last reviewed
 * @param renewalOf the contract this request renews, if any
 */
public record UsageContract(
    ContractId id,
    ProductId product,
    Consumer consumer,
    Purpose purpose,
    List<ColumnGrant> grants,
    String rowScope,
    ContractTerms terms,
    Set<ApproverRole> required,
    List<Decision> decisions,
    List<MaskingChange> maskingChanges,
    ContractStatus status,
    Instant requestedAt,
    Optional<Instant> lastReviewedAt,
    Optional<Revocation> revocation,
    Optional<ContractId> renewalOf) {

  public UsageContract {
    requireNonNull(id, "id is null");
    requireNonNull(product, "product is null");
    requireNonNull(consumer, "consumer is null");
    requireNonNull(purpose, "purpose is null");
    grants = List.copyOf(requireNonNull(grants, "grants is null"));
    if (grants.isEmpty()) {
      throw ComptoirException.invalidInput("a request needs at least one column");
    }
    rowScope = rowScope == null ? "" : rowScope.strip();
    requireNonNull(terms, "terms is null");
    requireNonNull(required, "required is null");
    // committee order (data owner, DPO, legal, data office), whatever the set given
    required =
        java.util.Collections.unmodifiableSet(
            required.isEmpty() ? EnumSet.noneOf(ApproverRole.class) : EnumSet.copyOf(required));
    decisions = List.copyOf(requireNonNull(decisions, "decisions is null"));
    maskingChanges = List.copyOf(requireNonNull(maskingChanges, "maskingChanges is null"));
    requireNonNull(status, "status is null");
    requireNonNull(requestedAt, "requestedAt is null");
    lastReviewedAt = lastReviewedAt == null ? Optional.empty() : lastReviewedAt;
    revocation = revocation == null ? Optional.empty() : revocation;
    renewalOf = renewalOf == null ? Optional.empty() : renewalOf;
  }

  /**
   * The status at {@code now}: an approved contract expires after its end date and is suspended
   * while its review is overdue, whether or not a job has noticed it.
   */
  public ContractStatus statusAt(Instant now) {
    if (status != ContractStatus.ACTIVE && status != ContractStatus.SUSPENDED) {
      return status;
    }
    return terms.statusAt(now, lastReviewedAt.orElse(requestedAt));
  }

  /** The grant of a column, if the contract grants it. */
  public Optional<ColumnGrant> grant(String column) {
    return grants.stream().filter(grant -> grant.column().equals(column)).findFirst();
  }

  /**
   * Records one approver's decision, with the maskings the DPO tightens; the status follows ({@link
   * Committee#status}).
   */
  public UsageContract decide(Decision decision, List<ColumnGrant> tightened) {
    ContractStatus current = status;
    if (current != ContractStatus.REQUESTED && current != ContractStatus.IN_REVIEW) {
      throw ComptoirException.conflict("request %s is %s: no decision can be added", id, current);
    }
    Committee.checkCanDecide(required, decisions, decision.role());
    List<ColumnGrant> newGrants = new ArrayList<>(grants);
    List<MaskingChange> changes = new ArrayList<>(maskingChanges);
    for (ColumnGrant change : tightened) {
      if (decision.role() != ApproverRole.DPO) {
        throw new ComptoirException(
            io.comptoir.common.ErrorCode.FORBIDDEN,
            "only the DPO can change the masking of a column");
      }
      int index = indexOf(newGrants, change.column());
      ColumnGrant before = newGrants.get(index);
      if (!change.masking().isAtLeastAsStrictAs(before.masking())) {
        throw ComptoirException.invalidInput(
            "the DPO can only tighten a masking: %s on column '%s' is looser than %s",
            change.masking(), change.column(), before.masking());
      }
      if (change.masking() != before.masking()) {
        newGrants.set(index, change);
        changes.add(
            new MaskingChange(
                change.column(),
                before.masking(),
                change.masking(),
                decision.approver(),
                decision.decidedAt()));
      }
    }
    List<Decision> newDecisions = new ArrayList<>(decisions);
    newDecisions.add(decision);
    ContractStatus next = Committee.status(required, newDecisions);
    return new UsageContract(
        id,
        product,
        consumer,
        purpose,
        newGrants,
        rowScope,
        terms,
        required,
        newDecisions,
        changes,
        next,
        requestedAt,
        next == ContractStatus.ACTIVE ? Optional.of(decision.decidedAt()) : lastReviewedAt,
        revocation,
        renewalOf);
  }

  private int indexOf(List<ColumnGrant> list, String column) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).column().equals(column)) {
        return i;
      }
    }
    throw ComptoirException.invalidInput("request %s does not ask for column '%s'", id, column);
  }

  /** Ends the contract at once. */
  public UsageContract revoke(Revocation by) {
    if (status.isFinal()) {
      throw ComptoirException.conflict("contract %s is already %s", id, status);
    }
    return withStatus(ContractStatus.REVOKED, lastReviewedAt, Optional.of(by));
  }

  /** Records a periodic review: a suspended contract becomes active again. */
  public UsageContract review(Instant at, Instant now) {
    ContractStatus current = statusAt(now);
    if (current != ContractStatus.ACTIVE && current != ContractStatus.SUSPENDED) {
      throw ComptoirException.conflict("contract %s is %s: it cannot be reviewed", id, current);
    }
    return withStatus(ContractStatus.ACTIVE, Optional.of(at), revocation);
  }

  private UsageContract withStatus(
      ContractStatus newStatus, Optional<Instant> reviewed, Optional<Revocation> revoked) {
    return new UsageContract(
        id,
        product,
        consumer,
        purpose,
        grants,
        rowScope,
        terms,
        required,
        decisions,
        maskingChanges,
        newStatus,
        requestedAt,
        reviewed,
        revoked,
        renewalOf);
  }

  /** The committee roles still to decide. */
  public Set<ApproverRole> pendingApprovers() {
    Set<ApproverRole> pending =
        required.isEmpty() ? EnumSet.noneOf(ApproverRole.class) : EnumSet.copyOf(required);
    decisions.forEach(decision -> pending.remove(decision.role()));
    return pending;
  }
}
