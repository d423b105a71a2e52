package io.comptoir.api;

import io.javalin.http.Context;

/**
 * Resolves the {@link Caller} of a request: anonymous when it carries no credential; a bad
 * credential is an UNAUTHENTICATED {@link io.comptoir.common.ComptoirException}. It runs in a
 * {@code before} handler on every API route.
 */
@FunctionalInterface
public interface Authenticator {
  Caller authenticate(Context context);

  /** Every request is anonymous. */
  static Authenticator anonymous() {
    return context -> Caller.ANONYMOUS;
  }
}
