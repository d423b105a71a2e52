package io.comptoir.qualityfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.quality.QualityRule;
import io.comptoir.quality.QualityRules;
import io.comptoir.quality.RuleType;
import io.comptoir.quality.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlQualityRulesTest {
  private final YamlQualityRules format = new YamlQualityRules();

  @Test
  void readsEveryRuleType() {
    QualityRules rules =
        format.parse(
            """
            freshness: {maxAge: 2d}
            rules:
              - {name: a, type: not_null, column: id}
              - {name: b, type: unique, columns: [id, day], severity: warn}
              - {name: c, type: range, column: weight, min: 0, max: 30.5}
              - {name: d, type: regex, column: code, pattern: "P[0-9]+"}
              - {name: e, type: allowed_values, column: status, values: [sent, delivered]}
              - {name: f, type: reference, column: code, reference: {product: codes, column: code}}
              - {name: g, type: custom_sql, sql: "weight < 10 OR status = 'x'"}
              - {name: h, type: row_count_change, min: -10}
              - {name: i, type: freshness, column: day}
              - {name: j, type: freshness, column: day, maxAge: 30m, description: recent enough}
            """);
    assertThat(rules.freshness()).contains(Duration.ofDays(2));
    assertThat(rules.rules())
        .extracting(QualityRule::type)
        .containsExactly(
            RuleType.NOT_NULL,
            RuleType.UNIQUE,
            RuleType.RANGE,
            RuleType.REGEX,
            RuleType.ALLOWED_VALUES,
            RuleType.REFERENCE,
            RuleType.CUSTOM_SQL,
            RuleType.ROW_COUNT_CHANGE,
            RuleType.FRESHNESS,
            RuleType.FRESHNESS);
    assertThat(rules.rules().get(0).severity()).isEqualTo(Severity.ERROR);
    assertThat(rules.rules().get(1).severity()).isEqualTo(Severity.WARN);
    assertThat(rules.rules().get(1).columns()).containsExactly("id", "day");
    assertThat(rules.rules().get(2).max()).contains(new BigDecimal("30.5"));
    assertThat(rules.rules().get(5).reference())
        .contains(new QualityRule.Reference(ProductId.of("codes"), "code"));
    assertThat(rules.rules().get(9).maxAge()).contains(Duration.ofMinutes(30));
    assertThat(format.parse(format.write(rules))).isEqualTo(rules);
  }

  @Test
  void anEmptyDocumentHasNoRules() {
    assertThat(format.parse("")).isEqualTo(QualityRules.NONE);
    assertThat(format.parse("# nothing yet\n")).isEqualTo(QualityRules.NONE);
    assertThat(format.parse("rules:\n")).isEqualTo(QualityRules.NONE);
  }

  @Test
  void reportsEveryProblemWithItsLineAndKey() {
    assertThatThrownBy(
            () ->
                format.parse(
                    """
                    freshness: {maxAge: soon}
                    rules:
                      - name: a
                        type: not_null
                      - name: b
                        type: allowed_values
                        column: status
                        severity: fatal
                      - type: regex
                        column: code
                        pattern: x
                      - name: d
                        type: range
                        column: w
                        min: ten
                    color: blue
                    """))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("line 1, freshness.maxAge: a duration")
        .hasMessageContaining("line 3, rules[0] (a): not_null needs exactly one column")
        .hasMessageContaining("line 8, rules[1].severity: warn or error, got 'fatal'")
        .hasMessageContaining("rules[2].name: required")
        .hasMessageContaining("line 15, rules[3].min: a number, got 'ten'")
        .hasMessageContaining("line 16, color: unknown key");
  }

  @Test
  void refusesMalformedYamlAndDuplicateNames() {
    assertThatThrownBy(() -> format.parse("rules:\n  - name: a\n   type: x\n"))
        .hasMessageContaining("line 3")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(
            () ->
                format.parse(
                    "rules:\n  - {name: a, type: not_null, column: x}\n"
                        + "  - {name: a, type: not_null, column: y}\n"))
        .hasMessageContaining("two rules are named 'a'");
    assertThatThrownBy(() -> format.parse("rules:\n  - {name: f, type: freshness, column: d}\n"))
        .hasMessageContaining("freshness needs maxAge");
    assertThatThrownBy(
            () -> format.parse("rules:\n  - {name: r, type: regex, column: c, pattern: '['}\n"))
        .hasMessageContaining("not a valid regular expression");
  }

  @Test
  void writesRulesBuiltInCode() {
    QualityRules rules =
        new QualityRules(
            List.of(
                QualityRule.of("ids", RuleType.UNIQUE, Severity.ERROR, "id"),
                QualityRule.of("volume", RuleType.ROW_COUNT_CHANGE, Severity.WARN)
                    .withBounds(
                        Optional.of(BigDecimal.valueOf(-20)), Optional.of(BigDecimal.valueOf(50)))),
            Optional.of(Duration.ofHours(24)));
    String text = format.write(rules);
    assertThat(text).contains("maxAge: PT24H").contains("columns:").contains("min: -20");
    assertThat(format.parse(text)).isEqualTo(rules);
  }
}
