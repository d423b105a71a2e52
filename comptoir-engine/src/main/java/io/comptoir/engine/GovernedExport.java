package io.comptoir.engine;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.GovernedQuery;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Streams the result of a governed query: CSV and JSON lines row by row from a streaming JDBC
 * result set (constant memory), Parquet through a temporary file written by DuckDB's COPY.
 */
final class GovernedExport {
  static final int FETCH_SIZE = 2048;
  private static final int BUFFER = 64 * 1024;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MICROSECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private enum Kind {
    INTEGER,
    DOUBLE,
    DECIMAL,
    BOOLEAN,
    TIMESTAMP,
    TEXT
  }

  private GovernedExport() {}

  static ExportSummary export(
      Connection connection, GovernedQuery query, OutputStream out, Path temporaryDirectory) {
    GovernedSql.Compiled compiled = GovernedSql.compile(query);
    CountingOutputStream counting = new CountingOutputStream(out);
    try {
      long rows =
          switch (query.format()) {
            case CSV, JSONL -> streamRows(connection, compiled, query, counting);
            case PARQUET -> copyParquet(connection, compiled, counting, temporaryDirectory);
          };
      counting.flush();
      return new ExportSummary(rows, counting.count());
    } catch (SQLException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "governed export failed: " + firstLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot write the export: " + e.getMessage(), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }

  private static long streamRows(
      Connection connection, GovernedSql.Compiled compiled, GovernedQuery query, OutputStream out)
      throws SQLException, IOException {
    try (Statement setting = connection.createStatement()) {
      setting.execute("SET jdbc_stream_results = true");
    }
    try (PreparedStatement statement = connection.prepareStatement(compiled.sql())) {
      compiled.bind(statement);
      statement.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = statement.executeQuery()) {
        Writer writer =
            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
        ResultSetMetaData metadata = rs.getMetaData();
        int count = metadata.getColumnCount();
        String[] names = new String[count];
        Kind[] kinds = new Kind[count];
        for (int i = 0; i < count; i++) {
          names[i] = metadata.getColumnLabel(i + 1);
          kinds[i] = kind(metadata.getColumnType(i + 1));
        }
        long rows =
            query.format() == io.comptoir.contract.OutputFormat.CSV
                ? writeCsv(rs, writer, names, kinds)
                : writeJsonLines(rs, writer, names, kinds);
        writer.flush();
        return rows;
      }
    }
  }

  private static Kind kind(int sqlType) {
    return switch (sqlType) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INTEGER;
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> Kind.DOUBLE;
      case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
      case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
      case Types.TIMESTAMP -> Kind.TIMESTAMP;
      default -> Kind.TEXT;
    };
  }

  /** The text of a value, null for SQL NULL. */
  private static String text(ResultSet rs, int column, Kind kind) throws SQLException {
    switch (kind) {
      case INTEGER -> {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Long.toString(value);
      }
      case DOUBLE -> {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Double.toString(value);
      }
      case DECIMAL -> {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.toPlainString();
      }
      case BOOLEAN -> {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : Boolean.toString(value);
      }
      case TIMESTAMP -> {
        Timestamp value = rs.getTimestamp(column);
        if (value == null) {
          return null;
        }
        LocalDateTime time = value.toLocalDateTime();
        return (time.getNano() == 0 ? SECONDS : MICROSECONDS).format(time);
      }
      default -> {
        return rs.getString(column);
      }
    }
  }

  private static long writeCsv(ResultSet rs, Writer writer, String[] names, Kind[] kinds)
      throws SQLException, IOException {
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        writer.write(',');
      }
      writeCsvField(writer, names[i], true);
    }
    writer.write("\r\n");
    long rows = 0;
    while (rs.next()) {
      for (int i = 0; i < names.length; i++) {
        if (i > 0) {
          writer.write(',');
        }
        String value = text(rs, i + 1, kinds[i]);
        if (value != null) {
          writeCsvField(writer, value, kinds[i] == Kind.TEXT);
        }
      }
      writer.write("\r\n");
      rows++;
    }
    return rows;
  }

  /**
   * RFC 4180: a field is quoted when it holds a comma, a quote, CR or LF, or, for text, when it is
   * empty (so that an empty string differs from a null, an empty field); quotes are doubled.
   */
  static void writeCsvField(Writer writer, String value, boolean text) throws IOException {
    boolean quote = text && value.isEmpty();
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      writer.write(value);
      return;
    }
    writer.write('"');
    writer.write(value.replace("\"", "\"\""));
    writer.write('"');
  }

  private static long writeJsonLines(ResultSet rs, Writer writer, String[] names, Kind[] kinds)
      throws SQLException, IOException {
    String[] keys = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      StringBuilder key = new StringBuilder();
      key.append(i == 0 ? "{" : ",");
      appendJsonString(key, names[i]);
      key.append(':');
      keys[i] = key.toString();
    }
    long rows = 0;
    StringBuilder line = new StringBuilder(256);
    while (rs.next()) {
      line.setLength(0);
      for (int i = 0; i < names.length; i++) {
        line.append(keys[i]);
        String value = text(rs, i + 1, kinds[i]);
        if (value == null) {
          line.append("null");
        } else if (kinds[i] == Kind.INTEGER
            || kinds[i] == Kind.DECIMAL
            || kinds[i] == Kind.BOOLEAN
            || (kinds[i] == Kind.DOUBLE && isFinite(value))) {
          line.append(value);
        } else {
          appendJsonString(line, value);
        }
      }
      line.append(names.length == 0 ? "{}" : "}").append('\n');
      writer.append(line);
      rows++;
    }
    return rows;
  }

  private static boolean isFinite(String number) {
    return !number.equals("NaN") && !number.endsWith("Infinity");
  }

  static void appendJsonString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static long copyParquet(
      Connection connection, GovernedSql.Compiled compiled, OutputStream out, Path directory)
      throws SQLException, IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve("export-" + UUID.randomUUID() + ".parquet");
    try {
      long rows;
      try (PreparedStatement statement =
          connection.prepareStatement(
              "COPY (" + compiled.sql() + ") TO " + Sql.literal(file) + " (FORMAT parquet)")) {
        compiled.bind(statement);
        statement.execute();
        rows = Math.max(0, statement.getUpdateCount());
      }
      Files.copy(file, out);
      return rows;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Counts the bytes written; never closes the stream it wraps. */
  private static final class CountingOutputStream extends FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      count += length;
    }

    @Override
    public void close() throws IOException {
      flush();
    }

    long count() {
      return count;
    }
  }
}
