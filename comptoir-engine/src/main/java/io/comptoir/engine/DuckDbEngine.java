package io.comptoir.engine;

import static io.comptoir.engine.Sql.literal;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.GovernedQuery;
import io.comptoir.ingest.ColumnProfile;
import io.comptoir.ingest.DataEngine;
import io.comptoir.ingest.KeyedRows;
import io.comptoir.ingest.ProfileRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.QualityCheckRequest;
import io.comptoir.ingest.QualityCheckResult;
import io.comptoir.ingest.QuarantinedRow;
import io.comptoir.ingest.ReadRequest;
import io.comptoir.ingest.Rewrite;
import io.comptoir.ingest.RowBatch;
import io.comptoir.ingest.SourceFiles;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DuckDB data engine. One in-memory DuckDB database; each call works on its own duplicated
 * connection (a DuckDB connection must never be shared between threads).
 */
public final class DuckDbEngine implements DataEngine {
  private static final Logger log = LoggerFactory.getLogger(DuckDbEngine.class);

  private final DuckDBConnection root;

  /**
   * A second database, single-threaded, for governed reads of at most {@link
   * GovernedExport#SMALL_ROWS} rows: on the main one, a 100-row read fans out to every worker
   * thread, each decoding a row group of which one gives the rows; here the read runs on its
   * caller's thread alone, and concurrent small reads share the cores instead of the workers. The
   * same as {@link #root} when the engine has one thread.
   */
  private final DuckDBConnection smallReads;

  /** The largest output of a small read kept by the read cache. */
  static final long READ_CACHE_ENTRY_LIMIT = 4L * 1024 * 1024;

  private final Pipes pipes;
  private final ExecutorService copies;
  private final GovernedExport exports;

  public DuckDbEngine(EngineSettings settings) {
    requireNonNull(settings, "settings is null");
    try {
      Files.createDirectories(settings.tempDirectory());
      root = open(settings.tempDirectory(), settings.memoryLimit(), settings.threads());
      if (settings.threads() == 1) {
        smallReads = root;
      } else {
        // its own spill directory: two databases never share temporary files
        Path spill = settings.tempDirectory().resolve("small-reads");
        Files.createDirectories(spill);
        smallReads = open(spill, smallReadMemory(settings.memoryLimit()), 1);
      }
    } catch (SQLException | IOException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "cannot start DuckDB: " + e.getMessage(), e);
    }
    pipes = new Pipes(settings.tempDirectory().resolve("pipes"));
    pipes.clearStale();
    AtomicInteger copyThreads = new AtomicInteger();
    copies =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "duckdb-copy-" + copyThreads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    exports =
        new GovernedExport(
            settings.tempDirectory(),
            pipes,
            copies,
            new ReadCache(settings.readCacheBytes(), READ_CACHE_ENTRY_LIMIT));
  }

  private static DuckDBConnection open(Path tempDirectory, String memoryLimit, int threads)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("memory_limit", memoryLimit);
    properties.setProperty("threads", String.valueOf(threads));
    properties.setProperty("temp_directory", tempDirectory.toString());
    properties.setProperty("enable_external_access", "true");
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "true");
    // Lake files are immutable (a new version writes new files): their footers can be cached.
    properties.setProperty("parquet_metadata_cache", "true");
    return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
  }

  /**
   * The memory of the small-read database: a quarter of the engine's limit, at most 256 MB, at
   * least 16 MB. A small read holds at most {@link GovernedExport#SMALL_ROWS} rows at once.
   */
  static String smallReadMemory(String memoryLimit) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT])(i?)B").matcher(memoryLimit);
    if (!m.matches()) {
      throw new IllegalArgumentException("memory limit must look like 2GB, got " + memoryLimit);
    }
    double unit = m.group(3).isEmpty() ? 1000 : 1024;
    int power = "KMGT".indexOf(m.group(2)) + 1;
    double megabytes = Double.parseDouble(m.group(1)) * Math.pow(unit, power) / 1e6;
    long quarter = (long) Math.floor(megabytes / 4);
    return Math.max(16, Math.min(256, quarter)) + "MB";
  }

  DuckDBConnection connect() {
    return duplicate(root);
  }

  private static DuckDBConnection duplicate(DuckDBConnection root) {
    synchronized (root) {
      try {
        return (DuckDBConnection) root.duplicate();
      } catch (SQLException e) {
        throw new ComptoirException(
            ErrorCode.INTERNAL, "cannot open a DuckDB connection: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public List<Column> inferColumns(Path source, SourceFormat format, SourceOptions options) {
    try (DuckDBConnection connection = connect()) {
      return switch (format) {
        case CSV -> CsvStager.inferColumns(connection, source, options);
        case JSONL -> SqlStager.inferJsonColumns(connection, source);
        case PARQUET -> SqlStager.inferParquetColumns(connection, source);
      };
    } catch (SQLException e) {
      throw sourceError(source, e);
    }
  }

  @Override
  public StagedData stage(StageRequest request, ProgressListener progress) {
    if (request.columns().isEmpty()) {
      throw ComptoirException.invalidInput("no columns to validate against");
    }
    try (DuckDBConnection connection = connect()) {
      if (request.quarantineAll().isPresent()) {
        return new WholeQuarantineStager(connection, request, progress).stage();
      }
      return switch (request.format()) {
        case CSV -> new CsvStager(connection, request, progress).stage();
        case JSONL, PARQUET -> new SqlStager(connection, request, progress).stage();
      };
    } catch (SQLException e) {
      throw sourceError(request.source(), e);
    }
  }

  @Override
  public QualityCheckResult checkQuality(QualityCheckRequest request) {
    requireNonNull(request, "request is null");
    try (DuckDBConnection connection = connect()) {
      return new QualityChecker(connection, request).check();
    } catch (SQLException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot evaluate the quality rules: " + e.getMessage(), e);
    }
  }

  @Override
  public void validateCondition(String condition, List<Column> columns) {
    try (DuckDBConnection connection = connect()) {
      Conditions.validate(connection, condition, columns);
    } catch (SQLException e) {
      throw ComptoirException.invalidInput("custom SQL refused: %s", e.getMessage());
    }
  }

  @Override
  public Rewrite merge(KeyedRows rows) {
    requireNonNull(rows, "rows is null");
    try (DuckDBConnection connection = connect()) {
      return new KeyedWriter(connection, rows, "merge").merge();
    } catch (SQLException e) {
      throw writeError("merge", e);
    }
  }

  @Override
  public Rewrite historize(KeyedRows rows, Instant time, Optional<Instant> previousWithoutHistory) {
    requireNonNull(rows, "rows is null");
    requireNonNull(time, "time is null");
    requireNonNull(previousWithoutHistory, "previousWithoutHistory is null");
    try (DuckDBConnection connection = connect()) {
      return new KeyedWriter(connection, rows, "scd2").historize(time, previousWithoutHistory);
    } catch (SQLException e) {
      throw writeError("scd2", e);
    }
  }

  private static ComptoirException writeError(String mode, SQLException e) {
    return new ComptoirException(
        ErrorCode.INTERNAL, "cannot write the " + mode + " version: " + e.getMessage(), e);
  }

  static ComptoirException sourceError(Path source, SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int cut = message.indexOf("\n\n");
    if (cut > 0) {
      message = message.substring(0, cut);
    }
    log.debug("DuckDB error on {}", source, e);
    return ComptoirException.invalidInput("cannot read %s: %s", source.getFileName(), message);
  }

  @Override
  public List<ColumnProfile> profile(ProfileRequest request) {
    requireNonNull(request, "request is null");
    try (DuckDBConnection connection = connect()) {
      return new Profiler(connection, request).profile();
    } catch (SQLException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot profile version files: " + e.getMessage(), e);
    }
  }

  @Override
  public RowBatch read(ReadRequest request) {
    if (request.files().isEmpty() || request.limit() == 0) {
      return new RowBatch(request.columns(), List.of());
    }
    String projection =
        request.columns().isEmpty()
            ? "*"
            : String.join(", ", request.columns().stream().map(Sql::identifier).toList());
    String sql =
        "SELECT "
            + projection
            + " FROM read_parquet("
            + fileList(request.files())
            + ") LIMIT "
            + request.limit()
            + " OFFSET "
            + request.offset();
    try (DuckDBConnection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int count = rs.getMetaData().getColumnCount();
      List<String> names = new ArrayList<>(count);
      for (int i = 1; i <= count; i++) {
        names.add(rs.getMetaData().getColumnName(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
          row.add(JavaValues.of(rs.getObject(i)));
        }
        rows.add(row);
      }
      return new RowBatch(names, rows);
    } catch (SQLException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot read version files: " + e.getMessage(), e);
    }
  }

  @Override
  public ExportSummary export(GovernedQuery query, OutputStream out) {
    requireNonNull(query, "query is null");
    requireNonNull(out, "out is null");
    return exports.export(
        () -> GovernedExport.isSmall(query) ? duplicate(smallReads) : connect(), query, out);
  }

  /** The cache of small reads' output, for tests. */
  ReadCache readCache() {
    return exports.cache();
  }

  @Override
  public List<QuarantinedRow> readQuarantine(Path quarantineFile, long offset, int limit) {
    String sql =
        "SELECT line, column_name, error_type, message, raw FROM read_parquet("
            + literal(quarantineFile)
            + ") ORDER BY line LIMIT "
            + limit
            + " OFFSET "
            + offset;
    try (DuckDBConnection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<QuarantinedRow> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(
            new QuarantinedRow(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
      return rows;
    } catch (SQLException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL,
          "cannot read quarantine " + quarantineFile + ": " + e.getMessage(),
          e);
    }
  }

  static String fileList(List<Path> files) {
    return "[" + String.join(", ", files.stream().map(Sql::literal).toList()) + "]";
  }

  /** Columns of the declared schema with a DuckDB type, for validation SQL. */
  static String duckType(Column column) {
    return Sql.duckType(column.type());
  }

  static long executeUpdate(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
      return Math.max(0, statement.getUpdateCount());
    }
  }

  static long queryLong(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static boolean isGzip(Path path) {
    return SourceFiles.isGzip(path);
  }

  static DataType typeOf(String duckType) {
    return Sql.fromDuckType(duckType);
  }

  @Override
  public void close() {
    copies.shutdownNow();
    pipes.close();
    try {
      if (smallReads != root) {
        smallReads.close();
      }
    } catch (SQLException e) {
      log.warn("closing DuckDB's small-read database: {}", e.toString());
    }
    try {
      root.close();
    } catch (SQLException e) {
      log.warn("closing DuckDB: {}", e.toString());
    }
  }
}
