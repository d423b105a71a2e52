package io.comptoir.demo;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks with DuckDB that every value of a UTF-8 (or Parquet) source parses as its declared column
 * type, honouring the declared date formats and decimal separator. Test-only stand-in for the
 * ingestion engine's validation.
 */
final class DeclaredTypes {
  /** Rows of the file, and how many of them hold at least one value of the wrong type. */
  record Check(long rows, long invalidRows, Map<String, Long> invalidByColumn) {}

  private DeclaredTypes() {}

  static Check check(
      Path utf8Source, SourceFormat format, SourceOptions options, List<Column> columns) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      if (format == SourceFormat.PARQUET) {
        return checkParquet(statement, utf8Source, columns);
      }
      String structure =
          columns.stream()
              .map(c -> literal(c.name()) + ": 'VARCHAR'")
              .collect(Collectors.joining(", ", "{", "}"));
      String source =
          format == SourceFormat.CSV
              ? "read_csv("
                  + literal(utf8Source.toString())
                  + ", delim = "
                  + literal(String.valueOf(options.delimiter().orElseThrow()))
                  + ", quote = '\"', escape = '\"', header = true, auto_detect = false,"
                  + " columns = "
                  + structure
                  + ")"
              : "read_json("
                  + literal(utf8Source.toString())
                  + ", format = 'newline_delimited', columns = "
                  + structure
                  + ")";
      List<String> checks = new ArrayList<>();
      for (Column column : columns) {
        checks.add(valid(column, options.decimalSeparator()));
      }
      StringBuilder query = new StringBuilder("SELECT count(*)");
      query
          .append(", count(*) FILTER (WHERE NOT (")
          .append(String.join(" AND ", checks))
          .append("))");
      for (String check : checks) {
        query.append(", count(*) FILTER (WHERE NOT (").append(check).append("))");
      }
      query.append(" FROM ").append(source);
      try (ResultSet result = statement.executeQuery(query.toString())) {
        result.next();
        Map<String, Long> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          long invalid = result.getLong(3 + i);
          if (invalid > 0) {
            byColumn.put(columns.get(i).name(), invalid);
          }
        }
        return new Check(result.getLong(1), result.getLong(2), byColumn);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check " + utf8Source + ": " + e.getMessage(), e);
    }
  }

  private static Check checkParquet(Statement statement, Path source, List<Column> columns)
      throws SQLException {
    Map<String, Long> mismatches = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    try (ResultSet result =
        statement.executeQuery(
            "DESCRIBE SELECT * FROM read_parquet(" + literal(source.toString()) + ")")) {
      int index = 0;
      while (result.next()) {
        String name = result.getString("column_name");
        String type = result.getString("column_type");
        names.add(name);
        if (index < columns.size() && !parquetType(columns.get(index).type()).equals(type)) {
          mismatches.put(name + " " + type, 1L);
        }
        index++;
      }
    }
    if (!names.equals(columns.stream().map(Column::name).toList())) {
      mismatches.put("columns " + names, 1L);
    }
    try (ResultSet result =
        statement.executeQuery(
            "SELECT count(*) FROM read_parquet(" + literal(source.toString()) + ")")) {
      result.next();
      long rows = result.getLong(1);
      return new Check(rows, mismatches.isEmpty() ? 0 : rows, mismatches);
    }
  }

  private static String parquetType(DataType type) {
    return switch (type.kind()) {
      case STRING -> "VARCHAR";
      case INTEGER -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }

  private static String valid(Column column, char decimalSeparator) {
    String value = '"' + column.name() + '"';
    String number = decimalSeparator == ',' ? "replace(" + value + ", ',', '.')" : value;
    String parses =
        switch (column.type().kind()) {
          case STRING -> "true";
          case INTEGER -> "TRY_CAST(" + value + " AS BIGINT) IS NOT NULL";
          case DOUBLE -> "TRY_CAST(" + number + " AS DOUBLE) IS NOT NULL";
          case DECIMAL ->
              "TRY_CAST("
                  + number
                  + " AS DECIMAL("
                  + column.type().precision()
                  + ","
                  + column.type().scale()
                  + ")) IS NOT NULL AND regexp_full_match("
                  + number
                  + ", '-?[0-9]+(\\.[0-9]{1,"
                  + column.type().scale()
                  + "})?')";
          case BOOLEAN -> "lower(" + value + ") IN ('true', 'false')";
          case DATE ->
              column.format().isEmpty()
                  ? "regexp_full_match("
                      + value
                      + ", '[0-9]{4}-[0-9]{2}-[0-9]{2}')"
                      + " AND TRY_CAST("
                      + value
                      + " AS DATE) IS NOT NULL"
                  : "try_strptime("
                      + value
                      + ", "
                      + literal(strftime(column.format()))
                      + ") IS NOT NULL";
          case TIMESTAMP ->
              "regexp_full_match("
                  + value
                  + ", '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}')"
                  + " AND TRY_CAST("
                  + value
                  + " AS TIMESTAMP) IS NOT NULL";
        };
    return "(" + value + " IS NULL OR (" + parses + "))";
  }

  private static String strftime(String javaPattern) {
    return javaPattern.replace("dd", "%d").replace("MM", "%m").replace("yyyy", "%Y");
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
