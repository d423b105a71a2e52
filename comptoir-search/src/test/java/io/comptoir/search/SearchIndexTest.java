package io.comptoir.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.MetadataChanges;
import io.comptoir.demo.DemoCatalog;
import io.comptoir.glossary.GlossaryFacts;
import io.comptoir.score.StandingFacts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final DemoSources sources = new DemoSources();

  private SearchIndex index() {
    return SearchIndex.inMemory(sources, RankingWeights.DEFAULT, Clock.systemUTC());
  }

  private static List<String> ids(SearchResult result) {
    return result.products().stream().map(hit -> hit.id().value()).toList();
  }

  private static SearchResult search(SearchIndex index, String query) {
    return index.search(SearchRequest.of(query), SearchVisibility.everything());
  }

  private static DataProduct product(String id, String title, String description, String entity) {
    return new DataProduct(
        ProductId.of(id),
        title,
        description,
        entity,
        "clients",
        "marie.dupont",
        "",
        "",
        Classification.INTERNAL,
        List.of("test"),
        List.of(new Column("raison_sociale", DataType.STRING, "Nom de l'entreprise", null, "")),
        NOW,
        NOW);
  }

  @Test
  void foldsAccentsAndCase() {
    sources.products.put(
        ProductId.of("entreprises"),
        product("entreprises", "Société clientes", "Les sociétés clientes.", "BGPN"));
    try (SearchIndex index = search()) {
      assertThat(ids(search(index, "societe"))).first().isEqualTo("entreprises");
      assertThat(ids(search(index, "SOCIÉTÉ"))).first().isEqualTo("entreprises");
    }
  }

  private SearchIndex search() {
    return index();
  }

  @Test
  void stemsFrenchWordsAndMatchesWordsOfTheSameFamily() {
    sources.products.put(
        ProductId.of("tournees"),
        product("tournees", "Tournées", "La livraison de colis par les facteurs.", "BSCC"));
    try (SearchIndex index = index()) {
      SearchResult result = search(index, "colis livrés");
      assertThat(ids(result)).contains("tournees", "colis-expedies");
      assertThat(result.relaxed()).isFalse();
    }
  }

  @Test
  void toleratesATypoInLongWordsOnly() {
    try (SearchIndex index = index()) {
      assertThat(ids(search(index, "reclamatoin"))).first().isEqualTo("reclamations-clients");
      assertThat(ids(search(index, "assurence")))
          .first()
          .isEqualTo("contrats-assurance-emprunteur");
      // four letters: no typo allowed, "iabn" is not "iban"
      assertThat(search(index, "iabn").total()).isZero();
    }
  }

  @Test
  void boostsTheExactNameAndMatchesPrefixes() {
    try (SearchIndex index = index()) {
      assertThat(ids(search(index, "Comptes bancaires"))).first().isEqualTo("comptes-bancaires");
      assertThat(ids(search(index, "colis-expedies"))).first().isEqualTo("colis-expedies");
      assertThat(ids(search(index, "assur"))).first().isEqualTo("contrats-assurance-emprunteur");
    }
  }

  @Test
  void requiresEveryWordThenRelaxesWhenNothingHasThemAll() {
    try (SearchIndex index = index()) {
      SearchResult strict = search(index, "colis poids");
      assertThat(strict.relaxed()).isFalse();
      assertThat(ids(strict)).first().isEqualTo("colis-expedies");
      SearchResult relaxed = search(index, "colis introuvablissime");
      assertThat(relaxed.relaxed()).isTrue();
      assertThat(ids(relaxed)).contains("colis-expedies");
      assertThat(search(index, "introuvablissime").total()).isZero();
    }
  }

  @Test
  void countsFacetsAmongTheProductsMatchingTheOtherChoices() {
    try (SearchIndex index = index()) {
      SearchResult all = search(index, "");
      assertThat(all.total()).isEqualTo(11);
      assertThat(all.facets().get(SearchFacet.ENTITY))
          .extracting(SearchResult.FacetCount::value)
          .contains("BSCC", "LBP");
      SearchResult bscc =
          index.search(
              new SearchRequest("", Map.of(SearchFacet.ENTITY, "BSCC"), SearchSort.TITLE, 0, 20),
              SearchVisibility.everything());
      assertThat(bscc.total()).isEqualTo(4);
      // the entity facet still counts the other entities, as if BSCC were not chosen
      assertThat(bscc.facets().get(SearchFacet.ENTITY))
          .contains(new SearchResult.FacetCount("BSCC", 4), new SearchResult.FacetCount("LBP", 2));
      assertThat(bscc.facets().get(SearchFacet.DOMAIN))
          .extracting(SearchResult.FacetCount::value)
          .containsExactlyInAnyOrder("colis", "courrier", "referentiels");
      assertThat(bscc.facets().get(SearchFacet.CERTIFICATION))
          .containsExactly(new SearchResult.FacetCount("NONE", 4));
    }
  }

  @Test
  void showsOnlyTheProductsOfTheEntitiesTheCallerMaySee() {
    try (SearchIndex index = index()) {
      SearchResult lbp =
          index.search(SearchRequest.of("comptes"), SearchVisibility.onlyEntities(Set.of("LBP")));
      assertThat(ids(lbp)).containsExactlyInAnyOrder("comptes-bancaires", "transactions-bancaires");
      assertThat(lbp.facets().get(SearchFacet.ENTITY))
          .extracting(SearchResult.FacetCount::value)
          .containsExactly("LBP");
      assertThat(ids(search(index, "comptes"))).contains("comptes-identite-numerique");
    }
  }

  @Test
  void expandsApprovedGlossarySynonymsOnly() {
    sources.glossary =
        glossary(
            new GlossaryFacts.TermSummary(
                "t1",
                "Colis",
                "Envoi de marchandise.",
                List.of("parcel", "paquet"),
                GlossaryFacts.TermStatus.APPROVED),
            new GlossaryFacts.TermSummary(
                "t2",
                "Compte",
                "Compte bancaire.",
                List.of("account"),
                GlossaryFacts.TermStatus.DRAFT));
    try (SearchIndex index = index()) {
      assertThat(ids(search(index, "parcel"))).first().isEqualTo("colis-expedies");
      assertThat(search(index, "parcel").products().get(0).title().html())
          .isEqualTo("<mark>Colis</mark> expédiés");
      assertThat(search(index, "account").total()).isZero();
      assertThat(search(index, "paquet").others())
          .extracting(SearchResult.OtherHit::id)
          .contains("t1");
    }
  }

  @Test
  void readsAnEnglishQuestionThroughTheGlossarysEnglishSynonyms() {
    // the demo glossary: colis (parcel), poids taxé (weight), code postal (postcode); the
    // question's words which, have, per and products are not searched for
    try (SearchIndex index = index()) {
      SearchResult result = search(index, "Which products have the parcel weights per postcode?");
      assertThat(result.relaxed()).isFalse();
      assertThat(ids(result)).first().isEqualTo("colis-expedies");
      // a word matches a synonym by its stem: "weights" is the synonym "weight"
      assertThat(ids(search(index, "parcel weights"))).containsExactly("colis-expedies");
      // alone, a word naming the catalog's things is searched for
      assertThat(search(index, "produit").total()).isPositive();
    }
  }

  @Test
  void ranksWithTheDataScoreCertificationAndConsumption() {
    String second;
    try (SearchIndex index = index()) {
      List<String> plain = ids(search(index, "bancaires"));
      assertThat(plain).hasSize(2);
      second = plain.get(1);
    }
    sources.standing = standing(Map.of(second, 95), second);
    sources.reads = Map.of(ProductId.of(second), 500L);
    try (SearchIndex index = index()) {
      SearchResult result = search(index, "bancaires");
      assertThat(ids(result).get(0)).isEqualTo(second);
      assertThat(result.products().get(0).certification()).isEqualTo("GOLD");
      assertThat(result.products().get(0).dataScore()).hasValue(95);
      assertThat(result.facets().get(SearchFacet.CERTIFICATION))
          .contains(new SearchResult.FacetCount("GOLD", 1));
      SearchResult byScore =
          index.search(
              new SearchRequest("", Map.of(), SearchSort.SCORE, 0, 3),
              SearchVisibility.everything());
      assertThat(ids(byScore).get(0)).isEqualTo(second);
    }
  }

  @Test
  void followsMetadataChanges() {
    MetadataChanges changes = new MetadataChanges();
    try (SearchIndex index = index()) {
      index.follow(changes);
      assertThat(search(index, "hydravions").total()).isZero();
      sources.products.put(
          ProductId.of("tournees"),
          product("tournees", "Hydravions postaux", "Les hydravions.", "BSCC"));
      changes.publish(MetadataChanges.Kind.PRODUCT, "tournees");
      assertThat(ids(search(index, "hydravions"))).containsExactly("tournees");
      sources.products.remove(ProductId.of("tournees"));
      changes.publish(MetadataChanges.Kind.PRODUCT, "tournees");
      assertThat(search(index, "hydravions").total()).isZero();
    }
  }

  @Test
  void keepsTheIndexOnDiskAndRebuildsItWhenStale(@TempDir Path directory) {
    try (SearchIndex index =
        SearchIndex.open(directory, sources, RankingWeights.DEFAULT, Clock.systemUTC())) {
      assertThat(index.persistent()).isTrue();
      assertThat(index.products()).isEqualTo(11);
    }
    try (SearchIndex index =
        SearchIndex.open(directory, sources, RankingWeights.DEFAULT, Clock.systemUTC())) {
      assertThat(index.rebuildIfStale()).isFalse();
    }
    // changed while no index followed: found stale at the next start
    sources.products.put(
        ProductId.of("tournees"), product("tournees", "Hydravions", "Les hydravions.", "BSCC"));
    try (SearchIndex index =
        SearchIndex.open(directory, sources, RankingWeights.DEFAULT, Clock.systemUTC())) {
      assertThat(index.products()).isEqualTo(12);
      assertThat(ids(search(index, "hydravions"))).containsExactly("tournees");
      // a second process on the same directory searches in memory
      try (SearchIndex other =
          SearchIndex.open(directory, sources, RankingWeights.DEFAULT, Clock.systemUTC())) {
        assertThat(other.persistent()).isFalse();
        assertThat(other.products()).isEqualTo(12);
      }
    }
  }

  @Test
  void highlightsMatchedWordsAndEscapesTheRest() {
    sources.products.put(
        ProductId.of("piege"),
        product("piege", "Colis <script>", "Un colis & un <b>piège</b>.", "BSCC"));
    try (SearchIndex index = index()) {
      SearchResult.ProductHit hit =
          search(index, "piège").products().stream()
              .filter(h -> h.id().value().equals("piege"))
              .findFirst()
              .orElseThrow();
      assertThat(hit.title().html()).isEqualTo("Colis &lt;script&gt;");
      assertThat(hit.description().html())
          .isEqualTo("Un colis &amp; un &lt;b&gt;<mark>piège</mark>&lt;/b&gt;.");
      SearchResult.ProductHit parcels = search(index, "poids").products().get(0);
      assertThat(parcels.columns())
          .anySatisfy(c -> assertThat(c.html()).contains("<mark>poids</mark>"));
    }
  }

  @Test
  void refusesBadRequestsClearly() {
    assertThatThrownBy(
            () -> new SearchRequest("x".repeat(501), Map.of(), SearchSort.RELEVANCE, 0, 20))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("at most 500");
    assertThatThrownBy(() -> new SearchRequest("", Map.of(), SearchSort.RELEVANCE, 0, 101))
        .isInstanceOf(ComptoirException.class);
    assertThatThrownBy(() -> new RankingWeights(1, -1, 0, 0)).isInstanceOf(ComptoirException.class);
  }

  private static GlossaryFacts glossary(GlossaryFacts.TermSummary... terms) {
    return new GlossaryFacts() {
      @Override
      public List<TermSummary> terms() {
        return List.of(terms);
      }

      @Override
      public Map<String, List<String>> columnTerms(ProductId product) {
        return Map.of();
      }
    };
  }

  private static StandingFacts standing(Map<String, Integer> scores, String gold) {
    return new StandingFacts() {
      @Override
      public OptionalInt score(ProductId product) {
        Integer score = scores.get(product.value());
        return score == null ? OptionalInt.empty() : OptionalInt.of(score);
      }

      @Override
      public Optional<CertificationLevel> certification(ProductId product) {
        return product.value().equals(gold)
            ? Optional.of(CertificationLevel.GOLD)
            : Optional.empty();
      }
    };
  }

  static {
    // the demo catalog the tests rely on
    assertThat(DemoCatalog.productIds()).hasSize(11);
  }
}
