package io.comptoir.connectors;

import static io.comptoir.connectors.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.catalog.ProductId;
import io.comptoir.flow.Alerts;
import io.comptoir.flow.Controls;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowWriteMode;
import io.comptoir.flow.JdbcSource;
import io.comptoir.flow.Retries;
import io.comptoir.flow.SourceBatch;
import io.comptoir.flow.Trigger;
import io.comptoir.flow.WriteSpec;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.SourceFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC reader against real PostgreSQL and MariaDB servers. */
class JdbcSourceReaderIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private TestDatabase database;
  private Connection connection;
  private String namespace;

  /** Creates the parcels table of the test, with rows 1 to 3. */
  private String parcels(TestDatabase kind) throws SQLException {
    database = kind;
    connection = kind.connect();
    namespace = kind.createNamespace(connection);
    String table = namespace + "parcels";
    execute(
        connection,
        "CREATE TABLE "
            + table
            + " (id integer primary key, destination varchar(200), weight decimal(10,2),"
            + " shipped date, updated_at "
            + kind.timestampType()
            + ", fragile boolean, volume double precision, note text)");
    insert(table, 1, "75001", "1.50", "2024-01-02", "2024-01-02 10:00:00", "plain");
    insert(table, 2, "13001", "0.05", "2024-01-03", "2024-01-03 10:00:00.25", null);
    insert(table, 3, "69001", "12345678.90", "2024-01-04", "2024-01-04 10:00:00.123456", "x");
    return table;
  }

  private void insert(
      String table,
      int id,
      String destination,
      String weight,
      String shipped,
      String updated,
      String note)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, destination);
      insert.setBigDecimal(3, new java.math.BigDecimal(weight));
      insert.setObject(4, java.time.LocalDate.parse(shipped));
      insert.setObject(5, java.time.LocalDateTime.parse(updated.replace(' ', 'T')));
      insert.setBoolean(6, id % 2 == 0);
      insert.setDouble(7, id * 0.5);
      insert.setString(8, note);
      insert.executeUpdate();
    }
  }

  @AfterEach
  void drop() throws SQLException {
    if (connection != null) {
      database.dropNamespace(connection, namespace, "parcels", "events");
      connection.close();
    }
  }

  private static FlowDefinition flow(JdbcSource source) {
    return new FlowDefinition(
        FlowId.of("colis-base"),
        ProductId.of("colis-suivi"),
        "",
        source,
        WriteSpec.of(FlowWriteMode.APPEND),
        Trigger.manual(),
        Controls.defaults(),
        Retries.defaults(),
        Alerts.none());
  }

  private JdbcSource table(String table, Optional<String> watermark) {
    return new JdbcSource(
        database.url(),
        database.user(),
        Optional.empty(),
        Optional.of(table),
        Optional.empty(),
        watermark,
        2);
  }

  private Optional<SourceBatch> read(JdbcSource source, Map<String, String> committed) {
    try (JdbcSourceReader reader = new JdbcSourceReader(flow(source), Map.of(), work)) {
      Optional<SourceBatch> batch = reader.next(committed);
      assertThat(reader.next(committed)).as("one batch per run").isEmpty();
      return batch;
    }
  }

  private static List<JsonNode> records(SourceBatch batch) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(batch.file())) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void readsTheWholeTableAsTypedJsonLines(TestDatabase kind) throws Exception {
    String table = parcels(kind);

    SourceBatch batch = read(table(table, Optional.empty()), Map.of()).orElseThrow();

    assertThat(batch.options().format()).contains(SourceFormat.JSONL);
    assertThat(batch.duplicates()).isEqualTo(DuplicatePolicy.FORCE);
    assertThat(batch.name()).isEqualTo("table " + table);
    assertThat(batch.progress()).containsOnlyKeys(JdbcSourceReader.CHECKSUM);
    List<JsonNode> records = records(batch);
    assertThat(records).hasSize(3);
    JsonNode third =
        records.stream().filter(r -> r.path("id").asInt() == 3).findFirst().orElseThrow();
    assertThat(third.path("id").isIntegralNumber()).isTrue();
    assertThat(third.path("destination").asText()).isEqualTo("69001");
    assertThat(third.path("weight").isTextual()).as("decimals as plain text").isTrue();
    assertThat(third.path("weight").asText()).isEqualTo("12345678.90");
    assertThat(third.path("shipped").asText()).isEqualTo("2024-01-04");
    assertThat(third.path("updated_at").asText()).isEqualTo("2024-01-04 10:00:00.123456");
    assertThat(third.path("volume").asDouble()).isEqualTo(1.5);
    JsonNode second =
        records.stream().filter(r -> r.path("id").asInt() == 2).findFirst().orElseThrow();
    assertThat(second.path("fragile").asBoolean()).isTrue();
    assertThat(second.path("note").isNull()).isTrue();
    assertThat(second.path("weight").asText()).isEqualTo("0.05");
    assertThat(second.path("updated_at").asText()).isEqualTo("2024-01-03 10:00:00.25");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void readsOnlyTheRowsAboveTheCommittedWatermarkInItsOrder(TestDatabase kind) throws Exception {
    String table = parcels(kind);
    JdbcSource source = table(table, Optional.of("id"));

    SourceBatch first = read(source, Map.of()).orElseThrow();
    assertThat(records(first)).extracting(r -> r.path("id").asInt()).containsExactly(1, 2, 3);
    assertThat(first.progress()).isEqualTo(Map.of("watermark", "3"));

    insert(table, 5, "59000", "3.10", "2024-02-01", "2024-02-01 08:00:00", "five");
    insert(table, 4, "67000", "0.40", "2024-02-02", "2024-02-02 08:00:00", "four");
    SourceBatch second = read(source, first.progress()).orElseThrow();

    assertThat(second.name()).isEqualTo("table " + table + ", id > 3");
    assertThat(records(second)).extracting(r -> r.path("id").asInt()).containsExactly(4, 5);
    assertThat(second.progress()).isEqualTo(Map.of("watermark", "5"));
    assertThat(read(source, second.progress())).as("nothing new: no batch").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void comparesTimestampWatermarksToTheMicrosecondAndSkipsNulls(TestDatabase kind)
      throws Exception {
    String table = parcels(kind);
    JdbcSource source = table(table, Optional.of("updated_at"));
    execute(connection, "UPDATE " + table + " SET updated_at = NULL WHERE id = 2");

    SourceBatch first = read(source, Map.of()).orElseThrow();
    assertThat(records(first))
        .as("a NULL watermark is never read")
        .extracting(r -> r.path("id").asInt())
        .containsExactly(1, 3);
    assertThat(first.progress()).isEqualTo(Map.of("watermark", "2024-01-04 10:00:00.123456"));
    insert(table, 4, "67000", "0.40", "2024-02-02", "2024-01-04 10:00:00.123457", "later");
    SourceBatch second = read(source, first.progress()).orElseThrow();

    assertThat(records(second)).extracting(r -> r.path("id").asInt()).containsExactly(4);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void filtersAQueryWrappedAsASubqueryByDateOrDecimalWatermarks(TestDatabase kind)
      throws Exception {
    String table = parcels(kind);
    JdbcSource byDate =
        new JdbcSource(
            kind.url(),
            kind.user(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("SELECT id, shipped, weight FROM " + table + " WHERE id <> 1;"),
            Optional.of("shipped"),
            100);
    JdbcSource byWeight =
        new JdbcSource(
            kind.url(),
            kind.user(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("SELECT id, weight FROM " + table),
            Optional.of("weight"),
            100);

    SourceBatch dates = read(byDate, Map.of("watermark", "2024-01-03")).orElseThrow();
    SourceBatch weights = read(byWeight, Map.of("watermark", "1.5")).orElseThrow();

    assertThat(records(dates)).extracting(r -> r.path("id").asInt()).containsExactly(3);
    assertThat(dates.name()).isEqualTo("query, shipped > 2024-01-03");
    assertThat(dates.progress()).isEqualTo(Map.of("watermark", "2024-01-04"));
    assertThat(records(weights)).extracting(r -> r.path("id").asInt()).containsExactly(3);
    assertThat(weights.progress()).isEqualTo(Map.of("watermark", "12345678.90"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void roundTripsQuotesLineBreaksAndUnicode(TestDatabase kind) throws Exception {
    String table = parcels(kind);
    String hostile = "l'\"été\"\n;DROP TABLE x;--\r\n\t\u001f\\ fin";
    insert(table, 4, "67000", "0.40", "2024-02-02", "2024-02-02 08:00:00", hostile);

    SourceBatch batch =
        read(table(table, Optional.of("id")), Map.of("watermark", "3")).orElseThrow();

    assertThat(Files.readAllLines(batch.file())).hasSize(1);
    assertThat(records(batch).get(0).path("note").asText()).isEqualTo(hostile);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void makesNoBatchWhenAFullReadFindsTheSameRowsAsTheLastVersion(TestDatabase kind)
      throws Exception {
    String table = parcels(kind);
    JdbcSource source =
        new JdbcSource(
            kind.url(),
            kind.user(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("SELECT * FROM " + table + " ORDER BY id"),
            Optional.empty(),
            100);

    SourceBatch first = read(source, Map.of()).orElseThrow();
    assertThat(read(source, first.progress())).isEmpty();
    execute(connection, "DELETE FROM " + table + " WHERE id = 2");
    assertThat(read(source, first.progress())).isPresent();
    execute(connection, "DELETE FROM " + table);
    assertThat(read(source, Map.of())).as("an empty table makes no version").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void refusesWatermarksOfApproximateTypesAndStrangeCommittedValues(TestDatabase kind)
      throws Exception {
    String table = parcels(kind);

    assertThatThrownBy(() -> read(table(table, Optional.of("volume")), Map.of()))
        .hasMessageStartingWith("flow colis-base: watermark column volume has type ")
        .hasMessageEndingWith(
            "; a watermark must be an integer, a decimal, a date, a timestamp or a string");
    assertThatThrownBy(() -> read(table(table, Optional.of("shipped")), Map.of("watermark", "3")))
        .hasMessage(
            "the committed watermark '3' is not a value of column shipped (date): was its type"
                + " changed?");
    assertThatThrownBy(() -> read(table(table, Optional.of("missing")), Map.of()))
        .hasMessageStartingWith("flow colis-base: cannot read " + kind.url() + ": ")
        .hasMessageContaining("missing");
  }

  @Test
  void foldsUnquotedNamesTheWayPostgresqlDoes() throws Exception {
    String table = parcels(TestDatabase.POSTGRESQL);

    Optional<SourceBatch> batch =
        read(table(table.toUpperCase(java.util.Locale.ROOT), Optional.of("ID")), Map.of());

    assertThat(batch.orElseThrow().progress()).isEqualTo(Map.of("watermark", "3"));
  }

  @Test
  void readsTimestampsWithTimeZoneInUtc() throws Exception {
    parcels(TestDatabase.POSTGRESQL);
    String events = namespace + "events";
    execute(connection, "CREATE TABLE " + events + " (id integer, at timestamptz)");
    execute(
        connection,
        "INSERT INTO "
            + events
            + " VALUES (1, '2024-03-01 12:00:00+02'), (2, '2024-03-01 12:00:00.5+00')");
    JdbcSource source = table(events, Optional.of("at"));

    SourceBatch first = read(source, Map.of("watermark", "2024-03-01 10:00:00")).orElseThrow();

    assertThat(records(first))
        .extracting(r -> r.path("at").asText())
        .containsExactly("2024-03-01 12:00:00.5");
    assertThat(first.progress()).isEqualTo(Map.of("watermark", "2024-03-01 12:00:00.5"));
  }

  @Test
  void readsThePasswordFromTheNamedVariableOnly() throws Exception {
    String table = parcels(TestDatabase.MARIADB);
    JdbcSource source =
        new JdbcSource(
            TestDatabase.MARIADB.url(),
            "root",
            Optional.of("BASE_PASSWORD"),
            Optional.of(table),
            Optional.empty(),
            Optional.empty(),
            10);

    try (JdbcSourceReader reader =
        new JdbcSourceReader(flow(source), Map.of("BASE_PASSWORD", ""), work)) {
      assertThat(reader.next(Map.of())).isPresent();
    }
    try (JdbcSourceReader reader = new JdbcSourceReader(flow(source), Map.of(), work)) {
      assertThatThrownBy(() -> reader.next(Map.of()))
          .hasMessage(
              "flow colis-base: environment variable BASE_PASSWORD (password-env) is not set");
    }
    try (JdbcSourceReader reader =
        new JdbcSourceReader(flow(source), Map.of("BASE_PASSWORD", "s3cret-wrong"), work)) {
      assertThatThrownBy(() -> reader.next(Map.of()))
          .hasMessageStartingWith(
              "flow colis-base: cannot read jdbc:mariadb://127.0.0.1:3306/test: ")
          .hasMessageNotContaining("s3cret-wrong");
    }
  }

  @Test
  void namesTheDatabaseWithoutItsParametersWhenItIsUnreachable() {
    database = null;
    JdbcSource source =
        new JdbcSource(
            "jdbc:postgresql://127.0.0.1:1/test?password=secret&connectTimeout=2",
            "postgres",
            Optional.empty(),
            Optional.of("parcels"),
            Optional.empty(),
            Optional.empty(),
            10);

    assertThatThrownBy(() -> new JdbcSourceReader(flow(source), Map.of(), work).next(Map.of()))
        .hasMessageStartingWith("flow colis-base: cannot read jdbc:postgresql://127.0.0.1:1/test: ")
        .hasMessageNotContaining("secret");
  }

  @Test
  void refusesTableNamesThatCouldEscapeQuoting() {
    assertThatThrownBy(
            () ->
                new JdbcSource(
                    "jdbc:postgresql://127.0.0.1/test",
                    "",
                    Optional.empty(),
                    Optional.of("parcels\"; DROP TABLE parcels; --"),
                    Optional.empty(),
                    Optional.empty(),
                    10))
        .hasMessage(
            "table must be a (schema.)table name of letters, digits and '_', got 'parcels\";"
                + " DROP TABLE parcels; --'");
    assertThatThrownBy(
            () ->
                new JdbcSource(
                    "jdbc:mariadb://127.0.0.1/test",
                    "",
                    Optional.empty(),
                    Optional.of("parcels"),
                    Optional.empty(),
                    Optional.of("id` > 0 OR `id"),
                    10))
        .hasMessage(
            "watermark column must be a column name of letters, digits and '_', got 'id` > 0 OR"
                + " `id'");
  }
}
