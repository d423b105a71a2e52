package io.comptoir.quality;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The quality rules of a product and its freshness SLA: the maximum age its latest version may
 * have.
 */
public record QualityRules(List<QualityRule> rules, Optional<Duration> freshness) {
  public static final QualityRules NONE = new QualityRules(List.of(), Optional.empty());

  public QualityRules {
    rules = List.copyOf(rules);
    requireNonNull(freshness, "freshness is null");
    Set<String> names = new HashSet<>();
    for (QualityRule rule : rules) {
      if (!names.add(rule.name())) {
        throw ComptoirException.invalidInput("two rules are named '%s'", rule.name());
      }
    }
    freshness.ifPresent(
        age -> {
          if (age.isNegative() || age.isZero()) {
            throw ComptoirException.invalidInput("freshness.maxAge must be positive, got %s", age);
          }
        });
  }

  public boolean isEmpty() {
    return rules.isEmpty() && freshness.isEmpty();
  }
}
