package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditService;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.IdentityProvider;
import io.comptoir.identity.Principal;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Map;
import java.util.Optional;

/**
 * Password login and logout with a session cookie, shared by the API ({@code POST /api/v1/login})
 * and the login page: throttled per user name, every attempt audited.
 */
public final class Login {
  /** The session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. */
  public static final String SESSION_COOKIE = "comptoir_session";

  private final IdentityProvider provider;
  private final Sessions sessions;
  private final AuditService audit;
  private final LoginThrottle throttle;

  public Login(IdentityProvider provider, Sessions sessions, AuditService audit) {
    this.provider = requireNonNull(provider, "provider is null");
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.throttle = new LoginThrottle(sessions.clock());
  }

  /**
   * Checks the password, then replaces any session of the request by a new one.
   *
   * @throws ComptoirException UNAUTHENTICATED for a wrong user name or password, FORBIDDEN when too
   *     many attempts failed
   */
  public Principal login(Context context, String username, String password) {
    throttle.check(username);
    Principal principal;
    try {
      principal = provider.authenticate(username, password);
    } catch (ComptoirException e) {
      if (e.code() == ErrorCode.UNAUTHENTICATED) {
        throttle.failed(username);
        String attempted = attempted(username);
        audit.record(
            attempted, "LOGIN_FAILED", "user:" + attempted, Map.of("reason", e.getMessage()));
      }
      throw e;
    }
    throttle.succeeded(username);
    audit.record(principal.name(), "LOGIN_SUCCEEDED", "user:" + principal.user(), Map.of());
    sessions.remove(context.cookie(SESSION_COOKIE));
    Cookie cookie = new Cookie(SESSION_COOKIE, sessions.create(principal.user()));
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.LAX);
    cookie.setSecure(secure(context));
    context.cookie(cookie);
    return principal;
  }

  /** Whether a login failed because too many attempts failed before. */
  public static boolean throttled(ComptoirException e) {
    return e.code() == ErrorCode.UNAUTHENTICATED
        && e.getMessage().startsWith(LoginThrottle.THROTTLED);
  }

  /** Ends the request's session, if any. */
  public void logout(Context context) {
    sessions.remove(context.cookie(SESSION_COOKIE));
    context.removeCookie(SESSION_COOKIE, "/");
  }

  /** The id of the request's live session, if any. */
  public Optional<String> session(Context context) {
    String id = context.cookie(SESSION_COOKIE);
    return sessions.find(id).map(user -> id);
  }

  /** HTTPS directly, or behind a proxy that says so. */
  public static boolean secure(Context context) {
    return "https".equalsIgnoreCase(context.scheme())
        || "https".equalsIgnoreCase(context.header("X-Forwarded-Proto"));
  }

  /** The user name tried at login, bounded for the audit log. */
  private static String attempted(String username) {
    if (username == null || username.isBlank()) {
      return "unknown";
    }
    String trimmed = username.strip();
    return trimmed.length() > 100 ? trimmed.substring(0, 100) : trimmed;
  }
}
