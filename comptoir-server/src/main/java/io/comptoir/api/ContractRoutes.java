package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.CatalogJson.Items;
import io.comptoir.api.ContractJson.ContractOut;
import io.comptoir.api.ContractJson.DecisionIn;
import io.comptoir.api.ContractJson.RenewIn;
import io.comptoir.api.ContractJson.RequestIn;
import io.comptoir.api.ContractJson.RevokeIn;
import io.comptoir.audit.AuditService;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.AccessRequestForm;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ColumnGrant;
import io.comptoir.contract.Consumer;
import io.comptoir.contract.ContractAccess;
import io.comptoir.contract.ContractId;
import io.comptoir.contract.ContractService;
import io.comptoir.contract.ContractTerms;
import io.comptoir.contract.Decision;
import io.comptoir.contract.LegalBasis;
import io.comptoir.contract.Masking;
import io.comptoir.contract.Notifications;
import io.comptoir.contract.Purpose;
import io.comptoir.contract.PurposeCategory;
import io.comptoir.contract.SharingScope;
import io.comptoir.contract.UsageContract;
import io.comptoir.contract.Verdict;
import io.comptoir.identity.Application;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.IdentityService;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.IngestionService;
import io.comptoir.odcs.AccessAgreements;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Access requests, the approvals inbox, decisions and the contract lifecycle. */
final class ContractRoutes {
  private final CatalogService catalog;
  private final ContractService contracts;
  private final IdentityService identities;
  private final AuditService audit;
  private final ObjectMapper mapper;
  private final IngestionService ingestion;
  private final AccessAgreements agreements = new AccessAgreements();

  ContractRoutes(
      CatalogService catalog,
      ContractService contracts,
      IdentityService identities,
      AuditService audit,
      IngestionService ingestion,
      ObjectMapper mapper) {
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.contracts = requireNonNull(contracts, "contracts is null");
    this.identities = requireNonNull(identities, "identities is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/products/{id}/requests", this::request);
    routes.get("/api/v1/products/{id}/sharing", this::sharing);
    routes.put("/api/v1/products/{id}/sharing", this::putSharing);
    routes.get("/api/v1/contracts", this::mine);
    routes.get("/api/v1/approvals", this::inbox);
    routes.get("/api/v1/notifications", this::notifications);
    routes.get("/api/v1/contracts/{contractId}", this::show);
    routes.get("/api/v1/contracts/{contractId}/agreement", this::agreement);
    routes.post("/api/v1/contracts/{contractId}/decisions", this::decide);
    routes.post("/api/v1/contracts/{contractId}/revoke", this::revoke);
    routes.post("/api/v1/contracts/{contractId}/review", this::review);
    routes.post("/api/v1/contracts/{contractId}/renew", this::renew);
  }

  private void request(Context context) {
    Principal principal = Caller.principal(context);
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    RequestIn body = Json.read(mapper, context.bodyInputStream(), RequestIn.class);
    Consumer consumer = consumer(principal, body.application());
    Map<String, Masking> maskings = new LinkedHashMap<>();
    if (body.maskings() != null) {
      body.maskings()
          .forEach(
              (column, masking) ->
                  maskings.put(
                      column,
                      Parameters.parseEnum(
                          "masking of '" + column + "'", String.valueOf(masking), Masking.class)));
    }
    UsageContract request =
        contracts.request(
            new AccessRequestForm(
                product.id(),
                consumer,
                new Purpose(
                    body.purpose(),
                    Parameters.parseEnum(
                        "purposeCategory",
                        required(body.purposeCategory(), "purposeCategory"),
                        PurposeCategory.class),
                    Parameters.parseEnum(
                        "legalBasis", required(body.legalBasis(), "legalBasis"), LegalBasis.class),
                    body.businessValue(),
                    body.usageReferent() == null ? principal.user().value() : body.usageReferent()),
                body.columns() == null ? List.of() : body.columns(),
                maskings,
                body.rowScope(),
                terms(body.start(), body.end(), body.reviewPeriod()),
                Optional.empty()));
    record(
        principal, "ACCESS_REQUESTED", request, Map.of("required", request.required().toString()));
    context.status(HttpStatus.CREATED);
    context.header("Location", "/api/v1/contracts/" + request.id());
    context.json(ContractOut.of(request, now()));
  }

  record SharingJson(String scope) {}

  private void sharing(Context context) {
    Caller.principal(context);
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    context.json(new SharingJson(contracts.sharingOf(product.id()).name()));
  }

  private void putSharing(Context context) {
    Principal principal = Caller.principal(context);
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    io.comptoir.identity.Access.editProduct(principal, product);
    SharingJson body = Json.read(mapper, context.bodyInputStream(), SharingJson.class);
    SharingScope scope =
        Parameters.parseEnum("scope", required(body.scope(), "scope"), SharingScope.class);
    contracts.setSharing(product.id(), scope);
    audit.record(
        principal.name(),
        "SHARING_CHANGED",
        "product:" + product.id(),
        Map.of("scope", scope.name()));
    context.json(new SharingJson(scope.name()));
  }

  private Consumer consumer(Principal principal, String application) {
    if (principal.application().isPresent()) {
      return new Consumer(
          principal.user().value(),
          Optional.of(principal.application().get().value()),
          principal.entity());
    }
    if (application == null || application.isBlank()) {
      return new Consumer(principal.user().value(), Optional.empty(), principal.entity());
    }
    Application app = identities.loadApplication(ApplicationId.of(application));
    if (!app.owner().equals(principal.user())) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name()
              + " may not request access for application "
              + application
              + ": not its owner");
    }
    return new Consumer(principal.user().value(), Optional.of(app.id().value()), app.entity());
  }

  private void mine(Context context) {
    Principal principal = Caller.principal(context);
    Instant now = now();
    context.json(
        Items.of(contracts.ofConsumer(principal.user().value()), c -> ContractOut.of(c, now)));
  }

  private void inbox(Context context) {
    Principal principal = Caller.principal(context);
    Instant now = now();
    List<ContractOut> pending = new ArrayList<>();
    for (ApproverRole role : ApproverRole.values()) {
      for (UsageContract request : contracts.awaiting(role)) {
        DataProduct product = catalog.loadProduct(request.product());
        if (ContractAccess.sitsAs(principal, role, product)
            && pending.stream().noneMatch(p -> p.id().equals(request.id().value()))) {
          pending.add(ContractOut.of(request, now));
        }
      }
    }
    context.json(new Items<>(pending));
  }

  private void notifications(Context context) {
    Notifications notifications = contracts.notifications(Caller.principal(context));
    Instant now = now();
    context.json(
        new NotificationsOut(
            notifications.count(),
            notifications.pendingApprovals().stream().map(c -> ContractOut.of(c, now)).toList(),
            notifications.expiringSoon().stream().map(c -> ContractOut.of(c, now)).toList(),
            notifications.overdueReviews().stream().map(c -> ContractOut.of(c, now)).toList()));
  }

  record NotificationsOut(
      int count,
      List<ContractOut> pendingApprovals,
      List<ContractOut> expiringSoon,
      List<ContractOut> overdueReviews) {}

  private void show(Context context) {
    Principal principal = Caller.principal(context);
    UsageContract contract = contracts.load(contractId(context));
    ContractAccess.requireCanSee(principal, contract, catalog.loadProduct(contract.product()));
    context.json(ContractOut.of(contract, now()));
  }

  private void agreement(Context context) {
    Principal principal = Caller.principal(context);
    UsageContract contract = contracts.load(contractId(context));
    ContractAccess.requireCanSee(principal, contract, catalog.loadProduct(contract.product()));
    context.contentType(StandardsRoutes.YAML + "; charset=utf-8");
    context.result(
        agreements.export(contract, ingestion.findLatestVersion(contract.product()), now()));
  }

  private void decide(Context context) {
    Principal principal = Caller.principal(context);
    UsageContract contract = contracts.load(contractId(context));
    DecisionIn body = Json.read(mapper, context.bodyInputStream(), DecisionIn.class);
    ApproverRole role =
        Parameters.parseEnum("role", required(body.role(), "role"), ApproverRole.class);
    ContractAccess.requireCanDecide(principal, role, catalog.loadProduct(contract.product()));
    Verdict verdict =
        Parameters.parseEnum("verdict", required(body.verdict(), "verdict"), Verdict.class);
    List<ColumnGrant> tightened = new ArrayList<>();
    if (body.maskings() != null) {
      body.maskings()
          .forEach(
              (column, masking) ->
                  tightened.add(
                      new ColumnGrant(
                          column,
                          Parameters.parseEnum(
                              "masking of '" + column + "'",
                              String.valueOf(masking),
                              Masking.class),
                          contract
                              .grant(column)
                              .map(ColumnGrant::generalization)
                              .orElse(io.comptoir.contract.Generalization.DEFAULT))));
    }
    UsageContract decided =
        contracts.decide(
            contract.id(),
            new Decision(role, principal.user().value(), verdict, body.comment(), now()),
            tightened);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("role", role.name());
    details.put("comment", decided.decisions().get(decided.decisions().size() - 1).comment());
    details.put("status", decided.status().name());
    record(
        principal,
        verdict == Verdict.APPROVED ? "REQUEST_APPROVED" : "REQUEST_REJECTED",
        decided,
        details);
    for (int i = contract.maskingChanges().size(); i < decided.maskingChanges().size(); i++) {
      var change = decided.maskingChanges().get(i);
      record(
          principal,
          "MASKING_TIGHTENED",
          decided,
          Map.of(
              "column",
              change.column(),
              "before",
              change.before().name(),
              "after",
              change.after().name()));
    }
    context.json(ContractOut.of(decided, now()));
  }

  private void revoke(Context context) {
    Principal principal = Caller.principal(context);
    UsageContract contract = contracts.load(contractId(context));
    ContractAccess.requireCanGovern(
        principal, catalog.loadProduct(contract.product()), "revoke contract " + contract.id());
    RevokeIn body = Json.read(mapper, context.bodyInputStream(), RevokeIn.class);
    UsageContract revoked =
        contracts.revoke(contract.id(), principal.user().value(), body.reason());
    record(principal, "CONTRACT_REVOKED", revoked, Map.of("reason", body.reason()));
    context.json(ContractOut.of(revoked, now()));
  }

  private void review(Context context) {
    Principal principal = Caller.principal(context);
    UsageContract contract = contracts.load(contractId(context));
    ContractAccess.requireCanGovern(
        principal, catalog.loadProduct(contract.product()), "review contract " + contract.id());
    UsageContract reviewed = contracts.review(contract.id());
    record(principal, "CONTRACT_REVIEWED", reviewed, Map.of());
    context.json(ContractOut.of(reviewed, now()));
  }

  private void renew(Context context) {
    Principal principal = Caller.principal(context);
    UsageContract contract = contracts.load(contractId(context));
    ContractAccess.requireConsumer(principal, contract);
    RenewIn body = Json.read(mapper, context.bodyInputStream(), RenewIn.class);
    String period =
        body.reviewPeriod() == null
            ? contract.terms().reviewPeriod().toString()
            : body.reviewPeriod();
    UsageContract renewal = contracts.renew(contract.id(), terms(body.start(), body.end(), period));
    record(principal, "RENEWAL_REQUESTED", renewal, Map.of("renews", contract.id().value()));
    context.status(HttpStatus.CREATED);
    context.json(ContractOut.of(renewal, now()));
  }

  private void record(
      Principal principal, String action, UsageContract contract, Map<String, String> more) {
    Map<String, String> details = new LinkedHashMap<>(more);
    details.put("product", contract.product().value());
    details.put("consumer", contract.consumer().user());
    audit.record(principal.name(), action, "contract:" + contract.id(), details);
  }

  private static ContractTerms terms(String start, String end, String reviewPeriod) {
    return new ContractTerms(
        date("start", start), date("end", end), period(required(reviewPeriod, "reviewPeriod")));
  }

  private static LocalDate date(String field, String text) {
    try {
      return LocalDate.parse(required(text, field));
    } catch (DateTimeParseException e) {
      throw ComptoirException.invalidInput(
          "%s must be a date like 2026-12-31, got '%s'", field, text);
    }
  }

  private static Period period(String text) {
    try {
      return Period.parse(text);
    } catch (DateTimeParseException e) {
      throw ComptoirException.invalidInput(
          "reviewPeriod must be an ISO-8601 period like P6M, got '%s'", text);
    }
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ComptoirException.invalidInput("%s is required", field);
    }
    return value;
  }

  private static ContractId contractId(Context context) {
    return new ContractId(context.pathParam("contractId"));
  }

  private Instant now() {
    return catalog.clock().instant();
  }
}
