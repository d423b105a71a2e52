package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.IdentityService;
import io.comptoir.identity.Username;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Resolves the caller from {@code Authorization: Bearer <token>} first, then from the session
 * cookie set by the login route; with neither, the caller is anonymous.
 */
public final class RequestAuthenticator implements Authenticator {
  private static final String BEARER = "bearer ";

  private final IdentityService identities;
  private final Sessions sessions;

  public RequestAuthenticator(IdentityService identities, Sessions sessions) {
    this.identities = requireNonNull(identities, "identities is null");
    this.sessions = requireNonNull(sessions, "sessions is null");
  }

  @Override
  public Caller authenticate(Context context) {
    String header = context.header("Authorization");
    if (header != null) {
      String scheme = header.strip().toLowerCase(Locale.ROOT);
      if (!scheme.equals(BEARER.strip()) && !scheme.startsWith(BEARER)) {
        throw unauthenticated("the Authorization header must be 'Bearer <token>'");
      }
      return Caller.of(
          identities.authenticate(header.strip().substring(BEARER.length() - 1).strip()));
    }
    String session = context.cookie(Login.SESSION_COOKIE);
    if (session != null) {
      Username user =
          sessions
              .find(session)
              .orElseThrow(() -> unauthenticated("session expired or unknown: log in again"));
      return Caller.of(identities.principal(user));
    }
    return Caller.ANONYMOUS;
  }

  private static ComptoirException unauthenticated(String message) {
    return new ComptoirException(ErrorCode.UNAUTHENTICATED, message);
  }
}
