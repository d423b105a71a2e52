package io.comptoir.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
  @Test
  void drawsClusterIdsThatTheStorageToolCannotTakeForAnOption() {
    assertThat(IntStream.range(0, 2000).mapToObj(i -> KafkaBroker.clusterId()))
        .allSatisfy(id -> assertThat(id).hasSize(22).doesNotStartWith("-"));
  }
}
