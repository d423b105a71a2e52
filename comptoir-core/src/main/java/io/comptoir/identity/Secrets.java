package io.comptoir.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets and their hashes. Token secrets are {@value #TOKEN_PREFIX} followed by 32 random
 * bytes in URL-safe base64 (43 characters): with 256 bits of entropy, one SHA-256 is enough to
 * store them safely (a slow hash protects guessable secrets such as passwords, not random ones).
 */
public final class Secrets {
  public static final String TOKEN_PREFIX = "cpt_";
  static final int RANDOM_BYTES = 32;

  /** A token secret: the prefix then 43 characters of unpadded base64url. */
  private static final int TOKEN_LENGTH = TOKEN_PREFIX.length() + 43;

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
    // the pattern's test by hand: it runs on every API request
    if (text == null || text.length() != TOKEN_LENGTH || !text.startsWith(TOKEN_PREFIX)) {
      return false;
    }
    for (int i = TOKEN_PREFIX.length(); i < TOKEN_LENGTH; i++) {
      char c = text.charAt(i);
      boolean base64Url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!base64Url) {
        return false;
      }
    }
    return true;
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
