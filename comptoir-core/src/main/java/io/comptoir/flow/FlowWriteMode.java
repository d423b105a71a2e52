package io.comptoir.flow;

import io.comptoir.common.ComptoirException;
import java.util.Locale;

/** How a run's rows become the product's next version. */
public enum FlowWriteMode {
  /** The previous version's rows plus the new ones. */
  APPEND,
  /** Only the new rows: a full snapshot. */
  OVERWRITE,
  /** Upsert by key: new rows replace the previous rows with the same key, others are kept. */
  MERGE,
  /**
   * Type 2 history by key: a changed row closes the previous one ({@code valid_to}, {@code
   * is_current = false}) and opens a new one.
   */
  SCD2;

  public static FlowWriteMode parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ComptoirException.invalidInput(
          "write mode must be append, overwrite, merge or scd2, got '%s'", text);
    }
  }

  /** Whether the mode needs key columns. */
  public boolean keyed() {
    return this == MERGE || this == SCD2;
  }
}
