package io.comptoir.api;

import io.comptoir.ingest.ColumnProfile;
import io.comptoir.ingest.Drift;
import io.comptoir.ingest.Histogram;
import io.comptoir.ingest.ValueCount;
import io.comptoir.ingest.VersionProfile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** JSON of version profiles and drift. */
final class ProfileJson {
  private ProfileJson() {}

  record VersionProfileJson(
      String product, int version, long rows, List<ColumnProfileJson> columns) {
    static VersionProfileJson of(VersionProfile profile) {
      return new VersionProfileJson(
          profile.product().value(),
          profile.version(),
          profile.rows(),
          profile.columns().stream().map(ColumnProfileJson::of).toList());
    }
  }

  record ColumnProfileJson(
      String name,
      String type,
      boolean personal,
      long rows,
      long nulls,
      double nullRate,
      long distinct,
      Optional<String> min,
      Optional<String> max,
      Optional<Double> mean,
      List<QuantileJson> quantiles,
      List<ValueCount> topValues,
      Optional<HistogramJson> histogram) {
    static ColumnProfileJson of(ColumnProfile column) {
      List<QuantileJson> quantiles =
          column.quantiles().isEmpty()
              ? List.of()
              : java.util.stream.IntStream.range(0, column.quantiles().size())
                  .mapToObj(
                      i ->
                          new QuantileJson(
                              ColumnProfile.QUANTILES.get(i), column.quantiles().get(i)))
                  .toList();
      return new ColumnProfileJson(
          column.name(),
          column.type().toString(),
          column.personal(),
          column.rows(),
          column.nulls(),
          column.nullRate(),
          column.distinct(),
          column.min(),
          column.max(),
          column.mean(),
          quantiles,
          column.topValues(),
          column.histogram().map(HistogramJson::of));
    }
  }

  record QuantileJson(double quantile, double value) {}

  record HistogramJson(List<Double> edges, List<Long> counts) {
    static HistogramJson of(Histogram histogram) {
      return new HistogramJson(histogram.edges(), histogram.counts());
    }
  }

  record DriftJson(
      String product,
      int previousVersion,
      int version,
      boolean alerting,
      List<SchemaChangeJson> schemaChanges,
      List<ValueDriftJson> valueDrifts) {
    static DriftJson of(Drift drift) {
      return new DriftJson(
          drift.product().value(),
          drift.previousVersion(),
          drift.version(),
          drift.alerting(),
          drift.schemaChanges().stream().map(SchemaChangeJson::of).toList(),
          drift.valueDrifts().stream().map(ValueDriftJson::of).toList());
    }
  }

  record SchemaChangeJson(
      String column, String change, Optional<String> before, Optional<String> after) {
    static SchemaChangeJson of(Drift.SchemaChange change) {
      return new SchemaChangeJson(
          change.column(),
          change.kind().name().toLowerCase(Locale.ROOT),
          change.before().map(Object::toString),
          change.after().map(Object::toString));
    }
  }

  record ValueDriftJson(
      String column, String measure, double value, double threshold, boolean above) {
    static ValueDriftJson of(Drift.ValueDrift drift) {
      return new ValueDriftJson(
          drift.column(),
          drift.measure().name().toLowerCase(Locale.ROOT),
          drift.value(),
          drift.threshold(),
          drift.above());
    }
  }
}
