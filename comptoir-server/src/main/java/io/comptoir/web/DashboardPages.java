package io.comptoir.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.Services;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ConsumptionQuery;
import io.comptoir.contract.ConsumptionRecord;
import io.comptoir.contract.ConsumptionService;
import io.comptoir.contract.ContractStatus;
import io.comptoir.contract.UsageContract;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data office dashboard (DATA_OFFICE and ADMIN): consumption per day, products by reads, unused
 * contracts, requests awaiting approval, reviews overdue or due soon, and contracts by status. The
 * figures come from the same services as the API, which scope them to what the reader may see.
 */
final class DashboardPages {
  /** Days of consumption shown. */
  static final int DAYS = 30;

  /** The choices of the unused contracts selector. */
  static final List<Integer> UNUSED_DAYS = List.of(7, 30, 90, 180, 365);

  /** Days ahead within which a review counts as due soon. */
  static final int REVIEW_NOTICE_DAYS = 30;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Consumption of one day, every product the reader may see together. */
  record Day(LocalDate day, long reads, long rows, long bytes) {}

  /** A product and its consumption over the period. */
  record ProductReads(ProductId id, String title, long reads, long rows, long bytes) {}

  /** A contract with what the dashboard says about it. */
  record Row(UsageContract contract, String product, LocalDate date) {}

  /** Everything the dashboard shows. */
  record Dashboard(
      LocalDate from,
      LocalDate to,
      List<Day> days,
      long totalReads,
      String chartJson,
      List<ProductReads> products,
      int unusedDays,
      List<ConsumptionService.UnusedContract> unused,
      Map<ProductId, String> titles,
      List<UsageContract> pending,
      List<Row> overdue,
      List<Row> dueSoon,
      Map<ContractStatus, Long> byStatus,
      List<StandingPages.ScoreRow> scores) {
    String title(ProductId product) {
      return titles.getOrDefault(product, product.value());
    }
  }

  private final Pages pages;
  private final Services services;

  DashboardPages(Pages pages, Services services) {
    this.pages = requireNonNull(pages, "pages is null");
    this.services = requireNonNull(services, "services is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/dashboard", this::dashboard);
  }

  /** The dashboard is for the data office; administrators see it too. */
  static void requireDataOffice(Principal principal) {
    if (!principal.isAdmin() && !principal.hasRole(Role.DATA_OFFICE)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name() + " may not see the data office dashboard: needs DATA_OFFICE or ADMIN");
    }
  }

  private void dashboard(Context context) {
    Principal principal = Web.signedIn(context);
    requireDataOffice(principal);
    int unusedDays = Parameters.nonNegative(context, "days");
    if (unusedDays == 0) {
      unusedDays = DAYS;
    }
    Messages messages = Pages.messages(context);
    ConsumptionService consumption = services.consumption();
    LocalDate to = consumption.today();
    LocalDate from = to.minusDays(DAYS - 1);

    Map<LocalDate, long[]> perDay = new TreeMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      perDay.put(day, new long[3]);
    }
    ConsumptionService.Report report =
        consumption.search(principal, ConsumptionQuery.between(from, to));
    for (ConsumptionRecord record : report.records()) {
      long[] totals = perDay.get(record.day());
      if (totals != null) {
        totals[0] += record.reads();
        totals[1] += record.rows();
        totals[2] += record.bytes();
      }
    }
    List<Day> days = new ArrayList<>();
    perDay.forEach((day, totals) -> days.add(new Day(day, totals[0], totals[1], totals[2])));

    Map<ProductId, String> titles = new LinkedHashMap<>();
    List<DataProduct> products = services.catalog().allProducts();
    products.forEach(product -> titles.put(product.id(), product.title()));
    List<ProductReads> reads = new ArrayList<>();
    for (ConsumptionService.ProductConsumption entry :
        consumption.perProduct(principal, from, to)) {
      reads.add(
          new ProductReads(
              entry.product(),
              titles.getOrDefault(entry.product(), entry.product().value()),
              entry.totals().reads(),
              entry.totals().rows(),
              entry.totals().bytes()));
    }

    Instant now = services.catalog().clock().instant();
    List<UsageContract> pending = new ArrayList<>();
    for (ApproverRole role : ApproverRole.values()) {
      for (UsageContract request : services.contracts().awaiting(role)) {
        if (pending.stream().noneMatch(p -> p.id().equals(request.id()))) {
          pending.add(request);
        }
      }
    }
    Map<ContractStatus, Long> byStatus = new EnumMap<>(ContractStatus.class);
    for (ContractStatus status : ContractStatus.values()) {
      byStatus.put(status, 0L);
    }
    List<Row> overdue = new ArrayList<>();
    List<Row> dueSoon = new ArrayList<>();
    LocalDate today = to;
    for (DataProduct product : products) {
      for (UsageContract contract : services.contracts().ofProduct(product.id())) {
        ContractStatus status = contract.statusAt(now);
        byStatus.merge(status, 1L, Long::sum);
        LocalDate due =
            contract.terms().reviewDue(contract.lastReviewedAt().orElse(contract.requestedAt()));
        if (status == ContractStatus.SUSPENDED) {
          overdue.add(new Row(contract, product.title(), due));
        } else if (status == ContractStatus.ACTIVE
            && !due.isAfter(today.plusDays(REVIEW_NOTICE_DAYS))) {
          dueSoon.add(new Row(contract, product.title(), due));
        }
      }
    }
    overdue.sort(Comparator.comparing(Row::date));
    dueSoon.sort(Comparator.comparing(Row::date));

    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("kind", "line");
    chart.put("labels", days.stream().map(d -> d.day().toString().substring(5)).toList());
    chart.put(
        "series",
        List.of(
            Map.of(
                "label",
                messages.text("dashboard.reads"),
                "values",
                days.stream().map(Day::reads).toList())));
    services.standing().checkCertifications();
    Dashboard dashboard =
        new Dashboard(
            from,
            to,
            days,
            report.totals().reads(),
            json(chart),
            reads,
            unusedDays,
            consumption.unused(principal, unusedDays),
            titles,
            pending,
            overdue,
            dueSoon,
            byStatus,
            StandingPages.scoreRows(services, titles));
    pages.render(context, "dashboard.jte", Map.of("dashboard", dashboard, "choices", UNUSED_DAYS));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write chart data", e);
    }
  }
}
