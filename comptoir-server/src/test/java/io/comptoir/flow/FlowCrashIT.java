package io.comptoir.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.connectors.KafkaBroker;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import io.comptoir.ingest.DataFile;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.Lake;
import io.comptoir.ingest.RunStatus;
import io.comptoir.ingest.Version;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability harness: a separate process runs three real flows (a drop zone, a PostgreSQL
 * table read by a watermark, a Kafka topic) while this test keeps feeding their sources with rows
 * of known ids; the process is killed with SIGKILL at random moments, at least 20 times, and
 * restarted (recovery runs when it opens). At the end a clean run consumes what is left, and the
 * latest version of each product must hold every good row exactly once, the bad rows being in the
 * quarantine: no row lost, none duplicated, no partial version, and every run reconciles (rows read
 * = accepted + quarantined). Skipped when PostgreSQL is unreachable, except on CI.
 */
class FlowCrashIT {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final int KILLS = 20;
  private static final long SEED = 20261205L;
  private static final int ROWS_PER_TICK = 5;
  private static final long TICK_MILLIS = 1_000;
  private static final String BAD_DAY = "pas une date";

  @TempDir Path directory;

  private Connection database;
  private String table;
  private String metadataSchema;
  private Map<String, String> settings = Map.of();
  private KafkaBroker broker;
  private ScheduledExecutorService producer;
  private Process child;

  /** What the test produced for one source: the good ids, and how many bad rows. */
  private static final class Produced {
    final Set<Integer> good = new HashSet<>();
    int bad;
  }

  private final Map<String, Produced> produced =
      Map.of(
          "crash-files",
          new Produced(),
          "crash-jdbc",
          new Produced(),
          "crash-kafka",
          new Produced());

  @AfterEach
  void cleanUp() throws Exception {
    if (child != null) {
      kill(child);
    }
    if (producer != null) {
      producer.shutdownNow();
      producer.awaitTermination(30, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.close();
    }
    if (database != null) {
      try (Statement statement = database.createStatement()) {
        if (table != null) {
          statement.execute("DROP TABLE IF EXISTS " + table);
        }
        if (metadataSchema != null) {
          statement.execute("DROP SCHEMA IF EXISTS " + metadataSchema + " CASCADE");
        }
      }
      database.close();
    }
  }

  @Test
  void killedAtRandomMomentsTheFlowsLoseNoRowAndDuplicateNone() throws Exception {
    harness("sqlite", Map.of());
  }

  /** The same with the metadata store in PostgreSQL, in a schema of its own. */
  @Test
  void killedAtRandomMomentsWithTheMetadataInPostgresqlTheFlowsLoseNoRowAndDuplicateNone()
      throws Exception {
    database = connectOrSkip();
    metadataSchema =
        "comptoir_crash_meta_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Statement statement = database.createStatement()) {
      statement.execute("CREATE SCHEMA " + metadataSchema);
    }
    harness(
        "postgresql",
        Map.of(
            "store-jdbc-url",
            POSTGRES + "?currentSchema=" + metadataSchema,
            "store-user",
            "postgres"));
  }

  private void harness(String store, Map<String, String> settings) throws Exception {
    this.settings = settings;
    if (database == null) {
      database = connectOrSkip();
    }
    table = "comptoir_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Statement statement = database.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " (id integer primary key, label varchar(40), day varchar(20))");
    }
    broker = KafkaBroker.start();
    String topic = "colis.crash";
    broker.createTopic(topic, 2);
    Path data = directory.resolve("data");
    Path drop = Files.createDirectories(directory.resolve("drop"));
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, settings))) {
      seed(comptoir, drop, topic);
    }

    producer = Executors.newSingleThreadScheduledExecutor();
    int[] tick = {0};
    producer.scheduleWithFixedDelay(
        () -> produce(tick[0]++, drop, topic), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);

    Random random = new Random(SEED);
    System.out.println("store=" + store + " seed=" + SEED);
    int kills = 0;
    int aimedAtRuns = 0;
    long started = System.nanoTime();
    for (int trial = 0; kills < KILLS; trial++) {
      Path ready = directory.resolve("ready-" + trial);
      child = start(data, ready, false, trial);
      if (random.nextInt(5) > 0) {
        // most kills aim at an ingestion at work: once the worker logs that its k-th run
        // started (k random, so that the flows make progress between kills and every flow is
        // hit), a random delay of 0 to 150 ms lands in its staging, its commit, or just after it
        Process running = child;
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> Files.exists(ready) || !running.isAlive());
        RunWatch watch = new RunWatch(log(trial));
        int runs = 1 + random.nextInt(5);
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> watch.runsStarted() >= runs || !running.isAlive());
        aimedAtRuns++;
        if (child.waitFor(random.nextInt(150), TimeUnit.MILLISECONDS)) {
          fail("the worker stopped by itself (exit " + child.exitValue() + "); see " + log(trial));
        }
      } else {
        // the others hit the start and its recovery, or the flows between runs
        long delay = 300 + random.nextInt(2_700);
        if (child.waitFor(delay, TimeUnit.MILLISECONDS)) {
          fail("the worker stopped by itself (exit " + child.exitValue() + "); see " + log(trial));
        }
      }
      kill(child);
      kills++;
    }
    producer.shutdown();
    assertThat(producer.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    long killPhase = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    child = start(data, directory.resolve("ready-final"), true, KILLS);
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the final run ends").isTrue();
    assertThat(child.exitValue()).as("the final run, see " + log(KILLS)).isZero();
    child = null;

    long lost = 0;
    long duplicated = 0;
    long interrupted = 0;
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, settings))) {
      assertThat(comptoir.recovered()).isTrue();
      assertThat(comptoir.storeDescription()).startsWithIgnoringCase(store);
      Set<String> referenced = new HashSet<>();
      for (Map.Entry<String, Produced> source : produced.entrySet()) {
        Count count = check(comptoir, ProductId.of(source.getKey()), source.getValue(), referenced);
        System.out.println(
            source.getKey()
                + ": produced="
                + (source.getValue().good.size() + source.getValue().bad)
                + " present="
                + count.present
                + " quarantined="
                + count.quarantined
                + " versions="
                + count.versions
                + " runs_interrupted="
                + count.interrupted
                + " lost="
                + count.lost
                + " duplicated="
                + count.duplicated);
        lost += count.lost;
        duplicated += count.duplicated;
        interrupted += count.interrupted;
      }
      Lake lake = comptoir.lake();
      assertThat(lake.removeOrphans(referenced)).as("orphan files in the lake").isZero();
      try (Stream<Path> staging = Files.list(lake.root().resolve("_staging"))) {
        assertThat(staging).as("staging left").isEmpty();
      }
    }
    try (Stream<Path> left = Files.list(drop)) {
      assertThat(left.filter(Files::isRegularFile)).as("files left in the drop zone").isEmpty();
    }
    assertThat(drop.resolve("error")).doesNotExist();

    System.out.println("store=" + store);
    System.out.println("kill_phase_seconds=" + killPhase);
    System.out.println("kills_aimed_at_runs=" + aimedAtRuns);
    System.out.println("runs_interrupted=" + interrupted);
    System.out.println("kill_trials=" + kills);
    System.out.println("rows_lost=" + lost);
    System.out.println("rows_duplicated=" + duplicated);
    assertThat(kills).isGreaterThanOrEqualTo(KILLS);
    assertThat(lost).as("rows lost").isZero();
    assertThat(duplicated).as("rows duplicated").isZero();
  }

  /**
   * Reads a worker's log as it grows, counting the lines the ingestion writes when a run starts.
   */
  private static final class RunWatch {
    private final Path log;
    private long offset;
    private String partial = "";
    private int started;

    RunWatch(Path log) {
      this.log = log;
    }

    int runsStarted() throws IOException {
      try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(log)) {
        if (channel.size() <= offset) {
          return started;
        }
        channel.position(offset);
        java.nio.ByteBuffer buffer =
            java.nio.ByteBuffer.allocate((int) Math.min(channel.size() - offset, 1 << 20));
        offset += channel.read(buffer);
        String text =
            partial
                + new String(
                    buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        partial = end < 0 ? text : text.substring(end + 1);
        if (end >= 0) {
          for (String line : text.substring(0, end).split("\n")) {
            if (line.contains("IngestionService - run ") && line.contains(" started: ")) {
              started++;
            }
          }
        }
        return started;
      }
    }
  }

  private record Count(
      long present, long quarantined, int versions, long interrupted, long lost, long duplicated) {}

  /** Checks the versions and runs of one product, and counts its rows against what was produced. */
  private static Count check(
      Comptoir comptoir, ProductId product, Produced expected, Set<String> referenced)
      throws SQLException {
    Lake lake = comptoir.lake();
    List<Version> versions = comptoir.ingestion().listVersions(product);
    Map<Integer, Version> byNumber = new HashMap<>();
    for (Version version : versions) {
      byNumber.put(version.number(), version);
      for (DataFile file : version.files()) {
        assertThat(lake.resolve(file.path())).as("a file of %s", version).exists();
        referenced.add(file.path());
      }
    }
    assertThat(byNumber.keySet()).as("version numbers of %s", product).hasSize(versions.size());
    for (int number = 1; number <= versions.size(); number++) {
      assertThat(byNumber).as("version numbers of %s", product).containsKey(number);
    }
    long quarantined = 0;
    long interrupted = 0;
    for (IngestionRun run : comptoir.ingestion().listRuns(product, 1_000_000)) {
      run.quarantineFile().ifPresent(referenced::add);
      assertThat(run.status()).as("run %s", run.id()).isNotEqualTo(RunStatus.RUNNING);
      assertThat(run.rowsRead())
          .as("run %s reconciles", run.id())
          .isEqualTo(run.rowsAccepted() + run.rowsQuarantined());
      if (run.status() == RunStatus.SUCCEEDED) {
        int number = run.versionNumber().orElseThrow();
        Version version = byNumber.get(number);
        long before = number == 1 ? 0 : byNumber.get(number - 1).rowCount();
        assertThat(version.rowCount())
            .as("version %d of %s: the previous rows plus the run's", number, product)
            .isEqualTo(before + run.rowsAccepted());
        quarantined += run.rowsQuarantined();
      } else {
        assertThat(run.versionNumber()).as("failed run %s", run.id()).isEmpty();
        if (run.error().orElse("").startsWith("interrupted")) {
          interrupted++;
        }
      }
    }
    List<Integer> ids = new ArrayList<>();
    Optional<Version> latest = comptoir.ingestion().findLatestVersion(product);
    if (latest.isPresent()) {
      ids = ids(lake, latest.get());
      assertThat((long) ids.size())
          .as("rows of the latest version of %s", product)
          .isEqualTo(latest.get().rowCount());
    }
    Set<Integer> present = new HashSet<>(ids);
    Set<Integer> missing = new HashSet<>(expected.good);
    missing.removeAll(present);
    Set<Integer> unexpected = new HashSet<>(present);
    unexpected.removeAll(expected.good);
    long lost = missing.size() + Math.max(0, expected.bad - quarantined);
    long duplicated =
        (ids.size() - present.size()) + unexpected.size() + Math.max(0, quarantined - expected.bad);
    return new Count(ids.size(), quarantined, versions.size(), interrupted, lost, duplicated);
  }

  private static List<Integer> ids(Lake lake, Version version) throws SQLException {
    List<String> files = new ArrayList<>();
    for (DataFile file : version.files()) {
      files.add("'" + lake.resolve(file.path()) + "'");
    }
    List<Integer> ids = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT id FROM read_parquet([" + String.join(",", files) + "])")) {
      while (rows.next()) {
        ids.add(rows.getInt(1));
      }
    }
    return ids;
  }

  /** One tick of the producer: a file, a transaction of rows, a few records; ids unique. */
  private void produce(int tick, Path drop, String topic) {
    try {
      boolean withBad = tick % 3 == 0;
      int first = tick * ROWS_PER_TICK;
      StringBuilder csv = new StringBuilder("id,label,day\n");
      List<String> records = new ArrayList<>();
      if (withBad) {
        records.add("pas du json " + tick);
        csv.append("x").append(tick).append(",mauvais,").append(BAD_DAY).append('\n');
      }
      for (int id = first; id < first + ROWS_PER_TICK; id++) {
        csv.append(id).append(",colis ").append(id).append(",2024-03-01\n");
        records.add(
            "{\"id\": " + id + ", \"label\": \"colis " + id + "\", \"day\": \"2024-03-02\"}");
      }
      Path file = drop.resolve("part-" + tick + ".csv");
      Files.writeString(file, csv);
      Files.writeString(drop.resolve("part-" + tick + ".csv.done"), "");
      record("crash-files", first, withBad);

      try (PreparedStatement insert =
          database.prepareStatement(
              "INSERT INTO " + table + " (id, label, day) VALUES (?, ?, ?)")) {
        database.setAutoCommit(false);
        for (int id = first; id < first + ROWS_PER_TICK; id++) {
          insert.setInt(1, id);
          insert.setString(2, "colis " + id);
          insert.setString(3, withBad && id == first ? BAD_DAY : "2024-03-03");
          insert.addBatch();
        }
        insert.executeBatch();
        database.commit();
        database.setAutoCommit(true);
      }
      synchronized (produced) {
        Produced jdbc = produced.get("crash-jdbc");
        for (int id = first; id < first + ROWS_PER_TICK; id++) {
          if (withBad && id == first) {
            jdbc.bad++;
          } else {
            jdbc.good.add(id);
          }
        }
      }

      broker.produce(topic, tick % 2, records);
      record("crash-kafka", first, withBad);
    } catch (IOException | SQLException | RuntimeException e) {
      throw new IllegalStateException("the producer failed at tick " + tick + ": " + e, e);
    }
  }

  private void record(String source, int first, boolean withBad) {
    synchronized (produced) {
      Produced counts = produced.get(source);
      for (int id = first; id < first + ROWS_PER_TICK; id++) {
        counts.good.add(id);
      }
      if (withBad) {
        counts.bad++;
      }
    }
  }

  private void seed(Comptoir comptoir, Path drop, String topic) {
    var catalog = comptoir.catalog();
    var now = catalog.clock().instant();
    catalog.saveEntity(new LegalEntity("BSCC", "BSCC", ""));
    catalog.saveDomain(new Domain("colis", "Colis", ""));
    for (String id : produced.keySet()) {
      catalog.saveProduct(
          new DataProduct(
              ProductId.of(id),
              "Colis (" + id + ")",
              "",
              "BSCC",
              "colis",
              "test",
              "",
              "",
              Classification.INTERNAL,
              List.of(),
              List.of(
                  Column.of("id", DataType.INTEGER),
                  Column.of("label", DataType.STRING),
                  Column.of("day", DataType.DATE)),
              now,
              now));
    }
    Principal owner =
        new Principal(Username.of("olivier"), "BSCC", Set.of(Role.DATA_OWNER), Optional.empty());
    String controls = "write: {mode: append}\ncontrols: {tolerated-reject-rate: 0.5}\n";
    comptoir
        .flows()
        .save(
            owner,
            Optional.empty(),
            "id: crash-files\nproduct: crash-files\nsource: {kind: file-drop, directory: "
                + drop
                + ", pattern: \"*.csv\", marker-suffix: .done}\n"
                + controls);
    comptoir
        .flows()
        .save(
            owner,
            Optional.empty(),
            "id: crash-jdbc\nproduct: crash-jdbc\nsource: {kind: jdbc, url: \""
                + POSTGRES
                + "\", user: postgres, table: "
                + table
                + ", watermark: id, fetch-size: 50}\n"
                + controls);
    comptoir
        .flows()
        .save(
            owner,
            Optional.empty(),
            "id: crash-kafka\nproduct: crash-kafka\nsource: {kind: kafka, bootstrap-servers: "
                + broker.bootstrapServers()
                + ", topic: "
                + topic
                + ", max-records: 40, max-wait: 1s}\n"
                + controls);
  }

  private Process start(Path data, Path ready, boolean untilIdle, int trial) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    settings.forEach((key, value) -> command.add("-Dcomptoir.crash." + key + "=" + value));
    command.add("-Dcomptoir.crash.offset=" + trial);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FlowWorkerChild.class.getName());
    command.add(data.toString());
    command.add(ready.toString());
    if (untilIdle) {
      command.add("--until-idle");
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log(trial).toFile())
        .start();
  }

  private Path log(int trial) {
    return directory.resolve("worker-" + trial + ".log");
  }

  /** SIGKILL: {@code destroyForcibly} sends it on Linux; the process's children too, if any. */
  private static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the worker died").isTrue();
  }

  private static Connection connectOrSkip() {
    try {
      return DriverManager.getConnection(POSTGRES, "postgres", "");
    } catch (SQLException e) {
      String message = "PostgreSQL is unreachable at " + POSTGRES + ": " + e.getMessage();
      if (Boolean.getBoolean("comptoir.require-postgres") || System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
      throw new AssertionError(message);
    }
  }
}
