package io.comptoir.connectors;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) run from the Maven
 * artifacts of the test class path, in its own JVM, on free ports of 127.0.0.1. Start one per test
 * class ({@code @BeforeAll}) and {@link #close()} it after ({@code @AfterAll}); it is also stopped
 * when the test JVM exits. Other modules reuse it through the test-jar of comptoir-connectors (with
 * {@code org.apache.kafka:kafka_2.13} in their test scope).
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path directory;
  private final Process process;
  private final String bootstrapServers;
  private final Thread stopAtExit;
  private final Admin admin;

  private KafkaBroker(Path directory, Process process, String bootstrapServers) {
    this.directory = directory;
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.stopAtExit = new Thread(process::destroyForcibly, "kafka-broker-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    this.admin = Admin.create(config);
  }

  /** Formats a log directory, starts the broker and waits until it answers. */
  public static KafkaBroker start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("comptoir-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int brokerPort = freePort();
    int controllerPort = freePort();
    String bootstrapServers = "127.0.0.1:" + brokerPort;
    Path properties = directory.resolve("server.properties");
    write(
        properties,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:"
                + brokerPort
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=PLAINTEXT://" + bootstrapServers,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + directory.resolve("data"),
            "num.partitions=1",
            "auto.create.topics.enable=false",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "num.network.threads=1",
            "num.io.threads=2",
            "background.threads=2",
            "log.cleaner.enable=false",
            "")); // ends with a line break
    String clusterId = clusterId();
    Process format =
        java(
            directory,
            "format",
            "kafka.tools.StorageTool",
            "format",
            "-t",
            clusterId,
            "-c",
            properties.toString());
    try {
      if (!format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException(
            "cannot format the kafka log directory: " + tail(directory.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting the kafka log directory", e);
    }
    // ended by its own JVM when this one goes away, even killed (no shutdown hook runs then)
    Process server =
        java(
            directory, "broker", ParentWatch.class.getName(), "kafka.Kafka", properties.toString());
    KafkaBroker broker = new KafkaBroker(directory, server, bootstrapServers);
    try {
      broker.awaitReady();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /** {@code 127.0.0.1:port}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates a topic (replication factor 1). */
  public void createTopic(String topic, int partitions) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Sends values (UTF-8 text; null for a tombstone) to one partition, and waits for the acks. */
  public void produce(String topic, int partition, List<String> values) {
    List<byte[]> bytes = new ArrayList<>();
    for (String value : values) {
      bytes.add(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
    produceBytes(topic, partition, bytes);
  }

  /** Sends raw values to one partition, and waits for the acks. */
  public void produceBytes(String topic, int partition, List<byte[]> values) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer
            .send(new ProducerRecord<>(topic, partition, null, value))
            .get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot produce to " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Stops the broker (kill after 20 s) and deletes its directory. */
  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs anyway
    }
    deleteQuietly(directory);
  }

  private void awaitReady() {
    await("kafka broker on " + bootstrapServers)
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .ignoreException(ExecutionException.class)
        .ignoreException(TimeoutException.class)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "the kafka broker stopped (exit "
                        + process.exitValue()
                        + "): "
                        + tail(directory.resolve("broker.log")));
              }
              return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
            });
  }

  /** A JVM running the main class with the test class path, its output in {@code name.log}. */
  private static Process java(Path directory, String name, String mainClass, String... arguments) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // an argument file: the class path of a test can be long
    Path argumentFile = directory.resolve(name + ".args");
    List<String> options =
        List.of(
            "-Xmx256m",
            "-Xss1m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            "-cp",
            quote(System.getProperty("java.class.path")));
    write(argumentFile, String.join("\n", options) + "\n");
    List<String> command = new ArrayList<>(List.of(java.toString(), "@" + argumentFile, mainClass));
    command.addAll(List.of(arguments));
    try {
      return new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(directory.resolve(name + ".log").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A random cluster id: 16 bytes in URL-safe base64 without padding, as Kafka expects. */
  /**
   * A random cluster id, base64url of 16 bytes; never starting with '-', which the storage tool's
   * argument parser would take for an option (1 start in 64 failed that way).
   */
  static String clusterId() {
    while (true) {
      UUID uuid = UUID.randomUUID();
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory: left behind at worst
    }
  }
}
