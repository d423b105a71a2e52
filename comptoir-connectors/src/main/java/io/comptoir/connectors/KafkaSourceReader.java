package io.comptoir.connectors;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.KafkaSource;
import io.comptoir.flow.SourceBatch;
import io.comptoir.flow.SourceReader;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.SourceEncoding;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Kafka topic in micro-batches: each run reads every partition from the offsets committed
 * with the flow's last version (from the beginning the first time) until {@code max-records}
 * records, {@code max-wait}, or the end offsets seen when it started, and writes the values as JSON
 * lines: one batch, whose progress is the next offset of each partition ({@code offset:<n>}). The
 * offsets are committed in the transaction of the version, so a stop after the commit reads on from
 * there and a stop before it reads the same records again: each record is in exactly one version.
 * No consumer group is used or committed.
 */
public final class KafkaSourceReader implements SourceReader {
  private static final Logger log = LoggerFactory.getLogger(KafkaSourceReader.class);

  /** How long a call to the brokers (metadata, offsets) may take. */
  static final Duration API_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration LONGEST_POLL = Duration.ofMillis(500);

  private final FlowDefinition flow;
  private final KafkaSource source;
  private final Path workDirectory;
  private final Duration apiTimeout;
  private Consumer<byte[], byte[]> consumer;
  private boolean read;

  KafkaSourceReader(
      FlowDefinition flow, KafkaSource source, Path workDirectory, Duration apiTimeout) {
    this.flow = requireNonNull(flow, "flow is null");
    this.source = requireNonNull(source, "source is null");
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    this.apiTimeout = requireNonNull(apiTimeout, "apiTimeout is null");
  }

  /** The reader of a flow whose source is a {@link KafkaSource}. */
  public static SourceReader open(FlowDefinition flow, Path workDirectory) {
    return new KafkaSourceReader(flow, (KafkaSource) flow.source(), workDirectory, API_TIMEOUT);
  }

  /** One batch per run at most: a run is a micro-batch. */
  @Override
  public Optional<SourceBatch> next(Map<String, String> committed) {
    if (read) {
      return Optional.empty();
    }
    read = true;
    consumer = KafkaConsumers.open(source, "comptoir-flow-" + flow.id().value(), apiTimeout);
    try {
      return readBatch(KafkaOffsets.committed(committed));
    } catch (KafkaException e) {
      throw KafkaConsumers.failure(source, e);
    }
  }

  private Optional<SourceBatch> readBatch(Map<Integer, Long> committed) {
    List<TopicPartition> partitions = KafkaConsumers.partitions(consumer, source, apiTimeout);
    consumer.assign(partitions);
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, apiTimeout);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, apiTimeout);
    Map<TopicPartition, Long> start = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      long offset = startOffset(partition, committed, beginning.get(partition), end.get(partition));
      start.put(partition, offset);
      consumer.seek(partition, offset);
    }
    Map<TopicPartition, Long> next = new LinkedHashMap<>(start);
    Set<TopicPartition> pending = new HashSet<>();
    for (TopicPartition partition : partitions) {
      if (start.get(partition) < end.get(partition)) {
        pending.add(partition);
      } else {
        consumer.pause(List.of(partition));
      }
    }
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    long count = 0;
    long deadline = System.nanoTime() + source.maxWait().toNanos();
    Path file = createFile();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      while (count < source.maxRecords() && !pending.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        ConsumerRecords<byte[], byte[]> records =
            consumer.poll(Duration.ofNanos(Math.min(left, LONGEST_POLL.toNanos())));
        Set<TopicPartition> unwritten = new HashSet<>();
        for (TopicPartition partition : records.partitions()) {
          long last = end.get(partition);
          for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
            if (record.offset() >= last) {
              break;
            }
            if (count >= source.maxRecords()) {
              unwritten.add(partition);
              break;
            }
            JsonLines.write(out, record.value());
            count++;
            next.put(partition, record.offset() + 1);
          }
        }
        for (TopicPartition partition : List.copyOf(pending)) {
          long last = end.get(partition);
          if (!unwritten.contains(partition)) {
            // every record returned is written: move past the markers of transactions and the
            // gaps of compaction too
            next.put(partition, Math.min(Math.max(next.get(partition), position(partition)), last));
          }
          if (next.get(partition) >= last) {
            pending.remove(partition);
            consumer.pause(List.of(partition));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    if (count == 0) {
      delete(file);
      return Optional.empty();
    }
    return Optional.of(new RecordsBatch(file, name(start, next, count), progress(next)));
  }

  private Path createFile() {
    try {
      return Files.createTempFile(workDirectory, source.topic() + "-", ".jsonl");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a file in " + workDirectory, e);
    }
  }

  private long position(TopicPartition partition) {
    return consumer.position(partition, apiTimeout);
  }

  private long startOffset(
      TopicPartition partition, Map<Integer, Long> committed, long beginning, long end) {
    Long offset = committed.get(partition.partition());
    if (offset == null) {
      return beginning;
    }
    if (offset > end) {
      throw ComptoirException.invalidInput(
          "flow %s: partition %d of kafka topic %s ends at offset %d but offsets up to %d were"
              + " read already: was the topic deleted and created again?",
          flow.id(), partition.partition(), source.topic(), end, offset);
    }
    if (offset < beginning) {
      log.warn(
          "flow {}: records {} to {} of partition {} of topic {} were deleted (retention) before"
              + " being read; reading on from offset {}",
          flow.id(),
          offset,
          beginning - 1,
          partition.partition(),
          source.topic(),
          beginning);
      return beginning;
    }
    return offset;
  }

  /** The topic and the offsets read per partition, such as {@code colis 0:0-99 1:5-20}. */
  private String name(Map<TopicPartition, Long> start, Map<TopicPartition, Long> next, long count) {
    List<String> ranges = new ArrayList<>();
    for (Map.Entry<TopicPartition, Long> entry : next.entrySet()) {
      long from = start.get(entry.getKey());
      if (entry.getValue() > from) {
        ranges.add(entry.getKey().partition() + ":" + from + "-" + (entry.getValue() - 1));
      }
    }
    String offsets =
        ranges.size() <= 8
            ? String.join(" ", ranges)
            : String.join(" ", ranges.subList(0, 8)) + " and " + (ranges.size() - 8) + " more";
    return source.topic() + " " + offsets + " (" + count + " records)";
  }

  private static Map<String, String> progress(Map<TopicPartition, Long> next) {
    Map<String, String> progress = new LinkedHashMap<>();
    next.forEach(
        (partition, offset) -> progress.put(KafkaOffsets.key(partition.partition()), "" + offset));
    return progress;
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  private final class RecordsBatch implements SourceBatch {
    private final Path file;
    private final String name;
    private final Map<String, String> progress;

    RecordsBatch(Path file, String name, Map<String, String> progress) {
      this.file = file;
      this.name = name;
      this.progress = Map.copyOf(progress);
    }

    @Override
    public Path file() {
      return file;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public SourceOptions options() {
      return SourceOptions.defaults()
          .withFormat(SourceFormat.JSONL)
          .withEncoding(SourceEncoding.UTF_8);
    }

    @Override
    public Map<String, String> progress() {
      return progress;
    }

    /** New records may hold the same values as earlier ones: the offsets tell them apart. */
    @Override
    public DuplicatePolicy duplicates() {
      return DuplicatePolicy.FORCE;
    }

    @Override
    public void done() {
      delete(file);
    }

    @Override
    public void failed(String reason) {
      log.warn("flow {}: {} not ingested, read again next run: {}", flow.id(), name, reason);
    }
  }
}
