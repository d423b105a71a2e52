package io.comptoir.quality;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of quality rule. Row-level rules judge each row; the others judge the version. */
public enum RuleType {
  NOT_NULL(true, "completeness"),
  UNIQUE(true, "uniqueness"),
  RANGE(true, "accuracy"),
  REGEX(true, "conformity"),
  ALLOWED_VALUES(true, "conformity"),
  REFERENCE(true, "consistency"),
  CUSTOM_SQL(true, "accuracy"),
  ROW_COUNT_CHANGE(false, "completeness"),
  FRESHNESS(false, "timeliness");

  private final boolean rowLevel;
  private final String dimension;

  RuleType(boolean rowLevel, String dimension) {
    this.rowLevel = rowLevel;
    this.dimension = dimension;
  }

  /** Whether the rule judges each row (failing rows can go to the quarantine). */
  public boolean rowLevel() {
    return rowLevel;
  }

  /** The ODCS data quality dimension of the rule. */
  public String dimension() {
    return dimension;
  }

  /** The name used in YAML and JSON: {@code not_null}, {@code row_count_change}... */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RuleType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
  }
}
