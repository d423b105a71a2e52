package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.contract.FilterExpression.And;
import io.comptoir.contract.FilterExpression.Between;
import io.comptoir.contract.FilterExpression.Comparison;
import io.comptoir.contract.FilterExpression.Constant;
import io.comptoir.contract.FilterExpression.In;
import io.comptoir.contract.FilterExpression.IsNull;
import io.comptoir.contract.FilterExpression.Like;
import io.comptoir.contract.FilterExpression.Not;
import io.comptoir.contract.FilterExpression.Or;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A row filter in the consumer filter language: the filter a consumer passes, and the row scope of
 * a contract. It is parsed in Java into a tree; the engine compiles the tree to SQL where every
 * constant is a bound parameter.
 *
 * <pre>
 * filter     := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | primary
 * primary    := "(" or ")" | "true" | "false" | predicate
 * predicate  := column ("=" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") literal
 *             | column ["not"] "in" "(" literal ("," literal)* ")"
 *             | column ["not"] "like" string
 *             | column ["not"] "between" literal "and" literal
 *             | column "is" ["not"] "null"
 * literal    := string | number | "true" | "false" | "date" string | "timestamp" string
 * column     := [A-Za-z_][A-Za-z0-9_]*   (not a keyword; matched exactly against column names)
 * string     := "'" any character, "''" for a quote "'"
 * number     := ["-"] digits ["." digits]
 * </pre>
 *
 * Keywords are case-insensitive. No functions, no sub-queries, no comments. Limits: 4096 bytes of
 * text, 200 terms, 20 levels of parentheses or {@code not}. Errors are INVALID_INPUT and give the
 * 1-based position.
 *
 * @param text the text as given; empty when the filter keeps every row
 * @param expression the parsed tree; empty when the filter keeps every row
 */
public record RowFilter(String text, Optional<FilterExpression> expression) {
  private static final RowFilter ALL = new RowFilter("", Optional.empty());

  public RowFilter {
    requireNonNull(text, "text is null");
    requireNonNull(expression, "expression is null");
  }

  /** The filter that keeps every row. */
  public static RowFilter all() {
    return ALL;
  }

  /** Parses a filter; null or blank keeps every row. */
  public static RowFilter parse(String text) {
    if (text == null || text.isBlank()) {
      return ALL;
    }
    return new RowFilter(text, Optional.of(FilterParser.parse(text)));
  }

  /** The column names the filter reads, in order of appearance, with repeats. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>();
    expression.ifPresent(e -> collect(e, columns));
    return columns;
  }

  private static void collect(FilterExpression expression, List<String> columns) {
    if (expression instanceof And and) {
      and.operands().forEach(o -> collect(o, columns));
    } else if (expression instanceof Or or) {
      or.operands().forEach(o -> collect(o, columns));
    } else if (expression instanceof Not not) {
      collect(not.operand(), columns);
    } else if (expression instanceof Comparison comparison) {
      columns.add(comparison.column());
    } else if (expression instanceof In in) {
      columns.add(in.column());
    } else if (expression instanceof Like like) {
      columns.add(like.column());
    } else if (expression instanceof Between between) {
      columns.add(between.column());
    } else if (expression instanceof IsNull isNull) {
      columns.add(isNull.column());
    } else if (!(expression instanceof Constant)) {
      throw new IllegalStateException("unknown filter node " + expression);
    }
  }

  /**
   * Checks the filter against the columns it may read: every column exists, is not masked, and is
   * compared with constants of its type.
   *
   * @param what "filter" or "contract filter", for messages
   * @param types the columns the filter may read
   * @param masked the columns that are masked
   */
  void check(String what, Map<String, DataType> types, Set<String> masked) {
    expression.ifPresent(e -> check(e, what, types, masked));
  }

  private static void check(
      FilterExpression expression, String what, Map<String, DataType> types, Set<String> masked) {
    if (expression instanceof And and) {
      and.operands().forEach(o -> check(o, what, types, masked));
    } else if (expression instanceof Or or) {
      or.operands().forEach(o -> check(o, what, types, masked));
    } else if (expression instanceof Not not) {
      check(not.operand(), what, types, masked);
    } else if (expression instanceof Comparison comparison) {
      DataType type = column(comparison.column(), what, types, masked);
      requireComparable(comparison.column(), type, comparison.value());
    } else if (expression instanceof In in) {
      DataType type = column(in.column(), what, types, masked);
      in.values().forEach(v -> requireComparable(in.column(), type, v));
    } else if (expression instanceof Like like) {
      DataType type = column(like.column(), what, types, masked);
      if (type.kind() != DataType.Kind.STRING) {
        throw ComptoirException.invalidInput(
            "'like' needs a string column, column '%s' is %s", like.column(), type);
      }
    } else if (expression instanceof Between between) {
      DataType type = column(between.column(), what, types, masked);
      requireComparable(between.column(), type, between.low());
      requireComparable(between.column(), type, between.high());
    } else if (expression instanceof IsNull isNull) {
      column(isNull.column(), what, types, masked);
    }
  }

  private static DataType column(
      String name, String what, Map<String, DataType> types, Set<String> masked) {
    DataType type = types.get(name);
    if (type == null) {
      throw ComptoirException.invalidInput("unknown column '%s' in %s", name, what);
    }
    if (masked.contains(name)) {
      throw ComptoirException.invalidInput("cannot filter on masked column '%s'", name);
    }
    return type;
  }

  static void requireComparable(String column, DataType type, Literal value) {
    boolean comparable =
        switch (type.kind()) {
          case STRING -> value instanceof Literal.Text;
          case INTEGER, DOUBLE, DECIMAL -> value instanceof Literal.Number;
          case BOOLEAN -> value instanceof Literal.Bool;
          case DATE -> value instanceof Literal.Date;
          case TIMESTAMP -> value instanceof Literal.Timestamp || value instanceof Literal.Date;
        };
    if (!comparable) {
      throw ComptoirException.invalidInput(
          "column '%s' of type %s cannot be compared with %s", column, type, describe(value));
    }
  }

  private static String describe(Literal value) {
    if (value instanceof Literal.Text) {
      return "a string";
    }
    if (value instanceof Literal.Number number) {
      return "the number " + number.value().toPlainString();
    }
    if (value instanceof Literal.Bool bool) {
      return "the boolean " + bool.value();
    }
    if (value instanceof Literal.Date date) {
      return "the date " + date.value();
    }
    return "a timestamp";
  }
}
