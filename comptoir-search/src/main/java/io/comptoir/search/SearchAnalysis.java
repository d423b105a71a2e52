package io.comptoir.search;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.util.IOUtils;

/**
 * The three analyses of the catalog text. Every field exists three times: {@code _fr} (elisions
 * removed, lower case, accents folded, French stop words, light French stemming), {@code _en}
 * (possessives removed, lower case, accents folded, English stop words, Porter stemming) and {@code
 * _plain} (lower case, accents folded, nothing removed: the base of the exact, prefix and typo
 * matches). Underscores of column names separate words: {@code poids_kg} is "poids" and "kg".
 */
final class SearchAnalysis {
  /**
   * The words of a query that are not searched for, accents folded: French and English stop words
   * (Snowball's lists, which hold the question words: "which", "have", "quels"…) and the filler
   * words of a question ({@link #QUESTION_WORDS}). The index keeps its own, shorter lists.
   */
  static final CharArraySet STOP_WORDS;

  /** Words of questions put to a catalog that name no data: "per", "find", "show"… */
  static final List<String> QUESTION_WORDS =
      List.of(
          "per",
          "find",
          "show",
          "list",
          "want",
          "need",
          "looking",
          "contain",
          "contains",
          "containing",
          "cherche",
          "chercher",
          "trouver",
          "contient",
          "contiennent");

  /**
   * Words that name the catalog's things rather than their subject: dropped from a query that has
   * other words ("which products have parcels" looks for parcels), searched for when alone.
   */
  static final CharArraySet CATALOG_WORDS =
      CharArraySet.unmodifiableSet(
          new CharArraySet(
              List.of(
                  "product",
                  "products",
                  "produit",
                  "produits",
                  "data",
                  "donnee",
                  "donnees",
                  "dataset",
                  "datasets"),
              true));

  private static final CharArraySet FRENCH_STOP;
  private static final CharArraySet ENGLISH_STOP;
  private static final NormalizeCharMap SEPARATORS;

  static {
    FRENCH_STOP = folded(FrenchAnalyzer.getDefaultStopSet());
    ENGLISH_STOP = folded(EnglishAnalyzer.getDefaultStopSet());
    CharArraySet both = new CharArraySet(FRENCH_STOP.size() + ENGLISH_STOP.size(), true);
    both.addAll(FRENCH_STOP);
    both.addAll(ENGLISH_STOP);
    try {
      both.addAll(
          folded(
              WordlistLoader.getSnowballWordSet(
                  IOUtils.getDecodingReader(
                      SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    both.addAll(QUESTION_WORDS);
    STOP_WORDS = CharArraySet.unmodifiableSet(both);
    NormalizeCharMap.Builder separators = new NormalizeCharMap.Builder();
    separators.add("_", " ");
    SEPARATORS = separators.build();
  }

  static final Analyzer FRENCH =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          Tokenizer source = new StandardTokenizer();
          TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
          stream = new LowerCaseFilter(stream);
          stream = new ASCIIFoldingFilter(stream);
          stream = new StopFilter(stream, FRENCH_STOP);
          stream = new FrenchLightStemFilter(stream);
          return new TokenStreamComponents(source, stream);
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
          return new MappingCharFilter(SEPARATORS, reader);
        }
      };

  static final Analyzer ENGLISH =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          Tokenizer source = new StandardTokenizer();
          TokenStream stream = new EnglishPossessiveFilter(source);
          stream = new LowerCaseFilter(stream);
          stream = new ASCIIFoldingFilter(stream);
          stream = new StopFilter(stream, ENGLISH_STOP);
          stream = new PorterStemFilter(stream);
          return new TokenStreamComponents(source, stream);
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
          return new MappingCharFilter(SEPARATORS, reader);
        }
      };

  static final Analyzer PLAIN =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          Tokenizer source = new StandardTokenizer();
          TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
          stream = new LowerCaseFilter(stream);
          stream = new ASCIIFoldingFilter(stream);
          return new TokenStreamComponents(source, stream);
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
          return new MappingCharFilter(SEPARATORS, reader);
        }
      };

  /** The analyzer of every field, chosen by the suffix of its name. */
  static final Analyzer BY_FIELD =
      new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
          if (fieldName.endsWith("_fr")) {
            return FRENCH;
          }
          if (fieldName.endsWith("_en")) {
            return ENGLISH;
          }
          return PLAIN;
        }
      };

  /** Analysis names, in the order fields are suffixed. */
  static final Map<String, Analyzer> ANALYSES = Map.of("fr", FRENCH, "en", ENGLISH, "plain", PLAIN);

  private SearchAnalysis() {}

  /** The terms an analyzer makes of a text. */
  static List<String> terms(Analyzer analyzer, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("any", new StringReader(text))) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  /** Most words whose analysis is remembered (queries and highlights analyze single words). */
  private static final int CACHED_WORDS = 200_000;

  private static final Map<Analyzer, ConcurrentHashMap<String, String>> CACHE =
      new IdentityHashMap<>();

  /** The single term an analyzer makes of one word, or empty when it drops the word. */
  static String term(Analyzer analyzer, String word) {
    ConcurrentHashMap<String, String> cache;
    synchronized (CACHE) {
      cache = CACHE.computeIfAbsent(analyzer, a -> new ConcurrentHashMap<>());
    }
    String known = cache.get(word);
    if (known != null) {
      return known;
    }
    List<String> terms = terms(analyzer, word);
    String term = terms.isEmpty() ? "" : terms.get(0);
    if (cache.size() < CACHED_WORDS) {
      cache.put(word, term);
    }
    return term;
  }

  /** Lower case without accents: "Société" becomes "societe". */
  static String fold(String text) {
    if (text != null && isAscii(text)) {
      return text.toLowerCase(Locale.ROOT);
    }
    String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Folded words separated by single spaces: the form exact names are compared in. */
  static String exactForm(String text) {
    return String.join(" ", terms(PLAIN, text == null ? "" : text.replace('-', ' ')));
  }

  private static CharArraySet folded(CharArraySet words) {
    CharArraySet folded = new CharArraySet(words.size(), true);
    for (Object word : words) {
      char[] chars = word instanceof char[] c ? c : word.toString().toCharArray();
      folded.add(fold(new String(chars)));
    }
    return folded;
  }
}
