package io.comptoir.engine;

import static io.comptoir.engine.Sql.identifier;
import static io.comptoir.engine.Sql.literal;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * Staging of JSON lines and Parquet sources by SQL: the source becomes a table of (line, raw,
 * source values); each value is cast to its declared type with TRY_CAST, and a row whose any
 * non-null value fails its cast goes to the quarantine, whole.
 */
final class SqlStager extends Stager {
  private static final String LINES_DELIMITER = "\u001f";

  SqlStager(DuckDBConnection connection, StageRequest request, ProgressListener progress) {
    super(connection, request, progress);
  }

  static List<Column> inferJsonColumns(DuckDBConnection connection, Path source)
      throws SQLException {
    return describe(
        connection,
        "SELECT * FROM read_json("
            + literal(source)
            + ", format='newline_delimited', ignore_errors=true, maximum_object_size=67108864)");
  }

  static List<Column> inferParquetColumns(DuckDBConnection connection, Path source)
      throws SQLException {
    return describe(connection, "SELECT * FROM read_parquet(" + literal(source) + ")");
  }

  private static List<Column> describe(DuckDBConnection connection, String select)
      throws SQLException {
    List<String> names = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("DESCRIBE " + select)) {
      while (rs.next()) {
        names.add(rs.getString(1));
        types.add(Sql.fromDuckType(rs.getString(2)));
      }
    }
    for (String name : names) {
      if (!ColumnNames.normalize(name).equals(name)) {
        throw ComptoirException.invalidInput(
            "field '%s' is not a valid column name (lower case letters, digits and '_'): declare"
                + " the product's columns first",
            name);
      }
    }
    ColumnNames.normalizeHeader(names);
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(Column.of(names.get(i), types.get(i)));
    }
    if (columns.isEmpty()) {
      throw ComptoirException.invalidInput("no field found to infer columns from");
    }
    return columns;
  }

  @Override
  StagedData stage() throws SQLException {
    String source = "source_" + suffix;
    Map<String, String> rawByColumn = new LinkedHashMap<>();
    String rowError;
    String raw;
    if (request.format() == SourceFormat.JSONL) {
      createJsonSource(source, rawByColumn);
      rowError =
          "CASE WHEN NOT json_valid(raw) THEN 'INVALID_JSON'"
              + " WHEN TRY(json_type(raw)) <> 'OBJECT' THEN 'NOT_AN_OBJECT' END";
      raw = "raw";
    } else {
      createParquetSource(source, rawByColumn);
      rowError = "NULL::VARCHAR";
      raw = "to_json(source_row)::VARCHAR";
    }
    // one streaming pass writes the accepted rows, a second collects the rejected ones: no
    // intermediate table, and the raw text of a row is only built when it is rejected
    List<String> projection = new ArrayList<>();
    List<String> valid = new ArrayList<>();
    valid.add("(" + rowError + ") IS NULL");
    StringBuilder errorType = new StringBuilder("CASE WHEN row_error IS NOT NULL THEN row_error");
    StringBuilder errorColumn = new StringBuilder("CASE WHEN row_error IS NOT NULL THEN NULL");
    StringBuilder message =
        new StringBuilder(
            "CASE WHEN row_error = 'INVALID_JSON' THEN 'the line is not valid JSON'"
                + " WHEN row_error IS NOT NULL THEN 'the line is not a JSON object'");
    for (Column column : request.columns()) {
      String value = rawByColumn.get(column.name());
      String cast = castExpression(column, value);
      projection.add(cast + " AS " + identifier(column.name()));
      String failed = value + " IS NOT NULL AND " + cast + " IS NULL";
      valid.add("NOT (" + failed + ")");
      errorType.append(" WHEN ").append(failed).append(" THEN 'CAST'");
      errorColumn.append(" WHEN ").append(failed).append(" THEN ").append(literal(column.name()));
      message
          .append(" WHEN ")
          .append(failed)
          .append(" THEN 'Could not convert ' || to_json(")
          .append(value)
          .append(")::VARCHAR || ")
          .append(literal(" to " + column.type() + describeFormat(column)))
          .append(" || ' in column ' || ")
          .append(literal(column.name()));
    }
    String accepted = String.join(" AND ", valid);
    long count =
        executeWithProgress(
            "COPY (SELECT "
                + String.join(", ", projection)
                + " FROM "
                + source
                + " WHERE "
                + accepted
                + " ORDER BY line)"
                + copyTo(dataFile()));
    DuckDbEngine.executeUpdate(
        connection,
        "CREATE TEMP TABLE "
            + QUARANTINE
            + "_"
            + suffix
            + " AS SELECT line, "
            + errorColumn
            + " END AS column_name, "
            + errorType
            + " END AS error_type, "
            + message
            + " END AS message, raw_text AS raw FROM (SELECT *, "
            + rowError
            + " AS row_error, "
            + raw
            + " AS raw_text FROM "
            + source
            + " WHERE NOT ("
            + accepted
            + "))");
    DuckDbEngine.executeUpdate(
        connection,
        (request.format() == SourceFormat.JSONL ? "DROP TABLE " : "DROP VIEW ") + source);
    return finish(count);
  }

  private void createJsonSource(String table, Map<String, String> rawByColumn) throws SQLException {
    String rejects = "rejects_" + suffix;
    StringBuilder fields = new StringBuilder();
    for (Column column : request.columns()) {
      String alias = "j_" + rawByColumn.size();
      fields
          .append(", TRY(json_extract_string(raw, ")
          .append(literal("$.\"" + column.name() + "\""))
          .append(")) AS ")
          .append(alias);
      rawByColumn.put(column.name(), alias);
    }
    DuckDbEngine.executeUpdate(
        connection,
        "CREATE TEMP TABLE "
            + table
            + " AS SELECT line, raw"
            + fields
            + " FROM (SELECT ordinality AS line, text AS raw FROM read_csv("
            + literal(request.source())
            + ", columns={'text': 'VARCHAR'}, header=false, auto_detect=false, delim="
            + literal(LINES_DELIMITER)
            + ", quote='', escape='', store_rejects=true, rejects_table="
            + literal(rejects)
            + ", rejects_scan="
            + literal("scans_" + suffix)
            + ", max_line_size="
            + request.options().maxLineBytes()
            + CsvStager.buffer(request)
            + ", compression="
            + literal(DuckDbEngine.isGzip(request.source()) ? "gzip" : "none")
            + ") WITH ORDINALITY) WHERE raw IS NOT NULL AND trim(raw) <> ''");
    // lines the line reader itself rejected (too long, invalid UTF-8) go straight to quarantine
    DuckDbEngine.executeUpdate(
        connection,
        "CREATE TEMP TABLE "
            + QUARANTINE
            + "_pre_"
            + suffix
            + " AS SELECT line, NULL::VARCHAR AS column_name,"
            + " replace(arg_min(error_type::VARCHAR, byte_position), ' ', '_') AS error_type,"
            + " arg_min(error_message, byte_position) AS message,"
            + " arg_min(csv_line, byte_position) AS raw FROM "
            + rejects
            + " GROUP BY line");
  }

  private void createParquetSource(String table, Map<String, String> rawByColumn)
      throws SQLException {
    Map<String, String> sourceNames = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "DESCRIBE SELECT * FROM read_parquet(" + literal(request.source()) + ")")) {
      while (rs.next()) {
        sourceNames.put(ColumnNames.normalize(rs.getString(1)), rs.getString(1));
      }
    }
    List<String> missing = new ArrayList<>();
    StringBuilder fields = new StringBuilder();
    for (Column column : request.columns()) {
      String sourceName = sourceNames.get(column.name());
      if (sourceName == null) {
        missing.add(column.name());
        continue;
      }
      String alias = "p_" + rawByColumn.size();
      fields.append(", ").append(identifier(sourceName)).append(" AS ").append(alias);
      rawByColumn.put(column.name(), alias);
    }
    if (!missing.isEmpty()) {
      throw ComptoirException.invalidInput(
          "the Parquet file lacks the product's columns %s (it has %s)",
          missing, sourceNames.values());
    }
    DuckDbEngine.executeUpdate(
        connection,
        "CREATE TEMP VIEW "
            + table
            + " AS SELECT file_row_number + 1 AS line, source_row"
            + fields
            + " FROM read_parquet("
            + literal(request.source())
            + ", file_row_number=true) source_row");
  }

  private static String castExpression(Column column, String raw) {
    DataType.Kind kind = column.type().kind();
    if ((kind == DataType.Kind.DATE || kind == DataType.Kind.TIMESTAMP)
        && !column.format().isEmpty()) {
      String parsed =
          "try_strptime("
              + raw
              + "::VARCHAR, "
              + literal(DateFormats.toStrftime(column.format()))
              + ")";
      return kind == DataType.Kind.DATE ? "CAST(" + parsed + " AS DATE)" : parsed;
    }
    return "TRY_CAST(" + raw + " AS " + Sql.duckType(column.type()) + ")";
  }

  private static String describeFormat(Column column) {
    return column.format().isEmpty() ? "" : " (format " + column.format() + ")";
  }

  @Override
  StagedData finish(long accepted) throws SQLException {
    if (request.format() == SourceFormat.JSONL) {
      DuckDbEngine.executeUpdate(
          connection,
          "INSERT INTO "
              + QUARANTINE
              + "_"
              + suffix
              + " SELECT * FROM "
              + QUARANTINE
              + "_pre_"
              + suffix);
      DuckDbEngine.executeUpdate(connection, "DROP TABLE " + QUARANTINE + "_pre_" + suffix);
      DuckDbEngine.executeUpdate(connection, "DROP TABLE IF EXISTS rejects_" + suffix);
      DuckDbEngine.executeUpdate(connection, "DROP TABLE IF EXISTS scans_" + suffix);
    }
    return super.finish(accepted);
  }
}
