package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A node of a parsed {@link RowFilter}. Predicates always compare a column of the schema with
 * constants; there are no functions and no sub-queries.
 */
public sealed interface FilterExpression {
  /** Every operand holds (two or more operands). */
  record And(List<FilterExpression> operands) implements FilterExpression {
    public And {
      operands = List.copyOf(requireNonNull(operands, "operands is null"));
    }
  }

  /** At least one operand holds (two or more operands). */
  record Or(List<FilterExpression> operands) implements FilterExpression {
    public Or {
      operands = List.copyOf(requireNonNull(operands, "operands is null"));
    }
  }

  /** The operand does not hold. */
  record Not(FilterExpression operand) implements FilterExpression {
    public Not {
      requireNonNull(operand, "operand is null");
    }
  }

  /** {@code true} or {@code false} on its own. */
  record Constant(boolean value) implements FilterExpression {}

  /** {@code column <operator> literal}. */
  record Comparison(String column, Operator operator, Literal value) implements FilterExpression {
    public Comparison {
      requireNonNull(column, "column is null");
      requireNonNull(operator, "operator is null");
      requireNonNull(value, "value is null");
    }
  }

  /** {@code column in (literal, ...)}. */
  record In(String column, List<Literal> values) implements FilterExpression {
    public In {
      requireNonNull(column, "column is null");
      values = List.copyOf(requireNonNull(values, "values is null"));
    }
  }

  /** {@code column like 'pattern'} with {@code %} and {@code _}; {@code \} escapes them. */
  record Like(String column, String pattern) implements FilterExpression {
    public Like {
      requireNonNull(column, "column is null");
      requireNonNull(pattern, "pattern is null");
    }
  }

  /** {@code column between low and high}, bounds included. */
  record Between(String column, Literal low, Literal high) implements FilterExpression {
    public Between {
      requireNonNull(column, "column is null");
      requireNonNull(low, "low is null");
      requireNonNull(high, "high is null");
    }
  }

  /** {@code column is null}. */
  record IsNull(String column) implements FilterExpression {
    public IsNull {
      requireNonNull(column, "column is null");
    }
  }

  /** Comparison operators, with their SQL spelling. */
  enum Operator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String sql;

    Operator(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }
}
