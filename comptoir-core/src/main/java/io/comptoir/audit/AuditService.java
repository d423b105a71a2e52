package io.comptoir.audit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records governance actions in the hash-chained log and verifies the chain.
 *
 * <p>Appends are group-committed: each caller queues its entry, then one caller at a time writes
 * every queued entry in one transaction (one commit, one fsync, for the batch) and hands each
 * waiting caller its own record. A caller returns only once its record is committed, as before, so
 * no read is answered without its audit record; under concurrency the callers share the commits
 * instead of queueing for one each.
 */
public final class AuditService {
  private static final int VERIFY_BATCH = 1000;

  /** The most entries one transaction appends; the rest wait for the next one. */
  static final int MAXIMUM_BATCH = 256;

  private final AuditRepository repository;
  private final Clock clock;

  /** Entries waiting to be written, in the order of their instants; guarded by itself. */
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();

  /** Held by the caller that writes a batch. */
  private final Object writer = new Object();

  /** An entry and, once its batch is written, its record or the failure; guarded by writer. */
  private static final class Pending {
    final AuditAppend append;
    AuditEvent event;
    RuntimeException failure;

    Pending(AuditAppend append) {
      this.append = append;
    }

    boolean done() {
      return event != null || failure != null;
    }
  }

  public AuditService(AuditRepository repository, Clock clock) {
    this.repository = requireNonNull(repository, "repository is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public AuditEvent record(
      String actor, String action, String target, Map<String, String> details) {
    AuditEntry entry = AuditEntry.of(actor, action, target, details);
    Pending pending;
    synchronized (queue) {
      pending = new Pending(new AuditAppend(entry, clock.instant()));
      queue.add(pending);
    }
    synchronized (writer) {
      while (!pending.done()) {
        // not taken by an earlier batch: still queued, write it with what is queued around it
        writeBatch();
      }
      if (pending.failure != null) {
        throw pending.failure;
      }
      return pending.event;
    }
  }

  /** Entries queued and not yet taken by a batch, for tests. */
  int queued() {
    synchronized (queue) {
      return queue.size();
    }
  }

  /** Writes the queued entries, oldest first, in one transaction; called holding writer. */
  private void writeBatch() {
    List<Pending> batch = new ArrayList<>();
    synchronized (queue) {
      while (!queue.isEmpty() && batch.size() < MAXIMUM_BATCH) {
        batch.add(queue.poll());
      }
    }
    try {
      List<AuditEvent> events =
          repository.appendAll(batch.stream().map(pending -> pending.append).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).event = events.get(i);
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).failure = e;
        return;
      }
      // the batch was rolled back whole: append one at a time, so that one bad entry fails alone
      for (Pending pending : batch) {
        try {
          pending.event = repository.append(pending.append.entry(), pending.append.at());
        } catch (RuntimeException failure) {
          pending.failure = failure;
        }
      }
    }
  }

  public List<AuditEvent> search(AuditQuery query) {
    return repository.search(query);
  }

  /**
   * Walks the whole log in order, in batches (constant memory), and checks that sequences have no
   * gap, that each record names its predecessor's hash, and that each hash matches its fields.
   */
  public AuditVerification verify() {
    long checked = 0;
    long expected = 1;
    String previousHash = AuditEvent.GENESIS;
    while (true) {
      List<AuditEvent> batch = repository.listAfter(expected - 1, VERIFY_BATCH);
      if (batch.isEmpty()) {
        return AuditVerification.ok(checked, previousHash);
      }
      for (AuditEvent event : batch) {
        if (event.sequence() != expected) {
          return AuditVerification.broken(
              checked,
              expected,
              "record " + expected + " is missing (next is " + event.sequence() + ")",
              previousHash);
        }
        if (!event.previousHash().equals(previousHash)) {
          return AuditVerification.broken(
              checked,
              event.sequence(),
              "record " + event.sequence() + " does not name the hash of record " + (expected - 1),
              previousHash);
        }
        if (!event.hashMatches()) {
          return AuditVerification.broken(
              checked,
              event.sequence(),
              "record " + event.sequence() + " was changed after it was written",
              previousHash);
        }
        checked++;
        expected++;
        previousHash = event.hash();
      }
    }
  }
}
