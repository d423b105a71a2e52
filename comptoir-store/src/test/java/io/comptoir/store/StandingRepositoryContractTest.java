package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.ProductId;
import io.comptoir.score.Certification;
import io.comptoir.score.CertificationStatus;
import io.comptoir.score.CheckAnswer;
import io.comptoir.score.Criterion;
import io.comptoir.score.CriterionScore;
import io.comptoir.score.DataScore;
import io.comptoir.score.Reason;
import io.comptoir.score.ReasonCode;
import io.comptoir.score.StandingFacts.CertificationLevel;
import io.comptoir.score.StandingRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standing (score and certification) repository contract, on SQLite and PostgreSQL. */
abstract class StandingRepositoryContractTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final ProductId PARCELS = ProductId.of("colis-suivi");

  private MetadataStore store;
  private StandingRepository standing;

  abstract MetadataStore openFreshStore() throws Exception;

  abstract void dropFreshStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openFreshStore();
    standing = store.standing();
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    dropFreshStore();
  }

  private static DataScore score(int value, Instant at, List<Reason> ownership) {
    return new DataScore(
        PARCELS,
        value,
        List.of(
            new CriterionScore(
                Criterion.DOCUMENTATION,
                1.75 / 3,
                25,
                25 * 1.75 / 3,
                List.of(
                    Reason.of(ReasonCode.DOCUMENTATION_DESCRIPTION),
                    Reason.of(ReasonCode.DOCUMENTATION_DESCRIBED, 2, 4))),
            new CriterionScore(Criterion.OWNERSHIP, 1, 15, 15, ownership),
            new CriterionScore(Criterion.QUALITY, 0, 20, 0, List.of())),
        at);
  }

  @Test
  void keepsTheScoreWithItsReasonsCodesAndValuesExactly() {
    // values holding the separators of the stored text: tab, backslash, line break
    List<Reason> awkward =
        List.of(
            Reason.of(ReasonCode.OWNERSHIP_OWNER, "data\tcolis\\n@example.org"),
            Reason.of(ReasonCode.OWNERSHIP_STEWARD, "back\\slash\nnew line"),
            Reason.of(ReasonCode.OWNERSHIP_SOURCE, ""));
    DataScore first = score(62, T0, awkward);
    standing.saveScore(first);

    DataScore read = standing.findScore(PARCELS).orElseThrow();
    assertThat(read).isEqualTo(first);
    assertThat(read.criterion(Criterion.OWNERSHIP).orElseThrow().reasons().get(1).arguments())
        .containsExactly("back\\slash new line");

    DataScore second =
        score(70, T0.plusSeconds(60), List.of(Reason.of(ReasonCode.OWNERSHIP_NO_STEWARD)));
    standing.saveScore(second);
    assertThat(standing.findScore(PARCELS)).contains(second);
    assertThat(standing.listScores()).containsExactly(second);
    assertThat(standing.findScore(ProductId.of("other"))).isEmpty();
  }

  @Test
  void keepsTheHistoryOfCertificationsAndEndsThem() {
    Certification silver =
        new Certification(
            "c-1",
            PARCELS,
            CertificationLevel.SILVER,
            62,
            List.of(
                new CheckAnswer("documentation>=60", true, true, "documentation at 70%, needs 60%"),
                new CheckAnswer("support-contact", true, false, "support@example.org")),
            "dora",
            T0,
            LocalDate.parse("2026-09-10"),
            CertificationStatus.IN_FORCE,
            Optional.empty(),
            "");
    standing.saveCertification(silver);
    assertThat(standing.inForce()).containsExactly(silver);

    Certification lapsed =
        silver.ended(
            CertificationStatus.LAPSED,
            T0.plusSeconds(3600),
            "score 48 fell below the SILVER floor of 55");
    standing.saveCertification(lapsed);
    Certification gold =
        new Certification(
            "c-2",
            PARCELS,
            CertificationLevel.GOLD,
            80,
            List.of(),
            "dora",
            T0.plusSeconds(7200),
            LocalDate.parse("2027-01-10"),
            CertificationStatus.IN_FORCE,
            Optional.empty(),
            "");
    standing.saveCertification(gold);

    assertThat(standing.certifications(PARCELS)).containsExactly(gold, lapsed);
    assertThat(standing.inForce()).containsExactly(gold);
    assertThat(standing.certifications(ProductId.of("other"))).isEmpty();
  }
}
