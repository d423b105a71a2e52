package io.comptoir.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * What a query typed becomes: one required "slot" per meaningful word (or per glossary phrase, with
 * its approved synonyms as alternatives), each slot matching the word in the title, the description
 * and the columns through the French, English and plain analyses, a prefix of it, or, for words of
 * {@value #TYPO_MIN_LENGTH} letters or more, a word one typo away (two from {@value
 * #TWO_TYPOS_MIN_LENGTH} letters). An exact title or id earns a large boost.
 */
final class QueryPlan {
  static final int TYPO_MIN_LENGTH = 5;
  static final int TWO_TYPOS_MIN_LENGTH = 8;
  static final int PREFIX_MIN_LENGTH = 3;
  static final float EXACT_BOOST = 10f;
  static final float SYNONYM_WEIGHT = 0.8f;

  /** Two words of the query found next to each other in a title: slop and weight. */
  static final int PAIR_SLOP = 2;

  static final float PAIR_BOOST = 1f;

  /** Most indexed words a typo expands to, per field. */
  static final int TYPO_VARIANTS = 50;

  /** Field groups and their weights. */
  static final String[] FIELDS = {"title", "body", "cols"};

  static final float[] WEIGHTS = {3f, 1.5f, 1f};

  private final List<Query> slots = new ArrayList<>();

  /** The words searched for, in the order typed. */
  private final List<String> meaningful = new ArrayList<>();

  private final Set<String> words = new HashSet<>();
  private final Set<String> typos = new HashSet<>();
  private final String exact;
  private final IndexReader reader;

  /**
   * @param reader the index, asked whether a word exists: the typo rule applies only to words found
   *     in no field (a word of the catalog is not a typo), which also keeps queries fast
   */
  QueryPlan(String query, Synonyms synonyms, IndexReader reader) {
    this.reader = reader;
    List<String> typed = SearchAnalysis.terms(SearchAnalysis.PLAIN, query);
    exact = SearchAnalysis.exactForm(query);
    // words naming the catalog's things are left out when the query names something else
    boolean subject =
        typed.stream()
            .anyMatch(
                w ->
                    !SearchAnalysis.STOP_WORDS.contains(w)
                        && !SearchAnalysis.CATALOG_WORDS.contains(w));
    // a group of synonyms spelled twice ("colis colissimo") is searched as typed: the user chose
    // the words, and expanding both would make them the same slot twice
    Map<List<List<String>>, Integer> groups = new HashMap<>();
    for (int at = 0; at < typed.size(); ) {
      Synonyms.Match match = synonyms.longestAt(typed, at);
      if (match != null) {
        groups.merge(match.group(), 1, Integer::sum);
      }
      at += match == null ? 1 : match.length();
    }
    int i = 0;
    while (i < typed.size()) {
      Synonyms.Match match = synonyms.longestAt(typed, i);
      if (match != null && groups.get(match.group()) > 1) {
        match = null;
      }
      if (match != null) {
        List<Query> alternatives = new ArrayList<>();
        Query original = conjunction(typed.subList(i, i + match.length()));
        if (original != null) {
          alternatives.add(original);
        }
        for (List<String> other : match.others()) {
          Query alternative = conjunction(other);
          if (alternative != null) {
            alternatives.add(new BoostQuery(alternative, SYNONYM_WEIGHT));
          }
        }
        if (!alternatives.isEmpty()) {
          slots.add(new DisjunctionMaxQuery(alternatives, 0f));
        }
        for (String word : typed.subList(i, i + match.length())) {
          if (!SearchAnalysis.STOP_WORDS.contains(word)) {
            meaningful.add(word);
          }
        }
        i += match.length();
        continue;
      }
      String word = typed.get(i);
      if (!SearchAnalysis.STOP_WORDS.contains(word)
          && !(subject && SearchAnalysis.CATALOG_WORDS.contains(word))) {
        slots.add(word(word));
        meaningful.add(word);
      }
      i++;
    }
  }

  boolean isEmpty() {
    return slots.isEmpty();
  }

  int slots() {
    return slots.size();
  }

  /** The meaningful words of the query and of the synonyms it brought, for the highlights. */
  Set<String> words() {
    return words;
  }

  /** The words the typo rule applied to (unknown to the index), for the highlights. */
  Set<String> typos() {
    return typos;
  }

  private boolean known(String word) {
    try {
      for (String field : FIELDS) {
        if (reader.docFreq(new Term(field + "_plain", word)) > 0) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every slot required, or (relaxed) any of them, the more the better; plus the exact boost. */
  Query query(boolean relaxed) {
    BooleanQuery.Builder main = new BooleanQuery.Builder();
    for (Query slot : slots) {
      main.add(slot, relaxed ? Occur.SHOULD : Occur.MUST);
    }
    BooleanQuery.Builder outer = new BooleanQuery.Builder();
    outer.add(main.build(), Occur.MUST);
    if (!exact.isEmpty()) {
      outer.add(new BoostQuery(new TermQuery(new Term("exact", exact)), EXACT_BOOST), Occur.SHOULD);
    }
    // two words of the query next to each other in a title (or one word apart) weigh more
    for (int k = 0; k + 1 < meaningful.size(); k++) {
      String first = SearchAnalysis.term(SearchAnalysis.FRENCH, meaningful.get(k));
      String second = SearchAnalysis.term(SearchAnalysis.FRENCH, meaningful.get(k + 1));
      if (!first.isEmpty() && !second.isEmpty()) {
        PhraseQuery pair =
            new PhraseQuery.Builder()
                .add(new Term("title_fr", first), 0)
                .add(new Term("title_fr", second), 1)
                .setSlop(PAIR_SLOP)
                .build();
        outer.add(new BoostQuery(pair, PAIR_BOOST), Occur.SHOULD);
      }
    }
    return outer.build();
  }

  private Query conjunction(List<String> phrase) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    int count = 0;
    for (String word : phrase) {
      if (!SearchAnalysis.STOP_WORDS.contains(word)) {
        all.add(word(word), Occur.MUST);
        count++;
      }
    }
    return count == 0 ? null : all.build();
  }

  private Query word(String word) {
    words.add(word);
    String french = SearchAnalysis.term(SearchAnalysis.FRENCH, word);
    String english = SearchAnalysis.term(SearchAnalysis.ENGLISH, word);
    List<Query> ways = new ArrayList<>();
    boolean typo = word.length() >= TYPO_MIN_LENGTH && !known(word);
    CompiledAutomaton typoAutomaton = null;
    if (typo) {
      typos.add(word);
      // built once for the three fields (a FuzzyQuery per field would build it per field, and
      // per distance); the expansion is done here, so rewriting the query costs nothing more
      typoAutomaton = FuzzyQuery.getFuzzyAutomaton(word, edits(word), 1, true);
    }
    for (int f = 0; f < FIELDS.length; f++) {
      String field = FIELDS[f];
      float weight = WEIGHTS[f];
      ways.add(new BoostQuery(new TermQuery(new Term(field + "_plain", word)), weight * 1.2f));
      if (!french.isEmpty()) {
        ways.add(new BoostQuery(new TermQuery(new Term(field + "_fr", french)), weight));
        if (french.length() >= 4 && hasLongerWords(field + "_fr", french)) {
          ways.add(new BoostQuery(new PrefixQuery(new Term(field + "_fr", french)), weight * 0.5f));
        }
      }
      if (!english.isEmpty()) {
        ways.add(new BoostQuery(new TermQuery(new Term(field + "_en", english)), weight * 0.9f));
      }
      if (word.length() >= PREFIX_MIN_LENGTH && hasLongerWords(field + "_plain", word)) {
        ways.add(new BoostQuery(new PrefixQuery(new Term(field + "_plain", word)), weight * 0.6f));
      }
      if (typo) {
        Query variants = typoVariants(field + "_plain", word, typoAutomaton);
        if (variants != null) {
          ways.add(new BoostQuery(variants, weight * 0.4f));
        }
      }
    }
    return new DisjunctionMaxQuery(ways, 0.1f);
  }

  /**
   * The indexed words of a field within the typo distance of the word: the {@value #TYPO_VARIANTS}
   * closest (then the most frequent), each weighted by its similarity {@code 1 - distance / length}
   * as Lucene's fuzzy query does; the best of them counts. Null when there is none.
   */
  private Query typoVariants(String field, String word, CompiledAutomaton automaton) {
    try {
      Terms terms = MultiTerms.getTerms(reader, field);
      if (terms == null) {
        return null;
      }
      record Variant(String term, int distance, int docFreq) {}
      List<Variant> variants = new ArrayList<>();
      TermsEnum matching = automaton.getTermsEnum(terms);
      for (BytesRef term = matching.next(); term != null; term = matching.next()) {
        String text = term.utf8ToString();
        variants.add(new Variant(text, Highlighter.distance(word, text), matching.docFreq()));
      }
      if (variants.isEmpty()) {
        return null;
      }
      variants.sort(
          Comparator.comparingInt(Variant::distance)
              .thenComparing(Comparator.comparingInt(Variant::docFreq).reversed()));
      List<Query> best = new ArrayList<>();
      for (Variant variant : variants.subList(0, Math.min(TYPO_VARIANTS, variants.size()))) {
        float similarity =
            1f - (float) variant.distance() / Math.min(word.length(), variant.term().length());
        best.add(new BoostQuery(new TermQuery(new Term(field, variant.term())), similarity));
      }
      return new DisjunctionMaxQuery(best, 0f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a field holds a longer word starting with the prefix: when it holds none, the prefix
   * query would match the same documents as the exact word's and is left out (fewer clauses to run
   * over every match).
   */
  private boolean hasLongerWords(String field, String prefix) {
    try {
      Terms terms = MultiTerms.getTerms(reader, field);
      if (terms == null) {
        return false;
      }
      TermsEnum all = terms.iterator();
      BytesRef start = new BytesRef(prefix);
      TermsEnum.SeekStatus status = all.seekCeil(start);
      if (status == TermsEnum.SeekStatus.END) {
        return false;
      }
      BytesRef term = status == TermsEnum.SeekStatus.FOUND ? all.next() : all.term();
      return term != null && StringHelper.startsWith(term, start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int edits(String word) {
    if (word.length() >= TWO_TYPOS_MIN_LENGTH) {
      return 2;
    }
    return word.length() >= TYPO_MIN_LENGTH ? 1 : 0;
  }
}
