package io.comptoir.identity;

/** A fake hasher, fast and obviously not secure: the "hash" is the reversed password. */
final class ReversingHasher implements PasswordHasher {
  int checks;

  @Override
  public String hash(String password) {
    return "rev:" + new StringBuilder(password).reverse();
  }

  @Override
  public boolean matches(String password, String hash) {
    checks++;
    return hash(password).equals(hash);
  }
}
