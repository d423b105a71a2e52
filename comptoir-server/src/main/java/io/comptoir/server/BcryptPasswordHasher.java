package io.comptoir.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.comptoir.identity.PasswordHasher;

/**
 * Passwords hashed with bcrypt (version 2b, random 16-byte salt, cost {@value #COST}: about a
 * quarter of a second on one core, which slows down guessing without slowing down logins).
 * Passwords longer than bcrypt's 72 bytes are first hashed with SHA-512 rather than truncated.
 */
final class BcryptPasswordHasher implements PasswordHasher {
  static final int COST = 12;

  private final int cost;

  BcryptPasswordHasher(int cost) {
    this.cost = cost;
  }

  BcryptPasswordHasher() {
    this(COST);
  }

  @Override
  public String hash(String password) {
    return hasher().hashToString(cost, password.toCharArray());
  }

  @Override
  public boolean matches(String password, String hash) {
    return BCrypt.verifyer(
            BCrypt.Version.VERSION_2B, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B))
        .verify(password.toCharArray(), hash.toCharArray())
        .verified;
  }

  private static BCrypt.Hasher hasher() {
    return BCrypt.with(
        BCrypt.Version.VERSION_2B, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
  }
}
