package io.comptoir.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.comptoir.audit.AuditRepository;
import io.comptoir.catalog.CatalogRepository;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ConsumptionRepository;
import io.comptoir.contract.ContractRepository;
import io.comptoir.contract.SharingRepository;
import io.comptoir.identity.IdentityRepository;
import io.comptoir.ingest.IngestionRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The metadata store: a pooled JDBC data source, migrated by Flyway at open. */
public final class MetadataStore implements AutoCloseable {
  /** Name of the embedded SQLite file under the data directory. */
  public static final String SQLITE_FILE_NAME = "comptoir.db";

  static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;
  private static final int POSTGRES_POOL_SIZE = 10;
  private static final String MIGRATIONS = "classpath:db/migration";
  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

  private final HikariDataSource pool;
  private final String description;
  private final JdbcCatalogRepository catalog;
  private final JdbcIngestionRepository ingestion;
  private final JdbcAuditRepository audit;
  private final JdbcContractRepository contracts;
  private final JdbcSharingRepository sharing;
  private final JdbcIdentityRepository identity;
  private final JdbcConsumptionRepository consumption;
  private final JdbcFlowRepository flows;
  private final JdbcFlowLocks flowLocks;
  private final JdbcStandingRepository standing;
  private final JdbcGlossaryRepository glossary;
  private final JdbcQualityRepository quality;
  private final JdbcLineageRepository lineage;

  private MetadataStore(HikariDataSource pool, Dialect dialect, String description) {
    this.pool = pool;
    this.description = description;
    Database database = new Database(pool, dialect);
    this.catalog = new JdbcCatalogRepository(database);
    this.ingestion = new JdbcIngestionRepository(database, catalog);
    this.audit = new JdbcAuditRepository(database);
    this.contracts = new JdbcContractRepository(database);
    this.sharing = new JdbcSharingRepository(database);
    this.identity = new JdbcIdentityRepository(database);
    this.consumption = new JdbcConsumptionRepository(database);
    this.flows = new JdbcFlowRepository(database);
    this.flowLocks = new JdbcFlowLocks(database);
    this.standing = new JdbcStandingRepository(database);
    this.glossary = new JdbcGlossaryRepository(database);
    this.quality = new JdbcQualityRepository(database);
    this.lineage = new JdbcLineageRepository(database);
  }

  /** Opens (creating and migrating if needed) the store described by the config. */
  public static MetadataStore open(StoreConfig config) {
    requireNonNull(config, "config is null");
    Dialect dialect;
    String description;
    HikariConfig hikari = new HikariConfig();
    if (config.jdbcUrl().isPresent()) {
      String url = config.jdbcUrl().get();
      if (!url.startsWith("jdbc:postgresql:")) {
        throw ComptoirException.invalidInput(
            "metadata store URL must be a PostgreSQL JDBC URL (jdbc:postgresql://...), got '%s'",
            redact(url));
      }
      dialect = Dialect.POSTGRESQL;
      description = dialect.displayName() + " " + redact(url);
      hikari.setJdbcUrl(url);
      hikari.setUsername(config.user());
      hikari.setPassword(config.password());
      hikari.setMaximumPoolSize(POSTGRES_POOL_SIZE);
      hikari.setPoolName("comptoir-postgresql");
    } else {
      Path file = sqliteFile(config.dataDirectory());
      dialect = Dialect.SQLITE;
      description = dialect.displayName() + " " + file;
      hikari.setDataSource(sqliteDataSource(file));
      // SQLite has a single writer. One pooled connection queues this process's transactions
      // in the pool (fair, no polling); IMMEDIATE transactions plus busy_timeout make writers in
      // other processes (a CLI next to the server) wait for the lock instead of failing with
      // SQLITE_BUSY. Every repository call holds the connection for milliseconds only and never
      // asks for a second one, so a single connection cannot deadlock.
      hikari.setMaximumPoolSize(1);
      hikari.setPoolName("comptoir-sqlite");
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL,
          "cannot connect to the metadata store " + description + ": " + e.getMessage(),
          e);
    }
    try {
      Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new ComptoirException(
          ErrorCode.INTERNAL,
          "cannot migrate the metadata store " + description + ": " + e.getMessage(),
          e);
    }
    return new MetadataStore(pool, dialect, description);
  }

  private static Path sqliteFile(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot create the data directory " + directory + ": " + e, e);
    }
    return directory.resolve(SQLITE_FILE_NAME);
  }

  private static DataSource sqliteDataSource(Path file) {
    SQLiteConfig sqlite = new SQLiteConfig();
    // WAL: readers in other processes are not blocked by the writer.
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
    sqlite.enforceForeignKeys(true);
    // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, waiting up to the busy
    // timeout, so it never fails later when a read lock cannot be upgraded.
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }

  private static String redact(String url) {
    return PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
  }

  public CatalogRepository catalog() {
    return catalog;
  }

  /** Who may ask for each product. */
  public SharingRepository sharing() {
    return sharing;
  }

  /** Access requests and usage contracts, their keys apart. */
  public ContractRepository contracts() {
    return contracts;
  }

  /** Per-day consumption of contracts: reads, rows and bytes. */
  public ConsumptionRepository consumption() {
    return consumption;
  }

  /** The append-only, hash-chained audit log. */
  public AuditRepository audit() {
    return audit;
  }

  public io.comptoir.flow.FlowRepository flows() {
    return flows;
  }

  public io.comptoir.flow.FlowLocks flowLocks() {
    return flowLocks;
  }

  /** Data scores and certifications. */
  public io.comptoir.score.StandingRepository standing() {
    return standing;
  }

  /** Glossary terms and the columns linked to them. */
  public io.comptoir.glossary.GlossaryRepository glossary() {
    return glossary;
  }

  /** Quality rules of products and the results of each version. */
  public io.comptoir.quality.QualityRepository quality() {
    return quality;
  }

  public io.comptoir.lineage.LineageRepository lineage() {
    return lineage;
  }

  public IngestionRepository ingestion() {
    return ingestion;
  }

  public IdentityRepository identity() {
    return identity;
  }

  /** "SQLite /path/comptoir.db" or "PostgreSQL jdbc:postgresql://..." without password. */
  public String description() {
    return description;
  }

  /** The pooled data source, for tests. */
  DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return description;
  }
}
