package io.comptoir.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of a numeric column in equal-width bins from {@code low} to {@code high}. Values below
 * {@code low} count in the first bin and values above {@code high} in the last, so a later version
 * can be binned with the edges of an earlier one and compared bin by bin.
 */
public record Histogram(double low, double high, List<Long> counts) {
  public static final int BINS = 10;

  public Histogram {
    counts = List.copyOf(counts);
    if (counts.size() != BINS) {
      throw new IllegalArgumentException("a histogram has " + BINS + " bins, got " + counts.size());
    }
    if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException("histogram needs low <= high, got " + low + ", " + high);
    }
  }

  /** The {@code BINS + 1} bin edges, from low to high. */
  public List<Double> edges() {
    List<Double> edges = new ArrayList<>(BINS + 1);
    for (int i = 0; i <= BINS; i++) {
      edges.add(i == BINS ? high : low + (high - low) * i / BINS);
    }
    return edges;
  }

  public long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }
}
