package io.comptoir.odcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.demo.DemoCatalog;
import io.comptoir.quality.QualityRule;
import io.comptoir.quality.QualityRules;
import io.comptoir.quality.RuleType;
import io.comptoir.quality.Severity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Quality rules and the freshness SLA in the ODCS export and import. */
class OdcsQualityTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final OdcsDocuments documents = new OdcsDocuments();
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  /** One rule of each type, on the first product's columns. */
  private static QualityRules everyType(DataProduct product) {
    String a = product.columns().get(0).name();
    String b = product.columns().get(1).name();
    return new QualityRules(
        List.of(
            QualityRule.of("a-set", RuleType.NOT_NULL, Severity.ERROR, a)
                .withDescription("every row has one"),
            QualityRule.of("a-b-unique", RuleType.UNIQUE, Severity.ERROR, a, b),
            QualityRule.of("a-unique", RuleType.UNIQUE, Severity.WARN, a),
            QualityRule.of("a-range", RuleType.RANGE, Severity.WARN, a)
                .withBounds(Optional.of(new BigDecimal("-1.5")), Optional.of(BigDecimal.TEN)),
            QualityRule.of("b-format", RuleType.REGEX, Severity.WARN, b)
                .withPattern("[A-Z]{2}\\d+"),
            QualityRule.of("b-values", RuleType.ALLOWED_VALUES, Severity.ERROR, b)
                .withValues(List.of("x", "y")),
            QualityRule.of("b-known", RuleType.REFERENCE, Severity.WARN, b)
                .withReference(new QualityRule.Reference(ProductId.of("codes-postaux"), "code")),
            QualityRule.of("sane", RuleType.CUSTOM_SQL, Severity.WARN)
                .withCondition(a + " IS NOT NULL OR " + b + " = 'x'"),
            QualityRule.of("volume", RuleType.ROW_COUNT_CHANGE, Severity.ERROR)
                .withBounds(Optional.of(BigDecimal.valueOf(-10)), Optional.empty()),
            QualityRule.of("recent", RuleType.FRESHNESS, Severity.WARN, a)
                .withMaxAge(Duration.ofHours(36))),
        Optional.of(Duration.ofHours(24)));
  }

  @Test
  void exportsEveryRuleTypeAsAValidQualitySection() throws IOException {
    for (DataProduct product : DemoCatalog.products(NOW)) {
      QualityRules rules = everyType(product);
      JsonNode document = yaml.readTree(documents.export(product, Optional.empty(), rules));
      assertThat(documents.validate(document)).as(product.id().value()).isEmpty();
      JsonNode object = document.path("schema").path(0);
      JsonNode first = object.path("properties").path(0).path("quality");
      assertThat(first.path(0).path("metric").asText()).isEqualTo("nullValues");
      assertThat(first.path(0).path("dimension").asText()).isEqualTo("completeness");
      assertThat(first.path(0).path("severity").asText()).isEqualTo("error");
      JsonNode multi = object.path("quality");
      assertThat(multi.path(0).path("metric").asText()).isEqualTo("duplicateValues");
      assertThat(multi.path(0).path("arguments").path("properties").size()).isEqualTo(2);
      assertThat(multi.path(1).path("type").asText()).isEqualTo("sql");
      assertThat(multi.path(2).path("engine").asText()).isEqualTo("comptoir");
      JsonNode sla = document.path("slaProperties").path(0);
      assertThat(sla.path("property").asText()).isEqualTo("freshness");
      assertThat(sla.path("value").asInt()).isEqualTo(1);
      assertThat(sla.path("unit").asText()).isEqualTo("d");
    }
  }

  @Test
  void readsBackTheRulesItExports() {
    for (DataProduct product : DemoCatalog.products(NOW)) {
      QualityRules rules = everyType(product);
      byte[] text =
          documents.export(product, Optional.empty(), rules).getBytes(StandardCharsets.UTF_8);
      assertThat(documents.read(product.id(), text, NOW)).isEqualTo(product);
      QualityRules read = documents.readQuality(text).orElseThrow();
      // rules move to their column's property, and come back in their order
      assertThat(read.freshness()).isEqualTo(rules.freshness());
      assertThat(read.rules()).containsExactlyElementsOf(rules.rules());
    }
  }

  @Test
  void aDocumentWithoutQualityLeavesTheRulesAlone() {
    DataProduct product = DemoCatalog.products(NOW).get(0);
    byte[] text = documents.export(product, Optional.empty()).getBytes(StandardCharsets.UTF_8);
    assertThat(documents.readQuality(text)).isEmpty();
  }

  @Test
  void readsForeignLibraryChecksOnColumns() {
    DataProduct product = DemoCatalog.products(NOW).get(0);
    String column = product.columns().get(0).name();
    String text =
        documents
            .export(product, Optional.empty())
            .replace(
                "  - name: " + column + "\n",
                "  - name: "
                    + column
                    + "\n    quality:\n"
                    + "    - {type: library, metric: nullValues, mustBe: 0, severity: error}\n"
                    + "    - {name: kinds, metric: invalidValues, mustBe: 0,"
                    + " arguments: {validValues: [a, b]}}\n"
                    + "    - {type: text, description: looks fine}\n");
    QualityRules rules = documents.readQuality(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    assertThat(rules.rules())
        .extracting(QualityRule::name, QualityRule::type, QualityRule::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("odcs-1", RuleType.NOT_NULL, Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple("kinds", RuleType.ALLOWED_VALUES, Severity.WARN));
    assertThat(rules.rules().get(1).values()).containsExactly("a", "b");
  }

  @Test
  void refusesABadFreshnessSla() {
    DataProduct product = DemoCatalog.products(NOW).get(0);
    String text =
        documents.export(product, Optional.empty())
            + "slaProperties:\n- {property: freshness, value: 3, unit: fortnights}\n";
    assertThatThrownBy(() -> documents.readQuality(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("unit must be m, h or d");
  }
}
