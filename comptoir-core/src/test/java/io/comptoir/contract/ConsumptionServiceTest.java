package io.comptoir.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsumptionServiceTest {
  private static final ProductId CUSTOMERS = ProductId.of("clients");
  private static final ProductId PARCELS = ProductId.of("colis");
  private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-01-01");

  /** Sums records in memory, keyed like the store. */
  static class InMemoryConsumption implements ConsumptionRepository {
    final Map<List<Object>, ConsumptionRecord> records = new HashMap<>();

    @Override
    public synchronized void add(ConsumptionRecord record) {
      records.merge(
          List.of(
              record.day(),
              record.contract(),
              record.product(),
              record.consumer(),
              record.application()),
          record,
          (a, b) ->
              new ConsumptionRecord(
                  a.day(),
                  a.contract(),
                  a.product(),
                  a.consumer(),
                  a.application(),
                  a.reads() + b.reads(),
                  a.rows() + b.rows(),
                  a.bytes() + b.bytes(),
                  a.lastReadAt().isAfter(b.lastReadAt()) ? a.lastReadAt() : b.lastReadAt()));
    }

    @Override
    public synchronized List<ConsumptionRecord> search(ConsumptionQuery query) {
      return records.values().stream()
          .filter(r -> !r.day().isBefore(query.from()) && !r.day().isAfter(query.to()))
          .filter(r -> query.product().map(r.product()::equals).orElse(true))
          .filter(r -> query.contract().map(r.contract()::equals).orElse(true))
          .filter(r -> query.consumer().map(r.consumer()::equals).orElse(true))
          .sorted(
              java.util.Comparator.comparing(ConsumptionRecord::day)
                  .thenComparing(r -> r.product().value())
                  .thenComparing(r -> r.contract().value()))
          .toList();
    }

    @Override
    public synchronized Map<ContractId, Instant> lastReads() {
      Map<ContractId, Instant> last = new HashMap<>();
      records
          .values()
          .forEach(r -> last.merge(r.contract(), r.lastReadAt(), (a, b) -> a.isAfter(b) ? a : b));
      return last;
    }
  }

  private final ContractServiceTest.MovingClock clock = new ContractServiceTest.MovingClock();
  private final ContractServiceTest.Repositories repositories =
      new ContractServiceTest.Repositories();
  private final InMemoryConsumption consumption = new InMemoryConsumption();
  private final ConsumptionService service =
      new ConsumptionService(consumption, repositories, repositories, clock);
  private final UsageContract camilleOnCustomers = contract(CUSTOMERS, "camille");
  private final UsageContract brunoOnParcels = contract(PARCELS, "bruno");

  ConsumptionServiceTest() {
    repositories.saveProduct(product(CUSTOMERS, "LBP"));
    repositories.saveProduct(product(PARCELS, "BSCC"));
  }

  @Test
  void addsEveryReadToTheRecordOfItsDayAndSplitsDaysAtMidnightUtc() {
    read(camilleOnCustomers, 10, 100);
    clock.now = START.plus(Duration.ofHours(2));
    read(camilleOnCustomers, 5, 50);
    clock.now = Instant.parse("2026-01-02T00:00:00Z");
    read(camilleOnCustomers, 1, 7);

    ConsumptionService.Report report =
        service.search(principal("denis", "LBP", Role.DPO), between(DAY, DAY.plusDays(1)));

    assertThat(report.records())
        .containsExactly(
            new ConsumptionRecord(
                DAY,
                camilleOnCustomers.id(),
                CUSTOMERS,
                "camille",
                Optional.empty(),
                2,
                15,
                150,
                START.plus(Duration.ofHours(2))),
            new ConsumptionRecord(
                DAY.plusDays(1),
                camilleOnCustomers.id(),
                CUSTOMERS,
                "camille",
                Optional.empty(),
                1,
                1,
                7,
                Instant.parse("2026-01-02T00:00:00Z")));
    assertThat(report.totals()).isEqualTo(new ConsumptionService.Totals(3, 16, 157));
  }

  @Test
  void countsEveryOneOfManyConcurrentReadsInFewerWrites() throws Exception {
    java.util.concurrent.atomic.AtomicInteger writes =
        new java.util.concurrent.atomic.AtomicInteger();
    int threads = 16;
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(threads);
    InMemoryConsumption slow =
        new InMemoryConsumption() {
          @Override
          public synchronized void add(ConsumptionRecord record) {
            if (writes.incrementAndGet() == 1) {
              // the first commit lasts until every thread has a read under way: those reads
              // wait for the next commit and are counted together
              try {
                started.await(10, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            super.add(record);
          }
        };
    ConsumptionService counting = new ConsumptionService(slow, repositories, repositories, clock);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> reads = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        ContractId contract = (i % 2 == 0 ? camilleOnCustomers : brunoOnParcels).id();
        ProductId product = i % 2 == 0 ? CUSTOMERS : PARCELS;
        String consumer = i % 2 == 0 ? "camille" : "bruno";
        reads.add(
            pool.submit(
                () -> {
                  started.countDown();
                  counting.record(
                      contract, product, consumer, Optional.empty(), new ExportSummary(3, 30));
                }));
      }
      for (java.util.concurrent.Future<?> read : reads) {
        read.get(1, java.util.concurrent.TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(slow.records.values())
        .extracting(ConsumptionRecord::consumer, ConsumptionRecord::reads, ConsumptionRecord::rows)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("camille", 200L, 600L),
            org.assertj.core.groups.Tuple.tuple("bruno", 200L, 600L));
    assertThat(writes.get()).isLessThan(400);
  }

  @Test
  void aFailedCountFailsOnlyTheReadsOfItsBatch() {
    ConsumptionService failing =
        new ConsumptionService(
            new InMemoryConsumption() {
              @Override
              public synchronized void add(ConsumptionRecord record) {
                throw new IllegalStateException("store down");
              }
            },
            repositories,
            repositories,
            clock);

    assertThatThrownBy(
            () ->
                failing.record(
                    camilleOnCustomers.id(),
                    CUSTOMERS,
                    "camille",
                    Optional.empty(),
                    new ExportSummary(1, 1)))
        .hasMessage("store down");
  }

  @Test
  void showsEachCallerWhatThePolicyAllows() {
    read(camilleOnCustomers, 10, 100);
    read(brunoOnParcels, 3, 30);

    assertThat(consumers(principal("diane", "BSCC", Role.DATA_OFFICE)))
        .containsExactlyInAnyOrder("camille", "bruno");
    assertThat(consumers(principal("admin", "BSCC", Role.ADMIN)))
        .containsExactlyInAnyOrder("camille", "bruno");
    assertThat(consumers(principal("olivier", "LBP", Role.DATA_OWNER))).containsExactly("camille");
    assertThat(consumers(principal("laurent", "BSCC", Role.DATA_OWNER))).containsExactly("bruno");
    assertThat(consumers(principal("camille", "LBP", Role.CONSUMER))).containsExactly("camille");
    assertThat(consumers(principal("sophie", "LBP", Role.DATA_STEWARD))).isEmpty();
    assertThat(
            service.perProduct(principal("olivier", "LBP", Role.DATA_OWNER), DAY, DAY).stream()
                .map(ConsumptionService.ProductConsumption::product))
        .containsExactly(CUSTOMERS);
  }

  @Test
  void ranksProductsByReadsOverTheWholeGroupWithoutNamingConsumers() {
    read(camilleOnCustomers, 10, 100);
    read(brunoOnParcels, 3, 30);
    read(brunoOnParcels, 4, 40);

    assertThat(service.popularity(DAY, DAY))
        .containsExactly(
            new ConsumptionService.ProductConsumption(
                PARCELS, new ConsumptionService.Totals(2, 7, 70)),
            new ConsumptionService.ProductConsumption(
                CUSTOMERS, new ConsumptionService.Totals(1, 10, 100)));
    assertThat(service.popularity(DAY.plusDays(1), DAY.plusDays(2))).isEmpty();
  }

  @Test
  void refusesAConsumerAskingForSomebodyElsesReads() {
    assertThatThrownBy(
            () ->
                service.search(
                    principal("camille", "LBP", Role.CONSUMER),
                    between(DAY, DAY).withConsumer("bruno")))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "camille may not read the consumption of bruno: needs DATA_OWNER, DPO, DATA_OFFICE or"
                + " ADMIN")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void sumsProductsMostReadFirst() {
    read(camilleOnCustomers, 10, 100);
    read(brunoOnParcels, 3, 30);
    read(brunoOnParcels, 4, 40);

    assertThat(service.perProduct(principal("admin", "BSCC", Role.ADMIN), DAY, DAY))
        .containsExactly(
            new ConsumptionService.ProductConsumption(
                PARCELS, new ConsumptionService.Totals(2, 7, 70)),
            new ConsumptionService.ProductConsumption(
                CUSTOMERS, new ConsumptionService.Totals(1, 10, 100)));
  }

  @Test
  void listsActiveContractsNotReadForTheGivenDaysOrNeverRead() {
    read(camilleOnCustomers, 10, 100);
    UsageContract revoked =
        contract(PARCELS, "bruno").revoke(new Revocation("denis", START, "fin du projet"));
    repositories.update(revoked);
    Principal admin = principal("admin", "BSCC", Role.ADMIN);

    assertThat(service.unused(admin, 30))
        .containsExactly(new ConsumptionService.UnusedContract(brunoOnParcels, Optional.empty()));

    clock.now = START.plus(Duration.ofDays(31));
    assertThat(service.unused(admin, 30))
        .containsExactly(
            new ConsumptionService.UnusedContract(brunoOnParcels, Optional.empty()),
            new ConsumptionService.UnusedContract(camilleOnCustomers, Optional.of(START)));
    assertThat(service.unused(admin, 31))
        .containsExactly(new ConsumptionService.UnusedContract(brunoOnParcels, Optional.empty()));
    assertThat(service.unused(principal("camille", "LBP", Role.CONSUMER), 30))
        .extracting(unused -> unused.contract().id())
        .containsExactly(camilleOnCustomers.id());
  }

  @Test
  void rejectsAnUnusedWindowOutsideOneToTenYears() {
    Principal admin = principal("admin", "BSCC", Role.ADMIN);
    assertThatThrownBy(() -> service.unused(admin, 0))
        .hasMessage("query parameter 'days' must be between 1 and 3650, got 0");
    assertThatThrownBy(() -> service.unused(admin, 3651))
        .hasMessage("query parameter 'days' must be between 1 and 3650, got 3651");
  }

  private void read(UsageContract contract, long rows, long bytes) {
    service.record(
        contract.id(),
        contract.product(),
        contract.consumer().user(),
        contract.consumer().application(),
        new ExportSummary(rows, bytes));
  }

  private List<String> consumers(Principal principal) {
    List<String> consumers = new ArrayList<>();
    service
        .search(principal, between(DAY, DAY))
        .records()
        .forEach(record -> consumers.add(record.consumer()));
    return consumers;
  }

  private static ConsumptionQuery between(LocalDate from, LocalDate to) {
    return ConsumptionQuery.between(from, to);
  }

  private static Principal principal(String name, String entity, Role role) {
    return new Principal(Username.of(name), entity, Set.of(role), Optional.empty());
  }

  private UsageContract contract(ProductId product, String user) {
    UsageContract contract =
        new UsageContract(
            ContractId.random(),
            product,
            new Consumer(user, Optional.empty(), "LBP"),
            new Purpose(
                "segmentation",
                PurposeCategory.ANALYTICS,
                LegalBasis.LEGITIMATE_INTERESTS,
                "",
                user),
            List.of(ColumnGrant.of("id", Masking.MASK_NONE)),
            "",
            new ContractTerms(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Period.ofMonths(6)),
            Set.of(),
            List.of(),
            List.of(),
            ContractStatus.ACTIVE,
            START,
            Optional.of(START),
            Optional.empty(),
            Optional.empty());
    repositories.insert(contract, ContractKey.generate(new java.security.SecureRandom()));
    return contract;
  }

  private static DataProduct product(ProductId id, String entity) {
    return new DataProduct(
        id,
        id.value(),
        "",
        entity,
        "clients",
        "olivier",
        "",
        "",
        Classification.INTERNAL,
        List.of(),
        List.of(new Column("id", DataType.INTEGER, "", PersonalDataCategory.NONE, "")),
        START,
        START);
  }
}
