package io.comptoir.connectors;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases of the machine (PostgreSQL and MariaDB on 127.0.0.1, database {@code test}), with a
 * table namespace per test. When one is unreachable its tests are skipped, unless {@code
 * -Dcomptoir.require-postgres=true} or the {@code CI} variable is set, where they fail.
 */
enum TestDatabase {
  POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
  MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root");

  private final String url;
  private final String user;

  TestDatabase(String url, String user) {
    this.url = url;
    this.user = user;
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  /** An administrator's connection; skips (or fails on CI) the test when unreachable. */
  Connection connect() {
    try {
      return DriverManager.getConnection(url, user, "");
    } catch (SQLException e) {
      String message = this + " is unreachable at " + url + ": " + e.getMessage();
      if (Boolean.getBoolean("comptoir.require-postgres") || System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
      throw new AssertionError(message);
    }
  }

  /**
   * Creates a namespace of its own for a test: a schema in PostgreSQL, a name prefix in MariaDB
   * (whose schemas are databases); returns what qualifies a table name, such as {@code conn_1a2b.}
   * or {@code test.conn_1a2b_}.
   */
  String createNamespace(Connection connection) throws SQLException {
    String unique = "conn_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (this == POSTGRESQL) {
      execute(connection, "CREATE SCHEMA " + unique);
      return unique + ".";
    }
    return "test." + unique + "_";
  }

  /** Drops what {@link #createNamespace} and the tables in it. */
  void dropNamespace(Connection connection, String namespace, String... tables)
      throws SQLException {
    if (this == POSTGRESQL) {
      execute(connection, "DROP SCHEMA IF EXISTS " + namespace.replace(".", "") + " CASCADE");
      return;
    }
    for (String table : tables) {
      execute(connection, "DROP TABLE IF EXISTS " + namespace + table);
    }
  }

  /** A timestamp type with microseconds. */
  String timestampType() {
    return this == POSTGRESQL ? "timestamp(6)" : "datetime(6)";
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
