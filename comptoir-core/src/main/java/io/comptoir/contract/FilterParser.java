package io.comptoir.contract;

import io.comptoir.common.ComptoirException;
import io.comptoir.contract.FilterExpression.And;
import io.comptoir.contract.FilterExpression.Between;
import io.comptoir.contract.FilterExpression.Comparison;
import io.comptoir.contract.FilterExpression.Constant;
import io.comptoir.contract.FilterExpression.In;
import io.comptoir.contract.FilterExpression.IsNull;
import io.comptoir.contract.FilterExpression.Like;
import io.comptoir.contract.FilterExpression.Not;
import io.comptoir.contract.FilterExpression.Operator;
import io.comptoir.contract.FilterExpression.Or;
import io.comptoir.contract.Lexer.Kind;
import io.comptoir.contract.Lexer.Token;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the filter language (grammar in {@link RowFilter}). Counts nodes and
 * nesting depth as it goes, so that hostile inputs stop early.
 */
final class FilterParser {
  static final int MAX_NODES = 200;
  static final int MAX_DEPTH = 20;
  private static final String WHAT = "filter";

  private final List<Token> tokens;
  private int index;
  private int nodes;
  private int depth;

  private FilterParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static FilterExpression parse(String text) {
    FilterParser parser = new FilterParser(Lexer.tokenize(WHAT, text));
    FilterExpression expression = parser.or();
    Token end = parser.peek();
    if (end.kind() != Kind.END) {
      throw parser.unexpected(end, "'and', 'or' or the end");
    }
    return expression;
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token take() {
    return tokens.get(index++);
  }

  private boolean acceptKeyword(String keyword) {
    if (peek().is(Kind.KEYWORD, keyword)) {
      index++;
      return true;
    }
    return false;
  }

  private Token expect(Kind kind, String description) {
    Token token = peek();
    if (token.kind() != kind) {
      throw unexpected(token, description);
    }
    index++;
    return token;
  }

  private void expectKeyword(String keyword) {
    if (!acceptKeyword(keyword)) {
      throw unexpected(peek(), "'" + keyword + "'");
    }
  }

  private ComptoirException unexpected(Token token, String expected) {
    return Lexer.error(WHAT, token.position(), "expected %s, found %s", expected, token.describe());
  }

  private <T> T node(T node, Token at) {
    if (++nodes > MAX_NODES) {
      throw Lexer.error(WHAT, at.position(), "more than %d terms", MAX_NODES);
    }
    return node;
  }

  private void enter(Token at) {
    if (++depth > MAX_DEPTH) {
      throw Lexer.error(WHAT, at.position(), "nested deeper than %d levels", MAX_DEPTH);
    }
  }

  private FilterExpression or() {
    Token start = peek();
    List<FilterExpression> operands = new ArrayList<>();
    operands.add(and());
    while (acceptKeyword("or")) {
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : node(new Or(operands), start);
  }

  private FilterExpression and() {
    Token start = peek();
    List<FilterExpression> operands = new ArrayList<>();
    operands.add(unary());
    while (acceptKeyword("and")) {
      operands.add(unary());
    }
    return operands.size() == 1 ? operands.get(0) : node(new And(operands), start);
  }

  private FilterExpression unary() {
    Token token = peek();
    if (acceptKeyword("not")) {
      enter(token);
      FilterExpression operand = unary();
      depth--;
      return node(new Not(operand), token);
    }
    return primary();
  }

  private FilterExpression primary() {
    Token token = take();
    switch (token.kind()) {
      case LEFT_PARENTHESIS -> {
        enter(token);
        FilterExpression inner = or();
        expect(Kind.RIGHT_PARENTHESIS, "')'");
        depth--;
        return inner;
      }
      case KEYWORD -> {
        if (token.text().equals("true") || token.text().equals("false")) {
          return node(new Constant(token.text().equals("true")), token);
        }
        throw unexpected(token, "a column name, 'not', '(', 'true' or 'false'");
      }
      case IDENTIFIER -> {
        if (peek().kind() == Kind.LEFT_PARENTHESIS) {
          throw Lexer.error(
              WHAT, token.position(), "functions are not allowed: '%s'", token.text());
        }
        return predicate(token);
      }
      default -> throw unexpected(token, "a column name, 'not', '(', 'true' or 'false'");
    }
  }

  private FilterExpression predicate(Token column) {
    String name = column.text();
    Token token = peek();
    if (token.kind() == Kind.OPERATOR) {
      index++;
      return node(new Comparison(name, operator(token), literal()), column);
    }
    if (acceptKeyword("is")) {
      boolean negated = acceptKeyword("not");
      expectKeyword("null");
      FilterExpression isNull = node(new IsNull(name), column);
      return negated ? node(new Not(isNull), column) : isNull;
    }
    boolean negated = acceptKeyword("not");
    FilterExpression predicate;
    if (acceptKeyword("in")) {
      expect(Kind.LEFT_PARENTHESIS, "'('");
      List<Literal> values = new ArrayList<>();
      values.add(literal());
      while (peek().kind() == Kind.COMMA) {
        index++;
        values.add(literal());
      }
      expect(Kind.RIGHT_PARENTHESIS, "',' or ')'");
      predicate = node(new In(name, values), column);
    } else if (acceptKeyword("like")) {
      predicate = node(new Like(name, expect(Kind.STRING, "a string").text()), column);
    } else if (acceptKeyword("between")) {
      Literal low = literal();
      expectKeyword("and");
      predicate = node(new Between(name, low, literal()), column);
    } else {
      throw unexpected(
          peek(),
          negated
              ? "'in', 'like' or 'between'"
              : "a comparison (= != < <= > >=), 'in', 'like', 'between' or 'is'");
    }
    return negated ? node(new Not(predicate), column) : predicate;
  }

  private static Operator operator(Token token) {
    return switch (token.text()) {
      case "=" -> Operator.EQUAL;
      case "!=", "<>" -> Operator.NOT_EQUAL;
      case "<" -> Operator.LESS;
      case "<=" -> Operator.LESS_OR_EQUAL;
      case ">" -> Operator.GREATER;
      case ">=" -> Operator.GREATER_OR_EQUAL;
      default -> throw new IllegalStateException("operator " + token.text());
    };
  }

  private Literal literal() {
    Token token = take();
    Literal literal =
        switch (token.kind()) {
          case STRING -> new Literal.Text(token.text());
          case NUMBER -> new Literal.Number(new BigDecimal(token.text()));
          case KEYWORD ->
              switch (token.text()) {
                case "true" -> new Literal.Bool(true);
                case "false" -> new Literal.Bool(false);
                case "date" -> date();
                case "timestamp" -> timestamp();
                default -> throw unexpected(token, "a value");
              };
          case IDENTIFIER ->
              throw peek().kind() == Kind.LEFT_PARENTHESIS
                  ? Lexer.error(
                      WHAT, token.position(), "functions are not allowed: '%s'", token.text())
                  : unexpected(token, "a value (columns compare with constants only)");
          default -> throw unexpected(token, "a value");
        };
    return node(literal, token);
  }

  private Literal date() {
    Token token = expect(Kind.STRING, "a date string such as '2024-01-31'");
    try {
      return new Literal.Date(LocalDate.parse(token.text()));
    } catch (DateTimeParseException e) {
      throw Lexer.error(
          WHAT, token.position(), "invalid date '%s' (expected yyyy-mm-dd)", token.text());
    }
  }

  private Literal timestamp() {
    Token token = expect(Kind.STRING, "a timestamp string such as '2024-01-31 10:00:00'");
    try {
      return new Literal.Timestamp(LocalDateTime.parse(token.text().replace(' ', 'T')));
    } catch (DateTimeParseException e) {
      throw Lexer.error(
          WHAT,
          token.position(),
          "invalid timestamp '%s' (expected yyyy-mm-dd hh:mm:ss)",
          token.text());
    }
  }
}
