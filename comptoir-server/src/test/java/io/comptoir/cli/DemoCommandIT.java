package io.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.demo.DemoUsers;
import io.comptoir.identity.User;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, loaded twice into the same data directory: the second load ingests nothing. */
class DemoCommandIT {
  @TempDir Path directory;

  @Test
  void loadsTheDemoOnceAndSkipsItTheSecondTime() {
    CliHarness cli = new CliHarness(directory);

    CliHarness.Result first = cli.run("demo", "--no-serve", "--data-dir=data");
    CliHarness.Result second = cli.run("demo", "--no-serve", "--data-dir=data");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("codes-postaux")
        .containsPattern("demo loaded: \\d+ entities, \\d+ domains, (\\d+) products, \\1 version");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(first.out())
        .contains("demo users (7 created, password 'comptoir-demo')")
        .containsPattern("(?m)^  olivier\\.proprietaire +DATA_OWNER +BSCC$");
    assertThat(second.out()).contains("0 version(s) created", "already loaded");
    assertThat(second.out()).contains("demo users (0 created, password 'comptoir-demo')");
    assertThat(first.out()).contains("demo glossary: 11 term(s) created; 3 product(s) certified");
    assertThat(second.out()).contains("demo glossary: 0 term(s) created; 0 product(s) certified");
    try (Comptoir comptoir =
        Comptoir.open(Fixtures.configuration(directory.resolve("data"), Map.of()))) {
      var standing = comptoir.standing();
      assertThat(standing.certification(io.comptoir.demo.DemoCatalog.POSTAL_CODES))
          .contains(io.comptoir.score.StandingFacts.CertificationLevel.GOLD);
      assertThat(standing.certification(io.comptoir.demo.DemoCatalog.POST_OFFICES))
          .contains(io.comptoir.score.StandingFacts.CertificationLevel.SILVER);
      java.util.Set<Integer> scores = new java.util.TreeSet<>();
      for (var id : io.comptoir.demo.DemoCatalog.productIds()) {
        scores.add(standing.score(id).orElseThrow());
      }
      // the scores differ between products
      assertThat(scores).hasSizeGreaterThan(3);
      assertThat(comptoir.glossary().deprecatedLinks(io.comptoir.demo.DemoCatalog.BANK_ACCOUNTS))
          .containsOnlyKeys("code_guichet");
      assertThat(
              comptoir
                  .glossary()
                  .columnTerms(io.comptoir.demo.DemoCatalog.POSTAL_CODES)
                  .get("code_postal"))
          .containsExactly("code-postal");
      for (User user : DemoUsers.USERS) {
        assertThat(
                comptoir
                    .identityProvider()
                    .authenticate(user.username().value(), DemoUsers.PASSWORD)
                    .roles())
            .as(user.username().value())
            .isEqualTo(user.roles());
      }
      assertDemoQuality(comptoir);
    }
    CliHarness.Result products = cli.run("products", "--data-dir=data");
    assertThat(products.out()).contains("codes-postaux");
    assertThat(cli.run("versions", "codes-postaux", "--data-dir=data").out())
        .containsPattern("(?m)^1 +\\S+ +39192 ");
  }

  /** Every demo product with rules has results for its version; some warn rules fail on purpose. */
  private static void assertDemoQuality(Comptoir comptoir) {
    java.util.Set<Double> passRates = new java.util.HashSet<>();
    for (io.comptoir.catalog.ProductId product : io.comptoir.demo.DemoQuality.rules().keySet()) {
      io.comptoir.quality.QualityFacts.QualityOutcome outcome =
          comptoir.quality().latestOutcome(product).orElseThrow();
      assertThat(outcome.version()).as(product.value()).isEqualTo(1);
      assertThat(comptoir.quality().freshnessSla(product)).as(product.value()).isPresent();
      passRates.add(outcome.passRate());
      // no error rule failed: the demo data is clean where it must be
      assertThat(comptoir.quality().results(product, 1))
          .as(product.value())
          .filteredOn(r -> r.severity().equals("error"))
          .allMatch(io.comptoir.quality.QualityFacts.RuleResult::success);
    }
    assertThat(passRates).hasSizeGreaterThan(1);
    assertThat(failedRules(comptoir, io.comptoir.demo.DemoCatalog.POSTAL_CODES))
        .containsExactly("coordonnees-connues");
    assertThat(failedRules(comptoir, io.comptoir.demo.DemoCatalog.PARCELS))
        .contains("poids-manutention-legere");
    assertThat(failedRules(comptoir, io.comptoir.demo.DemoCatalog.MAIL_VOLUMES))
        .contains("mesures-recentes");
  }

  private static java.util.List<String> failedRules(
      Comptoir comptoir, io.comptoir.catalog.ProductId product) {
    return comptoir.quality().results(product, 1).stream()
        .filter(r -> !r.success())
        .map(io.comptoir.quality.QualityFacts.RuleResult::rule)
        .toList();
  }
}
