package io.comptoir.contract;

/** The members of the approval committee. */
public enum ApproverRole {
  DATA_OWNER,
  DPO,
  LEGAL,
  DATA_OFFICE
}
