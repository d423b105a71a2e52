package io.comptoir.common;

import java.util.regex.Pattern;

/** Small checks shared by the value records. */
public final class Validation {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

  private Validation() {}

  public static String requireSlug(String value, String what) {
    if (value == null || !SLUG.matcher(value).matches()) {
      throw ComptoirException.invalidInput(
          "%s must be lowercase letters, digits and dashes (1-63 chars), got '%s'", what, value);
    }
    return value;
  }

  public static String requireCode(String value, String what) {
    if (value == null || !CODE.matcher(value).matches()) {
      throw ComptoirException.invalidInput(
          "%s must be letters, digits, '-' or '_' (1-32 chars), got '%s'", what, value);
    }
    return value;
  }

  public static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw ComptoirException.invalidInput("%s is required", what);
    }
    return value;
  }
}
