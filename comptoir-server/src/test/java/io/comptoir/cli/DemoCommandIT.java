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
    assertThat(first.out()).contains("demo glossary: 10 term(s) created; 3 product(s) certified");
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
    }
    CliHarness.Result products = cli.run("products", "--data-dir=data");
    assertThat(products.out()).contains("codes-postaux");
    assertThat(cli.run("versions", "codes-postaux", "--data-dir=data").out())
        .containsPattern("(?m)^1 +\\S+ +39192 ");
  }
}
