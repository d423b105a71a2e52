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
 * folded words. A query phrase equal to one member of a group also matches the other members; a
 * word of the query equals a word of a member when they are the same folded word or share their
 * French or English stem ("weights" is "weight", "bureaux" is "bureau").
 */
final class Synonyms {
  static final Synonyms NONE = new Synonyms(List.of());

  /**
   * A group member found in the query: how many words it covers, the other members, and the whole
   * group.
   */
  record Match(int length, List<List<String>> others, List<List<String>> group) {}

  /** First word of a member to the groups and members starting with it. */
  private final Map<String, List<Entry>> byFirstWord = new HashMap<>();

  private record Entry(List<String> member, List<List<String>> group) {}

  private Synonyms(List<List<List<String>>> groups) {
    for (List<List<String>> group : groups) {
      for (List<String> member : group) {
        Entry entry = new Entry(member, group);
        for (String key : keys(member.get(0))) {
          List<Entry> entries = byFirstWord.computeIfAbsent(key, k -> new ArrayList<>());
          if (!entries.contains(entry)) {
            entries.add(entry);
          }
        }
      }
    }
  }

  /** The forms a word is known by: itself, its French stem and its English stem. */
  private static Set<String> keys(String word) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(word);
    keys.add("fr:" + SearchAnalysis.term(SearchAnalysis.FRENCH, word));
    keys.add("en:" + SearchAnalysis.term(SearchAnalysis.ENGLISH, word));
    keys.remove("fr:");
    keys.remove("en:");
    return keys;
  }

  private static boolean same(String typed, String member) {
    if (typed.equals(member)) {
      return true;
    }
    Set<String> keys = keys(typed);
    keys.retainAll(keys(member));
    return !keys.isEmpty();
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
    Set<Entry> candidates = new LinkedHashSet<>();
    for (String key : keys(words.get(start))) {
      candidates.addAll(byFirstWord.getOrDefault(key, List.of()));
    }
    Entry best = null;
    for (Entry entry : candidates) {
      List<String> member = entry.member();
      if (start + member.size() <= words.size()
          && spells(words.subList(start, start + member.size()), member)
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
    return new Match(best.member().size(), others, best.group());
  }

  private static boolean spells(List<String> typed, List<String> member) {
    for (int i = 0; i < member.size(); i++) {
      if (!same(typed.get(i), member.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether any group exists, for tests and logs. */
  boolean isEmpty() {
    return byFirstWord.isEmpty();
  }
}
