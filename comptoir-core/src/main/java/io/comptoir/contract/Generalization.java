package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;

/**
 * Parameters of {@link Masking#GENERALIZE}.
 *
 * @param dates what a generalized date or timestamp keeps
 * @param bucketWidth width of the buckets of a generalized number (a value becomes the lower bound
 *     of its bucket: 37 with width 10 becomes 30)
 */
public record Generalization(DateGranularity dates, long bucketWidth) {
  public static final Generalization DEFAULT = new Generalization(DateGranularity.MONTH, 10);

  /** What a generalized date keeps. */
  public enum DateGranularity {
    MONTH,
    YEAR
  }

  public Generalization {
    requireNonNull(dates, "dates is null");
    if (bucketWidth < 1) {
      throw ComptoirException.invalidInput("bucket width must be >= 1, got %d", bucketWidth);
    }
  }
}
