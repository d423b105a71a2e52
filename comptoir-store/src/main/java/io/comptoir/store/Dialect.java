package io.comptoir.store;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The two databases the store runs on, and what differs between them. */
enum Dialect {
  SQLITE("SQLite"),
  POSTGRESQL("PostgreSQL");

  private static final String UNIQUE_VIOLATION_STATE = "23505";

  private final String displayName;

  Dialect(String displayName) {
    this.displayName = displayName;
  }

  String displayName() {
    return displayName;
  }

  /** Whether the failure is a primary key or unique constraint violation. */
  boolean isUniqueViolation(SQLException exception) {
    for (SQLException current = exception; current != null; current = current.getNextException()) {
      if (UNIQUE_VIOLATION_STATE.equals(current.getSQLState())) {
        return true;
      }
      if (current instanceof SQLiteException sqlite
          && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
              || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)) {
        return true;
      }
    }
    return false;
  }
}
