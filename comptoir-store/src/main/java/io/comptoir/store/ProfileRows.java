package io.comptoir.store;

import static io.comptoir.store.Database.optionalText;
import static io.comptoir.store.Database.textOrNull;
import static io.comptoir.store.Database.update;

import io.comptoir.catalog.DataType;
import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.ColumnProfile;
import io.comptoir.ingest.Histogram;
import io.comptoir.ingest.ValueCount;
import io.comptoir.ingest.VersionProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Rows of version_profiles and version_profile_values. */
final class ProfileRows {
  private ProfileRows() {}

  static void write(Connection connection, VersionProfile profile) throws SQLException {
    String product = profile.product().value();
    update(
        connection,
        "DELETE FROM version_profile_values WHERE product_id = ? AND version_number = ?",
        product,
        profile.version());
    update(
        connection,
        "DELETE FROM version_profiles WHERE product_id = ? AND version_number = ?",
        product,
        profile.version());
    int ordinal = 0;
    for (ColumnProfile column : profile.columns()) {
      update(
          connection,
          "INSERT INTO version_profiles (product_id, version_number, ordinal, column_name,"
              + " data_type, personal, row_count, null_count, distinct_count, min_value,"
              + " max_value, mean_value, quantiles, histogram)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          product,
          profile.version(),
          ordinal,
          column.name(),
          column.type().toString(),
          column.personal() ? 1 : 0,
          column.rows(),
          column.nulls(),
          column.distinct(),
          textOrNull(column.min()),
          textOrNull(column.max()),
          textOrNull(column.mean().map(String::valueOf)),
          column.quantiles().stream().map(String::valueOf).collect(Collectors.joining(" ")),
          textOrNull(column.histogram().map(ProfileRows::histogramText)));
      int rank = 1;
      for (ValueCount value : column.topValues()) {
        update(
            connection,
            "INSERT INTO version_profile_values (product_id, version_number, ordinal, value_rank,"
                + " value_text, row_count) VALUES (?, ?, ?, ?, ?, ?)",
            product,
            profile.version(),
            ordinal,
            rank++,
            value.value(),
            value.count());
      }
      ordinal++;
    }
  }

  static Optional<VersionProfile> read(Connection connection, ProductId product, int version)
      throws SQLException {
    Map<Integer, List<ValueCount>> values = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT ordinal, value_text, row_count FROM version_profile_values"
                + " WHERE product_id = ? AND version_number = ? ORDER BY ordinal, value_rank")) {
      statement.setString(1, product.value());
      statement.setInt(2, version);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values
              .computeIfAbsent(rows.getInt(1), k -> new ArrayList<>())
              .add(new ValueCount(rows.getString(2), rows.getLong(3)));
        }
      }
    }
    List<ColumnProfile> columns = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT ordinal, column_name, data_type, personal, row_count, null_count,"
                + " distinct_count, min_value, max_value, mean_value, quantiles, histogram"
                + " FROM version_profiles WHERE product_id = ? AND version_number = ?"
                + " ORDER BY ordinal")) {
      statement.setString(1, product.value());
      statement.setInt(2, version);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String quantiles = rows.getString("quantiles");
          columns.add(
              new ColumnProfile(
                  rows.getString("column_name"),
                  DataType.parse(rows.getString("data_type")),
                  rows.getInt("personal") != 0,
                  rows.getLong("row_count"),
                  rows.getLong("null_count"),
                  rows.getLong("distinct_count"),
                  optionalText(rows, "min_value"),
                  optionalText(rows, "max_value"),
                  optionalText(rows, "mean_value").map(Double::valueOf),
                  quantiles == null || quantiles.isBlank()
                      ? List.of()
                      : Arrays.stream(quantiles.split(" ")).map(Double::valueOf).toList(),
                  values.getOrDefault(rows.getInt("ordinal"), List.of()),
                  optionalText(rows, "histogram").map(ProfileRows::histogram)));
        }
      }
    }
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new VersionProfile(product, version, columns.get(0).rows(), columns));
  }

  private static String histogramText(Histogram histogram) {
    StringBuilder text = new StringBuilder();
    text.append(histogram.low()).append(' ').append(histogram.high());
    histogram.counts().forEach(count -> text.append(' ').append(count));
    return text.toString();
  }

  private static Histogram histogram(String text) {
    String[] parts = text.split(" ");
    List<Long> counts = new ArrayList<>();
    for (int i = 2; i < parts.length; i++) {
      counts.add(Long.valueOf(parts[i]));
    }
    return new Histogram(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), counts);
  }
}
