package io.comptoir.score;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.contract.Masking;
import io.comptoir.ingest.Version;
import io.comptoir.quality.QualityFacts.QualityOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a data score from the facts about a product; pure, so that each criterion can be tested
 * alone. The formula is described in docs/score.md.
 */
public final class ScoreCalculator {
  private final ScoreWeights weights;
  private final Duration defaultFreshness;

  /**
   * @param defaultFreshness the age a version may reach when the product declares no freshness SLA
   */
  public ScoreCalculator(ScoreWeights weights, Duration defaultFreshness) {
    this.weights = requireNonNull(weights, "weights is null");
    this.defaultFreshness = requireNonNull(defaultFreshness, "defaultFreshness is null");
    if (defaultFreshness.isNegative() || defaultFreshness.isZero()) {
      throw new IllegalArgumentException("defaultFreshness must be positive");
    }
  }

  /** Everything the score looks at. */
  public record Facts(
      DataProduct product,
      Optional<Version> latest,
      Map<String, List<String>> columnTerms,
      Optional<QualityOutcome> quality,
      Optional<Duration> freshnessSla,
      List<String> contractProblems,
      Instant now) {
    public Facts {
      requireNonNull(product, "product is null");
      requireNonNull(latest, "latest is null");
      columnTerms = Map.copyOf(columnTerms);
      requireNonNull(quality, "quality is null");
      requireNonNull(freshnessSla, "freshnessSla is null");
      contractProblems = List.copyOf(contractProblems);
      requireNonNull(now, "now is null");
    }
  }

  public ScoreWeights weights() {
    return weights;
  }

  public DataScore compute(Facts facts) {
    List<CriterionScore> criteria =
        List.of(
            documentation(facts),
            ownership(facts.product()),
            classification(facts.product()),
            quality(facts),
            freshness(facts),
            contract(facts));
    double total = criteria.stream().mapToDouble(CriterionScore::points).sum();
    int score = (int) Math.max(0, Math.min(100, Math.round(total)));
    return new DataScore(facts.product().id(), score, criteria, facts.now());
  }

  private CriterionScore documentation(Facts facts) {
    DataProduct product = facts.product();
    List<String> reasons = new ArrayList<>();
    double description = product.description().isBlank() ? 0 : 1;
    reasons.add(
        description == 1 ? "the product has a description" : "the product has no description");
    List<Column> columns = product.columns();
    double described;
    double linked;
    if (columns.isEmpty()) {
      described = 0;
      linked = 0;
      reasons.add("no column is known yet");
    } else {
      long withDescription = columns.stream().filter(c -> !c.description().isBlank()).count();
      described = (double) withDescription / columns.size();
      reasons.add(withDescription + " of " + columns.size() + " columns are described");
      long withTerm =
          columns.stream()
              .filter(c -> !facts.columnTerms().getOrDefault(c.name(), List.of()).isEmpty())
              .count();
      linked = (double) withTerm / columns.size();
      reasons.add(withTerm + " of " + columns.size() + " columns are linked to a glossary term");
    }
    return scored(Criterion.DOCUMENTATION, (description + described + linked) / 3, reasons);
  }

  private CriterionScore ownership(DataProduct product) {
    List<String> reasons = new ArrayList<>();
    reasons.add("owner: " + product.owner());
    double steward = product.steward().isBlank() ? 0 : 1;
    reasons.add(steward == 1 ? "steward: " + product.steward() : "no steward named");
    double source = product.sourceSystem().isBlank() ? 0 : 1;
    reasons.add(
        source == 1 ? "master source: " + product.sourceSystem() : "no master source named");
    return scored(Criterion.OWNERSHIP, (1 + steward + source) / 3, reasons);
  }

  private CriterionScore classification(DataProduct product) {
    List<String> reasons = new ArrayList<>();
    List<Column> columns = product.columns();
    double categorised;
    long personal =
        columns.stream().filter(c -> c.personalData() != PersonalDataCategory.NONE).count();
    if (columns.isEmpty()) {
      categorised = 0;
      reasons.add("no column is known yet");
    } else {
      // NONE is also the default: a column counts as reviewed when it is marked personal, or
      // when it is described (somebody looked at it and left it non-personal)
      long reviewed =
          columns.stream()
              .filter(
                  c -> c.personalData() != PersonalDataCategory.NONE || !c.description().isBlank())
              .count();
      categorised = (double) reviewed / columns.size();
      reasons.add(
          reviewed
              + " of "
              + columns.size()
              + " columns have a reviewed personal-data category ("
              + personal
              + " personal)");
    }
    double set;
    if (product.classification() == Classification.PUBLIC && personal > 0) {
      set = 0;
      reasons.add("classification PUBLIC contradicts " + personal + " personal columns");
    } else {
      set = 1;
      reasons.add("classification " + product.classification());
    }
    return scored(Criterion.CLASSIFICATION, (2 * categorised + set) / 3, reasons);
  }

  private CriterionScore quality(Facts facts) {
    Optional<QualityOutcome> outcome = facts.quality();
    if (outcome.isEmpty() || outcome.get().rulesEvaluated() == 0) {
      return scored(Criterion.QUALITY, 0, List.of("no quality rules"));
    }
    QualityOutcome result = outcome.get();
    return scored(
        Criterion.QUALITY,
        result.passRate(),
        List.of(
            result.rulesPassed()
                + " of "
                + result.rulesEvaluated()
                + " quality rules passed on version "
                + result.version()));
  }

  private CriterionScore freshness(Facts facts) {
    if (facts.latest().isEmpty()) {
      return scored(Criterion.FRESHNESS, 0, List.of("no version published yet"));
    }
    Version latest = facts.latest().get();
    Duration sla = facts.freshnessSla().orElse(defaultFreshness);
    String against =
        facts.freshnessSla().isPresent()
            ? "the freshness SLA of " + describe(sla)
            : "the default freshness of " + describe(sla) + " (no SLA declared)";
    Duration age = Duration.between(latest.createdAt(), facts.now());
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    double ratio;
    if (age.compareTo(sla) <= 0) {
      ratio = 1;
    } else {
      // one SLA late loses everything, linearly
      double late = (double) (age.toMillis() - sla.toMillis()) / sla.toMillis();
      ratio = Math.max(0, 1 - late);
    }
    return scored(
        Criterion.FRESHNESS,
        ratio,
        List.of(
            "version " + latest.number() + " is " + describe(age) + " old, against " + against));
  }

  private CriterionScore contract(Facts facts) {
    List<String> reasons = new ArrayList<>();
    double valid = facts.contractProblems().isEmpty() ? 1 : 0;
    if (valid == 1) {
      reasons.add("the ODCS contract is valid");
    } else {
      reasons.add("the ODCS contract is invalid: " + String.join("; ", facts.contractProblems()));
    }
    List<Column> personal =
        facts.product().columns().stream()
            .filter(c -> c.personalData() != PersonalDataCategory.NONE)
            .toList();
    double masked;
    if (personal.isEmpty()) {
      masked = 1;
      reasons.add("no personal column to mask");
    } else {
      List<String> missing = new ArrayList<>();
      for (Column column : personal) {
        if (!Masking.defaultFor(column.personalData()).appliesTo(column.type())) {
          missing.add(column.name());
        }
      }
      masked = (double) (personal.size() - missing.size()) / personal.size();
      reasons.add(
          missing.isEmpty()
              ? "every personal column has a default masking"
              : "no default masking applies to " + String.join(", ", missing));
    }
    return scored(Criterion.CONTRACT, (valid + masked) / 2, reasons);
  }

  private CriterionScore scored(Criterion criterion, double ratio, List<String> reasons) {
    return CriterionScore.of(criterion, ratio, weights.maximum(criterion), reasons);
  }

  static String describe(Duration duration) {
    long hours = duration.toHours();
    if (hours < 48) {
      return hours + " h";
    }
    return duration.toDays() + " days";
  }
}
