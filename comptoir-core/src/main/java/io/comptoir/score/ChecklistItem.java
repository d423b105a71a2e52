package io.comptoir.score;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One item of the production-readiness checklist. Either computed from the score ({@code
 * documentation>=75}: the criterion must be met at 75% at least) or ticked by a person with a
 * comment ({@code runbook}).
 */
public record ChecklistItem(String id, Optional<Criterion> criterion, int minimumPercent) {
  private static final Pattern COMPUTED = Pattern.compile("([a-z]+)\\s*>=\\s*(\\d{1,3})");
  private static final Pattern MANUAL = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public ChecklistItem {
    requireNonNull(id, "id is null");
    requireNonNull(criterion, "criterion is null");
  }

  public boolean computed() {
    return criterion.isPresent();
  }

  /** Parses {@code documentation>=75} or a manual item id such as {@code runbook}. */
  public static ChecklistItem parse(String text) {
    String item = text == null ? "" : text.strip();
    Matcher computed = COMPUTED.matcher(item);
    if (computed.matches()) {
      int minimum = Integer.parseInt(computed.group(2));
      if (minimum > 100) {
        throw ComptoirException.invalidInput(
            "checklist item '%s': the minimum is a percentage, 0 to 100", item);
      }
      Criterion criterion = Criterion.parse(computed.group(1));
      return new ChecklistItem(criterion.key(), Optional.of(criterion), minimum);
    }
    if (MANUAL.matcher(item).matches()) {
      return new ChecklistItem(item, Optional.empty(), 0);
    }
    throw ComptoirException.invalidInput(
        "checklist item '%s' must be '<criterion>>=<percent>' or a manual item id (lowercase"
            + " letters, digits, dashes)",
        item);
  }

  @Override
  public String toString() {
    return criterion.map(c -> c.key() + ">=" + minimumPercent).orElse(id);
  }
}
