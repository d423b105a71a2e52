package io.comptoir.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;

/**
 * Counts, in one pass over the products matching the words, how many match every chosen facet value
 * (the total) and, for each facet, the values among the products matching the choices of the other
 * facets. Counts by global ordinal ({@link FacetOrdinals}); only the values shown are turned into
 * strings. When given a collector of the top hits, passes it the products matching every choice in
 * the same pass, so that one pass over the matches both counts and ranks.
 */
final class FacetCounter implements Collector {
  private static final long NOT_CHOSEN = -2;
  private static final long ABSENT = -1;

  private final SearchFacet[] facets = SearchFacet.values();
  private final Map<SearchFacet, String> chosen;
  private final FacetOrdinals ordinals;
  private final Collector hits;
  private final int[][] globalCounts;
  private final int shown;
  private long total;

  /**
   * @param shown how many values per facet are wanted: the most frequent (ties in byte order of the
   *     values), plus the chosen one
   * @param hits the collector of the products matching every choice, or null
   */
  FacetCounter(FacetOrdinals ordinals, Map<SearchFacet, String> chosen, int shown, Collector hits) {
    this.ordinals = ordinals;
    this.shown = shown;
    this.chosen = chosen;
    this.hits = hits;
    globalCounts = new int[facets.length][];
    for (int f = 0; f < facets.length; f++) {
      globalCounts[f] = new int[ordinals.valueCount(f)];
    }
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
    SortedSetDocValues[] values = new SortedSetDocValues[facets.length];
    // most facets hold one value per product: read as such, they cost less per match
    SortedDocValues[] single = new SortedDocValues[facets.length];
    LongValues[] toGlobal = new LongValues[facets.length];
    long[] chosenOrd = new long[facets.length];
    for (int f = 0; f < facets.length; f++) {
      values[f] = DocValues.getSortedSet(context.reader(), facets[f].field());
      single[f] = DocValues.unwrapSingleton(values[f]);
      toGlobal[f] = ordinals.toGlobal(f, context);
      String value = chosen.get(facets[f]);
      if (value == null) {
        chosenOrd[f] = NOT_CHOSEN;
      } else {
        long ord = values[f].lookupTerm(new BytesRef(value));
        chosenOrd[f] = ord < 0 ? ABSENT : ord;
      }
    }
    LeafCollector top = hits == null ? null : hits.getLeafCollector(context);
    return new LeafCollector() {
      private final long[][] ords = new long[facets.length][8];
      private final int[] ordCount = new int[facets.length];

      @Override
      public void setScorer(Scorable scorer) throws IOException {
        if (top != null) {
          top.setScorer(scorer);
        }
      }

      @Override
      public void collect(int doc) throws IOException {
        int unmet = 0;
        int lastUnmet = -1;
        for (int f = 0; f < facets.length; f++) {
          ordCount[f] = 0;
          if (single[f] != null) {
            if (single[f].advanceExact(doc)) {
              ords[f][0] = single[f].ordValue();
              ordCount[f] = 1;
            }
          } else if (values[f].advanceExact(doc)) {
            int n = values[f].docValueCount();
            if (ords[f].length < n) {
              ords[f] = Arrays.copyOf(ords[f], Math.max(n, ords[f].length * 2));
            }
            for (int k = 0; k < n; k++) {
              ords[f][k] = values[f].nextOrd();
            }
            ordCount[f] = n;
          }
          if (chosenOrd[f] != NOT_CHOSEN && !holds(f, chosenOrd[f])) {
            unmet++;
            lastUnmet = f;
          }
        }
        if (unmet == 0) {
          total++;
          for (int f = 0; f < facets.length; f++) {
            count(f);
          }
          if (top != null) {
            top.collect(doc);
          }
        } else if (unmet == 1) {
          count(lastUnmet);
        }
      }

      private boolean holds(int f, long ord) {
        for (int k = 0; k < ordCount[f]; k++) {
          if (ords[f][k] == ord) {
            return true;
          }
        }
        return false;
      }

      private void count(int f) {
        int[] counts = globalCounts[f];
        for (int k = 0; k < ordCount[f]; k++) {
          counts[(int) toGlobal[f].get(ords[f][k])]++;
        }
      }
    };
  }

  @Override
  public ScoreMode scoreMode() {
    return hits == null ? ScoreMode.COMPLETE_NO_SCORES : ScoreMode.COMPLETE;
  }

  /** The counts of the values shown, once the search is over. */
  Map<SearchFacet, Map<String, Long>> counts() throws IOException {
    Map<SearchFacet, Map<String, Long>> counts = new EnumMap<>(SearchFacet.class);
    for (int f = 0; f < facets.length; f++) {
      int[] global = globalCounts[f];
      // the most frequent values: a heap of the best `shown`, least frequent on top
      PriorityQueue<Integer> best =
          new PriorityQueue<>(
              shown + 1,
              (a, b) -> global[a] != global[b] ? Integer.compare(global[a], global[b]) : b - a);
      for (int ord = 0; ord < global.length; ord++) {
        if (global[ord] > 0) {
          if (best.size() < shown) {
            best.add(ord);
          } else if (global[ord] > global[best.peek()]) {
            best.poll();
            best.add(ord);
          }
        }
      }
      long[] shownOrds = best.stream().mapToLong(Integer::longValue).toArray();
      List<String> names = ordinals.values(f, shownOrds);
      Map<String, Long> values = new HashMap<>();
      for (int k = 0; k < shownOrds.length; k++) {
        values.put(names.get(k), (long) global[(int) shownOrds[k]]);
      }
      String value = chosen.get(facets[f]);
      if (value != null && !values.containsKey(value)) {
        long ord = ordinals.ordinal(f, value);
        if (ord >= 0 && global[(int) ord] > 0) {
          values.put(value, (long) global[(int) ord]);
        }
      }
      counts.put(facets[f], values);
    }
    return counts;
  }

  long total() {
    return total;
  }
}
