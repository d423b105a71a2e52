package io.comptoir.bench;

import io.comptoir.connectors.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka flow benchmark: starts a single-node broker (KRaft, from the Maven artifacts, as the tests
 * do), fills a topic with JSON records, then measures in the same run, each in its own JVM, (a) a
 * raw consumer reading the whole topic ({@link KafkaConsumeChild}) and (b) a {@code kafka} flow run
 * once through {@code FlowRunner} into a new version on a fresh data directory ({@link
 * ComptoirFlowChild}). Prints {@code name=value} lines.
 *
 * <p>Usage: {@code KafkaBenchmark [--records 1000000] [--partitions 1] [--memory-limit 2GB] [--work
 * bench/work]}
 */
public final class KafkaBenchmark {
  static final String COLUMNS =
      "id:integer;tracking_number:string;weight_kg:double;status:string;scanned_at:timestamp";

  private static final String[] STATUSES = {"DEPOSE", "EN_TRANSIT", "LIVRE", "AVISE", "RETOURNE"};

  private KafkaBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = 1_000_000;
    int partitions = 1;
    String memoryLimit = "2GB";
    Path work = Path.of("bench/work");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[++i]);
        case "--partitions" -> partitions = Integer.parseInt(args[++i]);
        case "--memory-limit" -> memoryLimit = args[++i];
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          System.err.println("error: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Files.createDirectories(work);
    String topic = "bench-colis";
    try (KafkaBroker broker = KafkaBroker.start()) {
      broker.createTopic(topic, partitions);
      long start = System.nanoTime();
      fill(broker.bootstrapServers(), topic, records);
      System.err.printf("produced %d records in %.1f s%n", records, Measure.seconds(start));

      Map<String, String> consume =
          IngestBenchmark.child(KafkaConsumeChild.class, broker.bootstrapServers(), topic);

      Path data = work.resolve("comptoir-kafka-data");
      IngestBenchmark.deleteRecursively(data);
      Path document = work.resolve("kafka-flow.yaml");
      Files.writeString(
          document,
          "id: bench-kafka\nproduct: "
              + ComptoirFlowChild.PRODUCT
              + "\nsource:\n  kind: kafka\n  bootstrap-servers: "
              + broker.bootstrapServers()
              + "\n  topic: "
              + topic
              + "\n  max-records: "
              + records
              + "\n  max-wait: 10m\nwrite: {mode: append}\n");
      Map<String, String> ingest =
          IngestBenchmark.child(
              ComptoirFlowChild.class, data.toString(), memoryLimit, document.toString(), COLUMNS);
      IngestBenchmark.deleteRecursively(data);

      double consumeSeconds = Double.parseDouble(consume.get("seconds"));
      double ingestSeconds = Double.parseDouble(ingest.get("seconds"));
      System.out.println("machine_cpu=" + Measure.cpuModel());
      System.out.println("machine_cores=" + Runtime.getRuntime().availableProcessors());
      System.out.println("kafka_records=" + records);
      System.out.println("kafka_partitions=" + partitions);
      System.out.printf(
          Locale.ROOT,
          "kafka_value_mb=%.1f%n",
          Long.parseLong(consume.get("bytes")) / 1024.0 / 1024.0);
      System.out.println("kafka_consume_rows=" + consume.get("rows"));
      System.out.println("kafka_ingest_rows=" + ingest.get("rows"));
      System.out.println("kafka_ingest_rows_quarantined=" + ingest.get("rows_quarantined"));
      System.out.println("kafka_ingest_version=" + ingest.get("version"));
      System.out.printf(Locale.ROOT, "kafka_consume_seconds=%.2f%n", consumeSeconds);
      System.out.printf(Locale.ROOT, "kafka_ingest_seconds=%.2f%n", ingestSeconds);
      System.out.printf(
          Locale.ROOT, "kafka_ingest_vs_consume_ratio=%.2f%n", ingestSeconds / consumeSeconds);
      System.out.printf(
          Locale.ROOT,
          "kafka_ingest_source_seconds=%.2f%n",
          Double.parseDouble(ingest.get("source_seconds")));
      System.out.printf(
          Locale.ROOT,
          "kafka_ingest_version_seconds=%.2f%n",
          Double.parseDouble(ingest.get("ingest_seconds")));
      System.out.printf(
          Locale.ROOT,
          "kafka_profile_after_seconds=%.2f%n",
          Double.parseDouble(ingest.get("profile_after_seconds")));
      System.out.printf(
          Locale.ROOT,
          "kafka_ingest_json_lines_mb=%.1f%n",
          Double.parseDouble(ingest.get("source_mb")));
      System.out.println("kafka_consume_peak_rss_mib=" + consume.get("peak_rss_mib"));
      System.out.println("kafka_ingest_peak_rss_mib=" + ingest.get("peak_rss_mib"));
    }
  }

  /** Sends the records, batched, spread over the partitions by the default partitioner. */
  private static void fill(String bootstrapServers, String topic, int records) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 1; i <= records; i++) {
        String json =
            String.format(
                Locale.ROOT,
                "{\"id\":%d,\"tracking_number\":\"CP%09dFR\",\"weight_kg\":%.3f,\"status\":\"%s\","
                    + "\"scanned_at\":\"2024-%02d-%02d %02d:%02d:00\"}",
                i,
                (long) i * 7919 % 1_000_000_000L,
                (i * 31L % 300_000) / 1000.0,
                STATUSES[i % 5],
                i % 12 + 1,
                i % 28 + 1,
                i % 24,
                i % 60);
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                String.valueOf(i).getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }
}
