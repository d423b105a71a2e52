package io.comptoir.engine;

import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.GovernedColumn;
import io.comptoir.contract.GovernedQuery;
import io.comptoir.contract.OutputFormat;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the result of a governed query. DuckDB writes every format itself with {@code COPY}: CSV
 * and JSON lines into a named pipe that the calling thread reads and forwards as DuckDB writes
 * (constant memory, nothing on disk, DuckDB waits while the reader is slow), Parquet into a
 * temporary file copied once complete. Without named pipes, CSV and JSON lines go through a
 * temporary file too.
 */
final class GovernedExport {
  private static final Logger log = LoggerFactory.getLogger(GovernedExport.class);
  private static final int BUFFER = 256 * 1024;

  /**
   * Reads of at most this many rows, offset included, are written whole before they are sent, on
   * the engine's single-threaded database.
   */
  static final long SMALL_ROWS = 10_000;

  /** How long the reader of a growing export file waits before looking again. */
  private static final long FOLLOW_WAIT_MILLIS = 2;

  /**
   * Named pipes are switched off: in CI (2026-11-27) an export after a cancelled one deadlocked,
   * the reader blocked on the pipe while its COPY never wrote nor ended. Until that is understood,
   * CSV and JSON lines go through a temporary file like Parquet (constant memory; disk for one
   * export; the first byte leaves once DuckDB is done).
   */
  static final boolean NAMED_PIPES = false;

  private final Path temporaryDirectory;
  private final Pipes pipes;
  private final ExecutorService copies;
  private final ReadCache cache;

  /**
   * @param temporaryDirectory where Parquet exports (and the others without pipes) are written
   * @param pipes named pipes for CSV and JSON lines
   * @param copies runs each COPY while the calling thread reads its pipe
   * @param cache the output of small reads
   */
  GovernedExport(Path temporaryDirectory, Pipes pipes, ExecutorService copies, ReadCache cache) {
    this.temporaryDirectory = temporaryDirectory;
    this.pipes = pipes;
    this.copies = copies;
    this.cache = cache;
  }

  ReadCache cache() {
    return cache;
  }

  /** Opens the DuckDB connection of one export, only when a query has to run. */
  @FunctionalInterface
  interface Connections {
    Connection open() throws SQLException;
  }

  ExportSummary export(Connections connections, GovernedQuery query, OutputStream out) {
    GovernedSql.Compiled compiled = GovernedSql.compile(query);
    CountingOutputStream counting = new CountingOutputStream(out);
    try {
      long rows;
      if (cache.enabled() && isSmall(query)) {
        rows = cachedSmallRead(connections, compiled, query, counting);
      } else {
        try (Connection connection = connections.open()) {
          GovernedQuery run = isSmall(query) ? query : withoutIdleLimit(connection, query);
          rows =
              export(connection, run == query ? compiled : GovernedSql.compile(run), run, counting);
        }
      }
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

  /**
   * The query without its limit when the limit cannot cut anything: at least as many rows as the
   * version's files hold (after the offset). A governed read always has a limit ({@code
   * data-max-rows} when the caller asks none) and DuckDB runs a query with a {@code LIMIT} in one
   * thread to keep the rows in order (its streaming limit), which halves an export on two cores.
   * The row count comes from the Parquet footers, which DuckDB caches.
   */
  static GovernedQuery withoutIdleLimit(Connection connection, GovernedQuery query)
      throws SQLException {
    if (query.limit().isEmpty() || query.files().isEmpty()) {
      return query;
    }
    long rows;
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT COALESCE(SUM(num_rows), 0) FROM parquet_file_metadata("
                    + DuckDbEngine.fileList(query.files())
                    + ")")) {
      result.next();
      rows = result.getLong(1);
    }
    long reach = query.offset() + query.limit().getAsLong();
    // an overflowing sum reaches everything as well
    return reach < 0 || reach >= rows ? query.withoutLimit() : query;
  }

  private long export(
      Connection connection, GovernedSql.Compiled compiled, GovernedQuery query, OutputStream out)
      throws SQLException, IOException {
    Optional<Path> pipe =
        query.format() == OutputFormat.PARQUET || !NAMED_PIPES ? Optional.empty() : pipes.acquire();
    if (pipe.isPresent()) {
      return copyThroughPipe(connection, compiled, query, out, pipe.get());
    } else if (query.format() == OutputFormat.PARQUET || isSmall(query)) {
      return copyThroughFile(connection, compiled, query, out);
    } else {
      return copyFollowingFile(connection, compiled, query, out);
    }
  }

  /**
   * A small read through the {@link ReadCache}: the cached output when the same query over the same
   * files ran before, else the query's, kept when it fits.
   */
  private long cachedSmallRead(
      Connections connections, GovernedSql.Compiled compiled, GovernedQuery query, OutputStream out)
      throws SQLException, IOException {
    ReadCache.Key key = ReadCache.key(compiled, query.format().name(), query.files());
    long[] written = {-1}; // rows, when the loader sent an output too large to keep
    Optional<ReadCache.Entry> entry =
        cache.get(
            key,
            () -> {
              Path file = temporaryFile(query);
              try {
                long rows;
                try (Connection connection = connections.open()) {
                  rows = copyToFile(connection, compiled, query, file);
                }
                if (Files.size(file) <= cache.entryLimitBytes()) {
                  return Optional.of(new ReadCache.Entry(Files.readAllBytes(file), rows));
                }
                Files.copy(file, out);
                written[0] = rows;
                return Optional.empty();
              } finally {
                Files.deleteIfExists(file);
              }
            });
    if (entry.isPresent()) {
      out.write(entry.get().bytes());
      return entry.get().rows();
    }
    if (written[0] >= 0) {
      return written[0];
    }
    try (Connection connection = connections.open()) {
      return copyThroughFile(connection, compiled, query, out);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }

  /**
   * The COPY statement. CSV: RFC 4180 quoting by DuckDB (a field is quoted when it holds the
   * delimiter, a quote, CR or LF, and an empty string is quoted so that it differs from a null,
   * which is an empty field), CRLF line ends. JSON lines: one object per line, null as {@code
   * null}; a NaN or infinite double, which JSON cannot write as a number, becomes a string.
   */
  static String copy(GovernedSql.Compiled compiled, GovernedQuery query, Path target) {
    String options =
        switch (query.format()) {
          case CSV ->
              "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL '',"
                  + " NEW_LINE '\\r\\n'";
          case JSONL -> "FORMAT json";
          case PARQUET -> "FORMAT parquet";
        };
    String select = compiled.sql();
    if (query.format() == OutputFormat.JSONL
        && query.output().stream().anyMatch(c -> c.type().kind() == DataType.Kind.DOUBLE)) {
      select =
          "SELECT "
              + query.output().stream()
                  .map(GovernedExport::jsonColumn)
                  .collect(Collectors.joining(", "))
              + " FROM ("
              + select
              + ")";
    }
    return "COPY ("
        + select
        + ") TO "
        + Sql.literal(target)
        + " ("
        + options
        + ", USE_TMP_FILE false)";
  }

  private static String jsonColumn(GovernedColumn column) {
    String c = Sql.identifier(column.name());
    if (column.type().kind() != DataType.Kind.DOUBLE) {
      return c;
    }
    return "CASE WHEN isfinite(%1$s) THEN to_json(%1$s) ELSE to_json(CAST(%1$s AS VARCHAR)) END AS %1$s"
        .formatted(c);
  }

  /**
   * Runs the COPY into the pipe on another thread and forwards what it writes. When the output
   * fails (the client went away), the COPY is cancelled and the pipe drained until DuckDB closes
   * it, so that DuckDB is never left blocked on a full pipe.
   */
  private long copyThroughPipe(
      Connection connection,
      GovernedSql.Compiled compiled,
      GovernedQuery query,
      OutputStream out,
      Path pipe)
      throws SQLException, IOException {
    boolean clean = false;
    try (PreparedStatement statement = connection.prepareStatement(copy(compiled, query, pipe))) {
      compiled.bind(statement);
      Handshake handshake = new Handshake();
      Future<Long> copy;
      try {
        copy =
            copies.submit(
                () -> {
                  try {
                    statement.execute();
                    return Math.max(0, statement.getLargeUpdateCount());
                  } finally {
                    // DuckDB closed the pipe, or never opened it when the COPY failed early
                    Pipes.wakeReader(pipe);
                  }
                });
      } catch (RejectedExecutionException e) {
        throw new ComptoirException(ErrorCode.INTERNAL, "the data engine is closed", e);
      }
      IOException writeFailure = null;
      if (handshake.readerMayOpen()) {
        try (InputStream in = handshake.open(pipe)) {
          byte[] buffer = new byte[BUFFER];
          int read;
          while ((read = in.read(buffer)) >= 0) {
            if (writeFailure != null) {
              continue;
            }
            try {
              out.write(buffer, 0, read);
            } catch (IOException e) {
              writeFailure = e;
              cancel(statement);
            }
          }
        }
      }
      long rows = await(copy, writeFailure);
      clean = true;
      return rows;
    } finally {
      if (clean) {
        pipes.release(pipe);
      } else {
        pipes.discard(pipe);
      }
    }
  }

  /**
   * Makes sure that the reader of a pipe never waits forever to open it. Opening a pipe for reading
   * blocks until a writer opens it; when the COPY ends without DuckDB ever opening the pipe (it
   * failed first), the copy thread opens the pipe read-write itself (which never blocks), holds it
   * until the reader is in, then closes it: the reader sees the end. A reader that comes after the
   * COPY ended does not open the pipe at all: DuckDB cannot have written to a pipe nobody read.
   */
  private static final class Handshake {
    private final CountDownLatch opened = new CountDownLatch(1);
    private boolean copyDone;
    private boolean readerOpening;

    synchronized boolean readerMayOpen() {
      readerOpening = !copyDone;
      return readerOpening;
    }

    InputStream open(Path pipe) throws IOException {
      try {
        return Files.newInputStream(pipe);
      } finally {
        opened.countDown();
      }
    }

    void copyFinished(Path pipe) throws IOException {
      boolean readerComing;
      synchronized (this) {
        copyDone = true;
        readerComing = readerOpening;
      }
      if (readerComing) {
        boolean interrupted = false;
        try (RandomAccessFile hold = new RandomAccessFile(pipe.toFile(), "rw")) {
          while (true) {
            try {
              // not interruptible: the reader is on its way into open() and needs this writer
              opened.await();
              break;
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  private static void cancel(PreparedStatement statement) {
    try {
      statement.cancel();
    } catch (SQLException e) {
      // the COPY may have just finished: the pipe is drained either way
    }
  }

  private static long await(Future<Long> copy, IOException writeFailure)
      throws SQLException, IOException {
    try {
      long rows = copy.get();
      if (writeFailure != null) {
        throw writeFailure;
      }
      return rows;
    } catch (ExecutionException e) {
      if (writeFailure != null) {
        throw writeFailure;
      }
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw sql;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      copy.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while exporting", e);
    }
  }

  /**
   * A read whose rows (offset included) are capped low enough to be written in one go: following
   * the file from another thread would only add a hand-over, and the engine runs it
   * single-threaded.
   */
  static boolean isSmall(GovernedQuery query) {
    return query.limit().isPresent() && query.limit().getAsLong() + query.offset() <= SMALL_ROWS;
  }

  /**
   * Runs the COPY into a temporary file on another thread while the calling thread sends what is
   * already written, following the file as it grows (DuckDB only appends to a CSV or JSON lines
   * file, in row order). The reader never blocks DuckDB, unlike a pipe: when the output fails (the
   * client went away) the COPY is cancelled and, since writing a file cannot block, it ends on its
   * own; the file is deleted once it has.
   */
  private long copyFollowingFile(
      Connection connection, GovernedSql.Compiled compiled, GovernedQuery query, OutputStream out)
      throws SQLException, IOException {
    Path file = temporaryFile(query);
    try (PreparedStatement statement = connection.prepareStatement(copy(compiled, query, file))) {
      compiled.bind(statement);
      Future<Long> copy;
      try {
        copy =
            copies.submit(
                () -> {
                  statement.execute();
                  return Math.max(0, statement.getLargeUpdateCount());
                });
      } catch (RejectedExecutionException e) {
        throw new ComptoirException(ErrorCode.INTERNAL, "the data engine is closed", e);
      }
      IOException writeFailure = null;
      try {
        follow(file, copy, out);
      } catch (IOException e) {
        writeFailure = e;
        cancel(statement);
      }
      // the COPY writes a file, never blocks on a reader: it ends, cancelled or not
      return await(copy, writeFailure);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Sends the file as it grows until the COPY has ended and everything it wrote is sent. Once the
   * COPY has ended, the file at the path is checked against what was sent: if it holds more (the
   * path was replaced by another file while it was followed, which a follower holding the old file
   * cannot see), the rest is read from the file now at the path.
   *
   * <p>DuckDB does not always write the file in order: its threads may write a later part before an
   * earlier one, and the earlier part, not written yet, reads as zero bytes. While the COPY runs,
   * only what comes before the first zero byte read is sent; the follower reads from there again
   * later. A byte read as non-zero is final (a new file reads zero where nothing was written, and
   * DuckDB writes each part once), so nothing unwritten is ever sent. Zero bytes that are data (a
   * string holding NUL) are sent once the COPY has ended, when the whole file is final.
   */
  static void follow(Path file, Future<Long> copy, OutputStream out) throws IOException {
    FileChannel channel = null;
    long sent = 0;
    try {
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
      while (true) {
        // read before asking whether the COPY ended, so that nothing written before its end is lost
        boolean ended = copy.isDone();
        if (channel == null) {
          if (!Files.exists(file)) {
            if (ended) {
              return; // failed before writing anything: await reports why
            }
            waitFor(copy);
            continue;
          }
          channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        int read = channel.read(buffer, sent);
        if (read > 0) {
          int written = ended ? read : beforeFirstZero(buffer.array(), read);
          out.write(buffer.array(), 0, written);
          sent += written;
          buffer.clear();
          if (written < read) {
            waitFor(copy); // a part DuckDB has not written yet: read it again later
          }
        } else if (!ended) {
          waitFor(copy);
        } else {
          long size = Files.exists(file) ? Files.size(file) : sent;
          if (size == sent) {
            return;
          }
          if (size < sent) {
            throw new IOException(
                "the export file shrank to " + size + " bytes after " + sent + " were sent");
          }
          log.warn("the export file {} was replaced while it was sent; reading it again", file);
          channel.close();
          channel = null; // reopened at the path, from the first byte not sent
        }
      }
    } finally {
      if (channel != null) {
        channel.close();
      }
    }
  }

  /** How many of the first {@code length} bytes come before the first zero byte. */
  static int beforeFirstZero(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return length;
  }

  /** Waits a little for more output, or less when the COPY ends first. */
  private static void waitFor(Future<Long> copy) throws IOException {
    try {
      copy.get(FOLLOW_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // more output may come; a failure is reported by await
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while exporting", e);
    }
  }

  private Path temporaryFile(GovernedQuery query) throws IOException {
    Path directory = temporaryDirectory.resolve("exports");
    Files.createDirectories(directory);
    return directory.resolve(
        "export-" + UUID.randomUUID() + "." + query.format().name().toLowerCase(Locale.ROOT));
  }

  private long copyThroughFile(
      Connection connection, GovernedSql.Compiled compiled, GovernedQuery query, OutputStream out)
      throws SQLException, IOException {
    Path file = temporaryFile(query);
    try {
      long rows = copyToFile(connection, compiled, query, file);
      Files.copy(file, out);
      return rows;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static long copyToFile(
      Connection connection, GovernedSql.Compiled compiled, GovernedQuery query, Path file)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(copy(compiled, query, file))) {
      compiled.bind(statement);
      statement.execute();
      return Math.max(0, statement.getLargeUpdateCount());
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
