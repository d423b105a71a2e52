package io.comptoir.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.common.ComptoirException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaLagTest {
  @Test
  void countsFromTheCommittedOffsetOrFromTheBeginning() {
    KafkaLag lag =
        KafkaLag.of(
            "colis",
            Map.of(0, 0L, 1, 10L, 2, 5L),
            Map.of(0, 100L, 1, 50L, 2, 5L),
            Map.of("offset:0", "40", "watermark", "2024-01-01"));

    assertThat(lag.partitions()).isEqualTo(Map.of(0, 60L, 1, 40L, 2, 0L));
    assertThat(lag.total()).isEqualTo(100);
  }

  @Test
  void countsFromTheBeginningWhenRetentionDeletedRecordsNotReadYet() {
    KafkaLag lag = KafkaLag.of("colis", Map.of(0, 30L), Map.of(0, 50L), Map.of("offset:0", "10"));

    assertThat(lag.total()).isEqualTo(20);
  }

  @Test
  void isNeverNegative() {
    KafkaLag lag = KafkaLag.of("colis", Map.of(0, 0L), Map.of(0, 5L), Map.of("offset:0", "9"));

    assertThat(lag.partitions()).isEqualTo(Map.of(0, 0L));
  }

  @Test
  void refusesAProgressEntryThatIsNotAnOffset() {
    assertThatThrownBy(
            () -> KafkaLag.of("colis", Map.of(0, 0L), Map.of(0, 5L), Map.of("offset:0", "x")))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("progress entry offset:0=x is not an offset");
  }
}
