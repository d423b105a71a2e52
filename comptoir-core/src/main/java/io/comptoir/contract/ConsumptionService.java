package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.GroupCommit;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Consumption metrics: every successful governed read adds to its day's record; reads per product,
 * contract, consumer and day; contracts in force nobody reads.
 *
 * <p>Who sees what: DATA_OFFICE, DPO and ADMIN see everything; a DATA_OWNER sees the consumption of
 * the products of their entity and their own; anybody else sees only their own.
 */
public final class ConsumptionService {
  /** Largest number of days a query or the unused-contract window may span. */
  public static final int MAXIMUM_DAYS = 3650;

  /** The most reads one batch counts; the rest wait for the next one. */
  static final int MAXIMUM_BATCH = 1024;

  private final ConsumptionRepository consumption;
  private final ContractRepository contracts;
  private final CatalogRepository catalog;
  private final Clock clock;

  /** Reads waiting to be counted. */
  private final GroupCommit<Ticket> commits = new GroupCommit<>(MAXIMUM_BATCH, this::writeBatch);

  public ConsumptionService(
      ConsumptionRepository consumption,
      ContractRepository contracts,
      CatalogRepository catalog,
      Clock clock) {
    this.consumption = requireNonNull(consumption, "consumption is null");
    this.contracts = requireNonNull(contracts, "contracts is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Reads, rows and bytes summed. */
  public record Totals(long reads, long rows, long bytes) {
    public Totals {
      if (reads < 0 || rows < 0 || bytes < 0) {
        throw new IllegalArgumentException("reads, rows and bytes must be >= 0");
      }
    }

    static final Totals ZERO = new Totals(0, 0, 0);

    Totals plus(ConsumptionRecord record) {
      return new Totals(reads + record.reads(), rows + record.rows(), bytes + record.bytes());
    }
  }

  /** The records of a query and their totals. */
  public record Report(ConsumptionQuery query, List<ConsumptionRecord> records, Totals totals) {
    public Report {
      requireNonNull(query, "query is null");
      records = List.copyOf(requireNonNull(records, "records is null"));
      requireNonNull(totals, "totals is null");
    }
  }

  /** The consumption of one product. */
  public record ProductConsumption(ProductId product, Totals totals) {
    public ProductConsumption {
      requireNonNull(product, "product is null");
      requireNonNull(totals, "totals is null");
    }
  }

  /** A contract in force with no read since the cutoff, and its last read if it ever had one. */
  public record UnusedContract(UsageContract contract, Optional<Instant> lastReadAt) {
    public UnusedContract {
      requireNonNull(contract, "contract is null");
      requireNonNull(lastReadAt, "lastReadAt is null");
    }
  }

  /**
   * Records one successful governed read, now, and returns once it is counted. Concurrent reads are
   * counted together, one upsert per row (contract, consumer, day) for all of them.
   */
  public void record(
      ContractId contract,
      ProductId product,
      String consumer,
      Optional<String> application,
      ExportSummary summary) {
    requireNonNull(summary, "summary is null");
    Instant now = clock.instant();
    Ticket ticket =
        new Ticket(
            new ConsumptionRecord(
                today(now),
                contract,
                product,
                consumer,
                application,
                1,
                summary.rows(),
                summary.bytes(),
                now));
    commits.submit(() -> ticket);
    if (ticket.failure() != null) {
      throw ticket.failure();
    }
  }

  /** A read to count; done once its count is committed or failed. */
  private static final class Ticket extends GroupCommit.Ticket {
    final ConsumptionRecord record;

    Ticket(ConsumptionRecord record) {
      this.record = record;
    }
  }

  /** The row a read adds to: its day, contract, product, consumer and application. */
  private record Row(
      LocalDate day,
      ContractId contract,
      ProductId product,
      String consumer,
      Optional<String> application) {
    static Row of(ConsumptionRecord record) {
      return new Row(
          record.day(),
          record.contract(),
          record.product(),
          record.consumer(),
          record.application());
    }
  }

  /**
   * Counts the queued reads, summed per row: concurrent reads of one contract cost one upsert
   * instead of one each.
   */
  private void writeBatch(List<Ticket> batch) {
    Map<Row, List<Ticket>> rows = new java.util.LinkedHashMap<>();
    for (Ticket ticket : batch) {
      rows.computeIfAbsent(Row.of(ticket.record), row -> new ArrayList<>()).add(ticket);
    }
    for (List<Ticket> tickets : rows.values()) {
      ConsumptionRecord first = tickets.get(0).record;
      long reads = 0;
      long rowCount = 0;
      long bytes = 0;
      Instant last = first.lastReadAt();
      for (Ticket ticket : tickets) {
        reads += ticket.record.reads();
        rowCount += ticket.record.rows();
        bytes += ticket.record.bytes();
        if (ticket.record.lastReadAt().isAfter(last)) {
          last = ticket.record.lastReadAt();
        }
      }
      RuntimeException failure = null;
      try {
        consumption.add(
            new ConsumptionRecord(
                first.day(),
                first.contract(),
                first.product(),
                first.consumer(),
                first.application(),
                reads,
                rowCount,
                bytes,
                last));
      } catch (RuntimeException e) {
        failure = e;
      }
      for (Ticket ticket : tickets) {
        if (failure == null) {
          ticket.complete();
        } else {
          ticket.fail(failure);
        }
      }
    }
  }

  /** Today, UTC. */
  public LocalDate today() {
    return today(clock.instant());
  }

  private static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }

  /**
   * The per-day records the principal may see; a caller who sees only their own consumption gets
   * FORBIDDEN when asking for another consumer's.
   */
  public Report search(Principal principal, ConsumptionQuery query) {
    requireNonNull(principal, "principal is null");
    requireNonNull(query, "query is null");
    requireSpan(query);
    ConsumptionQuery scoped = scope(principal, query);
    Visibility visibility = new Visibility(principal);
    List<ConsumptionRecord> records =
        consumption.search(scoped).stream().filter(visibility::sees).toList();
    Totals totals = Totals.ZERO;
    for (ConsumptionRecord record : records) {
      totals = totals.plus(record);
    }
    return new Report(scoped, records, totals);
  }

  /** Reads, rows and bytes per product the principal may see, most read first. */
  public List<ProductConsumption> perProduct(Principal principal, LocalDate from, LocalDate to) {
    Report report = search(principal, ConsumptionQuery.between(from, to));
    Map<ProductId, Totals> totals = new TreeMap<>(Comparator.comparing(ProductId::value));
    for (ConsumptionRecord record : report.records()) {
      totals.merge(record.product(), Totals.ZERO.plus(record), ConsumptionService::sum);
    }
    return totals.entrySet().stream()
        .map(entry -> new ProductConsumption(entry.getKey(), entry.getValue()))
        .sorted(Comparator.comparingLong((ProductConsumption p) -> p.totals().reads()).reversed())
        .toList();
  }

  /**
   * Reads per product over the whole group, most read first: a catalog signal ("most consumed")
   * that names no consumer, so anyone who may browse the catalog may see it.
   */
  public List<ProductConsumption> popularity(LocalDate from, LocalDate to) {
    ConsumptionQuery query = ConsumptionQuery.between(from, to);
    requireSpan(query);
    Map<ProductId, Totals> totals = new TreeMap<>(Comparator.comparing(ProductId::value));
    for (ConsumptionRecord record : consumption.search(query)) {
      totals.merge(record.product(), Totals.ZERO.plus(record), ConsumptionService::sum);
    }
    return totals.entrySet().stream()
        .map(entry -> new ProductConsumption(entry.getKey(), entry.getValue()))
        .sorted(Comparator.comparingLong((ProductConsumption p) -> p.totals().reads()).reversed())
        .toList();
  }

  private static Totals sum(Totals a, Totals b) {
    return new Totals(a.reads() + b.reads(), a.rows() + b.rows(), a.bytes() + b.bytes());
  }

  /**
   * Contracts ACTIVE now that the principal may see and nobody read during the last {@code days}
   * days (or ever), least recently read first.
   */
  public List<UnusedContract> unused(Principal principal, int days) {
    requireNonNull(principal, "principal is null");
    if (days < 1 || days > MAXIMUM_DAYS) {
      throw ComptoirException.invalidInput(
          "query parameter 'days' must be between 1 and %d, got %d", MAXIMUM_DAYS, days);
    }
    Instant now = clock.instant();
    Instant cutoff = now.minus(java.time.Duration.ofDays(days));
    Map<ContractId, Instant> lastReads = consumption.lastReads();
    Visibility visibility = new Visibility(principal);
    List<UnusedContract> unused = new ArrayList<>();
    for (UsageContract contract : contracts.listInForce()) {
      if (contract.statusAt(now) != ContractStatus.ACTIVE
          || !visibility.sees(contract.product(), contract.consumer().user())) {
        continue;
      }
      Optional<Instant> last = Optional.ofNullable(lastReads.get(contract.id()));
      if (last.isEmpty() || last.get().isBefore(cutoff)) {
        unused.add(new UnusedContract(contract, last));
      }
    }
    unused.sort(
        Comparator.comparing(
            (UnusedContract u) -> u.lastReadAt().orElse(Instant.EPOCH).toEpochMilli()));
    return unused;
  }

  private static void requireSpan(ConsumptionQuery query) {
    long span = java.time.temporal.ChronoUnit.DAYS.between(query.from(), query.to()) + 1;
    if (span > MAXIMUM_DAYS) {
      throw ComptoirException.invalidInput(
          "'from' (%s) to 'to' (%s) spans %d days: at most %d",
          query.from(), query.to(), span, MAXIMUM_DAYS);
    }
  }

  private static boolean seesEverything(Principal principal) {
    return principal.isAdmin()
        || principal.hasRole(Role.DPO)
        || principal.hasRole(Role.DATA_OFFICE);
  }

  private static ConsumptionQuery scope(Principal principal, ConsumptionQuery query) {
    if (seesEverything(principal) || principal.hasRole(Role.DATA_OWNER)) {
      return query;
    }
    String self = principal.user().value();
    if (query.consumer().isPresent() && !query.consumer().get().equals(self)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name()
              + " may not read the consumption of "
              + query.consumer().get()
              + ": needs DATA_OWNER, DPO, DATA_OFFICE or ADMIN");
    }
    return query.withConsumer(self);
  }

  /** What one principal may see, products' entities looked up once. */
  private final class Visibility {
    private final Principal principal;
    private final boolean everything;
    private final Map<ProductId, Boolean> ownedProducts = new HashMap<>();

    Visibility(Principal principal) {
      this.principal = principal;
      this.everything = seesEverything(principal);
    }

    boolean sees(ConsumptionRecord record) {
      return sees(record.product(), record.consumer());
    }

    boolean sees(ProductId product, String consumer) {
      if (everything || consumer.equals(principal.user().value())) {
        return true;
      }
      return principal.hasRole(Role.DATA_OWNER)
          && ownedProducts.computeIfAbsent(
              product,
              id ->
                  catalog
                      .findProduct(id)
                      .map(DataProduct::entity)
                      .map(entity -> principal.hasRoleIn(Role.DATA_OWNER, entity))
                      .orElse(false));
    }
  }
}
