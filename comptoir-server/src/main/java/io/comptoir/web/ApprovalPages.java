package io.comptoir.web;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.Services;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.common.ComptoirException;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ColumnGrant;
import io.comptoir.contract.ContractAccess;
import io.comptoir.contract.ContractId;
import io.comptoir.contract.Decision;
import io.comptoir.contract.Masking;
import io.comptoir.contract.MaskingChange;
import io.comptoir.contract.UsageContract;
import io.comptoir.contract.Verdict;
import io.comptoir.identity.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approvals inbox: the requests waiting for a committee role the reader sits in (the same
 * checks as the API's inbox and decisions), with what is needed to decide, and the decision forms.
 * Any signed-in reader may open it; a reader who sits in no committee sees an empty inbox, as the
 * API answers an empty list.
 */
final class ApprovalPages {
  /** One column requested: its personal-data category (when declared) and masking. */
  record RequestedColumn(
      int index,
      String name,
      Optional<PersonalDataCategory> category,
      Masking masking,
      List<Masking> options) {
    boolean personal() {
      return category.isPresent() && category.get() != PersonalDataCategory.NONE;
    }
  }

  /** A committee role of the request and where it stands. */
  record Seat(ApproverRole role, Optional<Decision> decision) {}

  /** A pending request as the inbox shows it, with the roles the reader may decide in. */
  record Pending(
      UsageContract request,
      DataProduct product,
      List<RequestedColumn> columns,
      List<Seat> committee,
      List<ApproverRole> decideAs) {
    boolean crossEntity() {
      return !request.consumer().entity().equals(product.entity());
    }

    List<MaskingChange> maskingChanges() {
      return request.maskingChanges();
    }
  }

  /** A decision refused by the service or the form: shown in the request's card. */
  record Failure(String contract, String message) {
    boolean about(UsageContract request) {
      return request.id().value().equals(contract);
    }
  }

  private final Pages pages;
  private final Services services;

  ApprovalPages(Pages pages, Services services) {
    this.pages = requireNonNull(pages, "pages is null");
    this.services = requireNonNull(services, "services is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/approvals", this::inbox);
    routes.post("/approvals/{contractId}", this::decide);
  }

  private void inbox(Context context) {
    Principal principal = Web.signedIn(context);
    String decided = context.queryParam("decided");
    String verdict = context.queryParam("verdict");
    String notice = "";
    if (decided != null && !decided.isBlank()) {
      notice =
          "REJECTED".equals(verdict) ? "approvals.notice.rejected" : "approvals.notice.approved";
    }
    render(context, principal, Optional.empty(), notice, decided == null ? "" : decided);
  }

  private void render(
      Context context,
      Principal principal,
      Optional<Failure> failure,
      String notice,
      String decided) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("pending", pending(principal));
    model.put("roles", seats(principal));
    model.put("failure", failure);
    model.put("notice", notice);
    model.put("decided", decided);
    pages.render(context, "approvals.jte", model);
  }

  /** The committee roles the reader may sit in, whatever the product (owner: own entity). */
  private static List<ApproverRole> seats(Principal principal) {
    List<ApproverRole> roles = new ArrayList<>();
    for (ApproverRole role : ApproverRole.values()) {
      if (principal.hasRole(ContractAccess.roleOf(role))) {
        roles.add(role);
      }
    }
    return roles;
  }

  /** The requests awaiting a role the reader sits in, as the API's inbox lists them. */
  private List<Pending> pending(Principal principal) {
    Map<String, Pending> pending = new LinkedHashMap<>();
    for (ApproverRole role : ApproverRole.values()) {
      for (UsageContract request : services.contracts().awaiting(role)) {
        if (pending.containsKey(request.id().value())) {
          continue;
        }
        DataProduct product = services.catalog().loadProduct(request.product());
        if (ContractAccess.sitsAs(principal, role, product)) {
          pending.put(request.id().value(), describe(principal, request, product));
        }
      }
    }
    return List.copyOf(pending.values());
  }

  private static Pending describe(Principal principal, UsageContract request, DataProduct product) {
    List<RequestedColumn> columns = new ArrayList<>();
    for (ColumnGrant grant : request.grants()) {
      Optional<Column> column =
          product.columns().stream().filter(c -> c.name().equals(grant.column())).findFirst();
      List<Masking> options =
          Arrays.stream(Masking.values())
              .filter(m -> column.isEmpty() || m.appliesTo(column.get().type()))
              .toList();
      columns.add(
          new RequestedColumn(
              columns.size(),
              grant.column(),
              column.map(Column::personalData),
              grant.masking(),
              options));
    }
    List<Seat> committee = new ArrayList<>();
    for (ApproverRole role : request.required()) {
      committee.add(
          new Seat(
              role,
              request.decisions().stream().filter(d -> d.role() == role).reduce((a, b) -> b)));
    }
    List<ApproverRole> decideAs =
        request.pendingApprovers().stream()
            .filter(role -> ContractAccess.sitsAs(principal, role, product))
            .toList();
    return new Pending(request, product, columns, committee, decideAs);
  }

  /**
   * Records a decision with the same checks and audit records as {@code POST
   * /api/v1/contracts/{id}/decisions}; the DPO may tighten maskings (fields {@code
   * masking.<column>}).
   */
  private void decide(Context context) {
    Principal principal = Web.signedIn(context);
    ContractId id = new ContractId(context.pathParam("contractId"));
    UsageContract contract = services.contracts().load(id);
    DataProduct product = services.catalog().loadProduct(contract.product());
    ApproverRole role = parse(context.formParam("role"), ApproverRole.class, "role");
    ContractAccess.requireCanDecide(principal, role, product);
    Verdict verdict = parse(context.formParam("verdict"), Verdict.class, "verdict");
    String comment = Optional.ofNullable(context.formParam("comment")).orElse("").strip();
    Messages messages = Pages.messages(context);
    if (verdict == Verdict.REJECTED && comment.isEmpty()) {
      refuse(context, principal, id, messages.text("approvals.error.reason"));
      return;
    }
    List<ColumnGrant> tightened = new ArrayList<>();
    if (role == ApproverRole.DPO) {
      for (ColumnGrant grant : contract.grants()) {
        String value = context.formParam("masking." + grant.column());
        if (value != null && !value.isBlank()) {
          Masking masking = parse(value, Masking.class, "masking of '" + grant.column() + "'");
          if (masking != grant.masking()) {
            tightened.add(new ColumnGrant(grant.column(), masking, grant.generalization()));
          }
        }
      }
      for (ColumnGrant change : tightened) {
        Optional<DataType> type =
            product.columns().stream()
                .filter(c -> c.name().equals(change.column()))
                .map(Column::type)
                .findFirst();
        if (type.isPresent() && !change.masking().appliesTo(type.get())) {
          refuse(
              context,
              principal,
              id,
              messages.text(
                  "approvals.error.masking-type", change.masking(), change.column(), type.get()));
          return;
        }
      }
    }
    UsageContract decided;
    try {
      decided =
          services
              .contracts()
              .decide(
                  contract.id(),
                  new Decision(role, principal.user().value(), verdict, comment, now()),
                  tightened);
    } catch (ComptoirException e) {
      if (e.code() == io.comptoir.common.ErrorCode.INVALID_INPUT
          || e.code() == io.comptoir.common.ErrorCode.CONFLICT) {
        refuse(context, principal, id, messages.text("approvals.error.refused", e.getMessage()));
        return;
      }
      throw e;
    }
    // the same audit records as the API's decisions route
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
      MaskingChange change = decided.maskingChanges().get(i);
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
    context.redirect(
        "/approvals?decided="
            + java.net.URLEncoder.encode(
                decided.id().value(), java.nio.charset.StandardCharsets.UTF_8)
            + "&verdict="
            + verdict.name(),
        io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void refuse(Context context, Principal principal, ContractId id, String message) {
    context.status(400);
    render(context, principal, Optional.of(new Failure(id.value(), message)), "", "");
  }

  private void record(
      Principal principal, String action, UsageContract contract, Map<String, String> more) {
    Map<String, String> details = new LinkedHashMap<>(more);
    details.put("product", contract.product().value());
    details.put("consumer", contract.consumer().user());
    services.audit().record(principal.name(), action, "contract:" + contract.id(), details);
  }

  private static <E extends Enum<E>> E parse(String text, Class<E> type, String field) {
    if (text != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(text.strip())) {
          return constant;
        }
      }
    }
    throw ComptoirException.invalidInput(
        "%s must be one of %s, got '%s'",
        field, Arrays.toString(type.getEnumConstants()), text == null ? "" : text);
  }

  /** A review period in words: "6 mois", "1 year". */
  static String period(Page page, Period period) {
    if (period.getDays() == 0 && period.getYears() == 0) {
      return page.t("approvals.period.months", period.getMonths());
    }
    if (period.getDays() == 0 && period.getMonths() == 0) {
      return page.t("approvals.period.years", period.getYears());
    }
    return period.getDays() != 0 && period.getMonths() == 0 && period.getYears() == 0
        ? page.t("approvals.period.days", period.getDays())
        : period.toString();
  }

  private Instant now() {
    return services.catalog().clock().instant();
  }
}
