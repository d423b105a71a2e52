package io.comptoir.audit;

import java.util.List;
import java.util.Optional;

/**
 * The append-only audit log. There is no update or delete: a record, once written, only moves into
 * the past.
 */
public interface AuditRepository {
  /**
   * Appends the entry after the current last record, in one transaction that also reads that last
   * record ({@link AuditEvent#next}); concurrent appends are serialised.
   */
  AuditEvent append(AuditEntry entry, java.time.Instant at);

  /**
   * Appends the entries in order, chained after the current last record; the repositories of the
   * store do it in one transaction (all or none), so that one commit serves a whole batch.
   */
  default List<AuditEvent> appendAll(List<AuditAppend> appends) {
    return appends.stream().map(append -> append(append.entry(), append.at())).toList();
  }

  Optional<AuditEvent> findLast();

  /**
   * Records with a sequence greater than {@code afterSequence}, in order, at most {@code limit}.
   */
  List<AuditEvent> listAfter(long afterSequence, int limit);

  /** Records matching the filters, newest first. */
  List<AuditEvent> search(AuditQuery query);
}
