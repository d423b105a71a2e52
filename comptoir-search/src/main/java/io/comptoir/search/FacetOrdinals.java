package io.comptoir.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * The facet values of one index view numbered across its segments (global ordinals, in byte order),
 * built once per view: counting then adds to one array per facet, and only the values shown are
 * turned into strings. Immutable, shared by concurrent searches of the same view.
 */
final class FacetOrdinals {
  private static final SearchFacet[] FACETS = SearchFacet.values();

  private final IndexReader reader;
  private final List<LeafReaderContext> leaves;

  /** Per facet, the map from each segment's ordinals to global ones; null with one segment. */
  private final OrdinalMap[] maps = new OrdinalMap[FACETS.length];

  private final long[] valueCounts = new long[FACETS.length];

  private FacetOrdinals(IndexReader reader) throws IOException {
    this.reader = reader;
    this.leaves = reader.leaves();
    for (int f = 0; f < FACETS.length; f++) {
      SortedSetDocValues[] values = new SortedSetDocValues[leaves.size()];
      for (int l = 0; l < leaves.size(); l++) {
        values[l] = DocValues.getSortedSet(leaves.get(l).reader(), FACETS[f].field());
      }
      if (values.length > 1) {
        maps[f] = OrdinalMap.build(null, values, PackedInts.DEFAULT);
        valueCounts[f] = maps[f].getValueCount();
      } else {
        valueCounts[f] = values.length == 0 ? 0 : values[0].getValueCount();
      }
    }
  }

  static FacetOrdinals of(IndexReader reader) throws IOException {
    return new FacetOrdinals(reader);
  }

  /** Whether these ordinals number the values of that view. */
  boolean isOf(IndexReader other) {
    return reader == other;
  }

  /** How many distinct values a facet has in the whole view. */
  int valueCount(int facet) {
    return Math.toIntExact(valueCounts[facet]);
  }

  /** A segment's ordinals to global ones. */
  LongValues toGlobal(int facet, LeafReaderContext leaf) {
    return maps[facet] == null ? LongValues.IDENTITY : maps[facet].getGlobalOrds(leaf.ord);
  }

  /** The values of global ordinals of a facet, in the order given. */
  List<String> values(int facet, long[] globals) throws IOException {
    SortedSetDocValues[] bySegment = new SortedSetDocValues[leaves.size()];
    List<String> values = new ArrayList<>(globals.length);
    for (long global : globals) {
      int segment = maps[facet] == null ? 0 : maps[facet].getFirstSegmentNumber(global);
      long ord = maps[facet] == null ? global : maps[facet].getFirstSegmentOrd(global);
      if (bySegment[segment] == null) {
        bySegment[segment] =
            DocValues.getSortedSet(leaves.get(segment).reader(), FACETS[facet].field());
      }
      values.add(bySegment[segment].lookupOrd(ord).utf8ToString());
    }
    return values;
  }

  /** The global ordinal of a value, or -1 when no product holds it. */
  long ordinal(int facet, String value) throws IOException {
    BytesRef term = new BytesRef(value);
    for (LeafReaderContext leaf : leaves) {
      SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), FACETS[facet].field());
      long ord = values.lookupTerm(term);
      if (ord >= 0) {
        return toGlobal(facet, leaf).get(ord);
      }
    }
    return -1;
  }
}
