package io.comptoir.identity;

/** Whether a user or an application may authenticate. */
public enum AccountStatus {
  ACTIVE,
  DISABLED
}
