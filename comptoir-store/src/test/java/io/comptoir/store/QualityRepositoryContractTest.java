package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.ProductId;
import io.comptoir.quality.QualityFacts.RuleResult;
import io.comptoir.quality.QualityRepository;
import io.comptoir.quality.StoredRules;
import io.comptoir.quality.VersionResults;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quality repository contract, run on SQLite and PostgreSQL by the subclasses. */
abstract class QualityRepositoryContractTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final ProductId PARCELS = ProductId.of("colis-suivi");

  private MetadataStore store;
  private QualityRepository quality;

  abstract MetadataStore openFreshStore() throws Exception;

  abstract void dropFreshStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openFreshStore();
    quality = store.quality();
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    dropFreshStore();
  }

  @Test
  void keepsTheDocumentAsWrittenAndReplacesIt() {
    assertThat(quality.findRules(PARCELS)).isEmpty();
    quality.saveRules(new StoredRules(PARCELS, "rules: [] # first", "olivier", T0));
    quality.saveRules(new StoredRules(PARCELS, "rules: [] # second", "sarah", T0.plusSeconds(5)));

    assertThat(quality.findRules(PARCELS))
        .contains(new StoredRules(PARCELS, "rules: [] # second", "sarah", T0.plusSeconds(5)));
  }

  @Test
  void keepsTheResultsOfEachVersionInRuleOrder() {
    RuleResult notNull =
        new RuleResult("code-set", "not_null", "code", "error", false, 3, "3 rows");
    RuleResult unique = new RuleResult("id-unique", "unique", "id,day", "warn", true, 0, "");
    RuleResult count =
        new RuleResult("stable", "row_count_change", "", "warn", false, 0, "+80% (max 50%)");
    quality.saveResults(PARCELS, new VersionResults(1, T0, List.of(notNull, unique)));
    quality.saveResults(PARCELS, new VersionResults(2, T0.plusSeconds(60), List.of(unique, count)));
    // saving a version again replaces its results
    quality.saveResults(PARCELS, new VersionResults(2, T0.plusSeconds(90), List.of(count, unique)));

    assertThat(quality.findResults(PARCELS, 1))
        .contains(new VersionResults(1, T0, List.of(notNull, unique)));
    assertThat(quality.listResults(PARCELS, 10))
        .containsExactly(
            new VersionResults(2, T0.plusSeconds(90), List.of(count, unique)),
            new VersionResults(1, T0, List.of(notNull, unique)));
    assertThat(quality.listResults(PARCELS, 1))
        .extracting(VersionResults::version)
        .containsExactly(2);
    assertThat(quality.findResults(PARCELS, 3)).isEmpty();
    assertThat(quality.listResults(ProductId.of("other"), 10)).isEmpty();
  }
}
