package io.comptoir.api;

import static io.comptoir.common.Validation.requireText;

/**
 * Who sends a request. Resolved once per request by the {@link Authenticator} before any route
 * runs; anonymous until authentication lands.
 */
public record Caller(String name) {
  /** Request attribute holding the caller. */
  static final String ATTRIBUTE = "comptoir.caller";

  public static final Caller ANONYMOUS = new Caller("anonymous");

  public Caller {
    requireText(name, "caller name");
  }
}
