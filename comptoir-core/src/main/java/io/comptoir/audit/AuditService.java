package io.comptoir.audit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Records governance actions in the hash-chained log and verifies the chain. */
public final class AuditService {
  private static final int VERIFY_BATCH = 1000;

  private final AuditRepository repository;
  private final Clock clock;

  public AuditService(AuditRepository repository, Clock clock) {
    this.repository = requireNonNull(repository, "repository is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public AuditEvent record(
      String actor, String action, String target, Map<String, String> details) {
    return repository.append(AuditEntry.of(actor, action, target, details), clock.instant());
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
