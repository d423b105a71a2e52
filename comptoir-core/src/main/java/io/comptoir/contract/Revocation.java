package io.comptoir.contract;

import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Who ended a contract at once, when and why. */
public record Revocation(String revokedBy, Instant revokedAt, String reason) {
  public Revocation {
    requireText(revokedBy, "revokedBy");
    requireNonNull(revokedAt, "revokedAt is null");
    requireText(reason, "revocation reason");
  }
}
