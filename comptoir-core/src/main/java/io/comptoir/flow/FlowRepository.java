package io.comptoir.flow;

import java.util.List;
import java.util.Optional;

/** Flow and template documents, versioned, and whether each flow is paused. */
public interface FlowRepository {
  /**
   * Adds a version; CONFLICT when the version exists already (another writer saved first) or when
   * the id is used by a document of the other kind.
   */
  void insert(StoredFlowDocument document);

  Optional<StoredFlowDocument> findLatest(FlowId id);

  Optional<StoredFlowDocument> findVersion(FlowId id, int version);

  /** Every version of a document, oldest first. */
  List<StoredFlowDocument> history(FlowId id);

  /** The latest version of every document, by id. */
  List<StoredFlowDocument> listLatest();

  void setPaused(FlowId id, boolean paused);

  boolean isPaused(FlowId id);
}
