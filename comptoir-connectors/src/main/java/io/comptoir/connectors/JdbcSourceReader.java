package io.comptoir.connectors;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.JdbcSource;
import io.comptoir.flow.SourceBatch;
import io.comptoir.flow.SourceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a table or a query over JDBC into one JSON lines batch per run, streamed with the source's
 * fetch size (a PostgreSQL cursor: autocommit off; MariaDB streams when a fetch size is set).
 *
 * <p>Without a watermark each run reads everything, and a run whose rows are byte for byte those of
 * the last version makes none. With a watermark column, a run reads the rows whose value is above
 * the committed {@value #WATERMARK} (all non-null values the first time), ordered by it, and the
 * batch's progress is the highest value read: it commits with the version, so a row is never read
 * twice nor skipped, provided new rows get values above those already written.
 *
 * <p>Values are written as JSON: numbers as numbers, decimals as plain text, dates {@code
 * 2024-01-31}, timestamps {@code 2024-01-31 12:00:00.5} (with a time zone: in UTC), binaries in
 * base64, anything else as the driver's text; the engine then casts them to the product's types.
 * Column names are lower-cased.
 */
final class JdbcSourceReader implements SourceReader {
  private static final Logger log = LoggerFactory.getLogger(JdbcSourceReader.class);

  /** The progress entry of incremental reads: the highest watermark value ingested, as text. */
  static final String WATERMARK = "watermark";

  /** The progress entry of full reads: the SHA-256 of the last batch, to skip identical reads. */
  static final String CHECKSUM = "checksum";

  private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");

  static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .appendPattern("HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter(Locale.ROOT);

  private final FlowDefinition flow;
  private final JdbcSource source;
  private final Map<String, String> environment;
  private final Path workDirectory;
  private boolean read;

  /**
   * @param environment where {@code password-env} is looked up (the process environment)
   */
  JdbcSourceReader(FlowDefinition flow, Map<String, String> environment, Path workDirectory) {
    this.flow = requireNonNull(flow, "flow is null");
    this.source = (JdbcSource) flow.source();
    this.environment = requireNonNull(environment, "environment is null");
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
  }

  @Override
  public Optional<SourceBatch> next(Map<String, String> committed) {
    if (read) {
      return Optional.empty();
    }
    read = true;
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try {
        return read(connection, committed);
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (!source.user().isEmpty()) {
      properties.setProperty("user", source.user());
    }
    if (source.passwordVariable().isPresent()) {
      String variable = source.passwordVariable().get();
      String password = environment.get(variable);
      if (password == null) {
        throw ComptoirException.invalidInput(
            "flow %s: environment variable %s (password-env) is not set", flow.id(), variable);
      }
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(source.url(), properties);
  }

  private Optional<SourceBatch> read(Connection connection, Map<String, String> committed)
      throws SQLException {
    Dialect dialect = new Dialect(connection.getMetaData());
    String from =
        source.table().isPresent()
            ? dialect.qualifiedName(source.table().get())
            : "(" + TRAILING_SEMICOLONS.matcher(source.query().get()).replaceAll("") + ") src";
    Optional<String> watermark = source.watermarkColumn().map(dialect::name);
    Optional<WatermarkType> watermarkType = Optional.empty();
    Optional<String> lastWatermark = Optional.empty();
    String sql = "SELECT * FROM " + from;
    if (watermark.isPresent()) {
      watermarkType = Optional.of(watermarkType(connection, from, watermark.get()));
      lastWatermark = Optional.ofNullable(committed.get(WATERMARK));
      sql +=
          " WHERE "
              + watermark.get()
              + (lastWatermark.isPresent() ? " > ?" : " IS NOT NULL")
              + " ORDER BY "
              + watermark.get();
    }
    Path file = workDirectory.resolve("jdbc.jsonl");
    String highest;
    String checksum;
    long rows;
    try (PreparedStatement statement =
        connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(source.fetchSize());
      if (lastWatermark.isPresent()) {
        watermarkType.get().bind(statement, 1, lastWatermark.get(), source.watermarkColumn().get());
      }
      try (ResultSet result = statement.executeQuery();
          JsonLinesFile out = new JsonLinesFile(file)) {
        highest = write(result, out, source.watermarkColumn());
        checksum = out.finish();
        rows = out.records();
      }
    }
    if (rows == 0) {
      log.info("flow {}: no new row in the source", flow.id());
      return Optional.empty();
    }
    if (watermark.isEmpty() && checksum.equals(committed.get(CHECKSUM))) {
      log.info("flow {}: the source has not changed since the last version", flow.id());
      return Optional.empty();
    }
    String what = source.table().map(t -> "table " + t).orElse("query");
    return Optional.of(
        watermark.isPresent()
            ? new WorkFileBatch(
                file,
                what
                    + lastWatermark
                        .map(w -> ", " + source.watermarkColumn().get() + " > " + w)
                        .orElse(""),
                Map.of(WATERMARK, highest))
            : new WorkFileBatch(file, what, Map.of(CHECKSUM, checksum)));
  }

  /** Writes every row; returns the text of the last row's watermark (empty without one). */
  private static String write(ResultSet rows, JsonLinesFile out, Optional<String> watermarkColumn)
      throws SQLException {
    ResultSetMetaData metadata = rows.getMetaData();
    int count = metadata.getColumnCount();
    List<String> names = new ArrayList<>(count);
    int watermarkIndex = -1;
    for (int i = 1; i <= count; i++) {
      String name = metadata.getColumnLabel(i).toLowerCase(Locale.ROOT);
      names.add(name);
      if (watermarkColumn.isPresent() && name.equalsIgnoreCase(watermarkColumn.get())) {
        watermarkIndex = i;
      }
    }
    JsonGenerator json = out.generator();
    String last = "";
    try {
      while (rows.next()) {
        json.writeStartObject();
        for (int i = 1; i <= count; i++) {
          json.writeFieldName(names.get(i - 1));
          Object value = value(rows, metadata, i);
          if (value == null) {
            json.writeNull();
          } else if (value instanceof Long number) {
            json.writeNumber(number);
          } else if (value instanceof Double number && Double.isFinite(number)) {
            json.writeNumber(number);
          } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
          } else {
            json.writeString(value.toString());
          }
          if (i == watermarkIndex && value != null) {
            last = value.toString();
          }
        }
        json.writeEndObject();
        out.recordWritten();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.path(), e);
    }
    return last;
  }

  /** A value as a Long, Double, Boolean or text, without the JVM's time zone getting in. */
  private static Object value(ResultSet rows, ResultSetMetaData metadata, int i)
      throws SQLException {
    int type = metadata.getColumnType(i);
    Object value =
        switch (type) {
          case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
            BigDecimal number = rows.getBigDecimal(i);
            yield number == null ? null : integer(number);
          }
          case Types.NUMERIC, Types.DECIMAL -> {
            BigDecimal number = rows.getBigDecimal(i);
            yield number == null ? null : number.toPlainString();
          }
          case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
            double number = rows.getDouble(i);
            yield rows.wasNull() ? null : number;
          }
          case Types.BIT, Types.BOOLEAN -> {
            if (metadata.getPrecision(i) > 1) {
              yield rows.getString(i);
            }
            boolean bool = rows.getBoolean(i);
            yield rows.wasNull() ? null : bool;
          }
          case Types.DATE -> {
            LocalDate date = rows.getObject(i, LocalDate.class);
            yield date == null ? null : date.toString();
          }
          case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
            LocalTime time = rows.getObject(i, LocalTime.class);
            yield time == null ? null : time.toString();
          }
          case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> timestamp(rows, metadata, i);
          case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
            byte[] bytes = rows.getBytes(i);
            yield bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
          }
          default -> rows.getString(i);
        };
    return value instanceof BigDecimal big ? big.toPlainString() : value;
  }

  /** A Long, or the text of an integer too large for one (MariaDB's BIGINT UNSIGNED). */
  private static Object integer(BigDecimal number) {
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      return number.toPlainString();
    }
  }

  private static String timestamp(ResultSet rows, ResultSetMetaData metadata, int i)
      throws SQLException {
    if (withTimeZone(metadata, i)) {
      OffsetDateTime time = rows.getObject(i, OffsetDateTime.class);
      return time == null
          ? null
          : TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }
    LocalDateTime time = rows.getObject(i, LocalDateTime.class);
    return time == null ? null : TIMESTAMP.format(time);
  }

  /** PostgreSQL reports {@code timestamptz} as TIMESTAMP: its type name tells them apart. */
  private static boolean withTimeZone(ResultSetMetaData metadata, int i) throws SQLException {
    String name = metadata.getColumnTypeName(i).toLowerCase(Locale.ROOT);
    return metadata.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE
        || name.equals("timestamptz")
        || name.contains("with time zone");
  }

  /** The watermark column's type, from the metadata of a query that reads no row. */
  private WatermarkType watermarkType(Connection connection, String from, String column)
      throws SQLException {
    String probe = "SELECT " + column + " FROM " + from + " WHERE 1 = 0";
    try (PreparedStatement statement = connection.prepareStatement(probe);
        ResultSet rows = statement.executeQuery()) {
      ResultSetMetaData metadata = rows.getMetaData();
      return WatermarkType.of(metadata, 1)
          .orElseThrow(
              () ->
                  ComptoirException.invalidInput(
                      "flow %s: watermark column %s has type %s; a watermark must be an integer,"
                          + " a decimal, a date, a timestamp or a string",
                      flow.id(), source.watermarkColumn().get(), typeName(metadata)));
    }
  }

  private static String typeName(ResultSetMetaData metadata) {
    try {
      return metadata.getColumnTypeName(1);
    } catch (SQLException e) {
      return "unknown";
    }
  }

  /** The kinds of watermark: how a committed value is bound to be compared in SQL. */
  enum WatermarkType {
    INTEGER,
    DECIMAL,
    DATE,
    TIMESTAMP,
    TIMESTAMP_WITH_TIME_ZONE,
    STRING;

    static Optional<WatermarkType> of(ResultSetMetaData metadata, int i) throws SQLException {
      return Optional.ofNullable(
          switch (metadata.getColumnType(i)) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.DATE -> DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                withTimeZone(metadata, i) ? TIMESTAMP_WITH_TIME_ZONE : TIMESTAMP;
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> STRING;
            default -> null;
          });
    }

    void bind(PreparedStatement statement, int index, String text, String column)
        throws SQLException {
      try {
        switch (this) {
          case INTEGER -> statement.setLong(index, Long.parseLong(text));
          case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(text));
          case DATE -> statement.setObject(index, LocalDate.parse(text));
          case TIMESTAMP ->
              statement.setObject(index, LocalDateTime.parse(text, JdbcSourceReader.TIMESTAMP));
          case TIMESTAMP_WITH_TIME_ZONE ->
              statement.setObject(
                  index,
                  LocalDateTime.parse(text, JdbcSourceReader.TIMESTAMP).atOffset(ZoneOffset.UTC));
          case STRING -> statement.setString(index, text);
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        throw ComptoirException.invalidInput(
            "the committed watermark '%s' is not a value of column %s (%s): was its type changed?",
            text, column, name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
    }
  }

  /** Identifiers quoted the database's way, folded to its case as if they were not quoted. */
  private static final class Dialect {
    private final String quote;
    private final boolean lower;
    private final boolean upper;

    Dialect(DatabaseMetaData metadata) throws SQLException {
      String q = metadata.getIdentifierQuoteString();
      this.quote = q == null || q.isBlank() ? "\"" : q.strip();
      this.lower = metadata.storesLowerCaseIdentifiers();
      this.upper = metadata.storesUpperCaseIdentifiers();
    }

    /** A validated name (letters, digits, '_'): quoting cannot be escaped from. */
    String name(String identifier) {
      String folded =
          lower
              ? identifier.toLowerCase(Locale.ROOT)
              : upper ? identifier.toUpperCase(Locale.ROOT) : identifier;
      if (folded.contains(quote)) {
        throw ComptoirException.invalidInput("identifier %s holds a quote", identifier);
      }
      return quote + folded + quote;
    }

    String qualifiedName(String table) {
      List<String> parts = new ArrayList<>();
      for (String part : table.split("\\.")) {
        parts.add(name(part));
      }
      return String.join(".", parts);
    }
  }

  private ComptoirException failure(SQLException e) {
    return new ComptoirException(
        ErrorCode.INVALID_INPUT,
        String.format(
            "flow %s: cannot read %s: %s",
            flow.id(), withoutParameters(source.url()), e.getMessage()),
        e);
  }

  /** The URL without its parameters, where a careless document could put a password. */
  static String withoutParameters(String url) {
    int end = url.length();
    for (char separator : new char[] {'?', ';'}) {
      int at = url.indexOf(separator);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return url.substring(0, end);
  }

  @Override
  public void close() {}
}
