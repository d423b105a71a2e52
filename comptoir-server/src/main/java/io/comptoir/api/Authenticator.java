package io.comptoir.api;

import io.javalin.http.Context;

/**
 * Resolves the {@link Caller} of a request, or throws an UNAUTHENTICATED {@link
 * io.comptoir.common.ComptoirException}. It runs in a {@code before} handler on every API route,
 * which is where access checks will slot in.
 */
@FunctionalInterface
public interface Authenticator {
  Caller authenticate(Context context);

  /** Every request is anonymous: the behaviour until authentication lands. */
  static Authenticator anonymous() {
    return context -> Caller.ANONYMOUS;
  }
}
