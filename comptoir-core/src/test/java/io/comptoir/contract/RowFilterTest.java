package io.comptoir.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowFilterTest {
  static FilterExpression parse(String text) {
    return RowFilter.parse(text).expression().orElseThrow();
  }

  static Comparison eq(String column, long value) {
    return new Comparison(column, Operator.EQUAL, new Literal.Number(BigDecimal.valueOf(value)));
  }

  @Test
  void keepsEveryRowWhenEmpty() {
    assertThat(RowFilter.parse(null)).isEqualTo(RowFilter.all());
    assertThat(RowFilter.parse("  ")).isEqualTo(RowFilter.all());
    assertThat(RowFilter.all().columns()).isEmpty();
  }

  @Test
  void parsesEveryComparisonOperator() {
    assertThat(parse("a = 1")).isEqualTo(eq("a", 1));
    assertThat(((Comparison) parse("a != 1")).operator()).isEqualTo(Operator.NOT_EQUAL);
    assertThat(((Comparison) parse("a <> 1")).operator()).isEqualTo(Operator.NOT_EQUAL);
    assertThat(((Comparison) parse("a < 1")).operator()).isEqualTo(Operator.LESS);
    assertThat(((Comparison) parse("a <= 1")).operator()).isEqualTo(Operator.LESS_OR_EQUAL);
    assertThat(((Comparison) parse("a > 1")).operator()).isEqualTo(Operator.GREATER);
    assertThat(((Comparison) parse("a>=1")).operator()).isEqualTo(Operator.GREATER_OR_EQUAL);
  }

  @Test
  void parsesEveryKindOfLiteral() {
    assertThat(((Comparison) parse("a = 'it''s'")).value()).isEqualTo(new Literal.Text("it's"));
    assertThat(((Comparison) parse("a = -12.50")).value())
        .isEqualTo(new Literal.Number(new BigDecimal("-12.50")));
    assertThat(((Comparison) parse("a = TRUE")).value()).isEqualTo(new Literal.Bool(true));
    assertThat(((Comparison) parse("a = false")).value()).isEqualTo(new Literal.Bool(false));
    assertThat(((Comparison) parse("a = date '2024-01-31'")).value())
        .isEqualTo(new Literal.Date(LocalDate.of(2024, 1, 31)));
    assertThat(((Comparison) parse("a = timestamp '2024-01-31 10:00:00'")).value())
        .isEqualTo(new Literal.Timestamp(LocalDateTime.of(2024, 1, 31, 10, 0)));
    assertThat(((Comparison) parse("a = ''")).value()).isEqualTo(new Literal.Text(""));
    assertThat(((Comparison) parse("a = 'é東 -- ;'")).value())
        .isEqualTo(new Literal.Text("é東 -- ;"));
  }

  @Test
  void parsesInLikeBetweenAndIsNull() {
    assertThat(parse("a in (1, 2,3)"))
        .isEqualTo(
            new In(
                "a",
                List.of(
                    new Literal.Number(BigDecimal.ONE),
                    new Literal.Number(BigDecimal.valueOf(2)),
                    new Literal.Number(BigDecimal.valueOf(3)))));
    assertThat(parse("a not in ('x')"))
        .isEqualTo(new Not(new In("a", List.of(new Literal.Text("x")))));
    assertThat(parse("name LIKE 'Dup%_'")).isEqualTo(new Like("name", "Dup%_"));
    assertThat(parse("name not like 'a%'")).isEqualTo(new Not(new Like("name", "a%")));
    assertThat(parse("d between date '2024-01-01' and date '2024-12-31'"))
        .isEqualTo(
            new Between(
                "d",
                new Literal.Date(LocalDate.of(2024, 1, 1)),
                new Literal.Date(LocalDate.of(2024, 12, 31))));
    assertThat(parse("a not between 1 and 2")).isInstanceOf(Not.class);
    assertThat(parse("a is null")).isEqualTo(new IsNull("a"));
    assertThat(parse("a IS NOT NULL")).isEqualTo(new Not(new IsNull("a")));
  }

  @Test
  void bindsAndTighterThanOrAndNotTighterThanAnd() {
    assertThat(parse("a = 1 or b = 2 and c = 3"))
        .isEqualTo(new Or(List.of(eq("a", 1), new And(List.of(eq("b", 2), eq("c", 3))))));
    assertThat(parse("not a = 1 and b = 2"))
        .isEqualTo(new And(List.of(new Not(eq("a", 1)), eq("b", 2))));
    assertThat(parse("(a = 1 or b = 2) and c = 3"))
        .isEqualTo(new And(List.of(new Or(List.of(eq("a", 1), eq("b", 2))), eq("c", 3))));
    assertThat(parse("a = 1 or b = 2 or c = 3"))
        .isEqualTo(new Or(List.of(eq("a", 1), eq("b", 2), eq("c", 3))));
    assertThat(parse("a between 1 and 2 and b = 2"))
        .isEqualTo(
            new And(
                List.of(
                    new Between(
                        "a",
                        new Literal.Number(BigDecimal.ONE),
                        new Literal.Number(BigDecimal.valueOf(2))),
                    eq("b", 2))));
    assertThat(parse("x = 1 or true")).isEqualTo(new Or(List.of(eq("x", 1), new Constant(true))));
  }

  @Test
  void listsTheColumnsItReads() {
    assertThat(RowFilter.parse("a = 1 or (b is null and not c like 'x') or a in (1)").columns())
        .containsExactly("a", "b", "c", "a");
  }

  static void refused(String filter, String message) {
    assertThatThrownBy(() -> RowFilter.parse(filter))
        .as(filter)
        .isInstanceOf(ComptoirException.class)
        .hasMessage(message);
  }

  @Test
  void reportsSyntaxErrorsWithTheirPosition() {
    refused("a =", "invalid filter at position 4: expected a value, found the end");
    refused(
        "a = 1 b = 2", "invalid filter at position 7: expected 'and', 'or' or the end, found 'b'");
    refused("(a = 1", "invalid filter at position 7: expected ')', found the end");
    refused("a = 1)", "invalid filter at position 6: expected 'and', 'or' or the end, found ')'");
    refused("a = 'open", "invalid filter at position 5: unterminated string");
    refused("a == 1", "invalid filter at position 4: expected a value, found '='");
    refused("a in ()", "invalid filter at position 7: expected a value, found ')'");
    refused("a in (1, )", "invalid filter at position 10: expected a value, found ')'");
    refused("a like 1", "invalid filter at position 8: expected a string, found '1'");
    refused("a between 1 or 2", "invalid filter at position 13: expected 'and', found 'or'");
    refused("a is 1", "invalid filter at position 6: expected 'null', found '1'");
    refused(
        "a",
        "invalid filter at position 2: expected a comparison (= != < <= > >=), 'in', 'like',"
            + " 'between' or 'is', found the end");
    refused(
        "a not = 1", "invalid filter at position 7: expected 'in', 'like' or 'between', found '='");
    refused(
        "and a = 1",
        "invalid filter at position 1: expected a column name, 'not', '(', 'true' or 'false', found 'and'");
    refused(
        "a = b",
        "invalid filter at position 5: expected a value (columns compare with constants only), found 'b'");
    refused("a = null", "invalid filter at position 5: expected a value, found 'null'");
    refused(
        "a = date '2024-02-30'",
        "invalid filter at position 10: invalid date '2024-02-30' (expected yyyy-mm-dd)");
    refused(
        "a = date 2024",
        "invalid filter at position 10: expected a date string such as '2024-01-31', found '2024'");
    refused("a = 1.", "invalid filter at position 6: unexpected character '.'");
    refused("a = 12abc", "invalid filter at position 7: unexpected character 'a' after a number");
  }

  @Test
  void enforcesTheSizeLimits() {
    // a comparison counts two terms (the predicate and its value), the 'or' one
    String terms = "a = 1" + " or a = 1".repeat(98);
    assertThat(RowFilter.parse(terms).columns()).hasSize(99);
    refused(terms + " or a = 1", "invalid filter at position 1: more than 200 terms");
    refused(terms + " or a = 1 or a = 1", "invalid filter at position 905: more than 200 terms");
    String nested = "(".repeat(20) + "a = 1" + ")".repeat(20);
    assertThat(RowFilter.parse(nested).columns()).containsExactly("a");
    refused(
        "(".repeat(21) + "a = 1" + ")".repeat(21),
        "invalid filter at position 21: nested deeper than 20 levels");
    refused(
        "not ".repeat(21) + "a = 1", "invalid filter at position 81: nested deeper than 20 levels");
    refused(
        "a = '" + "x".repeat(4096) + "'",
        "filter is too long: 4102 characters (at most 4096 bytes)");
    refused(
        "a = '" + "é".repeat(2046) + "'",
        "filter is too long: 2052 characters (at most 4096 bytes)");
    refused(
        "a in (" + "1,".repeat(200) + "1)", "invalid filter at position 407: more than 200 terms");
  }
}
