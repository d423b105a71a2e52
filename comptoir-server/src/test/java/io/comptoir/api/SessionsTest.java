package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.identity.Secrets;
import io.comptoir.identity.Username;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private static final Username CAMILLE = Username.of("camille.consommatrice");

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
  private final Sessions sessions = new Sessions(new Secrets(), clock, Duration.ofMinutes(30));

  @Test
  void findsTheUserOfALiveSessionWithARandomId() {
    String first = sessions.create(CAMILLE);
    String second = sessions.create(CAMILLE);

    assertThat(first).hasSize(43).isNotEqualTo(second);
    assertThat(sessions.find(first)).contains(CAMILLE);
    assertThat(sessions.find("unknown")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void endsASessionAfterTheIdlePeriodButNotWhileItIsUsed() {
    String id = sessions.create(CAMILLE);
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(id)).contains(CAMILLE);
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(id)).contains(CAMILLE);

    clock.advance(Duration.ofMinutes(30));

    assertThat(sessions.find(id)).isEmpty();
  }

  @Test
  void dropsIdleSessionsWhenCreatingOthers() {
    sessions.create(CAMILLE);
    clock.advance(Duration.ofMinutes(31));

    sessions.create(CAMILLE);

    assertThat(sessions.size()).isEqualTo(1);
  }

  @Test
  void endsASessionAtLogout() {
    String id = sessions.create(CAMILLE);

    sessions.remove(id);
    sessions.remove(null);

    assertThat(sessions.find(id)).isEmpty();
  }
}
