package io.comptoir.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.ProductId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The quality of the results, measured on the judged queries of {@code judged-queries.tsv} against
 * the demo catalog: mean reciprocal rank of the first relevant product and recall at 5 (share of
 * queries with a relevant product among the first five). The thresholds sit just under what was
 * measured (docs/search.md), so that a change making the results worse fails.
 */
class JudgedQueriesTest {
  /**
   * Measured 2026-11-27 with the demo glossary: MRR 0.961, recall@5 0.980 (51 queries); see
   * docs/search.md.
   */
  static final double MIN_MRR = 0.95;

  static final double MIN_RECALL_AT_5 = 0.96;

  record Judged(String language, String query, Set<ProductId> expected) {}

  static List<Judged> judged() throws IOException {
    List<Judged> judged = new ArrayList<>();
    try (InputStream in = JudgedQueriesTest.class.getResourceAsStream("judged-queries.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        Set<ProductId> expected =
            Set.copyOf(List.of(fields[2].split(",")).stream().map(ProductId::of).toList());
        judged.add(new Judged(fields[0], fields[1], expected));
      }
    }
    return judged;
  }

  @Test
  void findsTheExpectedProductsFirst() throws IOException {
    List<Judged> judged = judged();
    assertThat(judged).hasSizeGreaterThanOrEqualTo(40);
    assertThat(judged).anyMatch(j -> j.language().equals("en"));
    double reciprocal = 0;
    int found = 0;
    List<String> misses = new ArrayList<>();
    try (SearchIndex index =
        SearchIndex.inMemory(new DemoSources(), RankingWeights.DEFAULT, Clock.systemUTC())) {
      for (Judged query : judged) {
        List<ProductId> ids =
            index
                .search(SearchRequest.of(query.query()), SearchVisibility.everything())
                .products()
                .stream()
                .map(SearchResult.ProductHit::id)
                .toList();
        int rank = 0;
        for (int i = 0; i < ids.size(); i++) {
          if (query.expected().contains(ids.get(i))) {
            rank = i + 1;
            break;
          }
        }
        if (rank > 0) {
          reciprocal += 1.0 / rank;
        }
        if (rank > 0 && rank <= 5) {
          found++;
        } else {
          misses.add(query.query() + " -> " + ids.stream().limit(3).toList());
        }
        if (rank != 1) {
          System.out.println("judged: '" + query.query() + "' first relevant at " + rank);
        }
      }
    }
    double mrr = reciprocal / judged.size();
    double recall = (double) found / judged.size();
    System.out.printf(
        Locale.ROOT,
        "judged_queries=%d search_mrr=%.3f search_recall_at_5=%.3f misses=%s%n",
        judged.size(),
        mrr,
        recall,
        misses);
    assertThat(mrr).as("MRR").isGreaterThanOrEqualTo(MIN_MRR);
    assertThat(recall).as("recall@5").isGreaterThanOrEqualTo(MIN_RECALL_AT_5);
  }
}
