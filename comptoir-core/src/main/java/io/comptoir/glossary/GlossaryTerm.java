package io.comptoir.glossary;

import static io.comptoir.common.Validation.requireSlug;
import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.glossary.GlossaryFacts.TermStatus;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A business glossary term.
 *
 * @param id a slug, such as {@code code-postal}
 * @param synonyms other names of the term, distinct ignoring case
 * @param related ids of related terms
 */
public record GlossaryTerm(
    String id,
    String name,
    String definition,
    List<String> synonyms,
    String owner,
    TermStatus status,
    List<String> related,
    Instant createdAt,
    Instant updatedAt) {
  static final int MAX_NAME = 200;
  static final int MAX_DEFINITION = 10_000;

  public GlossaryTerm {
    requireSlug(id, "term id");
    requireText(name, "term name");
    name = name.strip();
    if (name.length() > MAX_NAME) {
      throw ComptoirException.invalidInput("term name is longer than %d characters", MAX_NAME);
    }
    requireText(definition, "term definition");
    if (definition.length() > MAX_DEFINITION) {
      throw ComptoirException.invalidInput(
          "term definition is longer than %d characters", MAX_DEFINITION);
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String> cleaned =
        (synonyms == null ? List.<String>of() : synonyms)
            .stream()
                .map(s -> s == null ? "" : s.strip())
                .filter(s -> !s.isEmpty())
                .filter(s -> seen.add(s.toLowerCase(Locale.ROOT)))
                .toList();
    for (String synonym : cleaned) {
      if (synonym.length() > MAX_NAME) {
        throw ComptoirException.invalidInput("synonym is longer than %d characters", MAX_NAME);
      }
    }
    synonyms = cleaned;
    requireText(owner, "term owner");
    requireNonNull(status, "status is null");
    List<String> relatedIds =
        (related == null ? List.<String>of() : related).stream().distinct().toList();
    for (String other : relatedIds) {
      requireSlug(other, "related term id");
      if (other.equals(id)) {
        throw ComptoirException.invalidInput("term %s cannot be related to itself", id);
      }
    }
    related = relatedIds;
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }

  public GlossaryTerm withStatus(TermStatus newStatus, Instant now) {
    return new GlossaryTerm(
        id, name, definition, synonyms, owner, newStatus, related, createdAt, now);
  }

  public GlossaryFacts.TermSummary summary() {
    return new GlossaryFacts.TermSummary(id, name, definition, synonyms, status);
  }
}
