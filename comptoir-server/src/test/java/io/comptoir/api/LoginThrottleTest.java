package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-10T09:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final LoginThrottle throttle = new LoginThrottle(clock);

  private void fail(String username, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(username);
    }
  }

  @Test
  void refusesAUsernameAfterFiveFailuresUntilTheWindowEnds() {
    fail("camille", 4);
    assertThatCode(() -> throttle.check("camille")).doesNotThrowAnyException();
    fail("Camille ", 1);

    assertThatThrownBy(() -> throttle.check("camille"))
        .hasMessage(
            "too many failed logins for this username: try again after 2026-01-10T09:15:00Z");
    assertThatCode(() -> throttle.check("olivier")).doesNotThrowAnyException();
    clock.advance(Duration.ofMinutes(15));
    assertThatCode(() -> throttle.check("camille")).doesNotThrowAnyException();
  }

  @Test
  void aSuccessClearsTheFailures() {
    fail("camille", 4);
    throttle.succeeded("camille");
    fail("camille", 4);

    assertThatCode(() -> throttle.check("camille")).doesNotThrowAnyException();
  }

  @Test
  void failuresOlderThanTheWindowStartANewCount() {
    fail("camille", 4);
    clock.advance(Duration.ofMinutes(16));
    fail("camille", 4);

    assertThatCode(() -> throttle.check("camille")).doesNotThrowAnyException();
  }
}
