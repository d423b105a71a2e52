package io.comptoir.engine;

import io.comptoir.contract.GovernedQuery;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The DuckDB {@code COPY} statement that a governed export runs: the compiled query (granted
 * columns masked as the contract says, the contract's row scope, the consumer's filter) written in
 * the asked format to a file. Public so that a baseline can run the very statement the engine runs
 * in a DuckDB of its own (the governed benchmark, {@code bench/}); the engine's exports build
 * theirs the same way.
 */
public final class CopyStatement {
  private final GovernedSql.Compiled compiled;
  private final String sql;

  private CopyStatement(GovernedSql.Compiled compiled, String sql) {
    this.compiled = compiled;
    this.sql = sql;
  }

  /**
   * The statement that exports {@code query} to {@code target}, as {@link DuckDbEngine#export} runs
   * it for a query that needs no limit (a large export).
   */
  public static CopyStatement of(GovernedQuery query, Path target) {
    GovernedSql.Compiled compiled = GovernedSql.compile(query);
    return new CopyStatement(compiled, GovernedExport.copy(compiled, query, target));
  }

  /** The SQL text: its values, the key's pads among them, are parameters. */
  public String sql() {
    return sql;
  }

  /** Binds the parameters, in order, to a statement prepared from {@link #sql()}. */
  public void bind(PreparedStatement statement) throws SQLException {
    compiled.bind(statement);
  }

  @Override
  public String toString() {
    return "CopyStatement[" + sql + "]";
  }
}
