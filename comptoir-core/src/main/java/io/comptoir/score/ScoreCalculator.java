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
    List<Reason> reasons = new ArrayList<>();
    double description = product.description().isBlank() ? 0 : 1;
    reasons.add(
        Reason.of(
            description == 1
                ? ReasonCode.DOCUMENTATION_DESCRIPTION
                : ReasonCode.DOCUMENTATION_NO_DESCRIPTION));
    List<Column> columns = product.columns();
    double described;
    double linked;
    if (columns.isEmpty()) {
      described = 0;
      linked = 0;
      reasons.add(Reason.of(ReasonCode.DOCUMENTATION_NO_COLUMNS));
    } else {
      long withDescription = columns.stream().filter(c -> !c.description().isBlank()).count();
      described = (double) withDescription / columns.size();
      reasons.add(Reason.of(ReasonCode.DOCUMENTATION_DESCRIBED, withDescription, columns.size()));
      long withTerm =
          columns.stream()
              .filter(c -> !facts.columnTerms().getOrDefault(c.name(), List.of()).isEmpty())
              .count();
      linked = (double) withTerm / columns.size();
      reasons.add(Reason.of(ReasonCode.DOCUMENTATION_LINKED, withTerm, columns.size()));
    }
    return scored(Criterion.DOCUMENTATION, (description + described + linked) / 3, reasons);
  }

  private CriterionScore ownership(DataProduct product) {
    List<Reason> reasons = new ArrayList<>();
    reasons.add(Reason.of(ReasonCode.OWNERSHIP_OWNER, product.owner()));
    double steward = product.steward().isBlank() ? 0 : 1;
    reasons.add(
        steward == 1
            ? Reason.of(ReasonCode.OWNERSHIP_STEWARD, product.steward())
            : Reason.of(ReasonCode.OWNERSHIP_NO_STEWARD));
    double source = product.sourceSystem().isBlank() ? 0 : 1;
    reasons.add(
        source == 1
            ? Reason.of(ReasonCode.OWNERSHIP_SOURCE, product.sourceSystem())
            : Reason.of(ReasonCode.OWNERSHIP_NO_SOURCE));
    return scored(Criterion.OWNERSHIP, (1 + steward + source) / 3, reasons);
  }

  private CriterionScore classification(DataProduct product) {
    List<Reason> reasons = new ArrayList<>();
    List<Column> columns = product.columns();
    double categorised;
    long personal =
        columns.stream().filter(c -> c.personalData() != PersonalDataCategory.NONE).count();
    if (columns.isEmpty()) {
      categorised = 0;
      reasons.add(Reason.of(ReasonCode.CLASSIFICATION_NO_COLUMNS));
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
          Reason.of(ReasonCode.CLASSIFICATION_REVIEWED, reviewed, columns.size(), personal));
    }
    double set;
    if (product.classification() == Classification.PUBLIC && personal > 0) {
      set = 0;
      reasons.add(Reason.of(ReasonCode.CLASSIFICATION_PUBLIC_PERSONAL, personal));
    } else {
      set = 1;
      reasons.add(Reason.of(ReasonCode.CLASSIFICATION_SET, product.classification().name()));
    }
    return scored(Criterion.CLASSIFICATION, (2 * categorised + set) / 3, reasons);
  }

  private CriterionScore quality(Facts facts) {
    Optional<QualityOutcome> outcome = facts.quality();
    if (outcome.isEmpty() || outcome.get().rulesEvaluated() == 0) {
      return scored(Criterion.QUALITY, 0, List.of(Reason.of(ReasonCode.QUALITY_NO_RULES)));
    }
    QualityOutcome result = outcome.get();
    return scored(
        Criterion.QUALITY,
        result.passRate(),
        List.of(
            Reason.of(
                ReasonCode.QUALITY_PASSED,
                result.rulesPassed(),
                result.rulesEvaluated(),
                result.version())));
  }

  private CriterionScore freshness(Facts facts) {
    if (facts.latest().isEmpty()) {
      return scored(Criterion.FRESHNESS, 0, List.of(Reason.of(ReasonCode.FRESHNESS_NO_VERSION)));
    }
    Version latest = facts.latest().get();
    Duration sla = facts.freshnessSla().orElse(defaultFreshness);
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
            Reason.of(
                facts.freshnessSla().isPresent()
                    ? ReasonCode.FRESHNESS_AGAINST_SLA
                    : ReasonCode.FRESHNESS_AGAINST_DEFAULT,
                latest.number(),
                Duration.ofHours(age.toHours()),
                sla)));
  }

  private CriterionScore contract(Facts facts) {
    List<Reason> reasons = new ArrayList<>();
    double valid = facts.contractProblems().isEmpty() ? 1 : 0;
    if (valid == 1) {
      reasons.add(Reason.of(ReasonCode.CONTRACT_VALID));
    } else {
      reasons.add(
          Reason.of(ReasonCode.CONTRACT_INVALID, String.join("; ", facts.contractProblems())));
    }
    List<Column> personal =
        facts.product().columns().stream()
            .filter(c -> c.personalData() != PersonalDataCategory.NONE)
            .toList();
    double masked;
    if (personal.isEmpty()) {
      masked = 1;
      reasons.add(Reason.of(ReasonCode.CONTRACT_NO_PERSONAL));
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
              ? Reason.of(ReasonCode.CONTRACT_MASKED)
              : Reason.of(ReasonCode.CONTRACT_UNMASKED, String.join(", ", missing)));
    }
    return scored(Criterion.CONTRACT, (valid + masked) / 2, reasons);
  }

  private CriterionScore scored(Criterion criterion, double ratio, List<Reason> reasons) {
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
