package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.audit.AuditAppend;
import io.comptoir.audit.AuditEntry;
import io.comptoir.audit.AuditEvent;
import io.comptoir.audit.AuditQuery;
import io.comptoir.audit.AuditService;
import io.comptoir.audit.AuditVerification;
import io.comptoir.common.PageRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log contract, run on SQLite and PostgreSQL by the subclasses. */
abstract class AuditRepositoryContractTest {
  private MetadataStore store;

  abstract MetadataStore openFreshStore() throws Exception;

  abstract void dropFreshStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openFreshStore();
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    dropFreshStore();
  }

  @Test
  void appendsAndReadsBackExactlyWhatWasHashed() {
    Instant at = Instant.parse("2026-11-27T10:15:30.123Z");
    AuditEvent written =
        store
            .audit()
            .append(
                AuditEntry.of(
                    "alice",
                    "PRODUCT_SAVED",
                    "product:colis",
                    Map.of("title", "Colis = suivi\nligne 2", "back\\slash", "", "é", "ü")),
                at);
    AuditEvent read = store.audit().findLast().orElseThrow();
    assertThat(read).isEqualTo(written);
    assertThat(read.hashMatches()).isTrue();
    assertThat(read.occurredAt()).isEqualTo(at);
  }

  @Test
  void searchesNewestFirstWithFiltersAndPaging() {
    AuditService service = new AuditService(store.audit(), Clock.systemUTC());
    service.record("alice", "PRODUCT_SAVED", "product:a", Map.of());
    service.record("bob", "PRODUCT_SAVED", "product:b", Map.of());
    service.record("alice", "INGESTION_SUCCEEDED", "product:a", Map.of());
    assertThat(
            store
                .audit()
                .search(
                    new AuditQuery(Optional.of("alice"), Optional.empty(), Optional.empty(), null)))
        .extracting(AuditEvent::sequence)
        .containsExactly(3L, 1L);
    assertThat(
            store
                .audit()
                .search(
                    new AuditQuery(
                        Optional.empty(),
                        Optional.of("PRODUCT_SAVED"),
                        Optional.empty(),
                        new PageRequest(1, 1))))
        .extracting(AuditEvent::sequence)
        .containsExactly(1L);
  }

  @Test
  void serialisesConcurrentAppendsIntoOneChain() throws Exception {
    AuditService service = new AuditService(store.audit(), Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AuditEvent>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String actor = "user" + i;
        futures.add(pool.submit(() -> service.record(actor, "TICK", "clock", Map.of())));
      }
      for (Future<AuditEvent> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    AuditVerification verification = service.verify();
    assertThat(verification.intact()).as(verification.problem().orElse("")).isTrue();
    assertThat(verification.recordsChecked()).isEqualTo(40);
  }

  @Test
  void appendsABatchInOrderAfterTheLastRecord() {
    AuditEvent first =
        store.audit().append(AuditEntry.of("alice", "TICK", "clock", Map.of()), Instant.now());
    Instant at = Instant.parse("2026-11-27T10:15:30.123Z");

    List<AuditEvent> batch =
        store
            .audit()
            .appendAll(
                List.of(
                    new AuditAppend(AuditEntry.of("bob", "TICK", "clock", Map.of("n", "1")), at),
                    new AuditAppend(AuditEntry.of("carol", "TOCK", "clock", Map.of()), at)));

    assertThat(batch).extracting(AuditEvent::sequence).containsExactly(2L, 3L);
    assertThat(batch.get(0).previousHash()).isEqualTo(first.hash());
    assertThat(batch.get(1).previousHash()).isEqualTo(batch.get(0).hash());
    assertThat(store.audit().listAfter(0, 10))
        .isEqualTo(List.of(first, batch.get(0), batch.get(1)));
  }

  @Test
  void groupCommitsManyConcurrentRecordsWithoutLosingOrDuplicatingOne() throws Exception {
    AuditService service = new AuditService(store.audit(), Clock.systemUTC());
    int threads = 16;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Set<String> returned = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String actor = "reader" + t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    AuditEvent event =
                        service.record(actor, "READ", "product:x", Map.of("i", "" + i));
                    assertThat(event.entry().actor()).isEqualTo(actor);
                    returned.add(actor + "/" + event.entry().details().get("i"));
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdown();
    }
    AuditVerification verification = service.verify();
    assertThat(verification.intact()).as(verification.problem().orElse("")).isTrue();
    assertThat(verification.recordsChecked()).isEqualTo(threads * each);
    List<String> stored =
        store.audit().listAfter(0, threads * each + 1).stream()
            .map(e -> e.entry().actor() + "/" + e.entry().details().get("i"))
            .toList();
    assertThat(stored).doesNotHaveDuplicates().hasSize(threads * each);
    assertThat(returned).containsExactlyInAnyOrderElementsOf(stored);
  }

  @Test
  void verificationFindsARowChangedInTheDatabase() throws Exception {
    AuditService service = new AuditService(store.audit(), Clock.systemUTC());
    service.record("alice", "CONTRACT_APPROVED", "contract:1", Map.of("comment", "ok"));
    service.record("bob", "CONTRACT_REVOKED", "contract:1", Map.of());
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE audit_events SET actor = 'mallory' WHERE sequence_number = 1");
    }
    AuditVerification verification = service.verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.problem()).contains("record 1 was changed after it was written");
  }
}
