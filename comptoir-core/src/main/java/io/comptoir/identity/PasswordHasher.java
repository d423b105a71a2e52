package io.comptoir.identity;

/**
 * Hashes passwords with a slow, salted algorithm (bcrypt in the server). The core only stores and
 * compares what it returns.
 */
public interface PasswordHasher {
  /** A self-describing hash (algorithm, cost and salt included). */
  String hash(String password);

  /** Whether the password matches the hash, in time independent of where they differ. */
  boolean matches(String password, String hash);
}
