package io.comptoir.score;

import static java.util.Objects.requireNonNull;

/**
 * The answer to one checklist item: met or not, with the comment of the person who ticked it, or
 * the computed reason.
 */
public record CheckAnswer(String item, boolean met, boolean computed, String comment) {
  public CheckAnswer {
    requireNonNull(item, "item is null");
    comment = comment == null ? "" : comment;
  }
}
