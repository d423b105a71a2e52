package io.comptoir.web;

import io.comptoir.api.Login;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Synchronizer tokens against cross-site request forgery. The token of a request is an HMAC, under
 * a key drawn at start, of its session id (signed in) or of a random pre-session cookie (the login
 * form). Every form carries it as {@code _csrf}; htmx requests send it as {@code X-CSRF-Token}.
 * Nothing is stored; a restart invalidates open forms, as it ends the in-memory sessions anyway.
 */
final class Csrf {
  static final String FIELD = "_csrf";
  static final String HEADER = "X-CSRF-Token";
  static final String SEED_COOKIE = "comptoir_csrf";
  private static final String ATTRIBUTE = "comptoir.csrf";

  private final byte[] key = new byte[32];
  private final SecureRandom random = new SecureRandom();
  private final Login login;

  Csrf(Login login) {
    this.login = login;
    random.nextBytes(key);
  }

  /** The token forms of this request must carry; sets the pre-session cookie when needed. */
  String token(Context context) {
    String cached = context.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    String token = sign(subject(context, true).orElseThrow());
    context.attribute(ATTRIBUTE, token);
    return token;
  }

  /** FORBIDDEN unless the request carries the token of its session or pre-session cookie. */
  void check(Context context) {
    String sent = context.header(HEADER);
    if (sent == null) {
      sent = context.formParam(FIELD);
    }
    Optional<String> subject = subject(context, false);
    if (sent == null
        || subject.isEmpty()
        || !MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8),
            sign(subject.get()).getBytes(StandardCharsets.UTF_8))) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          "the form has expired or did not come from Comptoir: reload the page and try again");
    }
  }

  private Optional<String> subject(Context context, boolean create) {
    Optional<String> session = login.session(context);
    if (session.isPresent()) {
      return Optional.of("session:" + session.get());
    }
    String seed = context.cookie(SEED_COOKIE);
    if ((seed == null || seed.length() != 43) && create) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      seed = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Cookie cookie = new Cookie(SEED_COOKIE, seed);
      cookie.setPath("/");
      cookie.setHttpOnly(true);
      cookie.setSameSite(SameSite.STRICT);
      cookie.setSecure(Login.secure(context));
      context.cookie(cookie);
    }
    return seed == null || seed.length() != 43 ? Optional.empty() : Optional.of("seed:" + seed);
  }

  private String sign(String subject) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
