package io.comptoir.store;

import static io.comptoir.store.Database.instant;
import static io.comptoir.store.Database.instantOrNull;
import static io.comptoir.store.Database.integerOrNull;
import static io.comptoir.store.Database.optionalInstant;
import static io.comptoir.store.Database.optionalInteger;
import static io.comptoir.store.Database.optionalText;
import static io.comptoir.store.Database.placeholders;
import static io.comptoir.store.Database.textOrNull;
import static io.comptoir.store.Database.update;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.NotFoundException;
import io.comptoir.ingest.DataFile;
import io.comptoir.ingest.IngestionRepository;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.QuarantineCount;
import io.comptoir.ingest.RunId;
import io.comptoir.ingest.RunStatus;
import io.comptoir.ingest.SourceProgress;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.WriteMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link IngestionRepository} on SQLite or PostgreSQL. */
final class JdbcIngestionRepository implements IngestionRepository {
  private static final String RUN_FIELDS =
      "id, product_id, status, source, source_checksum, source_bytes, write_mode, started_at,"
          + " finished_at, rows_read, rows_accepted, rows_quarantined, error_message,"
          + " version_number, quarantine_file, flow_id";
  private static final String RUN_UPDATE =
      "UPDATE ingestion_runs SET product_id = ?, status = ?, source = ?, source_checksum = ?,"
          + " source_bytes = ?, write_mode = ?, started_at = ?, finished_at = ?, rows_read = ?,"
          + " rows_accepted = ?, rows_quarantined = ?, error_message = ?, version_number = ?,"
          + " quarantine_file = ? WHERE id = ?";
  private static final String VERSION_FIELDS =
      "product_id, version_number, created_at, row_count, byte_count, source_checksum, run_id,"
          + " write_mode";

  private final Database database;
  private final JdbcCatalogRepository catalog;

  JdbcIngestionRepository(Database database, JdbcCatalogRepository catalog) {
    this.database = requireNonNull(database, "database is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  @Override
  public void insertRun(IngestionRun run) {
    requireNonNull(run, "run is null");
    database.run(
        "insert run " + run.id(),
        connection -> {
          insertRunRow(connection, run);
          writeQuarantineCounts(connection, run);
        });
  }

  @Override
  public void updateRun(IngestionRun run) {
    requireNonNull(run, "run is null");
    database.run(
        "update run " + run.id(),
        connection -> {
          if (updateRunRow(connection, run) == 0) {
            throw new NotFoundException("run", run.id());
          }
          writeQuarantineCounts(connection, run);
        });
  }

  private void insertRunRow(Connection connection, IngestionRun run) throws SQLException {
    try {
      update(
          connection,
          "INSERT INTO ingestion_runs ("
              + RUN_FIELDS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          run.id().value(),
          run.product().value(),
          run.status().name(),
          run.source(),
          run.sourceChecksum(),
          run.sourceBytes(),
          run.mode().name(),
          run.startedAt(),
          instantOrNull(run.finishedAt()),
          run.rowsRead(),
          run.rowsAccepted(),
          run.rowsQuarantined(),
          textOrNull(run.error()),
          integerOrNull(run.versionNumber()),
          textOrNull(run.quarantineFile()),
          textOrNull(run.flow()));
    } catch (SQLException e) {
      if (database.dialect().isUniqueViolation(e)) {
        throw ComptoirException.conflict("run %s already exists", run.id());
      }
      throw e;
    }
  }

  private static int updateRunRow(Connection connection, IngestionRun run) throws SQLException {
    return update(
        connection,
        RUN_UPDATE,
        run.product().value(),
        run.status().name(),
        run.source(),
        run.sourceChecksum(),
        run.sourceBytes(),
        run.mode().name(),
        run.startedAt(),
        instantOrNull(run.finishedAt()),
        run.rowsRead(),
        run.rowsAccepted(),
        run.rowsQuarantined(),
        textOrNull(run.error()),
        integerOrNull(run.versionNumber()),
        textOrNull(run.quarantineFile()),
        run.id().value());
  }

  private static void writeQuarantineCounts(Connection connection, IngestionRun run)
      throws SQLException {
    update(connection, "DELETE FROM run_quarantine_counts WHERE run_id = ?", run.id().value());
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO run_quarantine_counts (run_id, ordinal, error_type, column_name,"
                + " row_count) VALUES (?, ?, ?, ?, ?)")) {
      List<QuarantineCount> counts = run.quarantineCounts();
      for (int ordinal = 0; ordinal < counts.size(); ordinal++) {
        QuarantineCount count = counts.get(ordinal);
        statement.setString(1, run.id().value());
        statement.setInt(2, ordinal);
        statement.setString(3, count.errorType());
        statement.setString(4, count.column());
        statement.setLong(5, count.rows());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  @Override
  public Optional<IngestionRun> findRun(RunId id) {
    requireNonNull(id, "id is null");
    return database.call(
        "find run " + id,
        connection ->
            readRuns(
                    connection,
                    "SELECT " + RUN_FIELDS + " FROM ingestion_runs WHERE id = ?",
                    id.value())
                .stream()
                .findFirst());
  }

  @Override
  public List<IngestionRun> listRuns(ProductId product, int limit) {
    requireNonNull(product, "product is null");
    if (limit < 1) {
      throw ComptoirException.invalidInput("limit must be >= 1, got %d", limit);
    }
    return database.call(
        "list runs of " + product,
        connection ->
            readRuns(
                connection,
                "SELECT "
                    + RUN_FIELDS
                    + " FROM ingestion_runs WHERE product_id = ?"
                    + " ORDER BY started_at DESC, id DESC LIMIT ?",
                product.value(),
                limit));
  }

  @Override
  public List<IngestionRun> listRunning() {
    return database.call(
        "list running runs",
        connection ->
            readRuns(
                connection,
                "SELECT "
                    + RUN_FIELDS
                    + " FROM ingestion_runs WHERE status = ? ORDER BY started_at, id",
                RunStatus.RUNNING.name()));
  }

  private static List<IngestionRun> readRuns(
      Connection connection, String sql, Object... parameters) throws SQLException {
    List<RunRow> runs = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Database.bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          runs.add(RunRow.read(rows));
        }
      }
    }
    if (runs.isEmpty()) {
      return List.of();
    }
    List<String> ids = runs.stream().map(RunRow::id).toList();
    Map<String, List<QuarantineCount>> counts = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT run_id, error_type, column_name, row_count FROM run_quarantine_counts"
                + " WHERE run_id IN ("
                + placeholders(ids)
                + ") ORDER BY run_id, ordinal")) {
      Database.bind(statement, ids.toArray());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          counts
              .computeIfAbsent(rows.getString("run_id"), key -> new ArrayList<>())
              .add(
                  new QuarantineCount(
                      rows.getString("error_type"),
                      rows.getString("column_name"),
                      rows.getLong("row_count")));
        }
      }
    }
    return runs.stream().map(run -> run.toRun(counts.getOrDefault(run.id(), List.of()))).toList();
  }

  @Override
  public void commitVersion(
      Version version,
      IngestionRun run,
      Optional<DataProduct> updatedProduct,
      Optional<SourceProgress> progress) {
    requireNonNull(version, "version is null");
    requireNonNull(run, "run is null");
    requireNonNull(updatedProduct, "updatedProduct is null");
    requireNonNull(progress, "progress is null");
    database.run(
        "commit version " + version.number() + " of " + version.product(),
        connection -> {
          // The run first: the version row references it.
          if (updateRunRow(connection, run) == 0) {
            insertRunRow(connection, run);
          }
          writeQuarantineCounts(connection, run);
          insertVersion(connection, version);
          if (updatedProduct.isPresent()) {
            catalog.writeProduct(connection, updatedProduct.get());
          }
          if (progress.isPresent()) {
            writeProgress(connection, progress.get(), run);
          }
        });
  }

  private static void writeProgress(
      Connection connection, SourceProgress progress, IngestionRun run) throws SQLException {
    for (Map.Entry<String, String> entry : new TreeMap<>(progress.entries()).entrySet()) {
      update(
          connection,
          "INSERT INTO source_progress (flow_id, entry_key, entry_value, run_id, updated_at)"
              + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (flow_id, entry_key) DO UPDATE SET"
              + " entry_value = excluded.entry_value, run_id = excluded.run_id,"
              + " updated_at = excluded.updated_at",
          progress.flow(),
          entry.getKey(),
          entry.getValue(),
          run.id().value(),
          run.finishedAt().orElse(run.startedAt()));
    }
  }

  @Override
  public void saveProfile(io.comptoir.ingest.VersionProfile profile) {
    requireNonNull(profile, "profile is null");
    database.run(
        "save the profile of version " + profile.version() + " of " + profile.product(),
        connection -> ProfileRows.write(connection, profile));
  }

  @Override
  public Optional<io.comptoir.ingest.VersionProfile> findProfile(ProductId product, int version) {
    requireNonNull(product, "product is null");
    return database.call(
        "read the profile of version " + version + " of " + product,
        connection -> ProfileRows.read(connection, product, version));
  }

  @Override
  public List<io.comptoir.ingest.VersionKey> versionsWithoutProfile(Optional<ProductId> product) {
    requireNonNull(product, "product is null");
    String sql =
        "SELECT v.product_id, v.version_number FROM versions v WHERE NOT EXISTS (SELECT 1 FROM"
            + " version_profiles p WHERE p.product_id = v.product_id"
            + " AND p.version_number = v.version_number)"
            + (product.isPresent() ? " AND v.product_id = ?" : "");
    return database.call(
        "list the versions without a profile" + product.map(p -> " of " + p).orElse(""),
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (product.isPresent()) {
              statement.setString(1, product.get().value());
            }
            List<io.comptoir.ingest.VersionKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                keys.add(
                    new io.comptoir.ingest.VersionKey(
                        ProductId.of(rows.getString(1)), rows.getInt(2)));
              }
            }
            // sorted here: PostgreSQL's collation and SQLite's binary order differ on '-'
            keys.sort(
                java.util.Comparator.comparing(
                        (io.comptoir.ingest.VersionKey key) -> key.product().value())
                    .thenComparingInt(io.comptoir.ingest.VersionKey::number));
            return keys;
          }
        });
  }

  @Override
  public Map<String, String> progress(String flow) {
    requireNonNull(flow, "flow is null");
    return database.call(
        "read the source progress of flow " + flow,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT entry_key, entry_value FROM source_progress WHERE flow_id = ?")) {
            statement.setString(1, flow);
            try (ResultSet rows = statement.executeQuery()) {
              Map<String, String> entries = new TreeMap<>();
              while (rows.next()) {
                entries.put(rows.getString(1), rows.getString(2));
              }
              return entries;
            }
          }
        });
  }

  @Override
  public List<IngestionRun> listRunsOfFlow(String flow, int limit) {
    requireNonNull(flow, "flow is null");
    if (limit < 1) {
      throw ComptoirException.invalidInput("limit must be >= 1, got %d", limit);
    }
    return database.call(
        "list runs of flow " + flow,
        connection ->
            readRuns(
                connection,
                "SELECT "
                    + RUN_FIELDS
                    + " FROM ingestion_runs WHERE flow_id = ?"
                    + " ORDER BY started_at DESC, id DESC LIMIT ?",
                flow,
                limit));
  }

  private void insertVersion(Connection connection, Version version) throws SQLException {
    String product = version.product().value();
    try {
      update(
          connection,
          "INSERT INTO versions (" + VERSION_FIELDS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          product,
          version.number(),
          version.createdAt(),
          version.rowCount(),
          version.bytes(),
          version.sourceChecksum(),
          version.run().value(),
          version.mode().name());
    } catch (SQLException e) {
      if (database.dialect().isUniqueViolation(e)) {
        throw ComptoirException.conflict(
            "version %d of product %s already exists", version.number(), version.product());
      }
      throw e;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO version_columns (product_id, version_number, "
                + ColumnRows.FIELDS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int ordinal = 0; ordinal < version.schema().size(); ordinal++) {
        statement.setString(1, product);
        statement.setInt(2, version.number());
        ColumnRows.bind(statement, 3, ordinal, version.schema().get(ordinal));
        statement.addBatch();
      }
      statement.executeBatch();
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO version_files (product_id, version_number, ordinal, path, row_count,"
                + " byte_count) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int ordinal = 0; ordinal < version.files().size(); ordinal++) {
        DataFile file = version.files().get(ordinal);
        statement.setString(1, product);
        statement.setInt(2, version.number());
        statement.setInt(3, ordinal);
        statement.setString(4, file.path());
        statement.setLong(5, file.rows());
        statement.setLong(6, file.bytes());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  @Override
  public Optional<Version> findVersion(ProductId product, int number) {
    requireNonNull(product, "product is null");
    return database.call(
        "find version " + number + " of " + product,
        connection ->
            readVersions(connection, product, " AND version_number = ?", number).stream()
                .findFirst());
  }

  @Override
  public Optional<Version> findLatestVersion(ProductId product) {
    requireNonNull(product, "product is null");
    String latest =
        " AND version_number = (SELECT MAX(version_number) FROM versions WHERE product_id = ?)";
    return database.call(
        "find latest version of " + product,
        connection ->
            readVersions(connection, product, latest, product.value()).stream().findFirst());
  }

  @Override
  public List<Version> listVersions(ProductId product) {
    requireNonNull(product, "product is null");
    return database.call(
        "list versions of " + product, connection -> readVersions(connection, product, ""));
  }

  @Override
  public Optional<Version> findVersionBySourceChecksum(ProductId product, String checksum) {
    requireNonNull(product, "product is null");
    requireNonNull(checksum, "checksum is null");
    // Several versions can share a checksum when an ingestion was forced: take the newest.
    String match =
        " AND version_number = (SELECT MAX(version_number) FROM versions"
            + " WHERE product_id = ? AND source_checksum = ?)";
    return database.call(
        "find version of " + product + " by source checksum",
        connection ->
            readVersions(connection, product, match, product.value(), checksum).stream()
                .findFirst());
  }

  /**
   * Reads the versions of a product, newest first, with their schemas and files.
   *
   * @param filter a condition on {@code version_number} appended to the WHERE clause of the query
   *     on {@code versions} and of the queries on its child tables
   * @param parameters the parameters of the filter
   */
  private static List<Version> readVersions(
      Connection connection, ProductId product, String filter, Object... parameters)
      throws SQLException {
    Object[] allParameters = new Object[parameters.length + 1];
    allParameters[0] = product.value();
    System.arraycopy(parameters, 0, allParameters, 1, parameters.length);

    List<VersionRow> versions = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT "
                + VERSION_FIELDS
                + " FROM versions WHERE product_id = ?"
                + filter
                + " ORDER BY version_number DESC")) {
      Database.bind(statement, allParameters);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          versions.add(VersionRow.read(rows));
        }
      }
    }
    if (versions.isEmpty()) {
      return List.of();
    }
    Map<Integer, List<Column>> schemas = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT version_number, "
                + ColumnRows.FIELDS
                + " FROM version_columns WHERE product_id = ?"
                + filter
                + " ORDER BY version_number, ordinal")) {
      Database.bind(statement, allParameters);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          schemas
              .computeIfAbsent(rows.getInt("version_number"), key -> new ArrayList<>())
              .add(ColumnRows.read(rows));
        }
      }
    }
    Map<Integer, List<DataFile>> files = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT version_number, path, row_count, byte_count FROM version_files"
                + " WHERE product_id = ?"
                + filter
                + " ORDER BY version_number, ordinal")) {
      Database.bind(statement, allParameters);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          files
              .computeIfAbsent(rows.getInt("version_number"), key -> new ArrayList<>())
              .add(
                  new DataFile(
                      rows.getString("path"),
                      rows.getLong("row_count"),
                      rows.getLong("byte_count")));
        }
      }
    }
    return versions.stream()
        .map(
            row ->
                row.toVersion(
                    schemas.getOrDefault(row.number(), List.of()),
                    files.getOrDefault(row.number(), List.of())))
        .toList();
  }

  @Override
  public Set<String> referencedFiles() {
    return database.call(
        "list referenced files",
        connection -> {
          Set<String> paths = new LinkedHashSet<>();
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT path FROM version_files UNION SELECT quarantine_file"
                          + " FROM ingestion_runs WHERE quarantine_file IS NOT NULL");
              ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              paths.add(rows.getString(1));
            }
          }
          return Set.copyOf(paths);
        });
  }

  /** An ingestion_runs row before its quarantine counts are attached. */
  private record RunRow(
      String id,
      String product,
      RunStatus status,
      String source,
      String sourceChecksum,
      long sourceBytes,
      WriteMode mode,
      Instant startedAt,
      Optional<Instant> finishedAt,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      Optional<String> error,
      Optional<Integer> versionNumber,
      Optional<String> quarantineFile,
      Optional<String> flow) {

    static RunRow read(ResultSet row) throws SQLException {
      return new RunRow(
          row.getString("id"),
          row.getString("product_id"),
          RunStatus.valueOf(row.getString("status")),
          row.getString("source"),
          row.getString("source_checksum"),
          row.getLong("source_bytes"),
          WriteMode.valueOf(row.getString("write_mode")),
          instant(row, "started_at"),
          optionalInstant(row, "finished_at"),
          row.getLong("rows_read"),
          row.getLong("rows_accepted"),
          row.getLong("rows_quarantined"),
          optionalText(row, "error_message"),
          optionalInteger(row, "version_number"),
          optionalText(row, "quarantine_file"),
          optionalText(row, "flow_id"));
    }

    IngestionRun toRun(List<QuarantineCount> counts) {
      return new IngestionRun(
          new RunId(id),
          ProductId.of(product),
          status,
          source,
          sourceChecksum,
          sourceBytes,
          mode,
          startedAt,
          finishedAt,
          rowsRead,
          rowsAccepted,
          rowsQuarantined,
          error,
          versionNumber,
          quarantineFile,
          counts,
          flow);
    }
  }

  /** A versions row before its schema and files are attached. */
  private record VersionRow(
      String product,
      int number,
      Instant createdAt,
      long rowCount,
      long bytes,
      String sourceChecksum,
      String run,
      WriteMode mode) {

    static VersionRow read(ResultSet row) throws SQLException {
      return new VersionRow(
          row.getString("product_id"),
          row.getInt("version_number"),
          instant(row, "created_at"),
          row.getLong("row_count"),
          row.getLong("byte_count"),
          row.getString("source_checksum"),
          row.getString("run_id"),
          WriteMode.valueOf(row.getString("write_mode")));
    }

    Version toVersion(List<Column> schema, List<DataFile> files) {
      return new Version(
          ProductId.of(product),
          number,
          createdAt,
          schema,
          rowCount,
          bytes,
          sourceChecksum,
          new RunId(run),
          mode,
          files);
    }
  }
}
