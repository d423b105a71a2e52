package io.comptoir.quality;

import java.util.Locale;

/**
 * What a failing rule does: {@code warn} only counts, {@code error} rejects rows or the version.
 */
public enum Severity {
  WARN,
  ERROR;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
