package io.comptoir.search;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * The entity wall of one search: the legal entities whose products the caller may see, or every
 * entity. Glossary terms and domains are shared by the whole group and always visible.
 */
public record SearchVisibility(Optional<Set<String>> entities) {
  public SearchVisibility {
    requireNonNull(entities, "entities is null");
    entities = entities.map(Set::copyOf);
  }

  public static SearchVisibility everything() {
    return new SearchVisibility(Optional.empty());
  }

  public static SearchVisibility onlyEntities(Set<String> entities) {
    return new SearchVisibility(Optional.of(entities));
  }

  public boolean sees(String entity) {
    return entities.map(set -> set.contains(entity)).orElse(true);
  }
}
