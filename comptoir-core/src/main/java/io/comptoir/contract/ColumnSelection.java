package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.contract.Lexer.Kind;
import io.comptoir.contract.Lexer.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns a consumer asks for: {@code column (, column)*}, in output order. Empty means every
 * granted column. Same lexical rules and limits as {@link RowFilter}.
 */
public record ColumnSelection(List<String> columns) {
  static final int MAX_COLUMNS = 1000;
  private static final String WHAT = "columns";
  private static final ColumnSelection ALL = new ColumnSelection(List.of());

  public ColumnSelection {
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
  }

  /** Every granted column. */
  public static ColumnSelection all() {
    return ALL;
  }

  /** Parses a column list; null or blank is every granted column. */
  public static ColumnSelection parse(String text) {
    if (text == null || text.isBlank()) {
      return ALL;
    }
    List<Token> tokens = Lexer.tokenize(WHAT, text);
    List<String> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int index = 0;
    while (true) {
      Token column = tokens.get(index++);
      if (column.kind() != Kind.IDENTIFIER) {
        throw Lexer.error(
            WHAT, column.position(), "expected a column name, found %s", column.describe());
      }
      if (!seen.add(column.text())) {
        throw Lexer.error(WHAT, column.position(), "column '%s' appears twice", column.text());
      }
      columns.add(column.text());
      Token next = tokens.get(index++);
      if (next.kind() == Kind.END) {
        return new ColumnSelection(columns);
      }
      if (next.kind() != Kind.COMMA) {
        throw Lexer.error(
            WHAT, next.position(), "expected ',' or the end, found %s", next.describe());
      }
    }
  }
}
