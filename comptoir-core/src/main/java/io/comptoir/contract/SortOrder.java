package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.contract.Lexer.Kind;
import io.comptoir.contract.Lexer.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order of an export: {@code column [asc|desc] (, column [asc|desc])*}, ascending by default,
 * nulls last. Same lexical rules and limits as {@link RowFilter}.
 */
public record SortOrder(List<Key> keys) {
  private static final String WHAT = "order";
  private static final SortOrder NONE = new SortOrder(List.of());

  /** One sort key. */
  public record Key(String column, Direction direction) {
    public Key {
      requireNonNull(column, "column is null");
      requireNonNull(direction, "direction is null");
    }
  }

  /** Sort direction. */
  public enum Direction {
    ASC,
    DESC
  }

  public SortOrder {
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
  }

  /** No order: the order of the version's files. */
  public static SortOrder none() {
    return NONE;
  }

  /** Parses an order; null or blank is no order. */
  public static SortOrder parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    List<Token> tokens = Lexer.tokenize(WHAT, text);
    List<Key> keys = new ArrayList<>();
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
      Direction direction = Direction.ASC;
      Token next = tokens.get(index);
      if (next.is(Kind.KEYWORD, "asc") || next.is(Kind.KEYWORD, "desc")) {
        direction = next.text().equals("asc") ? Direction.ASC : Direction.DESC;
        next = tokens.get(++index);
      }
      keys.add(new Key(column.text(), direction));
      if (keys.size() > ColumnSelection.MAX_COLUMNS) {
        throw Lexer.error(
            WHAT, column.position(), "more than %d columns", ColumnSelection.MAX_COLUMNS);
      }
      if (next.kind() == Kind.END) {
        return new SortOrder(keys);
      }
      if (next.kind() != Kind.COMMA) {
        throw Lexer.error(
            WHAT,
            next.position(),
            "expected 'asc', 'desc', ',' or the end, found %s",
            next.describe());
      }
      index++;
    }
  }

  /** Checks every key names a column that is granted and not masked. */
  void check(List<GovernedColumn> granted) {
    for (Key key : keys) {
      GovernedColumn column =
          granted.stream()
              .filter(c -> c.name().equals(key.column()))
              .findFirst()
              .orElseThrow(
                  () ->
                      ComptoirException.invalidInput("unknown column '%s' in order", key.column()));
      if (column.isMasked()) {
        throw ComptoirException.invalidInput("cannot sort on masked column '%s'", key.column());
      }
    }
  }
}
