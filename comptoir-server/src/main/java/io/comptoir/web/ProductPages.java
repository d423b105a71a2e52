package io.comptoir.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.Services;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.AccessRequestForm;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.Consumer;
import io.comptoir.contract.ConsumptionQuery;
import io.comptoir.contract.ConsumptionRecord;
import io.comptoir.contract.ContractTerms;
import io.comptoir.contract.DataRequest;
import io.comptoir.contract.GovernedColumn;
import io.comptoir.contract.GovernedReadService;
import io.comptoir.contract.LegalBasis;
import io.comptoir.contract.Masking;
import io.comptoir.contract.OutputFormat;
import io.comptoir.contract.Purpose;
import io.comptoir.contract.PurposeCategory;
import io.comptoir.contract.SharingScope;
import io.comptoir.contract.UsageContract;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.Drift;
import io.comptoir.ingest.RowBatch;
import io.comptoir.ingest.Version;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The product page (description, columns, versions, a governed sample, consumption) and the access
 * request form with its committee preview.
 */
final class ProductPages {
  /** Rows of the sample shown on a product page. */
  static final int SAMPLE_ROWS = 20;

  /** Days of the consumption chart. */
  static final int CONSUMPTION_DAYS = 30;

  /** Review periods offered by the request form. */
  static final List<String> REVIEW_PERIODS = List.of("P1M", "P3M", "P6M", "P1Y");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A version with the rows its run quarantined. */
  record VersionRow(Version version, long quarantined) {}

  /** What the sample shows and why. */
  enum SampleKind {
    /** Read under the viewer's active contract: its columns, row filter and masking. */
    CONTRACT,
    /** No contract: every personal column masked (never read). */
    MASKED,
    /** A consumer of another entity: the description only. */
    HIDDEN,
    /** No version yet. */
    EMPTY,
    /** The contract read failed (e.g. a granted column left the latest version). */
    FAILED
  }

  /** A column of the sample and how it is shown. */
  record SampleColumn(String name, Masking masking, boolean masked) {}

  record Sample(
      SampleKind kind,
      List<SampleColumn> columns,
      List<List<String>> rows,
      Optional<UsageContract> contract,
      Optional<Version> version,
      String error) {
    static Sample of(SampleKind kind) {
      return new Sample(kind, List.of(), List.of(), Optional.empty(), Optional.empty(), "");
    }
  }

  /** One day of reads. */
  record Day(LocalDate day, long reads, long rows) {}

  /** A contract with its status now. */
  record ContractLine(UsageContract contract, io.comptoir.contract.ContractStatus status) {}

  record ProductView(
      DataProduct product,
      SharingScope sharing,
      boolean mayRequest,
      List<VersionRow> versions,
      String versionsChart,
      Sample sample,
      List<Day> consumption,
      long totalReads,
      String consumptionChart,
      List<ContractLine> ownContracts,
      Optional<Drift> drift,
      boolean profiling) {}

  /** A column of the request form with the masking that will apply. */
  record RequestColumn(Column column, Masking masking, List<Masking> choices, boolean checked) {
    boolean personal() {
      return column.personalData() != PersonalDataCategory.NONE;
    }

    String maskingField() {
      return "masking_" + column.name();
    }
  }

  /** The values of the request form, kept when it is shown again with an error. */
  record RequestValues(
      List<String> columns,
      Map<String, Masking> maskings,
      String purpose,
      String category,
      String legalBasis,
      String start,
      String end,
      String reviewPeriod,
      String businessValue,
      String usageReferent,
      String rowScope) {}

  /** The committee preview: the approvers, or why they cannot be computed yet. */
  record CommitteeView(List<ApproverRole> approvers, String problem) {}

  record RequestView(
      DataProduct product,
      List<RequestColumn> columns,
      RequestValues values,
      CommitteeView committee,
      String errorKey,
      String errorDetail) {
    List<PurposeCategory> categories() {
      return List.of(PurposeCategory.values());
    }

    List<LegalBasis> legalBases() {
      return List.of(LegalBasis.values());
    }

    List<String> reviewPeriods() {
      return REVIEW_PERIODS;
    }

    String committeeUrl() {
      return "/products/" + product.id().value() + "/request/committee";
    }
  }

  private final Pages pages;
  private final Services services;

  ProductPages(Pages pages, Services services) {
    this.pages = pages;
    this.services = services;
  }

  void register(RoutesConfig routes) {
    routes.get("/products/{id}", this::product);
    routes.get("/products/{id}/request", this::requestForm);
    routes.post("/products/{id}/request", this::request);
    routes.get("/products/{id}/request/committee", this::committee);
  }

  // product page

  private void product(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = loadProduct(context);
    SharingScope sharing = services.contracts().sharingOf(product.id());
    List<VersionRow> versions = new ArrayList<>();
    for (Version version : services.ingestion().listVersions(product.id())) {
      long quarantined = services.ingestion().loadRun(version.run()).rowsQuarantined();
      versions.add(new VersionRow(version, quarantined));
    }
    versions.sort(Comparator.comparingInt((VersionRow v) -> v.version().number()));
    Messages messages = Pages.messages(context);
    String versionsChart =
        chart(
            "bars",
            versions.stream().map(v -> "v" + v.version().number()).toList(),
            List.of(
                series(
                    messages.text("product.versions.rows"),
                    versions.stream().map(v -> v.version().rowCount()).toList()),
                series(
                    messages.text("product.versions.quarantined"),
                    versions.stream().map(VersionRow::quarantined).toList())));
    List<Day> days = consumption(principal, product.id());
    String consumptionChart =
        chart(
            "line",
            days.stream().map(d -> d.day().toString()).toList(),
            List.of(
                series(
                    messages.text("product.consumption.reads"),
                    days.stream().map(Day::reads).toList())));
    Instant now = services.catalog().clock().instant();
    List<ContractLine> own =
        services.contracts().ofConsumer(principal.user().value()).stream()
            .filter(c -> c.product().equals(product.id()))
            .sorted(Comparator.comparing(UsageContract::requestedAt).reversed())
            .map(c -> new ContractLine(c, c.statusAt(now)))
            .toList();
    pages.render(
        context,
        "product.jte",
        Map.of(
            "quality",
            QualityPages.section(services, principal, product, messages),
            "view",
            new ProductView(
                product,
                sharing,
                mayRequest(principal, product, sharing),
                versions,
                versionsChart,
                sample(principal, product, versions),
                days,
                days.stream().mapToLong(Day::reads).sum(),
                consumptionChart,
                own,
                latestDrift(product, versions),
                latestProfiling(product, versions)),
            "standing",
            StandingPages.standing(services, principal, product)));
  }

  /** The drift of the latest version from the previous one, when both have a profile. */
  private Optional<Drift> latestDrift(DataProduct product, List<VersionRow> versions) {
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    return services
        .ingestion()
        .drift(product.id(), versions.get(versions.size() - 1).version().number());
  }

  /** Whether the latest version's profile, hence its drift, is still being computed. */
  private boolean latestProfiling(DataProduct product, List<VersionRow> versions) {
    return !versions.isEmpty()
        && services
            .ingestion()
            .profiling(product.id(), versions.get(versions.size() - 1).version().number());
  }

  private static boolean mayRequest(Principal principal, DataProduct product, SharingScope scope) {
    return scope == SharingScope.GROUP || principal.entity().equals(product.entity());
  }

  /**
   * The sample of the latest version: under the viewer's active contract through the governed read
   * path (audited and counted like any read); without one, the columns that hold no personal data
   * and every personal column masked (never read); nothing for consumers of another entity.
   */
  private Sample sample(Principal principal, DataProduct product, List<VersionRow> versions) {
    if (versions.isEmpty()) {
      return Sample.of(SampleKind.EMPTY);
    }
    Optional<String> application = principal.application().map(ApplicationId::value);
    Optional<UsageContract> active;
    try {
      active =
          Optional.of(
              services
                  .contracts()
                  .activeContractFor(product.id(), principal.user().value(), application)
                  .contract());
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.FORBIDDEN) {
        throw e;
      }
      active = Optional.empty();
    }
    if (active.isPresent()) {
      return contractSample(principal, product, active.get());
    }
    if (!principal.entity().equals(product.entity())) {
      return Sample.of(SampleKind.HIDDEN);
    }
    Version latest = versions.get(versions.size() - 1).version();
    List<SampleColumn> columns = new ArrayList<>();
    List<String> clear = new ArrayList<>();
    for (Column column : latest.schema()) {
      boolean personal = personal(product, column);
      columns.add(
          new SampleColumn(column.name(), personal ? Masking.MASK : Masking.MASK_NONE, personal));
      if (!personal) {
        clear.add(column.name());
      }
    }
    List<List<String>> rows = new ArrayList<>();
    if (clear.isEmpty()) {
      for (long i = 0; i < Math.min(SAMPLE_ROWS, latest.rowCount()); i++) {
        rows.add(columns.stream().map(c -> "").toList());
      }
    } else {
      RowBatch batch = services.ingestion().read(latest, clear, 0, SAMPLE_ROWS);
      for (List<Object> values : batch.rows()) {
        List<String> row = new ArrayList<>();
        int next = 0;
        for (SampleColumn column : columns) {
          row.add(column.masked() ? "" : text(values.get(next++)));
        }
        rows.add(row);
      }
    }
    return new Sample(SampleKind.MASKED, columns, rows, Optional.empty(), Optional.of(latest), "");
  }

  /**
   * Personal when the catalog or the version says so, or when the catalog does not document the
   * column: an undocumented column is masked rather than shown.
   */
  private static boolean personal(DataProduct product, Column column) {
    Optional<Column> documented =
        product.columns().stream().filter(c -> c.name().equals(column.name())).findFirst();
    return documented.isEmpty()
        || documented.get().personalData() != PersonalDataCategory.NONE
        || column.personalData() != PersonalDataCategory.NONE;
  }

  private Sample contractSample(Principal principal, DataProduct product, UsageContract contract) {
    DataRequest request =
        new DataRequest(
            product.id(),
            principal.user().value(),
            principal.application().map(ApplicationId::value),
            OptionalInt.empty(),
            "",
            "",
            "",
            OptionalLong.of(SAMPLE_ROWS),
            0,
            OutputFormat.JSONL);
    try {
      GovernedReadService.PreparedRead read = services.reads().prepare(request);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      services.lineage().emitter().read(request, read, services.reads().stream(request, read, out));
      List<GovernedColumn> output = read.query().output();
      List<List<String>> rows = new ArrayList<>();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        List<String> row = new ArrayList<>();
        for (GovernedColumn column : output) {
          JsonNode value = node.get(column.name());
          row.add(value == null || value.isNull() ? "" : value.asText());
        }
        rows.add(row);
      }
      return new Sample(
          SampleKind.CONTRACT,
          output.stream().map(c -> new SampleColumn(c.name(), c.masking(), c.isMasked())).toList(),
          rows,
          Optional.of(contract),
          Optional.of(read.version()),
          "");
    } catch (ComptoirException e) {
      return new Sample(
          SampleKind.FAILED,
          List.of(),
          List.of(),
          Optional.of(contract),
          Optional.empty(),
          e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads per day over the last days, as far as the viewer may see them. */
  private List<Day> consumption(Principal principal, ProductId product) {
    LocalDate today = services.consumption().today();
    LocalDate from = today.minusDays(CONSUMPTION_DAYS - 1L);
    List<ConsumptionRecord> records =
        services
            .consumption()
            .search(
                principal,
                new ConsumptionQuery(
                    Optional.of(product), Optional.empty(), Optional.empty(), from, today))
            .records();
    Map<LocalDate, long[]> perDay = new TreeMap<>();
    for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
      perDay.put(day, new long[2]);
    }
    for (ConsumptionRecord record : records) {
      long[] sums = perDay.computeIfAbsent(record.day(), d -> new long[2]);
      sums[0] += record.reads();
      sums[1] += record.rows();
    }
    List<Day> days = new ArrayList<>();
    perDay.forEach((day, sums) -> days.add(new Day(day, sums[0], sums[1])));
    return days;
  }

  // access request form

  private void requestForm(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = loadProduct(context);
    requireMayRequest(principal, product);
    RequestValues values =
        new RequestValues(
            List.of(),
            Map.of(),
            "",
            PurposeCategory.ANALYTICS.name(),
            LegalBasis.LEGITIMATE_INTERESTS.name(),
            services.consumption().today().toString(),
            services.consumption().today().plusMonths(6).toString(),
            "P3M",
            "",
            principal.user().value(),
            "");
    renderForm(context, principal, product, values, "", "");
  }

  private void request(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = loadProduct(context);
    requireMayRequest(principal, product);
    RequestValues values = values(context, product);
    String problem = check(values);
    if (!problem.isEmpty()) {
      context.status(400);
      renderForm(context, principal, product, values, problem, "");
      return;
    }
    UsageContract request;
    try {
      request =
          services
              .contracts()
              .request(
                  new AccessRequestForm(
                      product.id(),
                      consumer(principal),
                      new Purpose(
                          values.purpose(),
                          PurposeCategory.valueOf(values.category()),
                          LegalBasis.valueOf(values.legalBasis()),
                          values.businessValue(),
                          values.usageReferent()),
                      values.columns(),
                      values.maskings(),
                      values.rowScope(),
                      new ContractTerms(
                          LocalDate.parse(values.start()),
                          LocalDate.parse(values.end()),
                          Period.parse(values.reviewPeriod())),
                      Optional.empty()));
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT) {
        throw e;
      }
      context.status(400);
      renderForm(context, principal, product, values, "access.error.rejected", e.getMessage());
      return;
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("required", request.required().toString());
    details.put("product", request.product().value());
    details.put("consumer", request.consumer().user());
    details.put("page", "true");
    services
        .audit()
        .record(principal.name(), "ACCESS_REQUESTED", "contract:" + request.id(), details);
    context.redirect("/contracts/" + request.id().value(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private static Consumer consumer(Principal principal) {
    return new Consumer(
        principal.user().value(),
        principal.application().map(ApplicationId::value),
        principal.entity());
  }

  /** The first problem the reader can fix in the form, as a text key; empty when none. */
  private static String check(RequestValues values) {
    if (values.columns().isEmpty()) {
      return "access.error.columns";
    }
    if (values.purpose().isBlank()) {
      return "access.error.purpose";
    }
    if (!enumName(PurposeCategory.class, values.category())) {
      return "access.error.category";
    }
    if (!enumName(LegalBasis.class, values.legalBasis())) {
      return "access.error.legal-basis";
    }
    if (values.usageReferent().isBlank()) {
      return "access.error.referent";
    }
    Optional<LocalDate> start = date(values.start());
    Optional<LocalDate> end = date(values.end());
    if (start.isEmpty() || end.isEmpty()) {
      return "access.error.dates";
    }
    if (end.get().isBefore(start.get())) {
      return "access.error.end-before-start";
    }
    if (!REVIEW_PERIODS.contains(values.reviewPeriod())) {
      return "access.error.review-period";
    }
    return "";
  }

  private static <E extends Enum<E>> boolean enumName(Class<E> type, String name) {
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<LocalDate> date(String text) {
    try {
      return Optional.of(LocalDate.parse(text.strip()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private RequestValues values(Context context, DataProduct product) {
    List<String> columns = context.formParams("columns");
    return new RequestValues(
        columns,
        maskings(context::formParam, product, columns),
        field(context.formParam("purpose")),
        field(context.formParam("purposeCategory")),
        field(context.formParam("legalBasis")),
        field(context.formParam("start")).strip(),
        field(context.formParam("end")).strip(),
        field(context.formParam("reviewPeriod")),
        field(context.formParam("businessValue")),
        field(context.formParam("usageReferent")),
        field(context.formParam("rowScope")));
  }

  private static String field(String value) {
    return value == null ? "" : value;
  }

  /**
   * The maskings chosen for requested columns where they differ from the column's default; an
   * unknown masking name is ignored (the default applies).
   */
  private static Map<String, Masking> maskings(
      java.util.function.Function<String, String> parameter,
      DataProduct product,
      List<String> columns) {
    Map<String, Masking> maskings = new LinkedHashMap<>();
    for (Column column : product.columns()) {
      String chosen = parameter.apply("masking_" + column.name());
      if (chosen == null || !columns.contains(column.name())) {
        continue;
      }
      for (Masking masking : Masking.values()) {
        if (masking.name().equals(chosen)
            && masking != Masking.defaultFor(column.personalData())
            && masking.appliesTo(column.type())) {
          maskings.put(column.name(), masking);
        }
      }
    }
    return maskings;
  }

  private void committee(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = loadProduct(context);
    List<String> columns = context.queryParams("columns");
    String category = field(context.queryParam("purposeCategory"));
    pages.render(
        context,
        "request_committee.jte",
        Map.of(
            "committee",
            committeeOf(
                principal,
                product,
                columns,
                maskings(context::queryParam, product, columns),
                category)));
  }

  private CommitteeView committeeOf(
      Principal principal,
      DataProduct product,
      List<String> columns,
      Map<String, Masking> maskings,
      String category) {
    if (columns.isEmpty()) {
      return new CommitteeView(List.of(), "access.committee.choose-columns");
    }
    if (!enumName(PurposeCategory.class, category)) {
      return new CommitteeView(List.of(), "access.error.category");
    }
    try {
      Set<ApproverRole> roles =
          services
              .contracts()
              .requiredApprovers(
                  product.id(),
                  principal.entity(),
                  PurposeCategory.valueOf(category),
                  columns,
                  maskings);
      return new CommitteeView(List.copyOf(roles), "");
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT) {
        throw e;
      }
      return new CommitteeView(List.of(), "access.committee.invalid");
    }
  }

  private void renderForm(
      Context context,
      Principal principal,
      DataProduct product,
      RequestValues values,
      String errorKey,
      String errorDetail) {
    List<RequestColumn> columns = new ArrayList<>();
    for (Column column : product.columns()) {
      Masking masking =
          values.maskings().getOrDefault(column.name(), Masking.defaultFor(column.personalData()));
      List<Masking> choices =
          java.util.Arrays.stream(Masking.values())
              .filter(m -> m.appliesTo(column.type()))
              .toList();
      columns.add(
          new RequestColumn(column, masking, choices, values.columns().contains(column.name())));
    }
    CommitteeView committee =
        committeeOf(principal, product, values.columns(), values.maskings(), values.category());
    pages.render(
        context,
        "request.jte",
        Map.of(
            "view", new RequestView(product, columns, values, committee, errorKey, errorDetail)));
  }

  /** A product that stays in its entity cannot be asked for from another: refused like the API. */
  private void requireMayRequest(Principal principal, DataProduct product) {
    SharingScope scope = services.contracts().sharingOf(product.id());
    if (!mayRequest(principal, product, scope)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          "product "
              + product.id()
              + " stays in its entity "
              + product.entity()
              + ": consumers of "
              + principal.entity()
              + " cannot request it");
    }
  }

  private DataProduct loadProduct(Context context) {
    return services.catalog().loadProduct(productId(context));
  }

  static ProductId productId(Context context) {
    return ProductId.of(context.pathParam("id"));
  }

  // charts

  static Map<String, Object> series(String label, List<? extends Number> values) {
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("label", label);
    series.put("values", values);
    return series;
  }

  /** The JSON of a data-chart attribute (escaped by the template). */
  static String chart(String kind, List<String> labels, List<Map<String, Object>> series) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("kind", kind);
    chart.put("labels", labels);
    chart.put("series", series);
    try {
      return JSON.writeValueAsString(chart);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    return String.valueOf(value);
  }
}
