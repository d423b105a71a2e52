package io.comptoir.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

class ContractTermsTest {
  private final ContractTerms terms =
      new ContractTerms(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Period.ofMonths(6));
  private final Instant approved = Instant.parse("2026-01-01T09:00:00Z");

  @Test
  void isActiveWithinItsDatesAndReviews() {
    assertThat(terms.statusAt(Instant.parse("2026-03-01T00:00:00Z"), approved))
        .isEqualTo(ContractStatus.ACTIVE);
    assertThat(terms.statusAt(Instant.parse("2026-07-01T23:59:59Z"), approved))
        .isEqualTo(ContractStatus.ACTIVE);
  }

  @Test
  void isSuspendedTheDayAfterItsReviewWasDue() {
    assertThat(terms.statusAt(Instant.parse("2026-07-02T00:00:00Z"), approved))
        .isEqualTo(ContractStatus.SUSPENDED);
    assertThat(
            terms.statusAt(
                Instant.parse("2026-07-02T00:00:00Z"), Instant.parse("2026-06-30T00:00:00Z")))
        .isEqualTo(ContractStatus.ACTIVE);
  }

  @Test
  void expiresTheDayAfterItsEndDate() {
    Instant review = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(terms.statusAt(Instant.parse("2026-12-31T23:59:59Z"), review))
        .isEqualTo(ContractStatus.ACTIVE);
    assertThat(terms.statusAt(Instant.parse("2027-01-01T00:00:00Z"), review))
        .isEqualTo(ContractStatus.EXPIRED);
  }

  @Test
  void tellsWhenItStartsAndWhenItEndsSoon() {
    assertThat(terms.startsAfter(Instant.parse("2025-12-31T12:00:00Z")))
        .contains(LocalDate.of(2026, 1, 1));
    assertThat(terms.startsAfter(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
    assertThat(terms.endsWithin(Instant.parse("2026-12-05T00:00:00Z"), 30)).isTrue();
    assertThat(terms.endsWithin(Instant.parse("2026-11-01T00:00:00Z"), 30)).isFalse();
  }

  @Test
  void refusesBadDatesAndTooLongContracts() {
    assertThatThrownBy(
            () ->
                new ContractTerms(
                    LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1), Period.ofMonths(1)))
        .hasMessage("end date 2026-01-01 is before start date 2026-02-01");
    assertThatThrownBy(() -> terms.requireAtMost(Period.ofMonths(6)))
        .hasMessage("a contract lasts at most P6M: 2026-01-01 to 2026-12-31 is longer");
    assertThatThrownBy(
            () ->
                new ContractTerms(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), Period.ZERO))
        .hasMessage("review period must be positive, got P0D");
  }
}
