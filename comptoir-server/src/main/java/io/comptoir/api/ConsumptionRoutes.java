package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.contract.ConsumptionQuery;
import io.comptoir.contract.ConsumptionRecord;
import io.comptoir.contract.ConsumptionService;
import io.comptoir.contract.ContractId;
import io.comptoir.identity.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Consumption metrics: per-day reads, rows and bytes, per product, and contracts in force nobody
 * reads. DATA_OFFICE, DPO and ADMIN see everything, a DATA_OWNER the products of their entity, any
 * other caller their own consumption.
 */
final class ConsumptionRoutes {
  /** Days covered when {@code from} is not given. */
  static final int DEFAULT_DAYS = 30;

  private final ConsumptionService consumption;

  ConsumptionRoutes(ConsumptionService consumption) {
    this.consumption = requireNonNull(consumption, "consumption is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/consumption", this::search);
    routes.get("/api/v1/consumption/products", this::perProduct);
    routes.get("/api/v1/consumption/unused", this::unused);
  }

  record DayOut(
      String day,
      String product,
      String contract,
      String consumer,
      String application,
      long reads,
      long rows,
      long bytes,
      Instant lastReadAt) {
    static DayOut of(ConsumptionRecord record) {
      return new DayOut(
          record.day().toString(),
          record.product().value(),
          record.contract().value(),
          record.consumer(),
          record.application().orElse(null),
          record.reads(),
          record.rows(),
          record.bytes(),
          record.lastReadAt());
    }
  }

  record TotalsOut(long reads, long rows, long bytes) {
    static TotalsOut of(ConsumptionService.Totals totals) {
      return new TotalsOut(totals.reads(), totals.rows(), totals.bytes());
    }
  }

  record ReportOut(String from, String to, List<DayOut> items, TotalsOut totals) {}

  record ProductOut(String product, long reads, long rows, long bytes) {
    static ProductOut of(ConsumptionService.ProductConsumption product) {
      return new ProductOut(
          product.product().value(),
          product.totals().reads(),
          product.totals().rows(),
          product.totals().bytes());
    }
  }

  record ProductsOut(String from, String to, List<ProductOut> items) {}

  record UnusedOut(
      String contract,
      String product,
      String consumer,
      String application,
      String end,
      Instant lastReadAt) {
    static UnusedOut of(ConsumptionService.UnusedContract unused) {
      return new UnusedOut(
          unused.contract().id().value(),
          unused.contract().product().value(),
          unused.contract().consumer().user(),
          unused.contract().consumer().application().orElse(null),
          unused.contract().terms().end().toString(),
          unused.lastReadAt().orElse(null));
    }
  }

  record UnusedListOut(int days, List<UnusedOut> items) {}

  private void search(Context context) {
    Principal principal = Caller.principal(context);
    LocalDate to = date(context, "to").orElseGet(consumption::today);
    LocalDate from = date(context, "from").orElse(to.minusDays(DEFAULT_DAYS - 1));
    ConsumptionQuery query =
        new ConsumptionQuery(
            Parameters.string(context, "product").map(ProductId::of),
            Parameters.string(context, "contract").map(ContractId::new),
            Parameters.string(context, "consumer"),
            from,
            to);
    ConsumptionService.Report report = consumption.search(principal, query);
    context.json(
        new ReportOut(
            from.toString(),
            to.toString(),
            report.records().stream().map(DayOut::of).toList(),
            TotalsOut.of(report.totals())));
  }

  private void perProduct(Context context) {
    Principal principal = Caller.principal(context);
    LocalDate to = date(context, "to").orElseGet(consumption::today);
    LocalDate from = date(context, "from").orElse(to.minusDays(DEFAULT_DAYS - 1));
    context.json(
        new ProductsOut(
            from.toString(),
            to.toString(),
            consumption.perProduct(principal, from, to).stream().map(ProductOut::of).toList()));
  }

  private void unused(Context context) {
    Principal principal = Caller.principal(context);
    int days = Parameters.integer(context, "days", DEFAULT_DAYS);
    context.json(
        new UnusedListOut(
            days, consumption.unused(principal, days).stream().map(UnusedOut::of).toList()));
  }

  private static Optional<LocalDate> date(Context context, String name) {
    return Parameters.string(context, name)
        .map(
            text -> {
              try {
                return LocalDate.parse(text);
              } catch (DateTimeParseException e) {
                throw ComptoirException.invalidInput(
                    "query parameter '%s' must be an ISO date (yyyy-mm-dd), got '%s'", name, text);
              }
            });
  }
}
