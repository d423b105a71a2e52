package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.identity.IdentityRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on the embedded SQLite file, plus what is specific to SQLite. */
class SqliteRepositoryTest extends RepositoryContractTest implements IdentityRepositoryContract {
  @Override
  public IdentityRepository identities() {
    return store().identity();
  }

  @TempDir Path directory;

  @Override
  MetadataStore openFreshStore() {
    return MetadataStore.open(StoreConfig.embedded(directory.resolve("data")));
  }

  @Test
  void createsTheDatabaseFileUnderTheDataDirectory() {
    Path file = directory.resolve("data").resolve("comptoir.db").toAbsolutePath();

    assertThat(file).isRegularFile();
    assertThat(store().description()).isEqualTo("SQLite " + file);
  }

  @Test
  void createsMissingDataDirectories() {
    Path nested = directory.resolve("a").resolve("b").resolve("c");
    try (MetadataStore nestedStore = MetadataStore.open(StoreConfig.embedded(nested))) {
      assertThat(nestedStore.catalog().listEntities()).isEmpty();
    }

    assertThat(nested.resolve("comptoir.db")).isRegularFile();
  }

  @Test
  void opensConnectionsInWalModeWithForeignKeysAndABusyTimeout() throws SQLException {
    DataSource pool = store().dataSource();

    assertThat(pragma(pool, "journal_mode")).isEqualTo("wal");
    assertThat(pragma(pool, "foreign_keys")).isEqualTo("1");
    assertThat(pragma(pool, "busy_timeout")).isEqualTo("10000");
  }

  @Test
  void leavesTheFileInWalModeForEveryConnection() throws SQLException {
    Path file = directory.resolve("data").resolve("comptoir.db");
    try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = plain.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("wal");
    }
  }

  @Test
  void reopeningKeepsTheDataAndDoesNotRerunMigrations() throws SQLException {
    LegalEntity entity = new LegalEntity("BSCC", "Colis et Courrier", "Branche");
    store().catalog().saveEntity(entity);
    List<String> history = migrationHistory();
    assertThat(history).isNotEmpty();
    store().close();

    try (MetadataStore reopened =
        MetadataStore.open(StoreConfig.embedded(directory.resolve("data")))) {
      assertThat(reopened.catalog().listEntities()).containsExactly(entity);
      assertThat(migrationHistory(reopened.dataSource())).isEqualTo(history);
    }
  }

  private List<String> migrationHistory() throws SQLException {
    return migrationHistory(store().dataSource());
  }

  private static List<String> migrationHistory(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT installed_rank, version, checksum, installed_on"
                    + " FROM flyway_schema_history ORDER BY installed_rank")) {
      List<String> history = new ArrayList<>();
      while (rows.next()) {
        history.add(
            rows.getInt(1)
                + " "
                + rows.getString(2)
                + " "
                + rows.getString(3)
                + " "
                + rows.getString(4));
      }
      return history;
    }
  }

  private static String pragma(DataSource dataSource, String name) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void twoStoresOnTheSameFileWriteConcurrentlyWithoutBusyErrors() throws Exception {
    // A second store on the same file has its own connections, like a CLI next to the server.
    try (MetadataStore second =
        MetadataStore.open(StoreConfig.embedded(directory.resolve("data")))) {
      List<Callable<Boolean>> writers = new ArrayList<>();
      for (int writer = 0; writer < 4; writer++) {
        CatalogRepository catalog = writer % 2 == 0 ? store().catalog() : second.catalog();
        String prefix = "writer-" + writer + "-";
        writers.add(
            () -> {
              for (int i = 0; i < 25; i++) {
                catalog.saveProduct(product(prefix + i));
              }
              return true;
            });
      }

      assertThat(runTogether(writers)).containsOnly(true);
      assertThat(store().catalog().listProducts(ProductQuery.all()).total()).isEqualTo(100);
    }
  }

  private static DataProduct product(String id) {
    Instant now = Instant.parse("2025-01-15T08:30:00Z");
    return new DataProduct(
        ProductId.of(id),
        "Produit " + id,
        "",
        "BSCC",
        "colis",
        "owner",
        "",
        "",
        Classification.INTERNAL,
        List.of("a", "b"),
        List.of(Column.of("identifiant", DataType.INTEGER), Column.of("nom", DataType.STRING)),
        now,
        now);
  }

  @Test
  void theDatabaseFileExistsAfterClose() {
    store().close();

    assertThat(Files.exists(directory.resolve("data").resolve("comptoir.db"))).isTrue();
  }
}
