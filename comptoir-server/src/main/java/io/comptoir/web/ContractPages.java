package io.comptoir.web;

import io.comptoir.api.Services;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ColumnGrant;
import io.comptoir.contract.ConsumptionQuery;
import io.comptoir.contract.ConsumptionRecord;
import io.comptoir.contract.ConsumptionService;
import io.comptoir.contract.ContractAccess;
import io.comptoir.contract.ContractId;
import io.comptoir.contract.ContractStatus;
import io.comptoir.contract.ContractTerms;
import io.comptoir.contract.Decision;
import io.comptoir.contract.MaskingChange;
import io.comptoir.contract.Notifications;
import io.comptoir.contract.UsageContract;
import io.comptoir.contract.Verdict;
import io.comptoir.identity.Access;
import io.comptoir.identity.ApiToken;
import io.comptoir.identity.Application;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.IssuedToken;
import io.comptoir.identity.Principal;
import io.comptoir.identity.TokenId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reader's contracts and API tokens, a contract's page with its timeline, and the
 * notifications. Visibility and actions follow the API's checks ({@link ContractAccess}, {@link
 * Access}).
 */
final class ContractPages {
  /** Default lifetime of a token created from the page. */
  static final int DEFAULT_TOKEN_DAYS = 30;

  /** A contract of the reader with what the list shows. */
  record ContractRow(
      UsageContract contract,
      String productTitle,
      ContractStatus status,
      Optional<Instant> lastRead,
      boolean renewable,
      LocalDate renewalStart,
      LocalDate renewalEnd) {}

  /** A token with its state now. */
  record TokenRow(ApiToken token, String state) {}

  record ContractsView(
      List<ContractRow> contracts,
      List<TokenRow> tokens,
      List<Application> applications,
      int maxTokenDays,
      int defaultTokenDays,
      Optional<IssuedToken> issued,
      String errorKey,
      String errorDetail) {}

  /** One event of a contract's timeline. */
  record Event(Instant at, String kind, String title, String who, String quote, String link) {}

  /** A committee role and where it stands. */
  record Seat(ApproverRole role, Optional<Decision> decision) {}

  /** A granted column with its catalog category. */
  record GrantRow(ColumnGrant grant, PersonalDataCategory category) {}

  record ContractView(
      UsageContract contract,
      DataProduct product,
      ContractStatus status,
      LocalDate reviewDue,
      List<GrantRow> grants,
      List<Seat> committee,
      List<Event> timeline,
      boolean mayRevoke,
      String errorKey) {}

  /** A notified contract with its product title and status now. */
  record Notice(UsageContract contract, String productTitle, ContractStatus status) {}

  record NotificationsView(List<Notice> pending, List<Notice> expiring, List<Notice> overdue) {
    int count() {
      return pending.size() + expiring.size() + overdue.size();
    }
  }

  private final Pages pages;
  private final Services services;

  ContractPages(Pages pages, Services services) {
    this.pages = pages;
    this.services = services;
  }

  void register(RoutesConfig routes) {
    routes.get("/contracts", this::mine);
    routes.get("/contracts/{contractId}", this::show);
    routes.post("/contracts/{contractId}/renew", this::renew);
    routes.post("/contracts/{contractId}/revoke", this::revoke);
    routes.post("/tokens", this::createToken);
    routes.post("/tokens/{tokenId}/revoke", this::revokeToken);
    routes.get("/notifications", this::notifications);
  }

  private Instant now() {
    return services.catalog().clock().instant();
  }

  // my contracts and tokens

  private void mine(Context context) {
    renderMine(context, Web.signedIn(context), Optional.empty(), "", "");
  }

  private void renderMine(
      Context context,
      Principal principal,
      Optional<IssuedToken> issued,
      String errorKey,
      String errorDetail) {
    Instant now = now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Map<ContractId, Instant> lastReads = lastReads(principal, Optional.empty());
    List<ContractRow> rows = new ArrayList<>();
    Map<String, String> titles = new HashMap<>();
    for (UsageContract contract : services.contracts().ofConsumer(principal.user().value())) {
      ContractStatus status = contract.statusAt(now);
      boolean renewable =
          status == ContractStatus.ACTIVE
              || status == ContractStatus.SUSPENDED
              || status == ContractStatus.EXPIRED;
      LocalDate start =
          contract.terms().end().isBefore(today) ? today : contract.terms().end().plusDays(1);
      rows.add(
          new ContractRow(
              contract,
              title(titles, contract),
              status,
              Optional.ofNullable(lastReads.get(contract.id())),
              renewable,
              start,
              start.plusMonths(6)));
    }
    rows.sort(Comparator.comparing((ContractRow r) -> r.contract().requestedAt()).reversed());
    List<TokenRow> tokens =
        services.identities().listTokens(principal.user()).stream()
            .map(token -> new TokenRow(token, tokenState(token, now)))
            .toList();
    List<Application> applications =
        services.identities().listApplications().stream()
            .filter(app -> app.owner().equals(principal.user()) && app.active())
            .toList();
    int max = services.identities().maxTokenDays();
    pages.render(
        context,
        "contracts.jte",
        Map.of(
            "view",
            new ContractsView(
                rows,
                tokens,
                principal.application().isPresent() ? List.of() : applications,
                max,
                Math.min(DEFAULT_TOKEN_DAYS, max),
                issued,
                errorKey,
                errorDetail)));
  }

  private static String tokenState(ApiToken token, Instant now) {
    if (token.revoked()) {
      return "REVOKED";
    }
    return token.expiredAt(now) ? "EXPIRED" : "ACTIVE";
  }

  private String title(Map<String, String> titles, UsageContract contract) {
    return titles.computeIfAbsent(
        contract.product().value(),
        id ->
            services.catalog().findProduct(contract.product()).map(DataProduct::title).orElse(id));
  }

  /**
   * The last read of each contract the reader may see the consumption of, over the longest span the
   * consumption service answers.
   */
  private Map<ContractId, Instant> lastReads(Principal principal, Optional<ContractId> contract) {
    LocalDate today = services.consumption().today();
    Map<ContractId, Instant> last = new HashMap<>();
    for (ConsumptionRecord record : consumption(principal, contract, today)) {
      last.merge(record.contract(), record.lastReadAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    return last;
  }

  private List<ConsumptionRecord> consumption(
      Principal principal, Optional<ContractId> contract, LocalDate today) {
    return services
        .consumption()
        .search(
            principal,
            new ConsumptionQuery(
                Optional.empty(),
                contract,
                contract.isPresent() ? Optional.empty() : Optional.of(principal.user().value()),
                today.minusDays(ConsumptionService.MAXIMUM_DAYS - 1L),
                today))
        .records();
  }

  private void renew(Context context) {
    Principal principal = Web.signedIn(context);
    UsageContract contract = services.contracts().load(contractId(context));
    ContractAccess.requireConsumer(principal, contract);
    Optional<LocalDate> start = date(context.formParam("start"));
    Optional<LocalDate> end = date(context.formParam("end"));
    if (start.isEmpty() || end.isEmpty()) {
      context.status(400);
      renderMine(context, principal, Optional.empty(), "mycontracts.error.dates", "");
      return;
    }
    UsageContract renewal;
    try {
      renewal =
          services
              .contracts()
              .renew(
                  contract.id(),
                  new ContractTerms(start.get(), end.get(), contract.terms().reviewPeriod()));
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT && e.code() != ErrorCode.CONFLICT) {
        throw e;
      }
      context.status(e.code() == ErrorCode.CONFLICT ? 409 : 400);
      renderMine(context, principal, Optional.empty(), "mycontracts.error.renewal", e.getMessage());
      return;
    }
    record(
        principal,
        "RENEWAL_REQUESTED",
        renewal,
        Map.of("renews", contract.id().value(), "page", "true"));
    context.redirect("/contracts/" + renewal.id().value(), HttpStatus.SEE_OTHER);
  }

  private void createToken(Context context) {
    Principal principal = Web.signedIn(context);
    Access.issueTokens(principal);
    String name = context.formParam("name") == null ? "" : context.formParam("name").strip();
    String application =
        context.formParam("application") == null ? "" : context.formParam("application").strip();
    int max = services.identities().maxTokenDays();
    Optional<Integer> days = wholeNumber(context.formParam("days"));
    if (name.isEmpty()) {
      context.status(400);
      renderMine(context, principal, Optional.empty(), "tokens.error.name", "");
      return;
    }
    if (days.isEmpty() || days.get() < 1 || days.get() > max) {
      context.status(400);
      renderMine(context, principal, Optional.empty(), "tokens.error.days", "1 – " + max);
      return;
    }
    IssuedToken issued =
        services
            .identities()
            .issueToken(
                principal.user(),
                application.isEmpty()
                    ? Optional.empty()
                    : Optional.of(ApplicationId.of(application)),
                name,
                days.get());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("token", issued.token().id().toString());
    details.put("name", name);
    details.put("days", Integer.toString(days.get()));
    issued.token().application().ifPresent(app -> details.put("application", app.toString()));
    services.audit().record(principal.name(), "TOKEN_CREATED", "user:" + principal.user(), details);
    // the secret is in this answer only: a later GET of the page never shows it
    context.status(HttpStatus.CREATED);
    renderMine(context, principal, Optional.of(issued), "", "");
  }

  private void revokeToken(Context context) {
    Principal principal = Web.signedIn(context);
    TokenId id = new TokenId(context.pathParam("tokenId"));
    ApiToken revoked = services.identities().revokeToken(principal, id);
    services
        .audit()
        .record(
            principal.name(),
            "TOKEN_REVOKED",
            "user:" + revoked.user(),
            Map.of("token", id.toString()));
    context.redirect("/contracts#tokens", HttpStatus.SEE_OTHER);
  }

  // contract page

  private void show(Context context) {
    Principal principal = Web.signedIn(context);
    UsageContract contract = services.contracts().load(contractId(context));
    DataProduct product = services.catalog().loadProduct(contract.product());
    ContractAccess.requireCanSee(principal, contract, product);
    renderContract(context, principal, contract, product, "");
  }

  private void renderContract(
      Context context,
      Principal principal,
      UsageContract contract,
      DataProduct product,
      String errorKey) {
    Instant now = now();
    ContractStatus status = contract.statusAt(now);
    List<GrantRow> grants = new ArrayList<>();
    for (ColumnGrant grant : contract.grants()) {
      PersonalDataCategory category =
          product.columns().stream()
              .filter(c -> c.name().equals(grant.column()))
              .map(Column::personalData)
              .findFirst()
              .orElse(PersonalDataCategory.NONE);
      grants.add(new GrantRow(grant, category));
    }
    List<Seat> committee = new ArrayList<>();
    for (ApproverRole role : contract.required()) {
      committee.add(
          new Seat(role, contract.decisions().stream().filter(d -> d.role() == role).findFirst()));
    }
    boolean mayRevoke = !contract.status().isFinal() && governs(principal, product);
    pages.render(
        context,
        "contract.jte",
        Map.of(
            "view",
            new ContractView(
                contract,
                product,
                status,
                contract
                    .terms()
                    .reviewDue(contract.lastReviewedAt().orElse(contract.requestedAt())),
                grants,
                committee,
                timeline(Pages.messages(context), principal, contract, status),
                mayRevoke,
                errorKey)));
  }

  private static boolean governs(Principal principal, DataProduct product) {
    try {
      ContractAccess.requireCanGovern(principal, product, "revoke");
      return true;
    } catch (ComptoirException e) {
      return false;
    }
  }

  /**
   * What happened to the contract, oldest first: the request, each decision with its comment, the
   * DPO's masking changes, reads per day (as far as the viewer may see them), reviews, renewals,
   * revocation and expiry.
   */
  private List<Event> timeline(
      Messages messages, Principal principal, UsageContract contract, ContractStatus status) {
    List<Event> events = new ArrayList<>();
    events.add(
        new Event(
            contract.requestedAt(),
            "REQUESTED",
            messages.text("contract-page.event.REQUESTED"),
            contract.consumer().user(),
            contract.purpose().description(),
            ""));
    contract
        .renewalOf()
        .ifPresent(
            previous ->
                events.add(
                    new Event(
                        contract.requestedAt(),
                        "RENEWS",
                        messages.text("contract-page.event.RENEWS"),
                        contract.consumer().user(),
                        "",
                        "/contracts/" + previous.value())));
    for (Decision decision : contract.decisions()) {
      String role = messages.text("terms.approver." + decision.role().name());
      events.add(
          new Event(
              decision.decidedAt(),
              decision.verdict().name(),
              decision.verdict() == Verdict.APPROVED
                  ? messages.text("contract-page.event.APPROVED", role)
                  : messages.text("contract-page.event.REJECTED", role),
              decision.approver(),
              decision.comment(),
              ""));
    }
    for (MaskingChange change : contract.maskingChanges()) {
      events.add(
          new Event(
              change.changedAt(),
              "MASKING",
              messages.text(
                  "contract-page.event.MASKING",
                  change.column(),
                  messages.text("terms.masking." + change.before().name()),
                  messages.text("terms.masking." + change.after().name())),
              change.changedBy(),
              "",
              ""));
    }
    Optional<Instant> activated =
        contract.decisions().isEmpty()
            ? Optional.empty()
            : Optional.of(contract.decisions().get(contract.decisions().size() - 1).decidedAt());
    contract
        .lastReviewedAt()
        .filter(reviewed -> activated.map(a -> !a.equals(reviewed)).orElse(true))
        .ifPresent(
            reviewed ->
                events.add(
                    new Event(
                        reviewed,
                        "REVIEWED",
                        messages.text("contract-page.event.REVIEWED"),
                        "",
                        "",
                        "")));
    Map<LocalDate, long[]> reads = new TreeMap<>();
    Map<LocalDate, Instant> lastOfDay = new HashMap<>();
    for (ConsumptionRecord record :
        consumption(principal, Optional.of(contract.id()), services.consumption().today())) {
      long[] sums = reads.computeIfAbsent(record.day(), d -> new long[2]);
      sums[0] += record.reads();
      sums[1] += record.rows();
      lastOfDay.merge(record.day(), record.lastReadAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    java.text.NumberFormat numbers = java.text.NumberFormat.getIntegerInstance(messages.locale());
    reads.forEach(
        (day, sums) ->
            events.add(
                new Event(
                    lastOfDay.get(day),
                    "READS",
                    messages.text(
                        "contract-page.event.READS",
                        numbers.format(sums[0]),
                        numbers.format(sums[1])),
                    "",
                    "",
                    "")));
    for (UsageContract other : services.contracts().ofProduct(contract.product())) {
      if (other.renewalOf().filter(contract.id()::equals).isPresent()) {
        events.add(
            new Event(
                other.requestedAt(),
                "RENEWED",
                messages.text("contract-page.event.RENEWED"),
                other.consumer().user(),
                "",
                "/contracts/" + other.id().value()));
      }
    }
    contract
        .revocation()
        .ifPresent(
            revocation ->
                events.add(
                    new Event(
                        revocation.revokedAt(),
                        "REVOKED",
                        messages.text("contract-page.event.REVOKED"),
                        revocation.revokedBy(),
                        revocation.reason(),
                        "")));
    if (status == ContractStatus.EXPIRED) {
      events.add(
          new Event(
              contract.terms().end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
              "EXPIRED",
              messages.text("contract-page.event.EXPIRED"),
              "",
              "",
              ""));
    }
    events.sort(Comparator.comparing(Event::at));
    return events;
  }

  private void revoke(Context context) {
    Principal principal = Web.signedIn(context);
    UsageContract contract = services.contracts().load(contractId(context));
    DataProduct product = services.catalog().loadProduct(contract.product());
    ContractAccess.requireCanGovern(principal, product, "revoke contract " + contract.id());
    String reason = context.formParam("reason") == null ? "" : context.formParam("reason").strip();
    if (reason.isEmpty()) {
      context.status(400);
      renderContract(context, principal, contract, product, "contract-page.error.reason");
      return;
    }
    UsageContract revoked =
        services.contracts().revoke(contract.id(), principal.user().value(), reason);
    record(principal, "CONTRACT_REVOKED", revoked, Map.of("reason", reason, "page", "true"));
    context.redirect("/contracts/" + contract.id().value(), HttpStatus.SEE_OTHER);
  }

  // notifications

  private void notifications(Context context) {
    Principal principal = Web.signedIn(context);
    Notifications notifications = services.contracts().notifications(principal);
    Instant now = now();
    Map<String, String> titles = new HashMap<>();
    java.util.function.Function<UsageContract, Notice> notice =
        contract -> new Notice(contract, title(titles, contract), contract.statusAt(now));
    pages.render(
        context,
        "notifications.jte",
        Map.of(
            "view",
            new NotificationsView(
                notifications.pendingApprovals().stream().map(notice).toList(),
                notifications.expiringSoon().stream().map(notice).toList(),
                notifications.overdueReviews().stream().map(notice).toList())));
  }

  // helpers

  private void record(
      Principal principal, String action, UsageContract contract, Map<String, String> more) {
    Map<String, String> details = new LinkedHashMap<>(more);
    details.put("product", contract.product().value());
    details.put("consumer", contract.consumer().user());
    services.audit().record(principal.name(), action, "contract:" + contract.id(), details);
  }

  private static ContractId contractId(Context context) {
    return new ContractId(context.pathParam("contractId"));
  }

  private static Optional<LocalDate> date(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.strip()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> wholeNumber(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
