package io.comptoir.flow;

import io.comptoir.common.ComptoirException;
import java.time.Duration;

/**
 * Retries of a failed scheduled run: up to {@code max} more attempts, waiting {@code backoff}, then
 * twice as long each time (capped at one hour).
 */
public record Retries(int max, Duration backoff) {
  public static final Duration MAX_BACKOFF = Duration.ofHours(1);

  public Retries {
    if (max < 0 || max > 20) {
      throw ComptoirException.invalidInput("retries max must be 0 to 20, got %d", max);
    }
    if (backoff == null || backoff.isNegative() || backoff.compareTo(MAX_BACKOFF) > 0) {
      throw ComptoirException.invalidInput("retries backoff must be 0 to 1 hour, got %s", backoff);
    }
  }

  public static Retries defaults() {
    return new Retries(3, Duration.ofSeconds(30));
  }

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    Duration delay = backoff;
    for (int i = 1; i < attempt && delay.compareTo(MAX_BACKOFF) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }
}
