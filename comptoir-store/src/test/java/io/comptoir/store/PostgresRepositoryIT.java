package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.comptoir.identity.IdentityRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository contract on PostgreSQL (127.0.0.1:5432, user postgres, database test). Each test
 * runs in a schema of its own, dropped afterwards, so parallel builds do not collide. Skipped when
 * PostgreSQL is unreachable, unless {@code -Dcomptoir.require-postgres=true} (CI), where it fails.
 * {@code -Dcomptoir.postgres-url=jdbc:postgresql://host:port/database} points it elsewhere.
 */
class PostgresRepositoryIT extends RepositoryContractTest implements IdentityRepositoryContract {
  @Override
  public IdentityRepository identities() {
    return store().identity();
  }

  static final String SERVER_URL =
      System.getProperty("comptoir.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = "postgres";
  private static final String REQUIRE_PROPERTY = "comptoir.require-postgres";

  @TempDir Path directory;
  private String schema;

  /** Why PostgreSQL cannot be used, or null when it can. */
  private static String unreachable;

  @BeforeAll
  static void checkPostgres() {
    try (Connection connection = adminConnection()) {
      assertThat(connection.isValid(5)).isTrue();
      unreachable = null;
    } catch (SQLException e) {
      unreachable =
          "PostgreSQL is unreachable at " + SERVER_URL + " as " + USER + ": " + e.getMessage();
      if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
        fail(
            unreachable
                + " ("
                + REQUIRE_PROPERTY
                + "=true: start it with 'pg_ctlcluster --skip-systemctl-redirect"
                + " $(ls /etc/postgresql) main start')");
      }
    }
  }

  static Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(SERVER_URL + "?connectTimeout=5", USER, "");
  }

  @Override
  MetadataStore openFreshStore() throws SQLException {
    if (unreachable != null) {
      // Aborted per test, so the build reports every skipped test.
      Assumptions.abort(unreachable + "; skipped (-D" + REQUIRE_PROPERTY + "=true to fail)");
    }
    schema = "comptoir_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = adminConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    return MetadataStore.open(
        new StoreConfig(Optional.of(schemaUrl()), USER, "", directory.resolve("data")));
  }

  @Override
  void dropFreshStore() throws SQLException {
    if (schema != null) {
      try (Connection connection = adminConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private String schemaUrl() {
    return SERVER_URL + "?currentSchema=" + schema;
  }

  @Test
  void describesTheUrl() {
    assertThat(store().description()).isEqualTo("PostgreSQL " + schemaUrl());
  }

  @Test
  void hidesAPasswordGivenInTheUrl() {
    String url = schemaUrl() + "&password=secret";
    try (MetadataStore withPassword =
        MetadataStore.open(new StoreConfig(Optional.of(url), USER, "", directory))) {
      assertThat(withPassword.description())
          .isEqualTo("PostgreSQL " + schemaUrl() + "&password=***");
    }
  }
}
