package io.comptoir.identity;

import static java.util.Objects.requireNonNull;

/** A token just issued, with its secret: the only time the secret exists outside the caller. */
public record IssuedToken(ApiToken token, String secret) {
  public IssuedToken {
    requireNonNull(token, "token is null");
    requireNonNull(secret, "secret is null");
  }

  /** Never prints the secret, so that it does not end up in logs. */
  @Override
  public String toString() {
    return "IssuedToken[" + token + ", secret=***]";
  }
}
