package io.comptoir.contract;

/** One approver's answer. */
public enum Verdict {
  APPROVED,
  REJECTED
}
