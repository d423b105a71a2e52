package io.comptoir.engine;

import io.comptoir.common.ComptoirException;

/** Converts {@link java.time.format.DateTimeFormatter} patterns to DuckDB strftime formats. */
final class DateFormats {
  private DateFormats() {}

  static String toStrftime(String pattern) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int run = 1;
      while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
        run++;
      }
      String token = pattern.substring(i, i + run);
      String mapped =
          switch (token) {
            case "yyyy", "uuuu" -> "%Y";
            case "yy", "uu" -> "%y";
            case "MM" -> "%m";
            case "M" -> "%-m";
            case "dd" -> "%d";
            case "d" -> "%-d";
            case "HH" -> "%H";
            case "H" -> "%-H";
            case "mm" -> "%M";
            case "ss" -> "%S";
            case "SSS" -> "%g";
            case "SSSSSS" -> "%f";
            default -> null;
          };
      if (mapped != null) {
        out.append(mapped);
      } else if (Character.isLetter(c)) {
        throw ComptoirException.invalidInput(
            "unsupported date pattern '%s' in '%s' (use yyyy, yy, MM, M, dd, d, HH, mm, ss, SSS)",
            token, pattern);
      } else {
        out.append(token.replace("%", "%%"));
      }
      i += run;
    }
    return out.toString();
  }
}
