package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed logins for one username within
 * {@link #WINDOW}, that username is refused until the window has passed, whether or not the user
 * exists (so that the refusal reveals nothing). A successful login clears the count. In memory, per
 * server process.
 */
final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private record Failures(int count, Instant first) {}

  private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  LoginThrottle(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Refuses the username while it has too many recent failures. */
  static final String THROTTLED = "too many failed logins for this username";

  void check(String username) {
    Failures recent = failures.get(key(username));
    Instant now = clock.instant();
    if (recent != null && recent.count() >= MAX_FAILURES && now.isBefore(end(recent))) {
      throw new ComptoirException(
          ErrorCode.UNAUTHENTICATED, THROTTLED + ": try again after " + end(recent));
    }
  }

  void failed(String username) {
    Instant now = clock.instant();
    failures.values().removeIf(old -> !now.isBefore(end(old)));
    failures.merge(
        key(username),
        new Failures(1, now),
        (old, one) -> now.isBefore(end(old)) ? new Failures(old.count() + 1, old.first()) : one);
  }

  void succeeded(String username) {
    failures.remove(key(username));
  }

  private static Instant end(Failures failures) {
    return failures.first().plus(WINDOW);
  }

  private static String key(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }
}
