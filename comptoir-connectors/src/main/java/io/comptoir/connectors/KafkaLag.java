package io.comptoir.connectors;

import static java.util.Objects.requireNonNull;

import io.comptoir.flow.KafkaSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Kafka flow is behind its topic: per partition, the records between the offset its last
 * version committed (the beginning of the partition when none) and the end of the partition, the
 * records a run would still read.
 *
 * @param partitions the lag of each partition, by partition number
 */
public record KafkaLag(String topic, Map<Integer, Long> partitions) {
  public KafkaLag {
    requireNonNull(topic, "topic is null");
    partitions = Map.copyOf(partitions);
  }

  /** The records not read yet, all partitions together. */
  public long total() {
    return partitions.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Asks the brokers for the topic's offsets.
   *
   * @param committed the flow's committed progress ({@code IngestionService.progress(flow)})
   * @throws io.comptoir.common.ComptoirException INVALID_INPUT when the brokers cannot be reached
   *     or the topic does not exist
   */
  public static KafkaLag measure(KafkaSource source, Map<String, String> committed) {
    return measure(source, committed, KafkaSourceReader.API_TIMEOUT);
  }

  static KafkaLag measure(KafkaSource source, Map<String, String> committed, Duration timeout) {
    try (Consumer<byte[], byte[]> consumer =
        KafkaConsumers.open(source, "comptoir-lag-" + source.topic(), timeout)) {
      List<TopicPartition> partitions = KafkaConsumers.partitions(consumer, source, timeout);
      Map<Integer, Long> beginning = new TreeMap<>();
      Map<Integer, Long> end = new TreeMap<>();
      consumer
          .beginningOffsets(partitions, timeout)
          .forEach((partition, offset) -> beginning.put(partition.partition(), offset));
      consumer
          .endOffsets(partitions, timeout)
          .forEach((partition, offset) -> end.put(partition.partition(), offset));
      return of(source.topic(), beginning, end, committed);
    } catch (KafkaException e) {
      throw KafkaConsumers.failure(source, e);
    }
  }

  /** The lag from the offsets of each partition: never negative. */
  static KafkaLag of(
      String topic,
      Map<Integer, Long> beginning,
      Map<Integer, Long> end,
      Map<String, String> committed) {
    Map<Integer, Long> read = KafkaOffsets.committed(committed);
    Map<Integer, Long> lag = new TreeMap<>();
    end.forEach(
        (partition, last) -> {
          long first = beginning.getOrDefault(partition, 0L);
          long from = Math.max(read.getOrDefault(partition, first), first);
          lag.put(partition, Math.max(0, last - from));
        });
    return new KafkaLag(topic, lag);
  }
}
