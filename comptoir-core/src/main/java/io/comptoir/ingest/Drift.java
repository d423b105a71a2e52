package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.DataType;
import io.comptoir.catalog.ProductId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a version differs from the previous one, computed from their stored profiles without reading
 * data: columns added, removed or retyped, and for each column kept the change of its values — the
 * population stability index (PSI) of a numeric column's histogram, the Jensen–Shannon divergence
 * (base 2, between 0 and 1) of a categorical column's top values plus an "other" bucket.
 */
public record Drift(
    ProductId product,
    int previousVersion,
    int version,
    List<SchemaChange> schemaChanges,
    List<ValueDrift> valueDrifts) {
  /** Share given to an empty bin, so that PSI stays finite. */
  static final double EPSILON = 1e-4;

  public Drift {
    requireNonNull(product, "product is null");
    schemaChanges = List.copyOf(requireNonNull(schemaChanges, "schemaChanges is null"));
    valueDrifts = List.copyOf(requireNonNull(valueDrifts, "valueDrifts is null"));
  }

  public enum ChangeKind {
    ADDED,
    REMOVED,
    RETYPED
  }

  /** A column added, removed or retyped; the types absent on the side where it does not exist. */
  public record SchemaChange(
      String column, ChangeKind kind, Optional<DataType> before, Optional<DataType> after) {
    public SchemaChange {
      requireNonNull(column, "column is null");
      requireNonNull(kind, "kind is null");
      requireNonNull(before, "before is null");
      requireNonNull(after, "after is null");
    }
  }

  public enum Measure {
    PSI,
    JS
  }

  /** The change of one column's values, and whether it is above the configured threshold. */
  public record ValueDrift(String column, Measure measure, double value, double threshold) {
    public ValueDrift {
      requireNonNull(column, "column is null");
      requireNonNull(measure, "measure is null");
    }

    public boolean above() {
      return value > threshold;
    }
  }

  /** Thresholds above which a value drift is reported. */
  public record Thresholds(double psi, double js) {
    public Thresholds {
      if (!(psi >= 0) || !(js >= 0 && js <= 1)) {
        throw new IllegalArgumentException(
            "drift thresholds must be psi >= 0 and 0 <= js <= 1, got " + psi + ", " + js);
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(0.2, 0.1);
    }
  }

  /** Whether anything changed enough to alert: a schema change or a value drift above threshold. */
  public boolean alerting() {
    return !schemaChanges.isEmpty() || valueDrifts.stream().anyMatch(ValueDrift::above);
  }

  public static Drift between(VersionProfile previous, VersionProfile current, Thresholds limits) {
    requireNonNull(previous, "previous is null");
    requireNonNull(current, "current is null");
    requireNonNull(limits, "limits is null");
    List<SchemaChange> changes = new ArrayList<>();
    List<ValueDrift> drifts = new ArrayList<>();
    for (ColumnProfile before : previous.columns()) {
      Optional<ColumnProfile> found = current.column(before.name());
      if (found.isEmpty()) {
        changes.add(
            new SchemaChange(
                before.name(), ChangeKind.REMOVED, Optional.of(before.type()), Optional.empty()));
        continue;
      }
      ColumnProfile after = found.get();
      if (!before.type().equals(after.type())) {
        changes.add(
            new SchemaChange(
                before.name(),
                ChangeKind.RETYPED,
                Optional.of(before.type()),
                Optional.of(after.type())));
        continue;
      }
      if (before.histogram().isPresent() && after.histogram().isPresent()) {
        Histogram b = before.histogram().get();
        Histogram a = after.histogram().get();
        if (b.low() == a.low() && b.high() == a.high()) {
          drifts.add(
              new ValueDrift(
                  before.name(), Measure.PSI, psi(b.counts(), a.counts()), limits.psi()));
        }
      } else if (!before.topValues().isEmpty() && !after.topValues().isEmpty()) {
        drifts.add(
            new ValueDrift(
                before.name(),
                Measure.JS,
                jensenShannon(before.topValues(), before.rows(), after.topValues(), after.rows()),
                limits.js()));
      }
    }
    for (ColumnProfile after : current.columns()) {
      if (previous.column(after.name()).isEmpty()) {
        changes.add(
            new SchemaChange(
                after.name(), ChangeKind.ADDED, Optional.empty(), Optional.of(after.type())));
      }
    }
    return new Drift(current.product(), previous.version(), current.version(), changes, drifts);
  }

  /** PSI = Σ (a − b) · ln(a / b) over bins, shares floored at {@link #EPSILON}. */
  static double psi(List<Long> before, List<Long> after) {
    double[] b = shares(before);
    double[] a = shares(after);
    double sum = 0;
    for (int i = 0; i < b.length; i++) {
      double p = Math.max(b[i], EPSILON);
      double q = Math.max(a[i], EPSILON);
      sum += (q - p) * Math.log(q / p);
    }
    return sum;
  }

  /**
   * Jensen–Shannon divergence in bits between two value distributions: each version's top values,
   * plus an "other" bucket holding its remaining rows (nulls included).
   */
  static double jensenShannon(
      List<ValueCount> before, long beforeRows, List<ValueCount> after, long afterRows) {
    Map<String, Long> b = counts(before);
    Map<String, Long> a = counts(after);
    Set<String> keys = new TreeSet<>(b.keySet());
    keys.addAll(a.keySet());
    long bOther = beforeRows - b.values().stream().mapToLong(Long::longValue).sum();
    long aOther = afterRows - a.values().stream().mapToLong(Long::longValue).sum();
    List<Long> p = new ArrayList<>();
    List<Long> q = new ArrayList<>();
    for (String key : keys) {
      p.add(b.getOrDefault(key, 0L));
      q.add(a.getOrDefault(key, 0L));
    }
    p.add(Math.max(bOther, 0));
    q.add(Math.max(aOther, 0));
    double[] ps = shares(p);
    double[] qs = shares(q);
    double sum = 0;
    for (int i = 0; i < ps.length; i++) {
      double m = (ps[i] + qs[i]) / 2;
      sum += term(ps[i], m) / 2 + term(qs[i], m) / 2;
    }
    return Math.max(0, Math.min(1, sum));
  }

  private static double term(double x, double m) {
    return x == 0 ? 0 : x * Math.log(x / m) / Math.log(2);
  }

  private static Map<String, Long> counts(List<ValueCount> values) {
    Map<String, Long> counts = new HashMap<>();
    values.forEach(v -> counts.merge(v.value(), v.count(), Long::sum));
    return counts;
  }

  private static double[] shares(List<Long> counts) {
    long total = counts.stream().mapToLong(Long::longValue).sum();
    double[] shares = new double[counts.size()];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = total == 0 ? 0 : (double) counts.get(i) / total;
    }
    return shares;
  }
}
