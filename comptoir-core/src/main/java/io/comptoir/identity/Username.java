package io.comptoir.identity;

import io.comptoir.common.ComptoirException;
import java.util.regex.Pattern;

/** Typed id of a user, such as {@code camille.consommatrice}: lowercase, digits, '.', '-', '_'. */
public record Username(String value) {
  private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  public Username {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw ComptoirException.invalidInput(
          "username must be lowercase letters, digits, '.', '-' or '_' (1-63 chars, starting with"
              + " a letter or digit), got '%s'",
          value);
    }
  }

  public static Username of(String value) {
    return new Username(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
