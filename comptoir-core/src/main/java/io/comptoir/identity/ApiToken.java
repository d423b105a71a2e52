package io.comptoir.identity;

import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known of an API token, never its secret: the secret is shown once when issued and stored
 * only as a SHA-256 hash.
 *
 * @param user the user the token authenticates, directly or through the application
 * @param application the application the token is issued to, if any
 */
public record ApiToken(
    TokenId id,
    Username user,
    Optional<ApplicationId> application,
    String name,
    Instant createdAt,
    Instant expiresAt,
    Optional<Instant> revokedAt,
    Optional<Instant> lastUsedAt) {

  public ApiToken {
    requireNonNull(id, "id is null");
    requireNonNull(user, "user is null");
    requireNonNull(application, "application is null");
    requireText(name, "token name");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(expiresAt, "expiresAt is null");
    requireNonNull(revokedAt, "revokedAt is null");
    requireNonNull(lastUsedAt, "lastUsedAt is null");
    if (!expiresAt.isAfter(createdAt)) {
      throw ComptoirException.invalidInput(
          "token %s expires at %s, not after its creation at %s", id, expiresAt, createdAt);
    }
  }

  public boolean revoked() {
    return revokedAt.isPresent();
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public ApiToken revoke(Instant now) {
    return new ApiToken(
        id, user, application, name, createdAt, expiresAt, Optional.of(now), lastUsedAt);
  }

  public ApiToken usedAt(Instant now) {
    return new ApiToken(
        id, user, application, name, createdAt, expiresAt, revokedAt, Optional.of(now));
  }
}
