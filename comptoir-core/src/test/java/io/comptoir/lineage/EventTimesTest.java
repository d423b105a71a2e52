package io.comptoir.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTimesTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void writesWhatTheFormatterWritesAndReadsItBack() {
    Random random = new Random(7);
    long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant time =
          Instant.ofEpochSecond(
              from + (long) (random.nextDouble() * (to - from)), random.nextInt(1_000_000_000));
      String text = EventTimes.format(time);
      assertThat(text).isEqualTo(REFERENCE.format(time));
      assertThat(EventTimes.parse(text)).isEqualTo(time.truncatedTo(ChronoUnit.MILLIS));
    }
    Instant farFuture = Instant.parse("+12026-01-01T00:00:00Z");
    assertThat(EventTimes.format(farFuture)).isEqualTo(REFERENCE.format(farFuture));
  }

  @Test
  void readsTheOtherShapesOfIso8601LikeTheGeneralParser() {
    for (String text :
        new String[] {
          "2026-03-10T08:00:00Z",
          "2026-03-10T08:00:00.123456789Z",
          "2026-03-10T08:00:00.123+02:00",
          "2026-03-10T08:00:00.1Z",
          "2024-02-29T23:59:59.999Z"
        }) {
      assertThat(EventTimes.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
  }

  @Test
  void refusesWhatIsNotADateTime() {
    for (String text :
        new String[] {
          "2026-13-10T08:00:00.000Z",
          "2025-02-29T08:00:00.000Z",
          "2026-03-10T24:00:00.000Z",
          "2026-03-1xT08:00:00.000Z",
          "2026-03-10 08:00:00.000Z",
          "yesterday",
          ""
        }) {
      assertThatThrownBy(() -> EventTimes.parse(text))
          .as(text)
          .isInstanceOf(DateTimeException.class);
    }
  }
}
