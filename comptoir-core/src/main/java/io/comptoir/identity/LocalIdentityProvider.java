package io.comptoir.identity;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.util.Optional;

/**
 * Local accounts: a username and a password checked against the stored hash. Unknown users and
 * wrong passwords get the same message and take the same time (a hash is checked either way), so
 * that nobody learns which usernames exist.
 */
public final class LocalIdentityProvider implements IdentityProvider {
  static final String BAD_CREDENTIALS = "invalid username or password";

  private final IdentityRepository repository;
  private final PasswordHasher hasher;
  private volatile String decoyHash;

  public LocalIdentityProvider(IdentityRepository repository, PasswordHasher hasher) {
    this.repository = requireNonNull(repository, "repository is null");
    this.hasher = requireNonNull(hasher, "hasher is null");
  }

  @Override
  public Principal authenticate(String username, String password) {
    String given = password == null ? "" : password;
    Optional<User> user = parse(username).flatMap(repository::findUser);
    Optional<String> hash = user.flatMap(found -> repository.findPasswordHash(found.username()));
    if (hash.isEmpty()) {
      hasher.matches(given, decoyHash());
      throw new ComptoirException(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS);
    }
    if (!hasher.matches(given, hash.get())) {
      throw new ComptoirException(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS);
    }
    if (!user.get().active()) {
      throw new ComptoirException(
          ErrorCode.UNAUTHENTICATED, "user " + user.get().username() + " is disabled");
    }
    return Principal.of(user.get());
  }

  private static Optional<Username> parse(String username) {
    try {
      return Optional.of(Username.of(username));
    } catch (ComptoirException e) {
      return Optional.empty();
    }
  }

  private String decoyHash() {
    String hash = decoyHash;
    if (hash == null) {
      hash = hasher.hash("decoy password, never anyone's");
      decoyHash = hash;
    }
    return hash;
  }
}
