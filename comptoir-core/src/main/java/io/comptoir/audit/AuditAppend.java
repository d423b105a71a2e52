package io.comptoir.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** An entry to append to the audit log and the instant it happened. */
public record AuditAppend(AuditEntry entry, Instant at) {
  public AuditAppend {
    requireNonNull(entry, "entry is null");
    requireNonNull(at, "at is null");
  }
}
