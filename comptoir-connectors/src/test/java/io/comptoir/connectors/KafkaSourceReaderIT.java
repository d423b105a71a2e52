package io.comptoir.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.flow.Alerts;
import io.comptoir.flow.Controls;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowWriteMode;
import io.comptoir.flow.KafkaSource;
import io.comptoir.flow.Retries;
import io.comptoir.flow.SourceBatch;
import io.comptoir.flow.SourceReader;
import io.comptoir.flow.Trigger;
import io.comptoir.flow.WriteSpec;
import io.comptoir.ingest.SourceFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka reader against a real broker: offsets as progress, micro-batches, lag. */
class KafkaSourceReaderIT {
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static KafkaBroker broker;

  @TempDir Path work;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private static String topic(int partitions) {
    String topic = "colis-" + TOPICS.incrementAndGet();
    broker.createTopic(topic, partitions);
    return topic;
  }

  private static FlowDefinition flow(KafkaSource source) {
    return new FlowDefinition(
        FlowId.of("evenements-colis"),
        ProductId.of("colis-suivi"),
        "",
        source,
        WriteSpec.of(FlowWriteMode.APPEND),
        Trigger.manual(),
        Controls.defaults(),
        Retries.defaults(),
        Alerts.none());
  }

  private Optional<SourceBatch> read(KafkaSource source, Map<String, String> committed) {
    try (SourceReader reader = KafkaSourceReader.open(flow(source), work)) {
      Optional<SourceBatch> batch = reader.next(committed);
      assertThat(reader.next(committed)).as("one micro-batch per run").isEmpty();
      return batch;
    }
  }

  private static List<String> lines(SourceBatch batch) throws IOException {
    return Files.readAllLines(batch.file());
  }

  private static String parcel(int id) {
    return "{\"id\": " + id + ", \"destination\": \"75001\"}";
  }

  @Test
  void readsEveryPartitionFromTheBeginningThenOnlyTheRecordsAfterTheCommittedOffsets()
      throws IOException {
    String topic = topic(2);
    broker.produce(topic, 0, List.of(parcel(1), parcel(2), parcel(3)));
    broker.produce(topic, 1, List.of(parcel(4), parcel(5)));
    KafkaSource source =
        new KafkaSource(broker.bootstrapServers(), topic, 100, Duration.ofSeconds(20));

    SourceBatch first = read(source, Map.of()).orElseThrow();

    assertThat(lines(first))
        .containsExactlyInAnyOrder(parcel(1), parcel(2), parcel(3), parcel(4), parcel(5));
    assertThat(first.progress()).isEqualTo(Map.of("offset:0", "3", "offset:1", "2"));
    assertThat(first.name()).isEqualTo(topic + " 0:0-2 1:0-1 (5 records)");
    assertThat(first.options().format()).contains(SourceFormat.JSONL);
    first.done();
    assertThat(first.file()).doesNotExist();

    assertThat(read(source, first.progress())).as("nothing new").isEmpty();

    broker.produce(topic, 1, List.of(parcel(6)));
    SourceBatch second = read(source, first.progress()).orElseThrow();
    assertThat(lines(second)).containsExactly(parcel(6));
    assertThat(second.progress()).isEqualTo(Map.of("offset:0", "3", "offset:1", "3"));
    assertThat(second.name()).isEqualTo(topic + " 1:2-2 (1 records)");
  }

  @Test
  void readsAtMostMaxRecordsAndLeavesTheRestToTheNextRuns() throws IOException {
    String topic = topic(1);
    broker.produce(topic, 0, List.of(parcel(1), parcel(2), parcel(3), parcel(4), parcel(5)));
    KafkaSource source =
        new KafkaSource(broker.bootstrapServers(), topic, 2, Duration.ofSeconds(20));
    Map<String, String> committed = new HashMap<>();

    SourceBatch first = read(source, committed).orElseThrow();
    committed.putAll(first.progress());
    SourceBatch second = read(source, committed).orElseThrow();
    committed.putAll(second.progress());
    SourceBatch third = read(source, committed).orElseThrow();
    committed.putAll(third.progress());

    assertThat(lines(first)).containsExactly(parcel(1), parcel(2));
    assertThat(lines(second)).containsExactly(parcel(3), parcel(4));
    assertThat(lines(third)).containsExactly(parcel(5));
    assertThat(committed).isEqualTo(Map.of("offset:0", "5"));
    assertThat(read(source, committed)).isEmpty();
  }

  @Test
  void readsAgainTheSameRecordsWhenTheirOffsetsWereNotCommitted() throws IOException {
    String topic = topic(1);
    broker.produce(topic, 0, List.of(parcel(1), parcel(2)));
    KafkaSource source =
        new KafkaSource(broker.bootstrapServers(), topic, 10, Duration.ofSeconds(20));

    SourceBatch lost = read(source, Map.of()).orElseThrow();
    // as after a stop before the version was committed: the progress was not saved
    SourceBatch again = read(source, Map.of()).orElseThrow();

    assertThat(lines(again)).isEqualTo(lines(lost));
    assertThat(again.progress()).isEqualTo(lost.progress());
  }

  @Test
  void keepsEveryValueOnItsOwnLineWhateverItHolds() throws IOException {
    String topic = topic(1);
    broker.produce(
        topic,
        0,
        java.util.Arrays.asList(
            parcel(1), "pas du json", "{\n  \"id\": 2\n}", "\"ligne\ncoupée\"", null, "", "[1]"));
    KafkaSource source =
        new KafkaSource(broker.bootstrapServers(), topic, 10, Duration.ofSeconds(20));

    SourceBatch batch = read(source, Map.of()).orElseThrow();

    assertThat(lines(batch))
        .containsExactly(
            parcel(1),
            "pas du json",
            "{   \"id\": 2 }",
            "\"\\\"ligne\\u000acoupée\\\"\"",
            "null",
            "\"\"",
            "[1]");
  }

  @Test
  void measuresTheLagOfAFlowAsTheRecordsNotReadYet() {
    String topic = topic(2);
    broker.produce(topic, 0, List.of(parcel(1), parcel(2), parcel(3)));
    broker.produce(topic, 1, List.of(parcel(4)));
    KafkaSource source =
        new KafkaSource(broker.bootstrapServers(), topic, 2, Duration.ofSeconds(20));

    KafkaLag before = KafkaLag.measure(source, Map.of());
    SourceBatch batch = read(source, Map.of()).orElseThrow();
    KafkaLag after = KafkaLag.measure(source, batch.progress());

    assertThat(before.partitions()).isEqualTo(Map.of(0, 3L, 1, 1L));
    assertThat(before.total()).isEqualTo(4);
    assertThat(after.total()).isEqualTo(2);
    assertThat(after.topic()).isEqualTo(topic);
  }

  @Test
  void refusesATopicThatDoesNotExist() {
    KafkaSource source =
        new KafkaSource(broker.bootstrapServers(), "absent", 10, Duration.ofSeconds(5));

    assertThatThrownBy(() -> read(source, Map.of()))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("kafka topic absent does not exist on " + broker.bootstrapServers());
  }

  @Test
  void saysWhenTheBrokersCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    KafkaSource source =
        new KafkaSource("127.0.0.1:" + closedPort, "colis", 10, Duration.ofSeconds(5));

    try (SourceReader reader =
        new KafkaSourceReader(flow(source), source, work, Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> reader.next(Map.of()))
          .isInstanceOf(ComptoirException.class)
          .hasMessage(
              "kafka at 127.0.0.1:"
                  + closedPort
                  + " did not answer within PT2S: is bootstrap-servers right and the broker up?");
    }
  }

  @Test
  void refusesOffsetsPastTheEndOfAPartition() {
    String topic = topic(1);
    broker.produce(topic, 0, List.of(parcel(1)));
    KafkaSource source =
        new KafkaSource(broker.bootstrapServers(), topic, 10, Duration.ofSeconds(5));

    assertThatThrownBy(() -> read(source, Map.of("offset:0", "7")))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "flow evenements-colis: partition 0 of kafka topic "
                + topic
                + " ends at offset 1 but offsets up to 7 were read already: was the topic deleted"
                + " and created again?");
  }
}
