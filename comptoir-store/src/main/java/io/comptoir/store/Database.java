package io.comptoir.store;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Runs units of work in transactions and binds parameters portably. Every repository call is one
 * transaction, reads included, so that a product and its columns are always read consistently.
 */
final class Database {
  private final DataSource dataSource;
  private final Dialect dialect;

  Database(DataSource dataSource, Dialect dialect) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.dialect = requireNonNull(dialect, "dialect is null");
  }

  Dialect dialect() {
    return dialect;
  }

  /** Work done with a connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Work without a result. */
  @FunctionalInterface
  interface Action {
    void run(Connection connection) throws SQLException;
  }

  /**
   * Runs the work in one transaction, committed when it returns and rolled back when it throws. SQL
   * failures become {@link ErrorCode#INTERNAL} errors naming the action; {@link ComptoirException}s
   * thrown by the work pass through unchanged.
   */
  <T> T call(String action, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
      // The pool restores auto-commit when the connection is returned.
    } catch (SQLException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "metadata store could not " + action + ": " + e.getMessage(), e);
    }
  }

  /** Like {@link #call(String, Work)} for work without a result. */
  void run(String action, Action work) {
    call(
        action,
        connection -> {
          work.run(connection);
          return null;
        });
  }

  /** Runs an INSERT, UPDATE or DELETE and returns the number of rows changed. */
  static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    }
  }

  /** Binds parameters: String, Integer, Long, Instant (as epoch millis) or {@link Null}. */
  static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      int index = i + 1;
      Object value = parameters[i];
      if (value instanceof String text) {
        statement.setString(index, text);
      } else if (value instanceof Integer number) {
        statement.setInt(index, number);
      } else if (value instanceof Long number) {
        statement.setLong(index, number);
      } else if (value instanceof Instant instant) {
        statement.setLong(index, toMillis(instant));
      } else if (value instanceof Null typed) {
        statement.setNull(index, typed.sqlType());
      } else {
        throw new IllegalArgumentException(
            "cannot bind parameter " + index + " of type " + typeName(value));
      }
    }
  }

  private static String typeName(Object value) {
    return value == null ? "null (use Database.Null)" : value.getClass().getName();
  }

  /** A typed SQL NULL: PostgreSQL needs the type of a null parameter. */
  record Null(int sqlType) {}

  static Object textOrNull(Optional<String> value) {
    return value.<Object>map(text -> text).orElse(new Null(Types.VARCHAR));
  }

  static Object integerOrNull(Optional<Integer> value) {
    return value.<Object>map(number -> number).orElse(new Null(Types.INTEGER));
  }

  static Object instantOrNull(Optional<Instant> value) {
    return value.<Object>map(instant -> instant).orElse(new Null(Types.BIGINT));
  }

  /** Instants are stored as epoch milliseconds: anything finer is truncated. */
  static long toMillis(Instant instant) {
    return instant.toEpochMilli();
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    return Instant.ofEpochMilli(row.getLong(column));
  }

  static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  static Optional<Integer> optionalInteger(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? Optional.empty() : Optional.of(value);
  }

  static Optional<String> optionalText(ResultSet row, String column) throws SQLException {
    return Optional.ofNullable(row.getString(column));
  }

  /** "?, ?, ?" for an IN list of the given size (at least one). */
  static String placeholders(Collection<?> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an IN list needs at least one value");
    }
    return Stream.generate(() -> "?").limit(values.size()).collect(Collectors.joining(", "));
  }
}
