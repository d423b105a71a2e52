package io.comptoir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuditServiceTest {
  /** A hand-written in-memory log whose records the test can tamper with. */
  static final class InMemoryAuditLog implements AuditRepository {
    final List<AuditEvent> events = new ArrayList<>();

    @Override
    public AuditEvent append(AuditEntry entry, Instant at) {
      AuditEvent event = AuditEvent.next(findLast(), entry, at);
      events.add(event);
      return event;
    }

    @Override
    public Optional<AuditEvent> findLast() {
      return events.stream().max(Comparator.comparingLong(AuditEvent::sequence));
    }

    @Override
    public List<AuditEvent> listAfter(long afterSequence, int limit) {
      return events.stream()
          .filter(e -> e.sequence() > afterSequence)
          .sorted(Comparator.comparingLong(AuditEvent::sequence))
          .limit(limit)
          .toList();
    }

    @Override
    public List<AuditEvent> search(AuditQuery query) {
      return List.copyOf(events);
    }
  }

  private final InMemoryAuditLog log = new InMemoryAuditLog();
  private final AuditService service = new AuditService(log, Clock.systemUTC());

  @Test
  void chainsRecordsAndVerifiesAnIntactLog() {
    AuditEvent first = service.record("alice", "PRODUCT_SAVED", "product:colis", Map.of("a", "1"));
    AuditEvent second = service.record("bob", "INGESTION_SUCCEEDED", "product:colis", Map.of());
    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo(AuditEvent.GENESIS);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    for (int i = 0; i < 2500; i++) {
      service.record("system", "TICK", "clock", Map.of("i", Integer.toString(i)));
    }
    AuditVerification verification = service.verify();
    assertThat(verification.intact()).isTrue();
    assertThat(verification.recordsChecked()).isEqualTo(2502);
    assertThat(verification.lastHash()).isEqualTo(log.findLast().orElseThrow().hash());
  }

  @Test
  void detectsAChangedRecord() {
    recordThree();
    AuditEvent original = log.events.get(1);
    TreeMap<String, String> details = new TreeMap<>(original.entry().details());
    details.put("rows", "999");
    log.events.set(
        1,
        new AuditEvent(
            original.sequence(),
            original.occurredAt(),
            new AuditEntry("bob", "INGESTION_SUCCEEDED", "product:colis", details),
            original.previousHash(),
            original.hash()));
    AuditVerification verification = service.verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBrokenSequence()).contains(2L);
    assertThat(verification.problem()).contains("record 2 was changed after it was written");
  }

  @Test
  void detectsARemovedRecord() {
    recordThree();
    log.events.remove(1);
    assertThat(service.verify().problem()).contains("record 2 is missing (next is 3)");
  }

  @Test
  void detectsARewrittenRecordWhoseHashWasRecomputed() {
    recordThree();
    AuditEvent original = log.events.get(1);
    AuditEntry forged = AuditEntry.of("mallory", "INGESTION_SUCCEEDED", "product:colis", Map.of());
    AuditEvent rewritten =
        AuditEvent.next(Optional.of(log.events.get(0)), forged, original.occurredAt());
    log.events.set(1, rewritten);
    assertThat(service.verify().problem()).contains("record 3 does not name the hash of record 2");
  }

  @Test
  void refusesBadActions() {
    assertThatThrownBy(() -> service.record("alice", "deleted stuff", "x", Map.of()))
        .hasMessage("audit action must be UPPER_SNAKE_CASE (2-64 chars), got 'deleted stuff'");
  }

  private void recordThree() {
    service.record("alice", "PRODUCT_SAVED", "product:colis", Map.of("title", "Colis"));
    service.record("bob", "INGESTION_SUCCEEDED", "product:colis", Map.of("rows", "12"));
    service.record("carol", "PRODUCT_SAVED", "product:colis", Map.of());
  }
}
