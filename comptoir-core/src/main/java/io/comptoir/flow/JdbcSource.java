package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A database table (or query) read over JDBC: whole at each run, or incrementally by a watermark
 * column (rows whose value is above the highest value already ingested).
 *
 * @param passwordVariable name of the environment variable holding the password (never the password
 *     itself in the flow document)
 */
public record JdbcSource(
    String url,
    String user,
    Optional<String> passwordVariable,
    Optional<String> table,
    Optional<String> query,
    Optional<String> watermarkColumn,
    int fetchSize)
    implements FlowSource {
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,2}");
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public JdbcSource {
    if (url == null || !url.startsWith("jdbc:")) {
      throw ComptoirException.invalidInput("url must be a JDBC URL (jdbc:...), got '%s'", url);
    }
    user = user == null ? "" : user;
    requireNonNull(passwordVariable, "passwordVariable is null");
    requireNonNull(table, "table is null");
    requireNonNull(query, "query is null");
    requireNonNull(watermarkColumn, "watermarkColumn is null");
    if (table.isPresent() == query.isPresent()) {
      throw ComptoirException.invalidInput("a jdbc source needs either a table or a query");
    }
    table.ifPresent(
        name -> {
          if (!QUALIFIED_NAME.matcher(name).matches()) {
            throw ComptoirException.invalidInput(
                "table must be a (schema.)table name of letters, digits and '_', got '%s'", name);
          }
        });
    watermarkColumn.ifPresent(
        column -> {
          if (!COLUMN.matcher(column).matches()) {
            throw ComptoirException.invalidInput(
                "watermark column must be a column name of letters, digits and '_', got '%s'",
                column);
          }
        });
    if (fetchSize < 1 || fetchSize > 100_000) {
      throw ComptoirException.invalidInput("fetch-size must be 1 to 100000, got %d", fetchSize);
    }
  }

  @Override
  public String kind() {
    return "jdbc";
  }
}
