package io.comptoir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** An in-memory log whose batches wait at a gate, and that refuses entries of action BAD. */
  static final class GatedAuditLog implements AuditRepository {
    final InMemoryAuditLog log = new InMemoryAuditLog();
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger transactions = new AtomicInteger();
    final AtomicInteger batchesStarted = new AtomicInteger();

    @Override
    public synchronized AuditEvent append(AuditEntry entry, Instant at) {
      transactions.incrementAndGet();
      if (entry.action().equals("BAD")) {
        throw new IllegalStateException("refused " + entry.actor());
      }
      return log.append(entry, at);
    }

    @Override
    public synchronized List<AuditEvent> appendAll(List<AuditAppend> appends) {
      batchesStarted.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      transactions.incrementAndGet();
      if (appends.stream().anyMatch(a -> a.entry().action().equals("BAD"))) {
        throw new IllegalStateException("batch refused");
      }
      return appends.stream().map(a -> log.append(a.entry(), a.at())).toList();
    }

    @Override
    public Optional<AuditEvent> findLast() {
      return log.findLast();
    }

    @Override
    public List<AuditEvent> listAfter(long afterSequence, int limit) {
      return log.listAfter(afterSequence, limit);
    }

    @Override
    public List<AuditEvent> search(AuditQuery query) {
      return log.search(query);
    }
  }

  @Test
  void writesTheEntriesQueuedWhileABatchIsWrittenInOneTransactionAndGivesEachCallerItsRecord()
      throws Exception {
    GatedAuditLog gated = new GatedAuditLog();
    AuditService grouped = new AuditService(gated, Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      Future<AuditEvent> first = pool.submit(() -> grouped.record("first", "READ", "x", Map.of()));
      await().atMost(Duration.ofSeconds(30)).until(() -> gated.batchesStarted.get() == 1);
      List<Future<AuditEvent>> others = new ArrayList<>();
      for (int i = 0; i < 49; i++) {
        String actor = "reader" + i;
        others.add(pool.submit(() -> grouped.record(actor, "READ", "x", Map.of())));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> grouped.queued() == 49);
      gated.gate.countDown();

      assertThat(first.get(30, TimeUnit.SECONDS).entry().actor()).isEqualTo("first");
      for (int i = 0; i < 49; i++) {
        assertThat(others.get(i).get(30, TimeUnit.SECONDS).entry().actor()).isEqualTo("reader" + i);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(gated.transactions.get()).isEqualTo(2);
    AuditVerification verification = grouped.verify();
    assertThat(verification.intact()).isTrue();
    assertThat(verification.recordsChecked()).isEqualTo(50);
  }

  @Test
  void failsOnlyTheCallerWhoseEntryIsRefusedWhenItsBatchFails() throws Exception {
    GatedAuditLog gated = new GatedAuditLog();
    AuditService grouped = new AuditService(gated, Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<AuditEvent> first = pool.submit(() -> grouped.record("first", "READ", "x", Map.of()));
      await().atMost(Duration.ofSeconds(30)).until(() -> gated.batchesStarted.get() == 1);
      Future<AuditEvent> good = pool.submit(() -> grouped.record("good", "READ", "x", Map.of()));
      Future<AuditEvent> bad = pool.submit(() -> grouped.record("bad", "BAD", "x", Map.of()));
      Future<AuditEvent> later = pool.submit(() -> grouped.record("later", "READ", "x", Map.of()));
      await().atMost(Duration.ofSeconds(30)).until(() -> grouped.queued() == 3);
      gated.gate.countDown();

      assertThat(first.get(30, TimeUnit.SECONDS).entry().actor()).isEqualTo("first");
      assertThat(good.get(30, TimeUnit.SECONDS).entry().actor()).isEqualTo("good");
      assertThat(later.get(30, TimeUnit.SECONDS).entry().actor()).isEqualTo("later");
      assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("refused bad");
    } finally {
      pool.shutdownNow();
    }
    assertThat(grouped.verify().recordsChecked()).isEqualTo(3);
  }

  private void recordThree() {
    service.record("alice", "PRODUCT_SAVED", "product:colis", Map.of("title", "Colis"));
    service.record("bob", "INGESTION_SUCCEEDED", "product:colis", Map.of("rows", "12"));
    service.record("carol", "PRODUCT_SAVED", "product:colis", Map.of());
  }
}
