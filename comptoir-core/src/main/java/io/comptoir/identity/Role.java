package io.comptoir.identity;

/** What a user may do in Comptoir; a user holds any number of roles. */
public enum Role {
  CONSUMER,
  DATA_OWNER,
  DATA_STEWARD,
  DPO,
  LEGAL,
  DATA_OFFICE,
  ADMIN
}
