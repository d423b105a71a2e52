package io.comptoir.connectors;

import io.comptoir.common.ComptoirException;
import io.comptoir.flow.KafkaSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumers of a Kafka source: no consumer group (partitions are assigned, offsets are Comptoir's
 * progress), raw bytes, only committed records of transactional producers.
 */
final class KafkaConsumers {
  private KafkaConsumers() {}

  static Consumer<byte[], byte[]> open(KafkaSource source, String clientId, Duration timeout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // every position is set by a seek: an offset out of range is an error, never a silent jump
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(source.maxRecords(), 1000));
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(
        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    try {
      return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (KafkaException e) {
      throw ComptoirException.invalidInput(
          "kafka bootstrap-servers '%s': %s", source.bootstrapServers(), message(e));
    }
  }

  /** The partitions of the source's topic, by number; clear errors when it cannot be read. */
  static List<TopicPartition> partitions(
      Consumer<byte[], byte[]> consumer, KafkaSource source, Duration timeout) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(source.topic(), timeout);
    } catch (TimeoutException e) {
      throw ComptoirException.invalidInput(
          "kafka at %s did not answer within %s: is bootstrap-servers right and the broker up?",
          source.bootstrapServers(), timeout);
    } catch (KafkaException e) {
      throw failure(source, e);
    }
    if (infos == null || infos.isEmpty()) {
      throw ComptoirException.invalidInput(
          "kafka topic %s does not exist on %s", source.topic(), source.bootstrapServers());
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    partitions.sort(Comparator.comparingInt(TopicPartition::partition));
    return partitions;
  }

  static ComptoirException failure(KafkaSource source, KafkaException e) {
    return ComptoirException.invalidInput(
        "kafka topic %s on %s: %s", source.topic(), source.bootstrapServers(), message(e));
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    while (e.getCause() != null && e.getCause() != e) {
      e = e.getCause();
      if (e.getMessage() != null) {
        message = message + ": " + e.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
