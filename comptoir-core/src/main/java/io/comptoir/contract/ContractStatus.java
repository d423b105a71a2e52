package io.comptoir.contract;

/** Statuses of an access request and the usage contract it becomes. */
public enum ContractStatus {
  /** Sent, no decision yet. */
  REQUESTED,
  /** At least one approver decided, others are awaited. */
  IN_REVIEW,
  /** Every required approver approved, and the contract is within its dates and reviews. */
  ACTIVE,
  /** One approver rejected it; the reason is shown to the requester. */
  REJECTED,
  /** Its periodic review is overdue: no read until it is reviewed. */
  SUSPENDED,
  /** Its end date has passed. */
  EXPIRED,
  /** Ended at once by its owner, the DPO or an administrator. */
  REVOKED;

  /** Whether nothing can happen to it any more. */
  public boolean isFinal() {
    return this == REJECTED || this == EXPIRED || this == REVOKED;
  }
}
