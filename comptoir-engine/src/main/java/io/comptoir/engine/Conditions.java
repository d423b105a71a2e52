package io.comptoir.engine;

import static io.comptoir.engine.Sql.identifier;

import io.comptoir.catalog.Column;
import io.comptoir.common.ComptoirException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the boolean expression of a custom SQL quality rule before it runs. The expression is
 * parsed by DuckDB itself ({@code json_serialize_sql}) inside {@code SELECT (expression) FROM
 * rows}, then its syntax tree is walked: one SELECT of one expression from the rows alone, made
 * only of column references, constants, operators, CASE, CAST and allow-listed scalar functions.
 * Subqueries, table functions (read_csv, glob...), parameters, window and aggregate functions and
 * anything that reads a file or the network are refused, as are semicolons and comments. The
 * expression is then bound against empty typed columns, so unknown columns and type errors show at
 * once.
 */
final class Conditions {
  static final String ROWS = "__comptoir_rows";
  static final int MAX_CHARS = 2000;

  /** Node classes an expression may hold. */
  private static final Set<String> CLASSES =
      Set.of(
          "CONJUNCTION",
          "COMPARISON",
          "OPERATOR",
          "COLUMN_REF",
          "CONSTANT",
          "FUNCTION",
          "CASE",
          "BETWEEN",
          "CAST",
          "TYPE");

  /** Scalar functions (and operators DuckDB represents as functions) an expression may call. */
  private static final Set<String> FUNCTIONS =
      Set.of(
          // operators
          "+",
          "-",
          "*",
          "/",
          "//",
          "%",
          "^",
          "**",
          "||",
          "~~",
          "!~~",
          "~~*",
          "!~~*",
          "~~~",
          // text
          "lower",
          "upper",
          "lcase",
          "ucase",
          "length",
          "len",
          "strlen",
          "trim",
          "ltrim",
          "rtrim",
          "substring",
          "substr",
          "left",
          "right",
          "concat",
          "concat_ws",
          "replace",
          "starts_with",
          "ends_with",
          "prefix",
          "suffix",
          "contains",
          "strpos",
          "instr",
          "position",
          "lpad",
          "rpad",
          "reverse",
          "repeat",
          "regexp_matches",
          "regexp_full_match",
          "regexp_replace",
          "regexp_extract",
          "like_escape",
          "ilike_escape",
          "split_part",
          "ascii",
          "nullif",
          "ifnull",
          "coalesce",
          // numbers
          "abs",
          "round",
          "floor",
          "ceil",
          "ceiling",
          "trunc",
          "sign",
          "sqrt",
          "power",
          "pow",
          "ln",
          "log",
          "log10",
          "log2",
          "exp",
          "mod",
          "greatest",
          "least",
          "isnan",
          "isinf",
          "isfinite",
          // dates
          "year",
          "month",
          "day",
          "dayofweek",
          "dayofmonth",
          "dayofyear",
          "week",
          "quarter",
          "hour",
          "minute",
          "second",
          "date_part",
          "datepart",
          "date_trunc",
          "datetrunc",
          "date_diff",
          "datediff",
          "date_add",
          "date_sub",
          "make_date",
          "last_day",
          "epoch",
          "epoch_ms",
          "strftime",
          "current_date",
          "today",
          "to_days",
          "to_months",
          "to_years");

  private Conditions() {}

  static void validate(Connection connection, String condition, List<Column> columns)
      throws SQLException {
    String text = condition == null ? "" : condition.strip();
    if (text.isEmpty()) {
      throw refused("the expression is empty");
    }
    if (text.length() > MAX_CHARS) {
      throw refused("the expression has " + text.length() + " characters, at most " + MAX_CHARS);
    }
    if (text.contains(";")) {
      throw refused("a semicolon is not allowed: one expression, not statements");
    }
    if (text.contains("--") || text.contains("/*")) {
      throw refused("comments are not allowed");
    }
    String select = "SELECT (" + text + ") AS ok FROM " + ROWS;
    List<String[]> tree = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT fullkey, key, value::VARCHAR, json_type(value)"
                + " FROM json_tree(json_serialize_sql(?::VARCHAR))")) {
      statement.setString(1, select);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tree.add(
              new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
    }
    String root = "$.statements[0].node.";
    if (!"false".equals(value(tree, "$.error"))) {
      String message = value(tree, "$.error_message");
      throw refused("not a valid expression: " + (message == null ? "" : unquote(message)));
    }
    requireValue(tree, "$.statements[1]", null, "one expression, not several statements");
    requireValue(tree, root + "type", "\"SELECT_NODE\"", "not an expression");
    requireValue(tree, root + "from_table.type", "\"BASE_TABLE\"", "it may read the row only");
    requireValue(
        tree, root + "from_table.table_name", '"' + ROWS + '"', "it may read the row only");
    requireValue(tree, root + "where_clause", "null", "it must be one expression");
    requireValue(tree, root + "having", "null", "it must be one expression");
    requireValue(tree, root + "qualify", "null", "it must be one expression");
    requireValue(tree, root + "sample", "null", "it must be one expression");
    requireValue(tree, root + "group_expressions", "[]", "it must be one expression");
    requireValue(tree, root + "modifiers", "[]", "it must be one expression");
    requireValue(tree, root + "cte_map.map", "[]", "it must be one expression");
    requireValue(tree, root + "select_list[1]", null, "it must be one expression");
    Set<String> known = new TreeSet<>();
    columns.forEach(c -> known.add(c.name().toLowerCase(Locale.ROOT)));
    for (String[] node : tree) {
      String path = node[0];
      if (!path.startsWith(root + "select_list[0]")) {
        continue;
      }
      String key = node[1];
      String value = node[2];
      if ("class".equals(key) && !CLASSES.contains(unquote(value))) {
        throw refused(describe(unquote(value)) + " is not allowed");
      }
      if ("function_name".equals(key)
          && !FUNCTIONS.contains(unquote(value).toLowerCase(Locale.ROOT))) {
        throw refused("function " + unquote(value) + " is not allowed");
      }
      if (("schema".equals(key) || "catalog".equals(key)) && !"\"\"".equals(value)) {
        throw refused("qualified names are not allowed");
      }
      if ("distinct".equals(key) && "true".equals(value)) {
        throw refused("DISTINCT is not allowed");
      }
      if ("filter".equals(key) && !"null".equals(value)) {
        throw refused("FILTER is not allowed");
      }
      if ("orders".equals(key) && !"[]".equals(value)) {
        throw refused("ORDER BY is not allowed");
      }
      if ("column_names".equals(key)) {
        List<String> parts = names(value);
        if (parts.size() != 1) {
          throw refused("write column names alone, not " + String.join(".", parts));
        }
        String name = parts.get(0).toLowerCase(Locale.ROOT);
        if (!known.contains(name) && !name.equals("current_date")) {
          throw refused(
              parts.get(0)
                  + " is not a column (columns: "
                  + columns.stream().map(Column::name).toList()
                  + ")");
        }
      }
    }
    bind(connection, text, columns);
  }

  /** Binds the expression against empty typed columns: unknown names and type errors show. */
  private static void bind(Connection connection, String text, List<Column> columns)
      throws SQLException {
    StringBuilder rows = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      rows.append(i == 0 ? "" : ", ")
          .append("NULL::")
          .append(Sql.duckType(columns.get(i).type()))
          .append(" AS ")
          .append(identifier(columns.get(i).name()));
    }
    if (columns.isEmpty()) {
      rows.append("NULL AS ").append(identifier("__none"));
    }
    String sql =
        "SELECT CAST((" + text + ") AS BOOLEAN) FROM (" + rows + " WHERE false) AS " + ROWS;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
    } catch (SQLException e) {
      throw refused("it does not run: " + firstLine(e.getMessage()));
    }
  }

  private static String value(List<String[]> tree, String path) {
    for (String[] node : tree) {
      if (node[0].equals(path)) {
        return node[2];
      }
    }
    return null;
  }

  private static void requireValue(
      List<String[]> tree, String path, String expected, String message) {
    String value = value(tree, path);
    if (expected == null ? value != null : !expected.equals(value)) {
      throw refused(message);
    }
  }

  private static String describe(String nodeClass) {
    return switch (nodeClass) {
      case "SUBQUERY" -> "a subquery";
      case "WINDOW" -> "a window function";
      case "PARAMETER" -> "a parameter";
      case "LAMBDA" -> "a lambda";
      case "STAR", "COLUMNS" -> "* or COLUMNS(...)";
      default -> nodeClass.toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  private static List<String> names(String jsonArray) {
    List<String> names = new ArrayList<>();
    String inner = jsonArray.strip();
    if (inner.startsWith("[") && inner.endsWith("]")) {
      inner = inner.substring(1, inner.length() - 1);
    }
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && quoted && i + 1 < inner.length()) {
        current.append(inner.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        names.add(current.toString());
        current.setLength(0);
      } else if (quoted) {
        current.append(c);
      }
    }
    if (!inner.isBlank()) {
      names.add(current.toString());
    }
    return names;
  }

  private static String unquote(String json) {
    String text = json == null ? "" : json;
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return text;
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message;
    int newline = text.indexOf('\n');
    return newline > 0 ? text.substring(0, newline) : text;
  }

  private static ComptoirException refused(String why) {
    return ComptoirException.invalidInput("custom SQL refused: %s", why);
  }
}
