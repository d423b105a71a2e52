package io.comptoir.config;

import io.comptoir.common.ComptoirException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kinds of configuration values, each with its check. Empty values are checked elsewhere. */
public enum ConfigType {
  /** Free text. */
  STRING("text"),
  /** Free text never printed back (passwords). */
  SECRET("secret text"),
  /** A file system path, relative to the working directory. */
  PATH("path"),
  /** Paths separated by commas. */
  PATH_LIST("comma-separated paths"),
  /** A TCP port, 0 picks a free one. */
  PORT("port number 0-65535"),
  /** A whole number >= 1. */
  POSITIVE_INTEGER("whole number >= 1"),
  /** A fraction between 0 and 1. */
  RATE("number between 0 and 1"),
  /** A size in bytes, with an optional unit B, KB, MB, GB, TB (powers of 1024). */
  BYTES("size such as 500MB or 1GB"),
  /** A DuckDB memory limit such as 2GB or 512MB. */
  MEMORY("memory size such as 2GB or 512MB"),
  /** A JDBC URL. */
  JDBC_URL("JDBC URL starting with jdbc:"),
  /** true or false. */
  BOOLEAN("true or false"),
  /** Classification names separated by commas. */
  CLASSIFICATION_LIST("comma-separated list of PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED");

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DUCKDB_MEMORY =
      Pattern.compile("\\d+(\\.\\d+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

  private final String expected;

  ConfigType(String expected) {
    this.expected = expected;
  }

  /** What a valid value looks like, for messages and docs. */
  public String expected() {
    return expected;
  }

  /** Checks a non-empty value; the message names the key, the value and what was expected. */
  void check(ConfigKey key, String value) {
    boolean valid =
        switch (this) {
          case STRING, SECRET, PATH, PATH_LIST -> true;
          case PORT -> isInteger(value) && Long.parseLong(value) <= 65535;
          case POSITIVE_INTEGER -> isInteger(value) && Long.parseLong(value) >= 1;
          case RATE -> isRate(value);
          case BYTES -> parseBytesOrNegative(value) >= 0;
          case MEMORY -> DUCKDB_MEMORY.matcher(value).matches();
          case JDBC_URL -> value.startsWith("jdbc:");
          case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
          case CLASSIFICATION_LIST -> isClassificationList(value);
        };
    if (!valid) {
      throw ComptoirException.invalidInput(
          "configuration key '%s': expected a %s, got '%s'",
          key.key(), expected, this == SECRET ? "***" : value);
    }
  }

  private static boolean isClassificationList(String value) {
    for (String part : value.split(",")) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      if (!name.isEmpty()
          && java.util.Arrays.stream(io.comptoir.catalog.Classification.values())
              .noneMatch(c -> c.name().equals(name))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isInteger(String value) {
    return value.matches("\\d{1,9}");
  }

  private static boolean isRate(String value) {
    try {
      double rate = Double.parseDouble(value);
      return rate >= 0.0 && rate <= 1.0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Parses a {@link #BYTES} value; -1 when it is not one. */
  static long parseBytesOrNegative(String value) {
    Matcher matcher = SIZE.matcher(value.trim());
    if (!matcher.matches() || matcher.group(1).length() > 15) {
      return -1;
    }
    long number = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
    int shift =
        switch (unit) {
          case "KB" -> 10;
          case "MB" -> 20;
          case "GB" -> 30;
          case "TB" -> 40;
          default -> 0;
        };
    if (number > (Long.MAX_VALUE >> shift)) {
      return -1;
    }
    return number << shift;
  }
}
