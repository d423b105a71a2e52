package io.comptoir.store;

import static io.comptoir.store.Database.instant;
import static io.comptoir.store.Database.textOrNull;
import static io.comptoir.store.Database.update;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.flow.FlowDocumentKind;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowRepository;
import io.comptoir.flow.StoredFlowDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link FlowRepository} on SQLite or PostgreSQL. */
final class JdbcFlowRepository implements FlowRepository {
  private static final String COLUMNS =
      "flow_id, version, kind, document, resolved, product_id, saved_at, saved_by";

  private final Database database;

  JdbcFlowRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void insert(StoredFlowDocument document) {
    requireNonNull(document, "document is null");
    database.run(
        "save flow " + document.id() + " version " + document.version(),
        connection -> {
          update(
              connection,
              "INSERT INTO flows (flow_id, kind, paused) VALUES (?, ?, 0)"
                  + " ON CONFLICT (flow_id) DO NOTHING",
              document.id().value(),
              document.kind().name());
          String kind = kindOf(connection, document.id());
          if (!kind.equals(document.kind().name())) {
            throw ComptoirException.conflict(
                "'%s' is already a %s", document.id(), kind.toLowerCase(java.util.Locale.ROOT));
          }
          try {
            update(
                connection,
                "INSERT INTO flow_documents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                document.id().value(),
                document.version(),
                document.kind().name(),
                document.document(),
                document.resolved(),
                textOrNull(document.product().map(ProductId::value)),
                document.savedAt(),
                document.savedBy());
          } catch (SQLException e) {
            if (database.dialect().isUniqueViolation(e)) {
              throw ComptoirException.conflict(
                  "flow %s version %d was saved by someone else meanwhile: reload and save again",
                  document.id(), document.version());
            }
            throw e;
          }
        });
  }

  private static String kindOf(Connection connection, FlowId id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT kind FROM flows WHERE flow_id = ?")) {
      statement.setString(1, id.value());
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("flow " + id + " vanished during its insert");
        }
        return rows.getString(1);
      }
    }
  }

  @Override
  public Optional<StoredFlowDocument> findLatest(FlowId id) {
    List<StoredFlowDocument> found =
        select(
            "read flow " + id,
            "SELECT "
                + COLUMNS
                + " FROM flow_documents WHERE flow_id = ?"
                + " ORDER BY version DESC LIMIT 1",
            id.value());
    return found.stream().findFirst();
  }

  @Override
  public Optional<StoredFlowDocument> findVersion(FlowId id, int version) {
    return select(
            "read flow " + id + " version " + version,
            "SELECT " + COLUMNS + " FROM flow_documents WHERE flow_id = ? AND version = ?",
            id.value(),
            version)
        .stream()
        .findFirst();
  }

  @Override
  public List<StoredFlowDocument> history(FlowId id) {
    return select(
        "read the history of flow " + id,
        "SELECT " + COLUMNS + " FROM flow_documents WHERE flow_id = ? ORDER BY version",
        id.value());
  }

  @Override
  public List<StoredFlowDocument> listLatest() {
    return select(
        "list flows",
        "SELECT "
            + COLUMNS
            + " FROM flow_documents d WHERE version ="
            + " (SELECT MAX(version) FROM flow_documents l WHERE l.flow_id = d.flow_id)"
            + " ORDER BY flow_id");
  }

  @Override
  public void setPaused(FlowId id, boolean paused) {
    database.run(
        (paused ? "pause" : "resume") + " flow " + id,
        connection -> {
          if (update(
                  connection,
                  "UPDATE flows SET paused = ? WHERE flow_id = ?",
                  paused ? 1 : 0,
                  id.value())
              == 0) {
            throw new io.comptoir.common.NotFoundException("flow", id);
          }
        });
  }

  @Override
  public boolean isPaused(FlowId id) {
    return database.call(
        "read whether flow " + id + " is paused",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement("SELECT paused FROM flows WHERE flow_id = ?")) {
            statement.setString(1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() && rows.getInt(1) != 0;
            }
          }
        });
  }

  private List<StoredFlowDocument> select(String action, String sql, Object... parameters) {
    return database.call(
        action,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Database.bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
              List<StoredFlowDocument> documents = new ArrayList<>();
              while (rows.next()) {
                documents.add(
                    new StoredFlowDocument(
                        FlowId.of(rows.getString("flow_id")),
                        rows.getInt("version"),
                        FlowDocumentKind.valueOf(rows.getString("kind")),
                        rows.getString("document"),
                        rows.getString("resolved"),
                        Optional.ofNullable(rows.getString("product_id")).map(ProductId::of),
                        instant(rows, "saved_at"),
                        rows.getString("saved_by")));
              }
              return documents;
            }
          }
        });
  }
}
