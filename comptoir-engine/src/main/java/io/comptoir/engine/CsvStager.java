package io.comptoir.engine;

import static io.comptoir.engine.Sql.identifier;
import static io.comptoir.engine.Sql.literal;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.SourceFiles;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.duckdb.DuckDBConnection;

/**
 * CSV staging with DuckDB's own reader: the declared types are applied while reading (every column
 * is read, so every cast error is seen) and DuckDB's rejects tables give, for each rejected record,
 * its line, column, error type, message and raw text.
 */
final class CsvStager extends Stager {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CsvStager.class);

  CsvStager(DuckDBConnection connection, StageRequest request, ProgressListener progress) {
    super(connection, request, progress);
  }

  /** The smallest read buffer given to DuckDB's CSV reader. */
  static final long MIN_READ_BUFFER_BYTES = 8L * 1024 * 1024;

  /**
   * The {@code buffer_size} argument of {@code read_csv}, from the longest line of the source.
   *
   * <p>DuckDB's default is 16 times {@code max_line_size}: 32 MiB. Each scanning thread pins a
   * whole buffer, sometimes the next one too, and the buffer manager cannot spill them: a {@code
   * memory_limit} of 100 MB with 2 threads ran out of memory at random, and a 30 MB file fails at
   * once under a 30 MB limit. But a line longer than the buffer is dropped without a trace when
   * {@code store_rejects} is on (neither a row nor a reject: rows would be lost). So when the
   * longest line is known the buffer is twice it, at least {@value #MIN_READ_BUFFER_BYTES} bytes
   * and twice {@code max_line_size}: small for ordinary files, and large enough for an overlong
   * line to be seen and rejected ({@code LINE_SIZE_OVER_MAXIMUM}). Unknown (gzip): DuckDB's
   * default.
   */
  static String buffer(StageRequest request) {
    if (request.longestLine().isEmpty()) {
      return "";
    }
    long size =
        Math.max(
            MIN_READ_BUFFER_BYTES,
            Math.max(
                2L * request.options().maxLineBytes(), 2L * request.longestLine().getAsLong()));
    return ", buffer_size=" + size;
  }

  static List<Column> inferColumns(DuckDBConnection connection, Path source, SourceOptions options)
      throws SQLException {
    Header header = Header.read(source, options);
    String sql =
        "DESCRIBE SELECT * FROM read_csv("
            + literal(source)
            + ", delim="
            + literal(header.delimiter)
            + ", quote="
            + literal(options.quote())
            + ", header="
            + options.header()
            + ", decimal_separator="
            + literal(options.decimalSeparator())
            + ", max_line_size="
            + options.maxLineBytes()
            + ", compression="
            + literal(SourceFiles.isGzip(source) ? "gzip" : "none")
            + ", ignore_errors=true)";
    List<Column> columns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int i = 0;
      while (rs.next()) {
        String name =
            header.names.isEmpty() || i >= header.names.size()
                ? "column_" + (i + 1)
                : header.names.get(i);
        columns.add(Column.of(name, Sql.fromDuckType(rs.getString(2))));
        i++;
      }
    }
    if (!header.names.isEmpty() && columns.size() != header.names.size()) {
      throw ComptoirException.invalidInput(
          "the header of %s names %d columns but its rows have %d",
          source.getFileName(), header.names.size(), columns.size());
    }
    return columns;
  }

  @Override
  StagedData stage() throws SQLException {
    SourceOptions options = request.options();
    Header header = Header.read(request.source(), options);
    List<Column> ordered = orderLikeSource(header);
    String rejects = "rejects_" + suffix;
    String scans = "scans_" + suffix;
    StringBuilder reader = new StringBuilder("read_csv(");
    reader
        .append(literal(request.source()))
        .append(", delim=")
        .append(literal(header.delimiter))
        .append(", quote=")
        .append(literal(options.quote()))
        .append(", escape=")
        .append(literal(options.quote()))
        .append(", header=")
        .append(options.header())
        .append(", auto_detect=false, store_rejects=true, rejects_table=")
        .append(literal(rejects))
        .append(", rejects_scan=")
        .append(literal(scans))
        .append(", max_line_size=")
        .append(options.maxLineBytes())
        .append(buffer(request))
        .append(", decimal_separator=")
        .append(literal(options.decimalSeparator()))
        .append(", compression=")
        .append(literal(SourceFiles.isGzip(request.source()) ? "gzip" : "none"));
    singleFormat(DataType.Kind.DATE).ifPresent(f -> reader.append(", dateformat=").append(f));
    singleFormat(DataType.Kind.TIMESTAMP)
        .ifPresent(f -> reader.append(", timestampformat=").append(f));
    reader.append(", columns={");
    for (int i = 0; i < ordered.size(); i++) {
      Column column = ordered.get(i);
      reader
          .append(i == 0 ? "" : ", ")
          .append(literal(column.name()))
          .append(": ")
          .append(literal(Sql.duckType(column.type())));
    }
    reader.append("}");
    String projection =
        String.join(", ", request.columns().stream().map(c -> identifier(c.name())).toList());
    Path quarantine = request.stagingDirectory().resolve("quarantine.parquet");
    long accepted = read(projection, reader, rejects, scans, false, dataFile(), quarantine);
    if (request.lines().isPresent()) {
      long records = request.lines().getAsLong() - (options.header() ? 1 : 0);
      long quarantined = rows(quarantine);
      if (accepted + quarantined != records) {
        // DuckDB's parallel CSV reader can drop records when many are rejected: neither a row nor
        // a reject (measured: 3,620 of 50,000 long lines, all bad). Its single-threaded reader
        // does not, but it drops a record left open by an unterminated quote at the end of the
        // file, which the parallel one rejects. Records that span lines, or blank lines, also
        // make the counts differ. So the file is read again with one thread, and the reading that
        // accounts for more records is kept (neither was seen to give more than the file holds).
        Path single = request.stagingDirectory().resolve(request.filePrefix() + "-single.parquet");
        Path singleQuarantine = request.stagingDirectory().resolve("quarantine-single.parquet");
        long singleAccepted =
            read(projection, reader, rejects, scans, true, single, singleQuarantine);
        long singleQuarantined = rows(singleQuarantine);
        log.info(
            "{}: {} lines after the header; read by DuckDB's parallel reader as {} rows and {}"
                + " rejects, by its single-threaded reader as {} and {}",
            request.source().getFileName(),
            records,
            accepted,
            quarantined,
            singleAccepted,
            singleQuarantined);
        if (singleAccepted + singleQuarantined > accepted + quarantined) {
          moveOver(singleQuarantine, quarantine);
          moveOver(single, dataFile());
          accepted = singleAccepted;
        } else {
          deleteQuietly(singleQuarantine);
          deleteQuietly(single);
        }
      }
    }
    return finish(accepted, quarantine);
  }

  /** The rows of a Parquet file written by this stager, from its footer. */
  private long rows(Path parquet) throws SQLException {
    return DuckDbEngine.queryLong(
        connection, "SELECT count(*) FROM read_parquet(" + literal(parquet) + ")");
  }

  private static void moveOver(Path from, Path to) throws SQLException {
    try {
      java.nio.file.Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new SQLException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      log.warn("cannot delete {}: {}", file, e.getMessage());
    }
  }

  /**
   * Reads the file into {@code data} and the first error of each rejected line into the Parquet
   * file {@code quarantine}, ordered by line; returns the rows accepted.
   */
  private long read(
      String projection,
      StringBuilder reader,
      String rejects,
      String scans,
      boolean single,
      Path data,
      Path quarantine)
      throws SQLException {
    long accepted =
        executeWithProgress(
            "COPY (SELECT "
                + projection
                + " FROM "
                + reader
                + (single ? ", parallel=false" : "")
                + "))"
                + copyTo(data));
    // The first error of each rejected line: picked by its row id, then joined. Aggregating the
    // texts themselves (arg_min(csv_line, byte_position) GROUP BY line) keeps every string in the
    // hash table, which DuckDB does not spill: 138,238 rejected lines of a 518 MB file ran out of
    // a 100 MB memory limit. Fixed-size states and a join spill when they must. Written straight
    // to its file: through a temporary table it took about 0.5 s more for 283,740 rejects.
    DuckDbEngine.executeUpdate(
        connection,
        "COPY (SELECT r.line, r.column_name,"
            + " replace(r.error_type::VARCHAR, ' ', '_') AS error_type,"
            + " r.error_message AS message, r.csv_line AS raw FROM "
            + rejects
            + " r JOIN (SELECT arg_min(rowid, byte_position) AS first FROM "
            + rejects
            + " GROUP BY line) f ON r.rowid = f.first ORDER BY r.line)"
            + copyTo(quarantine));
    DuckDbEngine.executeUpdate(connection, "DROP TABLE IF EXISTS " + rejects);
    DuckDbEngine.executeUpdate(connection, "DROP TABLE IF EXISTS " + scans);
    return accepted;
  }

  /** Declared columns in the order of the file's header, checked against it by name. */
  private List<Column> orderLikeSource(Header header) {
    List<Column> declared = request.columns();
    if (header.names.isEmpty()) {
      return declared;
    }
    Map<String, Column> byName = new HashMap<>();
    for (Column column : declared) {
      byName.put(column.name(), column);
    }
    Set<String> missing = new TreeSet<>(byName.keySet());
    missing.removeAll(header.names);
    Set<String> unexpected = new LinkedHashSet<>(header.names);
    unexpected.removeAll(byName.keySet());
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw ComptoirException.invalidInput(
          "the header of %s does not match the product's columns: missing %s, unexpected %s"
              + " (header read as %s)",
          request.source().getFileName(), missing, unexpected, header.names);
    }
    return header.names.stream().map(byName::get).toList();
  }

  private java.util.Optional<String> singleFormat(DataType.Kind kind) {
    Set<String> formats = new TreeSet<>();
    for (Column column : request.columns()) {
      if (column.type().kind() == kind && !column.format().isEmpty()) {
        formats.add(column.format());
      }
    }
    if (formats.size() > 1) {
      throw ComptoirException.invalidInput(
          "a CSV file can use one %s format, the columns declare %s",
          kind.name().toLowerCase(java.util.Locale.ROOT), formats);
    }
    return formats.stream().findFirst().map(DateFormats::toStrftime).map(Sql::literal);
  }

  /** The delimiter and the normalized header names (empty when the file has no header). */
  record Header(char delimiter, List<String> names) {
    static Header read(Path source, SourceOptions options) {
      String first = CsvHeader.firstRecord(source, options.quote());
      if (first.isEmpty()) {
        throw ComptoirException.invalidInput("%s holds no data", source.getFileName());
      }
      char delimiter =
          options.delimiter().orElseGet(() -> CsvHeader.guessDelimiter(first, options.quote()));
      if (!options.header()) {
        return new Header(delimiter, List.of());
      }
      return new Header(
          delimiter,
          ColumnNames.normalizeHeader(CsvHeader.split(first, delimiter, options.quote())));
    }
  }
}
