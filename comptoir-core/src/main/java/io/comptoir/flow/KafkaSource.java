package io.comptoir.flow;

import io.comptoir.common.ComptoirException;
import java.time.Duration;

/**
 * A Kafka topic of JSON values, consumed in micro-batches: each run reads up to {@code maxRecords}
 * records or for at most {@code maxWait}, and the offsets it read are committed with the version.
 */
public record KafkaSource(String bootstrapServers, String topic, int maxRecords, Duration maxWait)
    implements FlowSource {
  public KafkaSource {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw ComptoirException.invalidInput("a kafka source needs bootstrap-servers (host:port)");
    }
    if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
      throw ComptoirException.invalidInput(
          "topic must be 1 to 249 letters, digits, '.', '_' or '-', got '%s'", topic);
    }
    if (maxRecords < 1) {
      throw ComptoirException.invalidInput("max-records must be at least 1, got %d", maxRecords);
    }
    if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
      throw ComptoirException.invalidInput("max-wait must be positive, got %s", maxWait);
    }
  }

  @Override
  public String kind() {
    return "kafka";
  }
}
