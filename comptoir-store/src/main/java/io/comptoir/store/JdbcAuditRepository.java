package io.comptoir.store;

import static io.comptoir.store.Database.instant;
import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditAppend;
import io.comptoir.audit.AuditEntry;
import io.comptoir.audit.AuditEvent;
import io.comptoir.audit.AuditQuery;
import io.comptoir.audit.AuditRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link AuditRepository} on SQLite or PostgreSQL. Details are stored as lines {@code key=value}
 * with backslash escapes, sorted by key, so they read back exactly as hashed.
 */
final class JdbcAuditRepository implements AuditRepository {
  private static final String FIELDS =
      "sequence_number, occurred_at, actor, action, target, details, previous_hash, record_hash";

  private final Database database;

  JdbcAuditRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public AuditEvent append(AuditEntry entry, Instant at) {
    requireNonNull(entry, "entry is null");
    requireNonNull(at, "at is null");
    return appendAll(List.of(new AuditAppend(entry, at))).get(0);
  }

  @Override
  public List<AuditEvent> appendAll(List<AuditAppend> appends) {
    requireNonNull(appends, "appends is null");
    if (appends.isEmpty()) {
      return List.of();
    }
    return database.call(
        "append " + (appends.size() == 1 ? "an audit record" : appends.size() + " audit records"),
        connection -> {
          if (database.dialect() == Dialect.POSTGRESQL) {
            // serialise appends: each one reads the last record, then writes the next
            try (Statement statement = connection.createStatement()) {
              statement.execute("LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE");
            }
          }
          List<AuditEvent> events = new ArrayList<>(appends.size());
          Optional<AuditEvent> last = last(connection);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO audit_events (" + FIELDS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditAppend append : appends) {
              AuditEntry entry = append.entry();
              AuditEvent event = AuditEvent.next(last, entry, append.at());
              Database.bind(
                  insert,
                  event.sequence(),
                  event.occurredAt(),
                  entry.actor(),
                  entry.action(),
                  entry.target(),
                  encode(entry.details()),
                  event.previousHash(),
                  event.hash());
              insert.addBatch();
              events.add(event);
              last = Optional.of(event);
            }
            insert.executeBatch();
          }
          return events;
        });
  }

  @Override
  public Optional<AuditEvent> findLast() {
    return database.call("read the last audit record", this::last);
  }

  private Optional<AuditEvent> last(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + FIELDS + " FROM audit_events ORDER BY sequence_number DESC LIMIT 1");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.of(event(rows)) : Optional.empty();
    }
  }

  @Override
  public List<AuditEvent> listAfter(long afterSequence, int limit) {
    return database.call(
        "list audit records",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT "
                      + FIELDS
                      + " FROM audit_events WHERE sequence_number > ?"
                      + " ORDER BY sequence_number LIMIT ?")) {
            Database.bind(statement, afterSequence, limit);
            return events(statement);
          }
        });
  }

  @Override
  public List<AuditEvent> search(AuditQuery query) {
    StringBuilder sql = new StringBuilder("SELECT " + FIELDS + " FROM audit_events WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    query.actor().ifPresent(actor -> filter(sql, parameters, "actor", actor));
    query.action().ifPresent(action -> filter(sql, parameters, "action", action));
    query.target().ifPresent(target -> filter(sql, parameters, "target", target));
    sql.append(" ORDER BY sequence_number DESC LIMIT ? OFFSET ?");
    parameters.add(query.page().limit());
    parameters.add(query.page().offset());
    return database.call(
        "search audit records",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            Database.bind(statement, parameters.toArray());
            return events(statement);
          }
        });
  }

  private static void filter(
      StringBuilder sql, List<Object> parameters, String column, String value) {
    sql.append(" AND ").append(column).append(" = ?");
    parameters.add(value);
  }

  private static List<AuditEvent> events(PreparedStatement statement) throws SQLException {
    List<AuditEvent> events = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        events.add(event(rows));
      }
    }
    return events;
  }

  private static AuditEvent event(ResultSet row) throws SQLException {
    return new AuditEvent(
        row.getLong("sequence_number"),
        instant(row, "occurred_at"),
        new AuditEntry(
            row.getString("actor"),
            row.getString("action"),
            row.getString("target"),
            decode(row.getString("details"))),
        row.getString("previous_hash"),
        row.getString("record_hash"));
  }

  static String encode(Map<String, String> details) {
    StringBuilder text = new StringBuilder();
    details.forEach(
        (key, value) -> text.append(escape(key)).append('=').append(escape(value)).append('\n'));
    return text.toString();
  }

  static TreeMap<String, String> decode(String text) {
    TreeMap<String, String> details = new TreeMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int equals = separator(line);
      details.put(unescape(line.substring(0, equals)), unescape(line.substring(equals + 1)));
    }
    return details;
  }

  private static int separator(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '=') {
        return i;
      }
    }
    throw new IllegalStateException("audit details line without '=': " + line);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=");
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
