package io.comptoir.store;

import static io.comptoir.store.Database.update;
import static java.util.Objects.requireNonNull;

import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowLocks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/** {@link FlowLocks} as rows of {@code flow_locks}, on SQLite or PostgreSQL. */
final class JdbcFlowLocks implements FlowLocks {
  private final Database database;

  JdbcFlowLocks(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public boolean acquire(FlowId flow, String holder, Instant now, Instant expiresAt) {
    return database.call(
        "lock flow " + flow,
        connection -> {
          // one statement: a new lease, or the holder's own, or an expired one taken over
          update(
              connection,
              "INSERT INTO flow_locks (flow_id, holder, expires_at) VALUES (?, ?, ?)"
                  + " ON CONFLICT (flow_id) DO UPDATE SET holder = excluded.holder,"
                  + " expires_at = excluded.expires_at"
                  + " WHERE flow_locks.holder = excluded.holder OR flow_locks.expires_at <= ?",
              flow.value(),
              holder,
              expiresAt,
              now);
          try (PreparedStatement statement =
              connection.prepareStatement("SELECT holder FROM flow_locks WHERE flow_id = ?")) {
            statement.setString(1, flow.value());
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() && rows.getString(1).equals(holder);
            }
          }
        });
  }

  @Override
  public void release(FlowId flow, String holder) {
    database.run(
        "unlock flow " + flow,
        connection ->
            update(
                connection,
                "DELETE FROM flow_locks WHERE flow_id = ? AND holder = ?",
                flow.value(),
                holder));
  }

  @Override
  public int releaseAllOf(String holderPrefix) {
    requireNonNull(holderPrefix, "holderPrefix is null");
    return database.call(
        "unlock the flows of " + holderPrefix,
        connection ->
            update(
                connection,
                "DELETE FROM flow_locks WHERE substr(holder, 1, ?) = ?",
                holderPrefix.length(),
                holderPrefix));
  }
}
