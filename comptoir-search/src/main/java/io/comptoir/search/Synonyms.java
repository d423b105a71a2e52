package io.comptoir.search;

import io.comptoir.glossary.GlossaryFacts.TermStatus;
import io.comptoir.glossary.GlossaryFacts.TermSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synonym groups of the approved glossary terms: a term's name and its synonyms, each as its
 * folded words. A query phrase equal to one member of a group also matches the other members.
 */
final class Synonyms {
  static final Synonyms NONE = new Synonyms(List.of());

  /** A group member found in the query: how many words it covers and the other members. */
  record Match(int length, List<List<String>> others) {}

  /** First word of a member to the groups and members starting with it. */
  private final Map<String, List<Entry>> byFirstWord = new HashMap<>();

  private record Entry(List<String> member, List<List<String>> group) {}

  private Synonyms(List<List<List<String>>> groups) {
    for (List<List<String>> group : groups) {
      for (List<String> member : group) {
        byFirstWord
            .computeIfAbsent(member.get(0), k -> new ArrayList<>())
            .add(new Entry(member, group));
      }
    }
  }

  static Synonyms of(List<TermSummary> terms) {
    List<List<List<String>>> groups = new ArrayList<>();
    for (TermSummary term : terms) {
      if (term.status() != TermStatus.APPROVED || term.synonyms().isEmpty()) {
        continue;
      }
      Set<List<String>> group = new LinkedHashSet<>();
      List<String> names = new ArrayList<>();
      names.add(term.name());
      names.addAll(term.synonyms());
      for (String name : names) {
        List<String> words = SearchAnalysis.terms(SearchAnalysis.PLAIN, name);
        if (!words.isEmpty()) {
          group.add(List.copyOf(words));
        }
      }
      if (group.size() > 1) {
        groups.add(List.copyOf(group));
      }
    }
    return new Synonyms(groups);
  }

  /** The longest member starting at word {@code start} of the query, or null. */
  Match longestAt(List<String> words, int start) {
    List<Entry> candidates = byFirstWord.get(words.get(start));
    if (candidates == null) {
      return null;
    }
    Entry best = null;
    for (Entry entry : candidates) {
      List<String> member = entry.member();
      if (start + member.size() <= words.size()
          && words.subList(start, start + member.size()).equals(member)
          && (best == null || member.size() > best.member().size())) {
        best = entry;
      }
    }
    if (best == null) {
      return null;
    }
    List<List<String>> others = new ArrayList<>();
    for (List<String> member : best.group()) {
      if (!member.equals(best.member())) {
        others.add(member);
      }
    }
    return new Match(best.member().size(), others);
  }

  /** Whether any group exists, for tests and logs. */
  boolean isEmpty() {
    return byFirstWord.isEmpty();
  }
}
