package io.comptoir.quality;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One quality rule of a product. Which fields matter depends on the type:
 *
 * <ul>
 *   <li>{@code not_null}, {@code regex}, {@code allowed_values}, {@code range}, {@code reference},
 *       {@code freshness}: one column;
 *   <li>{@code unique}: one or several columns;
 *   <li>{@code range}: {@code min} and/or {@code max}, inclusive;
 *   <li>{@code row_count_change}: {@code min} and/or {@code max} as the change in percent of the
 *       previous version's row count (-10 allows losing a tenth of the rows);
 *   <li>{@code freshness}: the newest value of a date or timestamp column must be at most {@code
 *       maxAge} old (the product's SLA when absent);
 *   <li>{@code custom_sql}: a boolean SQL expression over the row's columns.
 * </ul>
 */
public record QualityRule(
    String name,
    RuleType type,
    Severity severity,
    List<String> columns,
    Optional<BigDecimal> min,
    Optional<BigDecimal> max,
    String pattern,
    List<String> values,
    Optional<Reference> reference,
    String condition,
    Optional<Duration> maxAge,
    String description) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

  /** The column of another product whose latest version holds the allowed values. */
  public record Reference(ProductId product, String column) {
    public Reference {
      requireNonNull(product, "product is null");
      requireNonNull(column, "column is null");
    }
  }

  public QualityRule {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(severity, "severity is null");
    columns = List.copyOf(columns);
    requireNonNull(min, "min is null");
    requireNonNull(max, "max is null");
    pattern = pattern == null ? "" : pattern;
    values = List.copyOf(values);
    requireNonNull(reference, "reference is null");
    condition = condition == null ? "" : condition;
    requireNonNull(maxAge, "maxAge is null");
    description = description == null ? "" : description;
    if (!NAME.matcher(name).matches()) {
      throw ComptoirException.invalidInput(
          "rule name '%s' must start with a letter and hold letters, digits, _ or - (at most 63)",
          name);
    }
  }

  /** The single column of a one-column rule, or empty. */
  public String column() {
    return columns.size() == 1 ? columns.get(0) : "";
  }

  /** A rule of the given type with nothing else set, for building rules in code. */
  public static QualityRule of(String name, RuleType type, Severity severity, String... columns) {
    return new QualityRule(
        name,
        type,
        severity,
        List.of(columns),
        Optional.empty(),
        Optional.empty(),
        "",
        List.of(),
        Optional.empty(),
        "",
        Optional.empty(),
        "");
  }

  public QualityRule withBounds(Optional<BigDecimal> min, Optional<BigDecimal> max) {
    return new QualityRule(
        name,
        type,
        severity,
        columns,
        min,
        max,
        pattern,
        values,
        reference,
        condition,
        maxAge,
        description);
  }

  public QualityRule withPattern(String pattern) {
    return new QualityRule(
        name,
        type,
        severity,
        columns,
        min,
        max,
        pattern,
        values,
        reference,
        condition,
        maxAge,
        description);
  }

  public QualityRule withValues(List<String> values) {
    return new QualityRule(
        name,
        type,
        severity,
        columns,
        min,
        max,
        pattern,
        values,
        reference,
        condition,
        maxAge,
        description);
  }

  public QualityRule withReference(Reference reference) {
    return new QualityRule(
        name,
        type,
        severity,
        columns,
        min,
        max,
        pattern,
        values,
        Optional.of(reference),
        condition,
        maxAge,
        description);
  }

  public QualityRule withCondition(String condition) {
    return new QualityRule(
        name,
        type,
        severity,
        columns,
        min,
        max,
        pattern,
        values,
        reference,
        condition,
        maxAge,
        description);
  }

  public QualityRule withMaxAge(Duration maxAge) {
    return new QualityRule(
        name,
        type,
        severity,
        columns,
        min,
        max,
        pattern,
        values,
        reference,
        condition,
        Optional.of(maxAge),
        description);
  }

  public QualityRule withDescription(String description) {
    return new QualityRule(
        name,
        type,
        severity,
        columns,
        min,
        max,
        pattern,
        values,
        reference,
        condition,
        maxAge,
        description);
  }
}
