package io.comptoir.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BytesRef;

/**
 * Counts, in one pass over the products matching the words, how many match every chosen facet value
 * (the total) and, for each facet, the values among the products matching the choices of the other
 * facets. Works on the ordinals of each segment, turned into strings once per segment.
 */
final class FacetCounter extends SimpleCollector {
  private static final long NOT_CHOSEN = -2;
  private static final long ABSENT = -1;

  private final SearchFacet[] facets = SearchFacet.values();
  private final Map<SearchFacet, String> chosen;
  private final Map<SearchFacet, Map<String, Long>> counts = new EnumMap<>(SearchFacet.class);
  private final SortedSetDocValues[] values = new SortedSetDocValues[facets.length];
  private final long[] chosenOrd = new long[facets.length];
  private long[][] leafCounts = new long[facets.length][];
  private final long[][] ords = new long[facets.length][8];
  private final int[] ordCount = new int[facets.length];
  private long total;

  /** One segment's counts, kept until the end to count the values shown exactly. */
  private record Leaf(SortedSetDocValues[] values, long[][] counts) {}

  private final java.util.List<Leaf> leaves = new java.util.ArrayList<>();
  private final int shown;

  /**
   * @param shown how many values per facet are wanted: each segment proposes its most frequent
   *     values (and the chosen one), whose counts are then summed exactly over every segment
   */
  FacetCounter(Map<SearchFacet, String> chosen, int shown) {
    this.shown = shown;
    this.chosen = chosen;
    for (SearchFacet facet : facets) {
      counts.put(facet, new HashMap<>());
    }
  }

  @Override
  protected void doSetNextReader(LeafReaderContext context) throws IOException {
    flush();
    leafCounts = new long[facets.length][];
    for (int f = 0; f < facets.length; f++) {
      SortedSetDocValues docValues = DocValues.getSortedSet(context.reader(), facets[f].field());
      values[f] = docValues;
      String value = chosen.get(facets[f]);
      if (value == null) {
        chosenOrd[f] = NOT_CHOSEN;
      } else {
        long ord = docValues.lookupTerm(new BytesRef(value));
        chosenOrd[f] = ord < 0 ? ABSENT : ord;
      }
      leafCounts[f] = new long[Math.toIntExact(docValues.getValueCount())];
    }
  }

  @Override
  public void collect(int doc) throws IOException {
    int unmet = 0;
    int lastUnmet = -1;
    for (int f = 0; f < facets.length; f++) {
      ordCount[f] = 0;
      if (values[f].advanceExact(doc)) {
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
    for (int k = 0; k < ordCount[f]; k++) {
      leafCounts[f][(int) ords[f][k]]++;
    }
  }

  private void flush() {
    if (values[0] != null) {
      leaves.add(new Leaf(values.clone(), leafCounts.clone()));
      Arrays.fill(values, null);
    }
  }

  /** Each segment's most frequent values and the chosen ones, then their exact sums. */
  private void sum() throws IOException {
    for (int f = 0; f < facets.length; f++) {
      java.util.Set<String> candidates = new java.util.HashSet<>();
      if (chosen.get(facets[f]) != null) {
        candidates.add(chosen.get(facets[f]));
      }
      for (Leaf leaf : leaves) {
        long[] leafCount = leaf.counts()[f];
        long[] positive = Arrays.stream(leafCount).filter(c -> c > 0).toArray();
        long threshold = 1;
        if (positive.length > shown) {
          Arrays.sort(positive);
          threshold = positive[positive.length - shown];
        }
        for (int ord = 0; ord < leafCount.length; ord++) {
          if (leafCount[ord] > 0 && leafCount[ord] >= threshold) {
            candidates.add(leaf.values()[f].lookupOrd(ord).utf8ToString());
          }
        }
      }
      for (String value : candidates) {
        long sum = 0;
        for (Leaf leaf : leaves) {
          long ord = leaf.values()[f].lookupTerm(new BytesRef(value));
          if (ord >= 0) {
            sum += leaf.counts()[f][(int) ord];
          }
        }
        if (sum > 0) {
          counts.get(facets[f]).put(value, sum);
        }
      }
    }
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  /** The counts, once the search is over. */
  Map<SearchFacet, Map<String, Long>> counts() throws IOException {
    flush();
    if (!leaves.isEmpty()) {
      sum();
      leaves.clear();
    }
    return counts;
  }

  long total() {
    return total;
  }
}
