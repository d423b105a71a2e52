package io.comptoir.store;

import static java.util.Objects.requireNonNull;

import io.comptoir.lineage.ColumnEdge;
import io.comptoir.lineage.DatasetRef;
import io.comptoir.lineage.JobEdge;
import io.comptoir.lineage.JobRef;
import io.comptoir.lineage.LineageEvent;
import io.comptoir.lineage.LineageRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link LineageRepository} on SQLite or PostgreSQL. */
final class JdbcLineageRepository implements LineageRepository {
  /** Pairs per query when looking datasets or jobs up. */
  private static final int CHUNK = 100;

  private final Database database;

  JdbcLineageRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void save(LineageEvent event, String json, Instant receivedAt, String origin) {
    saveAll(List.of(new Saved(event, json, receivedAt, origin)));
  }

  @Override
  public void saveAll(List<Saved> events) {
    for (Saved saved : events) {
      requireNonNull(saved.event(), "event is null");
      requireNonNull(saved.json(), "json is null");
      requireNonNull(saved.receivedAt(), "receivedAt is null");
      requireNonNull(saved.origin(), "origin is null");
    }
    if (events.isEmpty()) {
      return;
    }
    // the edges of a batch are upserted once each, with what the last event naming them gives
    // (a thousand reads under one contract name the same job edge a thousand times)
    Map<JobEdge, Instant> jobEdges = new LinkedHashMap<>();
    Map<List<Object>, Seen<ColumnEdge>> columnEdges = new LinkedHashMap<>();
    for (Saved saved : events) {
      for (JobEdge edge : saved.event().jobEdges()) {
        jobEdges.put(edge, saved.receivedAt());
      }
      for (ColumnEdge edge : saved.event().columnEdges()) {
        columnEdges.put(
            List.of(edge.source(), edge.sourceField(), edge.target(), edge.targetField()),
            new Seen<>(edge, saved.receivedAt()));
      }
    }
    database.run(
        events.size() == 1 ? "save a lineage event" : "save " + events.size() + " lineage events",
        connection -> {
          // one statement for the batch: preparing it per event cost more than the insert
          try (java.sql.PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            for (Saved saved : events) {
              bindEvent(insert, saved.event(), saved.json(), saved.receivedAt(), saved.origin());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          for (Map.Entry<JobEdge, Instant> edge : jobEdges.entrySet()) {
            upsert(connection, edge.getKey(), edge.getValue());
          }
          for (Seen<ColumnEdge> edge : columnEdges.values()) {
            upsert(connection, edge.edge(), edge.at());
          }
        });
  }

  /** An edge and when the last event naming it was received. */
  private record Seen<E>(E edge, Instant at) {}

  private static final String INSERT_EVENT =
      "INSERT INTO lineage_events (event_id, received_at, event_time, event_kind,"
          + " event_type, run_id, job_namespace, job_name, origin, body)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static void bindEvent(
      java.sql.PreparedStatement insert,
      LineageEvent event,
      String json,
      Instant receivedAt,
      String origin)
      throws java.sql.SQLException {
    Database.bind(
        insert,
        UUID.randomUUID().toString(),
        receivedAt,
        event.eventTime(),
        event.kind().name(),
        event.eventType().length() > 16 ? event.eventType().substring(0, 16) : event.eventType(),
        Database.textOrNull(event.runId()),
        Database.textOrNull(event.job().map(JobRef::namespace)),
        Database.textOrNull(event.job().map(JobRef::name)),
        origin.length() > 200 ? origin.substring(0, 200) : origin,
        json);
  }

  private static void upsert(java.sql.Connection connection, JobEdge edge, Instant seen)
      throws java.sql.SQLException {
    Database.update(
        connection,
        "INSERT INTO lineage_edges (job_namespace, job_name, dataset_namespace,"
            + " dataset_name, direction, last_seen) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (job_namespace, job_name, dataset_namespace, dataset_name,"
            + " direction) DO UPDATE SET last_seen = excluded.last_seen",
        edge.job().namespace(),
        edge.job().name(),
        edge.dataset().namespace(),
        edge.dataset().name(),
        edge.output() ? "out" : "in",
        seen);
  }

  private static void upsert(java.sql.Connection connection, ColumnEdge edge, Instant seen)
      throws java.sql.SQLException {
    Database.update(
        connection,
        "INSERT INTO lineage_column_edges (source_namespace, source_name, source_field,"
            + " target_namespace, target_name, target_field, transformation, last_seen)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (source_namespace, source_name, source_field,"
            + " target_namespace, target_name, target_field) DO UPDATE SET"
            + " transformation = excluded.transformation, last_seen = excluded.last_seen",
        edge.source().namespace(),
        edge.source().name(),
        edge.sourceField(),
        edge.target().namespace(),
        edge.target().name(),
        edge.targetField(),
        edge.transformation().length() > 200
            ? edge.transformation().substring(0, 200)
            : edge.transformation(),
        seen);
  }

  @Override
  public List<JobEdge> edgesOfDatasets(Collection<DatasetRef> datasets) {
    List<JobEdge> edges = new ArrayList<>();
    for (List<DatasetRef> chunk : chunks(List.copyOf(datasets))) {
      StringBuilder where = new StringBuilder();
      List<Object> parameters = new ArrayList<>();
      for (DatasetRef dataset : chunk) {
        where.append(where.length() == 0 ? "" : " OR ");
        where.append("(dataset_namespace = ? AND dataset_name = ?)");
        parameters.add(dataset.namespace());
        parameters.add(dataset.name());
      }
      edges.addAll(
          database.call(
              "read lineage edges", connection -> edges(connection, where.toString(), parameters)));
    }
    return edges;
  }

  @Override
  public List<JobEdge> edgesOfJobs(Collection<JobRef> jobs) {
    List<JobEdge> edges = new ArrayList<>();
    for (List<JobRef> chunk : chunks(List.copyOf(jobs))) {
      StringBuilder where = new StringBuilder();
      List<Object> parameters = new ArrayList<>();
      for (JobRef job : chunk) {
        where.append(where.length() == 0 ? "" : " OR ");
        where.append("(job_namespace = ? AND job_name = ?)");
        parameters.add(job.namespace());
        parameters.add(job.name());
      }
      edges.addAll(
          database.call(
              "read lineage edges", connection -> edges(connection, where.toString(), parameters)));
    }
    return edges;
  }

  private static List<JobEdge> edges(Connection connection, String where, List<Object> parameters)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT job_namespace, job_name, dataset_namespace, dataset_name, direction"
                + " FROM lineage_edges WHERE "
                + where
                + " ORDER BY job_namespace, job_name, direction, dataset_namespace,"
                + " dataset_name")) {
      Database.bind(statement, parameters.toArray());
      List<JobEdge> edges = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          edges.add(
              new JobEdge(
                  new JobRef(rows.getString(1), rows.getString(2)),
                  new DatasetRef(rows.getString(3), rows.getString(4)),
                  "out".equals(rows.getString(5))));
        }
      }
      return edges;
    }
  }

  @Override
  public List<ColumnEdge> columnEdges(Collection<DatasetRef> datasets) {
    List<ColumnEdge> edges = new ArrayList<>();
    for (List<DatasetRef> chunk : chunks(List.copyOf(datasets))) {
      StringBuilder where = new StringBuilder();
      List<Object> parameters = new ArrayList<>();
      for (DatasetRef dataset : chunk) {
        where.append(where.length() == 0 ? "" : " OR ");
        where.append("(target_namespace = ? AND target_name = ?)");
        parameters.add(dataset.namespace());
        parameters.add(dataset.name());
      }
      for (DatasetRef dataset : chunk) {
        where.append(" OR (source_namespace = ? AND source_name = ?)");
        parameters.add(dataset.namespace());
        parameters.add(dataset.name());
      }
      edges.addAll(
          database.call(
              "read column lineage",
              connection -> {
                try (PreparedStatement statement =
                    connection.prepareStatement(
                        "SELECT source_namespace, source_name, source_field, target_namespace,"
                            + " target_name, target_field, transformation"
                            + " FROM lineage_column_edges WHERE "
                            + where
                            + " ORDER BY target_namespace, target_name, target_field,"
                            + " source_namespace, source_name, source_field")) {
                  Database.bind(statement, parameters.toArray());
                  List<ColumnEdge> found = new ArrayList<>();
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      found.add(
                          new ColumnEdge(
                              new DatasetRef(rows.getString(1), rows.getString(2)),
                              rows.getString(3),
                              new DatasetRef(rows.getString(4), rows.getString(5)),
                              rows.getString(6),
                              rows.getString(7)));
                    }
                  }
                  return found;
                }
              }));
    }
    return edges.stream().distinct().toList();
  }

  @Override
  public List<StoredEvent> events(Optional<JobRef> job, int limit) {
    requireNonNull(job, "job is null");
    return database.call(
        "read lineage events",
        connection -> {
          String sql =
              "SELECT event_id, received_at, origin, event_type, body FROM lineage_events"
                  + (job.isPresent() ? " WHERE job_namespace = ? AND job_name = ?" : "")
                  + " ORDER BY received_at DESC, event_time DESC LIMIT ?";
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (job.isPresent()) {
              Database.bind(statement, job.get().namespace(), job.get().name(), limit);
            } else {
              Database.bind(statement, limit);
            }
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                events.add(
                    new StoredEvent(
                        rows.getString("event_id"),
                        Database.instant(rows, "received_at"),
                        rows.getString("origin"),
                        rows.getString("event_type"),
                        rows.getString("body")));
              }
            }
            return events;
          }
        });
  }

  private static <T> List<List<T>> chunks(List<T> values) {
    List<List<T>> chunks = new ArrayList<>();
    for (int start = 0; start < values.size(); start += CHUNK) {
      chunks.add(values.subList(start, Math.min(values.size(), start + CHUNK)));
    }
    return chunks;
  }
}
