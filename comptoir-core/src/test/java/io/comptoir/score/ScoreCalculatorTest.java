package io.comptoir.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.WriteMode;
import io.comptoir.quality.QualityFacts.QualityOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScoreCalculatorTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final ScoreCalculator DEFAULTS =
      new ScoreCalculator(ScoreWeights.defaults(), Duration.ofDays(31));

  private static DataProduct product(
      String description,
      String steward,
      String source,
      Classification classification,
      List<Column> columns) {
    return new DataProduct(
        ProductId.of("colis"),
        "Colis",
        description,
        "BSCC",
        "colis",
        "olivier",
        steward,
        source,
        classification,
        List.of(),
        columns,
        NOW,
        NOW);
  }

  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", DataType.INTEGER, "Numéro du colis", PersonalDataCategory.NONE, ""),
          new Column(
              "cp", DataType.STRING, "Code postal", PersonalDataCategory.QUASI_IDENTIFIER, ""),
          new Column("poids", DataType.decimal(10, 2), "", PersonalDataCategory.NONE, ""),
          new Column("vip", DataType.BOOLEAN, "", PersonalDataCategory.QUASI_IDENTIFIER, ""));

  private static Version version(int number, Instant at) {
    return new Version(
        ProductId.of("colis"),
        number,
        at,
        COLUMNS,
        0,
        0,
        "0".repeat(64),
        io.comptoir.ingest.RunId.random(),
        WriteMode.APPEND,
        List.of());
  }

  private static ScoreCalculator.Facts facts(
      DataProduct product,
      Optional<Version> latest,
      Map<String, List<String>> terms,
      Optional<QualityOutcome> quality,
      Optional<Duration> sla,
      List<String> problems) {
    return new ScoreCalculator.Facts(product, latest, terms, quality, sla, problems, NOW);
  }

  @Test
  void eachCriterionGivesItsPointsWithItsReasons() {
    DataProduct product =
        product("Colis expédiés", "", "SI Colis", Classification.INTERNAL, COLUMNS);
    DataScore score =
        DEFAULTS.compute(
            facts(
                product,
                Optional.of(version(3, NOW.minus(Duration.ofDays(2)))),
                Map.of("cp", List.of("code-postal")),
                Optional.of(new QualityOutcome(3, 3, 4)),
                Optional.empty(),
                List.of()));

    CriterionScore documentation = score.criterion(Criterion.DOCUMENTATION).orElseThrow();
    // description 1, 2 of 4 described, 1 of 4 linked: (1 + 0.5 + 0.25) / 3
    assertThat(documentation.ratio()).isCloseTo(1.75 / 3, within());
    assertThat(documentation.maximum()).isEqualTo(25.0);
    assertThat(documentation.reasons())
        .extracting(Reason::code, Reason::arguments)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ReasonCode.DOCUMENTATION_DESCRIPTION, List.of()),
            org.assertj.core.groups.Tuple.tuple(
                ReasonCode.DOCUMENTATION_DESCRIBED, List.of("2", "4")),
            org.assertj.core.groups.Tuple.tuple(
                ReasonCode.DOCUMENTATION_LINKED, List.of("1", "4")));
    assertThat(messages(documentation))
        .containsExactly(
            "the product has a description",
            "2 of 4 columns are described",
            "1 of 4 columns are linked to a glossary term");
    CriterionScore ownership = score.criterion(Criterion.OWNERSHIP).orElseThrow();
    assertThat(ownership.ratio()).isCloseTo(2.0 / 3, within());
    assertThat(messages(ownership)).contains("no steward named", "master source: SI Colis");
    CriterionScore classification = score.criterion(Criterion.CLASSIFICATION).orElseThrow();
    // reviewed: id, cp (described), vip (personal); poids is NONE and undescribed
    assertThat(classification.ratio()).isCloseTo((2 * 0.75 + 1) / 3, within());
    assertThat(messages(classification))
        .containsExactly(
            "3 of 4 columns have a reviewed personal-data category (2 personal)",
            "classification INTERNAL");
    CriterionScore quality = score.criterion(Criterion.QUALITY).orElseThrow();
    assertThat(quality.ratio()).isEqualTo(0.75);
    assertThat(quality.points()).isEqualTo(15.0);
    assertThat(messages(quality)).containsExactly("3 of 4 quality rules passed on version 3");
    CriterionScore freshness = score.criterion(Criterion.FRESHNESS).orElseThrow();
    assertThat(freshness.ratio()).isEqualTo(1.0);
    assertThat(messages(freshness))
        .containsExactly(
            "version 3 is 2 days old, against the default freshness of 31 days (no SLA declared)");
    CriterionScore contract = score.criterion(Criterion.CONTRACT).orElseThrow();
    // GENERALIZE, the default for quasi-identifiers, does not apply to a boolean
    assertThat(contract.ratio()).isEqualTo(0.75);
    assertThat(messages(contract))
        .containsExactly("the ODCS contract is valid", "no default masking applies to vip");
    double total = score.criteria().stream().mapToDouble(CriterionScore::points).sum();
    assertThat(score.score()).isEqualTo((int) Math.round(total));
    assertThat(score.criteria())
        .extracting(CriterionScore::criterion)
        .containsExactly(Criterion.values());
  }

  @Test
  void noRulesNoVersionAndAnInvalidContractScoreZeroWithTheReason() {
    DataProduct product = product("", "", "", Classification.PUBLIC, COLUMNS);
    DataScore score =
        DEFAULTS.compute(
            facts(
                product,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                List.of("$.id: is missing")));

    assertThat(score.criterion(Criterion.QUALITY).orElseThrow().points()).isZero();
    assertThat(messages(score.criterion(Criterion.QUALITY).orElseThrow()))
        .containsExactly("no quality rules");
    assertThat(messages(score.criterion(Criterion.FRESHNESS).orElseThrow()))
        .containsExactly("no version published yet");
    assertThat(messages(score.criterion(Criterion.CONTRACT).orElseThrow()))
        .contains("the ODCS contract is invalid: $.id: is missing");
    assertThat(messages(score.criterion(Criterion.CLASSIFICATION).orElseThrow()))
        .contains("classification PUBLIC contradicts 2 personal columns");
    assertThat(messages(score.criterion(Criterion.DOCUMENTATION).orElseThrow()))
        .contains("the product has no description");
  }

  @Test
  void aVersionOlderThanItsSlaLosesFreshnessLinearlyUntilOneSlaLate() {
    DataProduct product = product("x", "s", "y", Classification.INTERNAL, COLUMNS);
    Optional<Duration> day = Optional.of(Duration.ofDays(1));

    double onTime =
        DEFAULTS
            .compute(
                facts(
                    product,
                    Optional.of(version(1, NOW.minus(Duration.ofHours(20)))),
                    Map.of(),
                    Optional.empty(),
                    day,
                    List.of()))
            .criterion(Criterion.FRESHNESS)
            .orElseThrow()
            .ratio();
    CriterionScore halfLate =
        DEFAULTS
            .compute(
                facts(
                    product,
                    Optional.of(version(1, NOW.minus(Duration.ofHours(36)))),
                    Map.of(),
                    Optional.empty(),
                    day,
                    List.of()))
            .criterion(Criterion.FRESHNESS)
            .orElseThrow();
    double wayLate =
        DEFAULTS
            .compute(
                facts(
                    product,
                    Optional.of(version(1, NOW.minus(Duration.ofDays(5)))),
                    Map.of(),
                    Optional.empty(),
                    day,
                    List.of()))
            .criterion(Criterion.FRESHNESS)
            .orElseThrow()
            .ratio();

    assertThat(onTime).isEqualTo(1.0);
    assertThat(halfLate.ratio()).isCloseTo(0.5, within());
    assertThat(messages(halfLate))
        .containsExactly("version 1 is 36 h old, against the freshness SLA of 24 h");
    // the values travel apart from the sentence: durations as ISO-8601, for other languages
    assertThat(halfLate.reasons())
        .containsExactly(
            new Reason(ReasonCode.FRESHNESS_AGAINST_SLA, List.of("1", "PT36H", "PT24H")));
    assertThat(wayLate).isZero();
  }

  @Test
  void weightsAreRelativeAndScaleTheScoreTo100() {
    Map<Criterion, Integer> weights = new EnumMap<>(Criterion.class);
    for (Criterion criterion : Criterion.values()) {
      weights.put(criterion, 0);
    }
    weights.put(Criterion.DOCUMENTATION, 3);
    weights.put(Criterion.OWNERSHIP, 1);
    ScoreCalculator calculator =
        new ScoreCalculator(new ScoreWeights(weights), Duration.ofDays(31));
    DataProduct product = product("Colis", "", "", Classification.INTERNAL, COLUMNS);

    DataScore score =
        calculator.compute(
            facts(
                product,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                List.of()));

    assertThat(score.criterion(Criterion.DOCUMENTATION).orElseThrow().maximum()).isEqualTo(75.0);
    assertThat(score.criterion(Criterion.OWNERSHIP).orElseThrow().maximum()).isEqualTo(25.0);
    assertThat(score.criterion(Criterion.QUALITY).orElseThrow().maximum()).isZero();
    // documentation (1 + 0.5 + 0) / 3 * 75 = 37.5; ownership 1/3 * 25 = 8.33
    assertThat(score.score()).isEqualTo(46);
  }

  @Test
  void refusesWeightsThatAreMissingNegativeOrAllZero() {
    Map<Criterion, Integer> zeros = new EnumMap<>(Criterion.class);
    for (Criterion criterion : Criterion.values()) {
      zeros.put(criterion, 0);
    }
    assertThatThrownBy(() -> new ScoreWeights(zeros))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("must not all be 0");
    assertThatThrownBy(() -> new ScoreWeights(Map.of(Criterion.QUALITY, 5)))
        .hasMessageContaining("score weight of documentation");
  }

  @Test
  void checklistItemsAreComputedFromACriterionOrTickedByAPerson() {
    ChecklistItem computed = ChecklistItem.parse(" documentation>=75 ");
    ChecklistItem manual = ChecklistItem.parse("runbook");

    assertThat(computed.criterion()).contains(Criterion.DOCUMENTATION);
    assertThat(computed.minimumPercent()).isEqualTo(75);
    assertThat(computed).hasToString("documentation>=75");
    assertThat(manual.computed()).isFalse();
    assertThatThrownBy(() -> ChecklistItem.parse("speed>=10"))
        .hasMessageContaining("unknown score criterion 'speed'");
    assertThatThrownBy(() -> ChecklistItem.parse("quality>=120"))
        .hasMessageContaining("percentage");
    assertThatThrownBy(() -> ChecklistItem.parse("Run Book"))
        .hasMessageContaining("manual item id");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  private static List<String> messages(CriterionScore criterion) {
    return criterion.reasons().stream().map(Reason::message).toList();
  }
}
