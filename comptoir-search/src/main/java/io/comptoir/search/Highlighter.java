package io.comptoir.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the words of a text that the query matched, by the same rules as the search: same French or
 * English stem, same folded word, a word starting with the typed word or its stem, or a word one
 * (two) typo(s) away for long words.
 */
final class Highlighter {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final int SNIPPET = 240;

  private final Set<String> plain = new HashSet<>();
  private final Set<String> french = new HashSet<>();
  private final Set<String> english = new HashSet<>();
  private final List<String> fuzzy = new ArrayList<>();
  private final Map<String, Boolean> seen = new HashMap<>();

  Highlighter(Set<String> words, Set<String> typos) {
    for (String word : words) {
      plain.add(word);
      String fr = SearchAnalysis.term(SearchAnalysis.FRENCH, word);
      if (!fr.isEmpty()) {
        french.add(fr);
      }
      String en = SearchAnalysis.term(SearchAnalysis.ENGLISH, word);
      if (!en.isEmpty()) {
        english.add(en);
      }
      if (typos.contains(word)) {
        fuzzy.add(word);
      }
    }
  }

  Highlighted mark(String text) {
    return parts(text, 0, text.length());
  }

  /** The text, cut around its first hit when longer than a snippet. */
  Highlighted snippet(String text) {
    if (text.length() <= SNIPPET) {
      return mark(text);
    }
    int first = -1;
    Matcher words = WORD.matcher(text);
    while (words.find()) {
      if (hit(words.group())) {
        first = words.start();
        break;
      }
    }
    int start = first < 0 ? 0 : Math.max(0, first - SNIPPET / 3);
    while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
      start--;
    }
    int end = Math.min(text.length(), start + SNIPPET);
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    Highlighted middle = parts(text, start, end);
    List<Highlighted.Part> parts = new ArrayList<>();
    if (start > 0) {
      parts.add(new Highlighted.Part("… ", false));
    }
    parts.addAll(middle.parts());
    if (end < text.length()) {
      parts.add(new Highlighted.Part(" …", false));
    }
    return new Highlighted(parts);
  }

  private Highlighted parts(String text, int from, int to) {
    List<Highlighted.Part> parts = new ArrayList<>();
    Matcher words = WORD.matcher(text).region(from, to);
    int at = from;
    while (words.find()) {
      if (hit(words.group())) {
        if (words.start() > at) {
          parts.add(new Highlighted.Part(text.substring(at, words.start()), false));
        }
        parts.add(new Highlighted.Part(words.group(), true));
        at = words.end();
      }
    }
    if (at < to) {
      parts.add(new Highlighted.Part(text.substring(at, to), false));
    }
    return new Highlighted(parts);
  }

  boolean hit(String token) {
    return seen.computeIfAbsent(token, this::matches);
  }

  private boolean matches(String token) {
    String folded = SearchAnalysis.fold(token);
    if (SearchAnalysis.STOP_WORDS.contains(folded)) {
      return false;
    }
    if (plain.contains(folded)) {
      return true;
    }
    String fr = SearchAnalysis.term(SearchAnalysis.FRENCH, folded);
    if (!fr.isEmpty() && french.contains(fr)) {
      return true;
    }
    String en = SearchAnalysis.term(SearchAnalysis.ENGLISH, folded);
    if (!en.isEmpty() && english.contains(en)) {
      return true;
    }
    for (String word : plain) {
      if (word.length() >= 4 && folded.startsWith(word)) {
        return true;
      }
    }
    for (String stem : french) {
      if (stem.length() >= 4 && fr.startsWith(stem)) {
        return true;
      }
    }
    for (String word : fuzzy) {
      if (folded.length() >= QueryPlan.TYPO_MIN_LENGTH - 1
          && folded.charAt(0) == word.charAt(0)
          && distance(folded, word) <= QueryPlan.edits(word)) {
        return true;
      }
    }
    return false;
  }

  /** Damerau-Levenshtein distance (adjacent transpositions count one), as Lucene's fuzzy query. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
