package io.comptoir.contract;

import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.common.ComptoirException;

/**
 * How a column is masked when it leaves Comptoir. Names are those of Apache Ranger.
 *
 * <p>Strictness (what a DPO may only tighten), from the loosest to the strictest: {@code MASK_NONE}
 * &lt; {@code MASK_SHOW_FIRST_4} and {@code MASK_SHOW_LAST_4} (not comparable with each other: they
 * reveal different characters) &lt; {@code GENERALIZE} &lt; {@code MASK_DATE_SHOW_YEAR} &lt; {@code
 * HASH_KEYED} &lt; {@code MASK} &lt; {@code MASK_NULL}.
 */
public enum Masking {
  /** The value in clear. */
  MASK_NONE(0),
  /** The last 4 characters shown, every other character replaced by {@code x}. Strings only. */
  MASK_SHOW_LAST_4(1),
  /** The first 4 characters shown, every other character replaced by {@code x}. Strings only. */
  MASK_SHOW_FIRST_4(1),
  /**
   * A coarser value: a date or timestamp becomes its month ({@code 2024-03}) or year ({@code
   * 2024}); a string (a postcode) its department (first 2 characters, 3 for overseas {@code 97x});
   * a number the lower bound of its bucket. Not for booleans.
   */
  GENERALIZE(2),
  /** The year of a date or timestamp, as an integer. Dates and timestamps only. */
  MASK_DATE_SHOW_YEAR(3),
  /**
   * HMAC-SHA-256 of the value (its text, UTF-8) with the contract's key, in hex: equal values give
   * equal tokens within one contract, different tokens across contracts. Any type.
   */
  HASH_KEYED(4),
  /** A fixed redaction {@code xxxx} for strings, null for other types. */
  MASK(5),
  /** Always null. */
  MASK_NULL(6);

  private final int strictness;

  Masking(int strictness) {
    this.strictness = strictness;
  }

  /**
   * Whether this masking reveals no more than {@code other}: true when equal or strictly stricter
   * in the order above.
   */
  public boolean isAtLeastAsStrictAs(Masking other) {
    return this == other || strictness > other.strictness;
  }

  /** Whether this masking can be applied to a column of this type. */
  public boolean appliesTo(DataType type) {
    DataType.Kind kind = type.kind();
    return switch (this) {
      case MASK_NONE, MASK_NULL, MASK, HASH_KEYED -> true;
      case MASK_SHOW_LAST_4, MASK_SHOW_FIRST_4 -> kind == DataType.Kind.STRING;
      case MASK_DATE_SHOW_YEAR -> kind == DataType.Kind.DATE || kind == DataType.Kind.TIMESTAMP;
      case GENERALIZE -> kind != DataType.Kind.BOOLEAN;
    };
  }

  /** Throws INVALID_INPUT when this masking cannot be applied to the column. */
  public void requireApplicable(String column, DataType type) {
    if (!appliesTo(type)) {
      throw ComptoirException.invalidInput(
          "masking %s cannot be applied to column '%s' of type %s", this, column, type);
    }
  }

  /** Parses a masking name such as {@code HASH_KEYED}, case-insensitive. */
  public static Masking parse(String text) {
    if (text != null) {
      for (Masking masking : values()) {
        if (masking.name().equalsIgnoreCase(text.strip())) {
          return masking;
        }
      }
    }
    String shown = text == null ? "" : text;
    throw ComptoirException.invalidInput(
        "unknown masking '%s' (expected one of %s)",
        shown.length() > 40 ? shown.substring(0, 40) + "..." : shown,
        java.util.Arrays.toString(values()));
  }

  /** The masking a column of this category gets unless the contract says otherwise. */
  public static Masking defaultFor(PersonalDataCategory category) {
    return switch (category) {
      case NONE -> MASK_NONE;
      case IDENTIFIER -> HASH_KEYED;
      case QUASI_IDENTIFIER -> GENERALIZE;
      case SENSITIVE -> MASK_NULL;
    };
  }
}
