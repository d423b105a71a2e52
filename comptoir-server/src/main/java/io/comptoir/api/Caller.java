package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Principal;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who sends a request: a {@link Principal}, or nobody (anonymous). Resolved once per request by the
 * {@link Authenticator} before any route runs and kept as a request attribute; routes get it with
 * {@link #of(Context)} and call {@link #require()} for the principal.
 */
public record Caller(Optional<Principal> principal) {
  /** Request attribute holding the caller. */
  public static final String ATTRIBUTE = "comptoir.caller";

  static final String AUTHENTICATION_REQUIRED =
      "authentication required: send 'Authorization: Bearer <token>' or log in with POST"
          + " /api/v1/login";

  public static final Caller ANONYMOUS = new Caller(Optional.empty());

  public Caller {
    requireNonNull(principal, "principal is null");
  }

  public static Caller of(Principal principal) {
    return new Caller(Optional.of(principal));
  }

  /** The caller of the request, anonymous when none was resolved. */
  public static Caller of(Context context) {
    Caller caller = context.attribute(ATTRIBUTE);
    return caller == null ? ANONYMOUS : caller;
  }

  /** The principal of the request; anonymous callers get UNAUTHENTICATED (401). */
  public static Principal principal(Context context) {
    return of(context).require();
  }

  public boolean anonymous() {
    return principal.isEmpty();
  }

  /** The principal's name, or "anonymous". */
  public String name() {
    return principal.map(Principal::name).orElse("anonymous");
  }

  /** The principal; UNAUTHENTICATED when anonymous. */
  public Principal require() {
    return principal.orElseThrow(
        () -> new ComptoirException(ErrorCode.UNAUTHENTICATED, AUTHENTICATION_REQUIRED));
  }
}
