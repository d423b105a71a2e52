package io.comptoir.api;

import io.comptoir.catalog.ProductId;
import io.comptoir.quality.QualityFacts.RuleResult;
import io.comptoir.quality.QualityRule;
import io.comptoir.quality.QualityRules;
import io.comptoir.quality.QualityRulesFormat;
import io.comptoir.quality.QualityService;
import io.comptoir.quality.StoredRules;
import io.comptoir.quality.VersionResults;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JSON shapes of quality rules and results. */
final class QualityJson {
  private QualityJson() {}

  record RulesJson(
      String product,
      String document,
      Optional<String> updatedBy,
      Optional<Instant> updatedAt,
      Optional<String> freshnessMaxAge,
      List<RuleJson> rules) {
    static RulesJson of(
        ProductId product,
        Optional<StoredRules> stored,
        QualityRules rules,
        QualityRulesFormat format) {
      return new RulesJson(
          product.value(),
          stored.map(StoredRules::document).orElse(""),
          stored.map(StoredRules::updatedBy),
          stored.map(StoredRules::updatedAt),
          rules.freshness().map(Object::toString),
          rules.rules().stream().map(RuleJson::of).toList());
    }
  }

  record ReferenceJson(String product, String column) {}

  record RuleJson(
      String name,
      String type,
      String severity,
      boolean rowLevel,
      List<String> columns,
      Optional<BigDecimal> min,
      Optional<BigDecimal> max,
      Optional<String> pattern,
      List<String> values,
      Optional<ReferenceJson> reference,
      Optional<String> sql,
      Optional<String> maxAge,
      String description) {
    static RuleJson of(QualityRule rule) {
      return new RuleJson(
          rule.name(),
          rule.type().code(),
          rule.severity().code(),
          rule.type().rowLevel(),
          rule.columns(),
          rule.min(),
          rule.max(),
          rule.pattern().isEmpty() ? Optional.empty() : Optional.of(rule.pattern()),
          rule.values(),
          rule.reference().map(r -> new ReferenceJson(r.product().value(), r.column())),
          rule.condition().isEmpty() ? Optional.empty() : Optional.of(rule.condition()),
          rule.maxAge().map(Object::toString),
          rule.description());
    }
  }

  record ResultJson(
      String rule,
      String type,
      String column,
      String severity,
      boolean success,
      long failingRows,
      String message) {
    static ResultJson of(RuleResult result) {
      return new ResultJson(
          result.rule(),
          result.type(),
          result.column(),
          result.severity(),
          result.success(),
          result.failingRows(),
          result.message());
    }
  }

  record VersionResultsJson(
      int version,
      Instant evaluatedAt,
      int rulesPassed,
      int rulesEvaluated,
      double passRate,
      long warnings,
      long errors,
      List<ResultJson> results) {
    static VersionResultsJson of(VersionResults results) {
      return new VersionResultsJson(
          results.version(),
          results.evaluatedAt(),
          results.outcome().rulesPassed(),
          results.outcome().rulesEvaluated(),
          results.outcome().passRate(),
          results.warnings(),
          results.errors(),
          results.results().stream().map(ResultJson::of).toList());
    }
  }

  record FreshnessJson(
      String maxAge, Optional<Instant> latestVersionAt, Optional<String> age, boolean fresh) {
    static FreshnessJson of(QualityService.Freshness freshness) {
      return new FreshnessJson(
          freshness.maxAge().toString(),
          freshness.latestVersionAt(),
          freshness.age().map(Object::toString),
          freshness.fresh());
    }
  }

  /** The results of the latest versions, newest first: {@code versions[0]} is the latest. */
  record ResultsJson(
      String product, Optional<FreshnessJson> freshness, List<VersionResultsJson> versions) {
    static ResultsJson of(
        ProductId product,
        Optional<QualityService.Freshness> freshness,
        List<VersionResults> versions) {
      return new ResultsJson(
          product.value(),
          freshness.map(FreshnessJson::of),
          versions.stream().map(VersionResultsJson::of).toList());
    }
  }
}
