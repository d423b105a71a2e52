package io.comptoir.engine;

import static io.comptoir.engine.Sql.literal;

import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Puts every row of a source in the quarantine, none in a data file: for a source whose columns
 * drifted from the product's, kept whole for examination. Text files (CSV, JSON lines) are read
 * line by line, each non-blank line a row holding its exact text (a CSV header line is not a row; a
 * quoted CSV value holding a line break makes one row per line); a Parquet row is kept as JSON.
 */
final class WholeQuarantineStager extends Stager {
  private static final String LINES_DELIMITER = "\u001f";

  WholeQuarantineStager(
      DuckDBConnection connection, StageRequest request, ProgressListener progress) {
    super(connection, request, progress);
  }

  @Override
  StagedData stage() throws SQLException {
    String reason = literal(request.quarantineAll().orElseThrow());
    String table = QUARANTINE + "_" + suffix;
    progress.progress("validate", 0.0);
    if (request.format() == SourceFormat.PARQUET) {
      DuckDbEngine.executeUpdate(
          connection,
          "CREATE TEMP TABLE "
              + table
              + " AS SELECT file_row_number + 1 AS line, NULL::VARCHAR AS column_name,"
              + " 'SCHEMA_DRIFT' AS error_type, "
              + reason
              + " AS message, to_json(source_row)::VARCHAR AS raw FROM read_parquet("
              + literal(request.source())
              + ", file_row_number=true) source_row");
    } else {
      String rejects = "rejects_" + suffix;
      boolean skipHeader = request.format() == SourceFormat.CSV && request.options().header();
      DuckDbEngine.executeUpdate(
          connection,
          "CREATE TEMP TABLE "
              + table
              + " AS SELECT line, NULL::VARCHAR AS column_name, 'SCHEMA_DRIFT' AS error_type, "
              + reason
              + " AS message, raw FROM (SELECT ordinality AS line, text AS raw FROM read_csv("
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
              + ") WITH ORDINALITY) WHERE raw IS NOT NULL AND trim(raw) <> ''"
              + (skipHeader ? " AND line > 1" : ""));
      // lines the reader itself rejected (too long, invalid UTF-8) keep their own error
      DuckDbEngine.executeUpdate(
          connection,
          "INSERT INTO "
              + table
              + " SELECT line, NULL::VARCHAR,"
              + " replace(arg_min(error_type::VARCHAR, byte_position), ' ', '_'),"
              + " arg_min(error_message, byte_position), arg_min(csv_line, byte_position) FROM "
              + rejects
              + " GROUP BY line"
              + (skipHeader ? " HAVING line > 1" : ""));
      DuckDbEngine.executeUpdate(connection, "DROP TABLE IF EXISTS " + rejects);
      DuckDbEngine.executeUpdate(connection, "DROP TABLE IF EXISTS scans_" + suffix);
    }
    progress.progress("validate", 1.0);
    return finish(0);
  }
}
