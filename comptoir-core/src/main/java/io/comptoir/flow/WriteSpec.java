package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.util.List;

/** The write mode of a flow and, for merge and scd2, the key columns. */
public record WriteSpec(FlowWriteMode mode, List<String> keys) {
  public WriteSpec {
    requireNonNull(mode, "mode is null");
    keys = keys == null ? List.of() : List.copyOf(keys);
    if (mode.keyed() && keys.isEmpty()) {
      throw ComptoirException.invalidInput(
          "write mode %s needs keys: the columns that identify a row",
          mode.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!mode.keyed() && !keys.isEmpty()) {
      throw ComptoirException.invalidInput(
          "keys are only used by the merge and scd2 write modes, not %s",
          mode.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (keys.stream().distinct().count() != keys.size()) {
      throw ComptoirException.invalidInput("keys are repeated: %s", keys);
    }
  }

  public static WriteSpec of(FlowWriteMode mode) {
    return new WriteSpec(mode, List.of());
  }
}
