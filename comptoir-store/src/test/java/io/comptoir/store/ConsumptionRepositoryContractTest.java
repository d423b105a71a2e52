package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.contract.ConsumptionQuery;
import io.comptoir.contract.ConsumptionRecord;
import io.comptoir.contract.ContractId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumption repository contract, run on SQLite and PostgreSQL by the subclasses. */
abstract class ConsumptionRepositoryContractTest {
  private static final LocalDate DAY = LocalDate.parse("2026-03-10");
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final ContractId CONTRACT = new ContractId("00000000-0000-0000-0000-000000000001");
  private static final ContractId OTHER_CONTRACT =
      new ContractId("00000000-0000-0000-0000-000000000002");
  private static final ProductId PARCELS = ProductId.of("colis-suivi");
  private static final ProductId CLIENTS = ProductId.of("clients");

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
  void sumsTheReadsOfOneDayAndKeepsTheLatestReadTime() {
    store.consumption().add(read(DAY, CONTRACT, "camille", Optional.empty(), 10, 100, T0));
    store
        .consumption()
        .add(read(DAY, CONTRACT, "camille", Optional.empty(), 5, 50, T0.plusSeconds(60)));
    store
        .consumption()
        .add(read(DAY, CONTRACT, "camille", Optional.empty(), 1, 7, T0.plusSeconds(30)));

    assertThat(store.consumption().search(ConsumptionQuery.between(DAY, DAY)))
        .containsExactly(
            new ConsumptionRecord(
                DAY,
                CONTRACT,
                PARCELS,
                "camille",
                Optional.empty(),
                3,
                16,
                157,
                T0.plusSeconds(60)));
  }

  @Test
  void splitsByDayContractAndApplication() {
    LocalDate next = DAY.plusDays(1);
    store.consumption().add(read(DAY, CONTRACT, "camille", Optional.empty(), 1, 10, T0));
    store
        .consumption()
        .add(read(next, CONTRACT, "camille", Optional.empty(), 2, 20, T0.plusSeconds(86_400)));
    store.consumption().add(read(DAY, CONTRACT, "camille", Optional.of("tableau"), 3, 30, T0));
    store
        .consumption()
        .add(
            new ConsumptionRecord(
                DAY, OTHER_CONTRACT, CLIENTS, "olivier", Optional.empty(), 1, 4, 40, T0));

    List<ConsumptionRecord> all = store.consumption().search(ConsumptionQuery.between(DAY, next));

    assertThat(all)
        .extracting(
            ConsumptionRecord::day,
            ConsumptionRecord::product,
            ConsumptionRecord::application,
            ConsumptionRecord::rows)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DAY, CLIENTS, Optional.empty(), 4L),
            org.assertj.core.groups.Tuple.tuple(DAY, PARCELS, Optional.empty(), 1L),
            org.assertj.core.groups.Tuple.tuple(DAY, PARCELS, Optional.of("tableau"), 3L),
            org.assertj.core.groups.Tuple.tuple(next, PARCELS, Optional.empty(), 2L));
    assertThat(store.consumption().search(ConsumptionQuery.between(next, next))).hasSize(1);
  }

  @Test
  void filtersByProductContractConsumerAndDays() {
    store.consumption().add(read(DAY, CONTRACT, "camille", Optional.empty(), 1, 10, T0));
    store
        .consumption()
        .add(
            new ConsumptionRecord(
                DAY.plusDays(3),
                OTHER_CONTRACT,
                CLIENTS,
                "olivier",
                Optional.empty(),
                1,
                4,
                40,
                T0.plusSeconds(3 * 86_400)));
    LocalDate to = DAY.plusDays(5);

    assertThat(search(Optional.of(CLIENTS), Optional.empty(), Optional.empty(), DAY, to))
        .extracting(ConsumptionRecord::consumer)
        .containsExactly("olivier");
    assertThat(search(Optional.empty(), Optional.of(CONTRACT), Optional.empty(), DAY, to))
        .extracting(ConsumptionRecord::consumer)
        .containsExactly("camille");
    assertThat(search(Optional.empty(), Optional.empty(), Optional.of("olivier"), DAY, to))
        .extracting(ConsumptionRecord::contract)
        .containsExactly(OTHER_CONTRACT);
    assertThat(search(Optional.empty(), Optional.empty(), Optional.empty(), DAY.plusDays(1), to))
        .extracting(ConsumptionRecord::consumer)
        .containsExactly("olivier");
    assertThat(search(Optional.empty(), Optional.empty(), Optional.of("nobody"), DAY, to))
        .isEmpty();
  }

  @Test
  void givesTheLastReadOfEveryContractReadOverAllDays() {
    store.consumption().add(read(DAY, CONTRACT, "camille", Optional.empty(), 1, 10, T0));
    Instant later = T0.plusSeconds(2 * 86_400);
    store
        .consumption()
        .add(read(DAY.plusDays(2), CONTRACT, "camille", Optional.of("tableau"), 1, 10, later));
    store
        .consumption()
        .add(
            new ConsumptionRecord(
                DAY, OTHER_CONTRACT, CLIENTS, "olivier", Optional.empty(), 1, 4, 40, T0));

    assertThat(store.consumption().lastReads())
        .containsOnly(
            org.assertj.core.api.Assertions.entry(CONTRACT, later),
            org.assertj.core.api.Assertions.entry(OTHER_CONTRACT, T0));
  }

  @Test
  void countsEveryConcurrentReadExactlyOnce() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        tasks.add(
            () -> {
              for (int i = 0; i < 25; i++) {
                store
                    .consumption()
                    .add(read(DAY, CONTRACT, "camille", Optional.empty(), 3, 1000, T0));
              }
              return null;
            });
      }
      for (Future<Void> done : threads.invokeAll(tasks)) {
        done.get();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(store.consumption().search(ConsumptionQuery.between(DAY, DAY)))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.reads()).isEqualTo(100);
              assertThat(record.rows()).isEqualTo(300);
              assertThat(record.bytes()).isEqualTo(100_000);
            });
  }

  @Test
  void rejectsAQueryWhoseStartIsAfterItsEnd() {
    assertThatThrownBy(() -> ConsumptionQuery.between(DAY, DAY.minusDays(1)))
        .hasMessage("'from' (2026-03-10) must not be after 'to' (2026-03-09)");
  }

  private List<ConsumptionRecord> search(
      Optional<ProductId> product,
      Optional<ContractId> contract,
      Optional<String> consumer,
      LocalDate from,
      LocalDate to) {
    return store.consumption().search(new ConsumptionQuery(product, contract, consumer, from, to));
  }

  private static ConsumptionRecord read(
      LocalDate day,
      ContractId contract,
      String consumer,
      Optional<String> application,
      long rows,
      long bytes,
      Instant at) {
    return new ConsumptionRecord(day, contract, PARCELS, consumer, application, 1, rows, bytes, at);
  }
}
