package io.comptoir.contract;

import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A masking the DPO tightened on one column while approving. */
public record MaskingChange(
    String column, Masking before, Masking after, String changedBy, Instant changedAt) {
  public MaskingChange {
    requireText(column, "column");
    requireNonNull(before, "before is null");
    requireNonNull(after, "after is null");
    requireText(changedBy, "changedBy");
    requireNonNull(changedAt, "changedAt is null");
  }
}
