package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.DataType;
import java.util.List;
import java.util.Optional;

/**
 * What a version's values of one column look like. For a column holding personal data, only the
 * counts are kept ({@code personal}): no minimum, maximum, quantiles, top values or histogram, as
 * they would show values of people.
 *
 * @param quantiles the 5%, 25%, 50%, 75% and 95% quantiles of a numeric column (approximate)
 * @param topValues the ten most frequent values, most frequent first
 */
public record ColumnProfile(
    String name,
    DataType type,
    boolean personal,
    long rows,
    long nulls,
    long distinct,
    Optional<String> min,
    Optional<String> max,
    Optional<Double> mean,
    List<Double> quantiles,
    List<ValueCount> topValues,
    Optional<Histogram> histogram) {
  public static final List<Double> QUANTILES = List.of(0.05, 0.25, 0.5, 0.75, 0.95);
  public static final int TOP_VALUES = 10;

  public ColumnProfile {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(min, "min is null");
    requireNonNull(max, "max is null");
    requireNonNull(mean, "mean is null");
    quantiles = List.copyOf(requireNonNull(quantiles, "quantiles is null"));
    topValues = List.copyOf(requireNonNull(topValues, "topValues is null"));
    requireNonNull(histogram, "histogram is null");
    if (rows < 0 || nulls < 0 || nulls > rows || distinct < 0) {
      throw new IllegalArgumentException(
          "column " + name + ": bad counts rows=" + rows + " nulls=" + nulls);
    }
    if (personal
        && (min.isPresent()
            || max.isPresent()
            || !quantiles.isEmpty()
            || !topValues.isEmpty()
            || histogram.isPresent())) {
      throw new IllegalArgumentException(
          "column " + name + " holds personal data: its profile keeps only counts");
    }
  }

  /** This profile with counts only, as kept for a column holding personal data. */
  public ColumnProfile countsOnly() {
    return new ColumnProfile(
        name,
        type,
        true,
        rows,
        nulls,
        distinct,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty());
  }

  /** Share of null values, 0 when the version has no rows. */
  public double nullRate() {
    return rows == 0 ? 0.0 : (double) nulls / rows;
  }

  /** Whether the column is compared by its histogram (PSI) rather than its top values. */
  public static boolean numeric(DataType type) {
    return switch (type.kind()) {
      case INTEGER, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }
}
