package io.comptoir.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Random secrets and their hashes. Token secrets are {@value #TOKEN_PREFIX} followed by 32 random
 * bytes in URL-safe base64 (43 characters): with 256 bits of entropy, one SHA-256 is enough to
 * store them safely (a slow hash protects guessable secrets such as passwords, not random ones).
 */
public final class Secrets {
  public static final String TOKEN_PREFIX = "cpt_";
  static final int RANDOM_BYTES = 32;
  private static final Pattern TOKEN = Pattern.compile("cpt_[A-Za-z0-9_-]{43}");

  private final SecureRandom random;

  public Secrets(SecureRandom random) {
    this.random = random;
  }

  public Secrets() {
    this(new SecureRandom());
  }

  /** A new API token secret, such as {@code cpt_Xk3...}. */
  public String newToken() {
    return TOKEN_PREFIX + randomText();
  }

  /** 32 random bytes in URL-safe base64 without padding, for session ids. */
  public String randomText() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether the text has the shape of a token secret. */
  public static boolean looksLikeToken(String text) {
    return text != null && TOKEN.matcher(text).matches();
  }

  /** Lowercase hex SHA-256 of the UTF-8 text. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
