package io.comptoir.audit;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.GroupCommit;
import java.time.Clock;
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

  /** Entries waiting to be written, in the order of their instants. */
  private final GroupCommit<Pending> commits = new GroupCommit<>(MAXIMUM_BATCH, this::writeBatch);

  /** An entry and, once its batch is written, its record (or its failure). */
  private static final class Pending extends GroupCommit.Ticket {
    final AuditAppend append;
    AuditEvent event;

    Pending(AuditAppend append) {
      this.append = append;
    }
  }

  public AuditService(AuditRepository repository, Clock clock) {
    this.repository = requireNonNull(repository, "repository is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public AuditEvent record(
      String actor, String action, String target, Map<String, String> details) {
    AuditEntry entry = AuditEntry.of(actor, action, target, details);
    // the instant is taken as the entry is queued: records are written in the order of instants
    Pending pending = commits.submit(() -> new Pending(new AuditAppend(entry, clock.instant())));
    if (pending.failure() != null) {
      throw pending.failure();
    }
    return pending.event;
  }

  /** Entries queued and not yet taken by a batch, for tests. */
  int queued() {
    return commits.queued();
  }

  /** Writes a batch of queued entries, oldest first, in one transaction. */
  private void writeBatch(List<Pending> batch) {
    try {
      List<AuditEvent> events =
          repository.appendAll(batch.stream().map(pending -> pending.append).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).event = events.get(i);
        batch.get(i).complete();
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).fail(e);
        return;
      }
      // the batch was rolled back whole: append one at a time, so that one bad entry fails alone
      for (Pending pending : batch) {
        try {
          pending.event = repository.append(pending.append.entry(), pending.append.at());
          pending.complete();
        } catch (RuntimeException failure) {
          pending.fail(failure);
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
