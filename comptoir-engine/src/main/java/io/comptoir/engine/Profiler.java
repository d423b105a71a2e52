package io.comptoir.engine;

import static io.comptoir.engine.Sql.identifier;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.ingest.ColumnProfile;
import io.comptoir.ingest.Histogram;
import io.comptoir.ingest.ProfileRequest;
import io.comptoir.ingest.ValueCount;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Profiles a version's Parquet files: one aggregate pass for the counts, extremes, mean and
 * quantiles of every column, then one grouped count per column for its top values and one per
 * numeric column for its histogram (Parquet is columnar: each reads one column).
 */
final class Profiler {
  private final Connection connection;
  private final ProfileRequest request;
  private final String from;

  Profiler(Connection connection, ProfileRequest request) {
    this.connection = connection;
    this.request = request;
    this.from = " FROM read_parquet(" + DuckDbEngine.fileList(request.files()) + ")";
  }

  List<ColumnProfile> profile() throws SQLException {
    List<Column> columns = request.columns();
    if (request.files().isEmpty()) {
      return columns.stream().map(c -> empty(c)).toList();
    }
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (Column column : columns) {
      String c = identifier(column.name());
      sql.append(", count(").append(c).append("), approx_count_distinct(").append(c).append(')');
      if (!personal(column)) {
        sql.append(", CAST(min(").append(c).append(") AS VARCHAR)");
        sql.append(", CAST(max(").append(c).append(") AS VARCHAR)");
        if (ColumnProfile.numeric(column.type())) {
          sql.append(", avg(CAST(").append(c).append(" AS DOUBLE))");
          // every quantile from one digest: five calls build five (5.9 s against 2.9 s for the
          // first pass over 13.5 M rows of a 1 GB file)
          sql.append(", approx_quantile(CAST(")
              .append(c)
              .append(" AS DOUBLE), [")
              .append(
                  ColumnProfile.QUANTILES.stream()
                      .map(String::valueOf)
                      .collect(java.util.stream.Collectors.joining(", ")))
              .append("])");
        }
      }
    }
    sql.append(from);
    List<ColumnProfile> profiles = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql.toString())) {
      rs.next();
      long rows = rs.getLong(1);
      int i = 2;
      for (Column column : columns) {
        long nonNull = rs.getLong(i++);
        long distinct = Math.min(rs.getLong(i++), nonNull);
        Optional<String> min = Optional.empty();
        Optional<String> max = Optional.empty();
        Optional<Double> mean = Optional.empty();
        List<Double> quantiles = List.of();
        if (!personal(column)) {
          min = Optional.ofNullable(rs.getString(i++));
          max = Optional.ofNullable(rs.getString(i++));
          if (ColumnProfile.numeric(column.type())) {
            mean = number(rs, i++);
            List<Double> values = new ArrayList<>();
            java.sql.Array array = rs.getArray(i++);
            if (array != null) {
              for (Object value : (Object[]) array.getArray()) {
                if (value instanceof Number number) {
                  values.add(number.doubleValue());
                }
              }
            }
            quantiles = values.size() == ColumnProfile.QUANTILES.size() ? values : List.of();
          }
        }
        List<ValueCount> top =
            personal(column) || nearlyUnique(nonNull, distinct) ? List.of() : topValues(column);
        Optional<Histogram> histogram =
            personal(column) || !ColumnProfile.numeric(column.type()) || nonNull == 0
                ? Optional.empty()
                : Optional.of(histogram(column, min.get(), max.get()));
        profiles.add(
            new ColumnProfile(
                column.name(),
                column.type(),
                personal(column),
                rows,
                rows - nonNull,
                distinct,
                min,
                max,
                mean,
                quantiles,
                top,
                histogram));
      }
    }
    return profiles;
  }

  /** Below this many values a column always gets its top values. */
  static final long NEARLY_UNIQUE_MIN_VALUES = 100_000;

  /**
   * A large column whose distinct estimate is at least half its values: its ten most frequent
   * values would each be a handful of rows, and finding them groups every row by the column (16 s
   * of a 1 GB file's 13.5 M rows for its identifiers and tracking numbers). It gets none, and so no
   * Jensen–Shannon drift, which would compare two "other" buckets holding nearly every row.
   */
  static boolean nearlyUnique(long values, long distinct) {
    return values >= NEARLY_UNIQUE_MIN_VALUES && distinct * 2 >= values;
  }

  private List<ValueCount> topValues(Column column) throws SQLException {
    String c = identifier(column.name());
    String sql =
        "SELECT CAST("
            + c
            + " AS VARCHAR) AS v, count(*) AS n"
            + from
            + " WHERE "
            + c
            + " IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT "
            + ColumnProfile.TOP_VALUES;
    List<ValueCount> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(new ValueCount(rs.getString(1), rs.getLong(2)));
      }
    }
    return values;
  }

  /** Bins with the previous version's edges when it had this column, else this version's range. */
  private Histogram histogram(Column column, String min, String max) throws SQLException {
    Histogram previous = request.previousHistograms().get(column.name());
    double low = previous != null ? previous.low() : Double.parseDouble(min);
    double high = previous != null ? previous.high() : Double.parseDouble(max);
    String v = "CAST(" + identifier(column.name()) + " AS DOUBLE)";
    String lowText = BigDecimal.valueOf(low).toPlainString();
    String highText = BigDecimal.valueOf(high).toPlainString();
    String bin =
        high > low
            ? "least(greatest(CAST(floor(("
                + v
                + " - "
                + lowText
                + ") / ("
                + highText
                + " - "
                + lowText
                + ") * "
                + Histogram.BINS
                + ") AS BIGINT), 0), "
                + (Histogram.BINS - 1)
                + ")"
            : "CASE WHEN " + v + " > " + highText + " THEN " + (Histogram.BINS - 1) + " ELSE 0 END";
    String sql =
        "SELECT "
            + bin
            + " AS b, count(*)"
            + from
            + " WHERE "
            + identifier(column.name())
            + " IS NOT NULL GROUP BY 1";
    Long[] counts = new Long[Histogram.BINS];
    Arrays.fill(counts, 0L);
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        counts[rs.getInt(1)] = rs.getLong(2);
      }
    }
    return new Histogram(low, high, List.of(counts));
  }

  private static Optional<Double> number(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }

  private static boolean personal(Column column) {
    return column.personalData() != PersonalDataCategory.NONE;
  }

  private static ColumnProfile empty(Column column) {
    return new ColumnProfile(
        column.name(),
        column.type(),
        personal(column),
        0,
        0,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty());
  }
}
