package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.identity.Role;
import io.comptoir.ingest.Version;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flows reading PostgreSQL and MariaDB tables, run over HTTP: full snapshots and incremental reads
 * by a watermark, exactly once. Skipped when a database is unreachable, except on CI.
 */
class JdbcFlowRunIT {
  enum Database {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root");

    final String url;
    final String user;

    Database(String url, String user) {
      this.url = url;
      this.user = user;
    }

    Connection connect() {
      try {
        return DriverManager.getConnection(url, user, "");
      } catch (SQLException e) {
        String message = this + " is unreachable at " + url + ": " + e.getMessage();
        if (Boolean.getBoolean("comptoir.require-postgres") || System.getenv("CI") != null) {
          fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError(message);
      }
    }
  }

  /** Quotes, a line break and a semicolon: a destination that must come back unchanged. */
  private static final String HOSTILE = "l'\"Haÿ\"\n;--";

  @TempDir Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http owner;
  private Connection connection;
  private String table;

  private void start(Database database) throws SQLException {
    connection = database.connect();
    table = "comptoir_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(
        "CREATE TABLE "
            + table
            + " (id integer primary key, destination varchar(200), weight decimal(10,2),"
            + " shipped date, note varchar(20) default 'not in the product')");
    insert(1, "75001", "1.50", "2024-01-02");
    insert(2, HOSTILE, "0.80", "2024-01-03");
    insert(3, "33000", "2.25", "2024-01-04");
    comptoir =
        Comptoir.open(
            Fixtures.configuration(dataDirectory, Map.of()),
            Clock.systemUTC(),
            Map.of("COLIS_DB_PASSWORD", ""));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    owner =
        new Http(server.url())
            .withToken(Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER));
  }

  @AfterEach
  void stop() throws SQLException {
    if (server != null) {
      server.close();
    }
    if (comptoir != null) {
      comptoir.close();
    }
    if (connection != null) {
      execute("DROP TABLE IF EXISTS " + table);
      connection.close();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void insert(int id, String destination, String weight, String shipped)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + table + " (id, destination, weight, shipped) VALUES (?, ?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, destination);
      insert.setBigDecimal(3, new BigDecimal(weight));
      insert.setObject(4, LocalDate.parse(shipped));
      insert.executeUpdate();
    }
  }

  private void save(String id, Database database, String source, String mode) {
    String yaml =
        "id: "
            + id
            + "\nproduct: colis-suivi\nsource:\n  kind: jdbc\n  url: "
            + database.url
            + "\n  user: "
            + database.user
            + "\n  password-env: COLIS_DB_PASSWORD\n"
            + source
            + "  fetch-size: 2\nwrite: {mode: "
            + mode
            + "}\n";
    Http.Response saved = owner.putYaml("/api/v1/flows/" + id, yaml);
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
  }

  private JsonNode run(String flow) {
    Http.Response response = owner.postJson("/api/v1/flows/" + flow + "/runs", "");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private List<List<Object>> rows(Version version) {
    return comptoir
        .ingestion()
        .read(version, List.of("id", "destination", "weight", "shipped"), 0, 100)
        .rows();
  }

  private Version latest() {
    return comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void appendsOnlyTheRowsAboveTheWatermarkExactlyOnce(Database database) throws SQLException {
    start(database);
    save("colis-base", database, "  table: " + table + "\n  watermark: id\n", "append");

    JsonNode first = run("colis-base");

    assertThat(first.path("runs")).hasSize(1);
    assertThat(first.path("runs").get(0).path("rowsRead").asLong()).isEqualTo(3);
    assertThat(first.path("runs").get(0).path("rowsQuarantined").asLong()).isZero();
    assertThat(comptoir.ingestion().progress("colis-base")).containsEntry("watermark", "3");
    assertThat(rows(latest()))
        .containsExactlyInAnyOrder(
            List.of(1L, "75001", new BigDecimal("1.50"), LocalDate.parse("2024-01-02")),
            List.of(2L, HOSTILE, new BigDecimal("0.80"), LocalDate.parse("2024-01-03")),
            List.of(3L, "33000", new BigDecimal("2.25"), LocalDate.parse("2024-01-04")));

    insert(4, "59000", "3.10", "2024-02-01");
    insert(5, "67000", "0.40", "2024-02-02");
    JsonNode second = run("colis-base");

    assertThat(second.path("runs")).hasSize(1);
    assertThat(second.path("runs").get(0).path("source").asText())
        .isEqualTo("table " + table + ", id > 3");
    assertThat(second.path("runs").get(0).path("rowsRead").asLong()).isEqualTo(2);
    assertThat(latest().number()).isEqualTo(2);
    assertThat(latest().rowCount()).isEqualTo(5);
    assertThat(rows(latest())).extracting(row -> row.get(0)).containsOnly(1L, 2L, 3L, 4L, 5L);
    assertThat(comptoir.ingestion().progress("colis-base")).containsEntry("watermark", "5");

    assertThat(run("colis-base").path("runs")).as("nothing new: no run, no version").isEmpty();
    assertThat(comptoir.ingestion().listVersions(Fixtures.PARCELS)).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void replacesTheSnapshotOnlyWhenTheTableChanged(Database database) throws SQLException {
    start(database);
    save(
        "colis-instantane",
        database,
        "  query: SELECT id, destination, weight, shipped FROM " + table + " ORDER BY id\n",
        "overwrite");

    assertThat(run("colis-instantane").path("runs")).hasSize(1);
    assertThat(run("colis-instantane").path("runs")).as("unchanged").isEmpty();
    execute("UPDATE " + table + " SET weight = 9.99 WHERE id = 1");
    execute("DELETE FROM " + table + " WHERE id = 3");
    assertThat(run("colis-instantane").path("runs")).hasSize(1);

    assertThat(latest().number()).isEqualTo(2);
    assertThat(rows(latest()))
        .containsExactlyInAnyOrder(
            List.of(1L, "75001", new BigDecimal("9.99"), LocalDate.parse("2024-01-02")),
            List.of(2L, HOSTILE, new BigDecimal("0.80"), LocalDate.parse("2024-01-03")));
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesToRunWithoutItsPasswordVariable(Database database) throws SQLException {
    start(database);
    Http.Response saved =
        owner.putYaml(
            "/api/v1/flows/colis-secret",
            "id: colis-secret\nproduct: colis-suivi\nsource: {kind: jdbc, url: \""
                + database.url
                + "\", password-env: ABSENT_PASSWORD, table: "
                + table
                + "}\n");
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);

    Http.Response response = owner.postJson("/api/v1/flows/colis-secret/runs", "");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage())
        .isEqualTo(
            "flow colis-secret: environment variable ABSENT_PASSWORD (password-env) is not set");
    assertThat(comptoir.ingestion().findLatestVersion(Fixtures.PARCELS)).isEmpty();
  }
}
