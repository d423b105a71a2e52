package io.comptoir.score;

import io.comptoir.common.ComptoirException;
import java.util.Locale;

/** The six criteria of the data score, in the order they are shown. */
public enum Criterion {
  /** Description, share of columns described, glossary links. */
  DOCUMENTATION,
  /** Owner, steward, master source named. */
  OWNERSHIP,
  /** Every column has a personal-data category; classification set. */
  CLASSIFICATION,
  /** Pass rate of the latest version's quality rules. */
  QUALITY,
  /** Age of the latest version against the freshness SLA. */
  FRESHNESS,
  /** ODCS contract valid, masking defined for every personal column. */
  CONTRACT;

  /** The lowercase name used in configuration and JSON, e.g. {@code documentation}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a criterion key such as {@code documentation}, case-insensitive. */
  public static Criterion parse(String text) {
    for (Criterion criterion : values()) {
      if (criterion.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return criterion;
      }
    }
    throw ComptoirException.invalidInput(
        "unknown score criterion '%s' (expected documentation, ownership, classification,"
            + " quality, freshness or contract)",
        text);
  }
}
