package io.comptoir.lineage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Persistence of lineage events and of the graph edges taken from them. */
public interface LineageRepository {
  /**
   * Stores an event as JSON with its job and column edges, in one transaction. An edge seen before
   * is kept once, with the time it was last seen.
   *
   * @param origin who sent it: {@code comptoir} for the events Comptoir emits, else the caller
   */
  void save(LineageEvent event, String json, Instant receivedAt, String origin);

  /** An event to store, as {@link #save} takes it. */
  record Saved(LineageEvent event, String json, Instant receivedAt, String origin) {}

  /**
   * Stores several events in one transaction (one commit for all), in order; when any fails, none
   * is stored. This default stores them one by one.
   */
  default void saveAll(List<Saved> events) {
    for (Saved saved : events) {
      save(saved.event(), saved.json(), saved.receivedAt(), saved.origin());
    }
  }

  /** The edges of the jobs that read or wrote any of the datasets. */
  List<JobEdge> edgesOfDatasets(Collection<DatasetRef> datasets);

  /** Every edge of the jobs. */
  List<JobEdge> edgesOfJobs(Collection<JobRef> jobs);

  /** The column edges whose source or target is one of the datasets. */
  List<ColumnEdge> columnEdges(Collection<DatasetRef> datasets);

  /** Stored events, newest first, of one job or of all. */
  List<StoredEvent> events(Optional<JobRef> job, int limit);

  /** One stored event. */
  record StoredEvent(String id, Instant receivedAt, String origin, String eventType, String json) {}
}
