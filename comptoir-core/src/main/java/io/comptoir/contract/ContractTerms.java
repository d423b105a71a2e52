package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The dates of a contract, and what they make of an approved contract at a given instant: checked
 * on every read, not only by a job.
 *
 * @param start first day of use
 * @param end last day of use (inclusive)
 * @param reviewPeriod how often the contract must be reviewed
 */
public record ContractTerms(LocalDate start, LocalDate end, Period reviewPeriod) {
  public ContractTerms {
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    requireNonNull(reviewPeriod, "reviewPeriod is null");
    if (end.isBefore(start)) {
      throw ComptoirException.invalidInput("end date %s is before start date %s", end, start);
    }
    if (reviewPeriod.isNegative() || reviewPeriod.isZero()) {
      throw ComptoirException.invalidInput("review period must be positive, got %s", reviewPeriod);
    }
  }

  /** Checks the duration against the configured maximum. */
  public void requireAtMost(Period maximum) {
    if (end.isAfter(start.plus(maximum))) {
      throw ComptoirException.invalidInput(
          "a contract lasts at most %s: %s to %s is longer", maximum, start, end);
    }
  }

  /**
   * The status of a contract its committee approved, at {@code now} (UTC days): EXPIRED after its
   * end date, SUSPENDED when its review is overdue, ACTIVE otherwise (also before the start date,
   * when reads are refused as not yet started: see {@link #startsAfter}).
   *
   * @param lastReview when it was approved or last reviewed
   */
  public ContractStatus statusAt(Instant now, Instant lastReview) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (today.isAfter(end)) {
      return ContractStatus.EXPIRED;
    }
    if (reviewDue(lastReview).isBefore(today)) {
      return ContractStatus.SUSPENDED;
    }
    return ContractStatus.ACTIVE;
  }

  /** The last day before which the next review must happen. */
  public LocalDate reviewDue(Instant lastReview) {
    return LocalDate.ofInstant(lastReview, ZoneOffset.UTC).plus(reviewPeriod);
  }

  /** The start date, when it is still in the future at {@code now}. */
  public Optional<LocalDate> startsAfter(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return today.isBefore(start) ? Optional.of(start) : Optional.empty();
  }

  /** Whether it ends within the given number of days from {@code now} (for notifications). */
  public boolean endsWithin(Instant now, int days) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return !today.isAfter(end) && !end.isAfter(today.plusDays(days));
  }
}
