package io.comptoir.web;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.Services;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.glossary.ColumnRef;
import io.comptoir.glossary.GlossaryFacts.TermStatus;
import io.comptoir.glossary.GlossaryService;
import io.comptoir.glossary.GlossaryService.TermInput;
import io.comptoir.glossary.GlossaryTerm;
import io.comptoir.identity.Access;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.score.Certification;
import io.comptoir.score.ChecklistItem;
import io.comptoir.score.DataScore;
import io.comptoir.score.StandingFacts.CertificationLevel;
import io.comptoir.score.StandingService;
import io.comptoir.score.StandingService.ManualAnswer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The business glossary pages (list, term, form), the certification form of the data office, and
 * the data score and glossary facts the product page and the dashboard show. The services check
 * every access rule; the pages only hide what the reader may not use.
 */
final class StandingPages {
  private final Pages pages;
  private final Services services;

  StandingPages(Pages pages, Services services) {
    this.pages = requireNonNull(pages, "pages is null");
    this.services = requireNonNull(services, "services is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/glossary", this::glossary);
    routes.get("/glossary/new", this::newTerm);
    routes.post("/glossary", this::create);
    routes.get("/glossary/{term}", this::term);
    routes.get("/glossary/{term}/edit", this::editTerm);
    routes.post("/glossary/{term}", this::update);
    routes.post("/glossary/{term}/status", this::status);
    routes.get("/products/{id}/terms", this::termLinksForm);
    routes.post("/products/{id}/terms", this::linkTerms);
    routes.get("/products/{id}/certification", this::certificationForm);
    routes.post("/products/{id}/certification", this::certify);
  }

  /** What the product page shows of the score, the certification and the glossary. */
  record StandingView(
      DataScore score,
      Optional<Certification> certification,
      Map<String, List<GlossaryTerm>> columnTerms,
      Map<String, List<GlossaryTerm>> deprecated,
      boolean mayCertify,
      boolean mayLinkTerms) {
    /** The terms linked to a column, empty when none. */
    public List<GlossaryTerm> terms(String column) {
      return columnTerms.getOrDefault(column, List.of());
    }

    public boolean deprecated(String column) {
      return deprecated.containsKey(column);
    }
  }

  static StandingView standing(Services services, Principal principal, DataProduct product) {
    StandingService standing = services.standing();
    GlossaryService glossary = services.glossary();
    Map<String, GlossaryTerm> terms = new LinkedHashMap<>();
    glossary.list().forEach(term -> terms.put(term.id(), term));
    Map<String, List<GlossaryTerm>> columnTerms = new LinkedHashMap<>();
    glossary
        .columnTerms(product.id())
        .forEach(
            (column, ids) ->
                columnTerms.put(
                    column, ids.stream().map(terms::get).filter(t -> t != null).toList()));
    return new StandingView(
        standing.breakdown(product.id()),
        standing.inForce(product.id()),
        columnTerms,
        glossary.deprecatedLinks(product.id()),
        mayCertify(principal),
        mayEdit(principal, product));
  }

  private static boolean mayEdit(Principal principal, DataProduct product) {
    try {
      Access.editProduct(principal, product);
      return true;
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.FORBIDDEN) {
        throw e;
      }
      return false;
    }
  }

  // glossary terms of a product's columns

  /** A column of the links form with the terms chosen for it. */
  record ColumnLinks(String column, String description, List<String> terms) {}

  /** The form linking a product's columns to glossary terms. */
  record TermLinksForm(
      DataProduct product, List<ColumnLinks> columns, List<GlossaryTerm> terms, String error) {}

  private DataProduct editable(Context context, Principal principal) {
    DataProduct product = services.catalog().loadProduct(ProductId.of(context.pathParam("id")));
    Access.editProduct(principal, product);
    return product;
  }

  private void termLinksForm(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = editable(context, principal);
    renderLinks(context, product, services.glossary().columnTerms(product.id()), "");
  }

  private void renderLinks(
      Context context, DataProduct product, Map<String, List<String>> chosen, String error) {
    List<ColumnLinks> columns = new ArrayList<>();
    for (Column column : product.columns()) {
      columns.add(
          new ColumnLinks(
              column.name(), column.description(), chosen.getOrDefault(column.name(), List.of())));
    }
    pages.render(
        context,
        "term_links.jte",
        Map.of("form", new TermLinksForm(product, columns, services.glossary().list(), error)));
  }

  /**
   * Saves the terms of every column whose choice changed. Unknown terms are refused before any
   * column changes; the service checks the rights again and writes COLUMN_TERMS_LINKED.
   */
  private void linkTerms(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = editable(context, principal);
    GlossaryService glossary = services.glossary();
    Map<String, List<String>> current = glossary.columnTerms(product.id());
    Map<String, List<String>> chosen = new LinkedHashMap<>();
    for (Column column : product.columns()) {
      chosen.put(
          column.name(),
          context.formParams("terms." + column.name()).stream()
              .map(String::strip)
              .filter(id -> !id.isEmpty())
              .distinct()
              .toList());
    }
    List<String> unknown =
        chosen.values().stream()
            .flatMap(List::stream)
            .distinct()
            .filter(id -> glossary.find(id).isEmpty())
            .toList();
    if (!unknown.isEmpty()) {
      context.status(400);
      renderLinks(
          context,
          product,
          chosen,
          Pages.messages(context).text("glossary.links.unknown", String.join(", ", unknown)));
      return;
    }
    chosen.forEach(
        (column, terms) -> {
          if (!terms.equals(current.getOrDefault(column, List.of()))) {
            glossary.linkColumn(principal, product.id(), column, terms);
          }
        });
    context.redirect("/products/" + product.id().value(), HttpStatus.SEE_OTHER);
  }

  /** A row of the dashboard: a product, its score and its certification in force. */
  record ScoreRow(ProductId id, String title, int score, Optional<Certification> certification) {}

  /** Every scored product, best score first. */
  static List<ScoreRow> scoreRows(Services services, Map<ProductId, String> titles) {
    List<ScoreRow> rows = new ArrayList<>();
    services
        .standing()
        .standings()
        .forEach(
            (id, standing) -> {
              if (titles.containsKey(id)) {
                rows.add(
                    new ScoreRow(
                        id, titles.get(id), standing.score().score(), standing.certification()));
              }
            });
    rows.sort(
        Comparator.comparingInt((ScoreRow row) -> -row.score())
            .thenComparing(row -> row.id().value()));
    return rows;
  }

  static boolean mayCertify(Principal principal) {
    return principal.isAdmin() || principal.hasRole(Role.DATA_OFFICE);
  }

  // glossary

  /** The glossary page. */
  record GlossaryView(List<GlossaryTerm> terms, Optional<TermStatus> status, boolean mayWrite) {}

  private void glossary(Context context) {
    Principal principal = Web.signedIn(context);
    String filter = context.queryParam("status");
    Optional<TermStatus> status = Optional.empty();
    if (filter != null && !filter.isBlank()) {
      status = Optional.of(parseStatus(filter));
    }
    Optional<TermStatus> shown = status;
    List<GlossaryTerm> terms =
        services.glossary().list().stream()
            .filter(term -> shown.isEmpty() || term.status() == shown.get())
            .toList();
    pages.render(
        context,
        "glossary.jte",
        Map.of("view", new GlossaryView(terms, status, GlossaryService.mayWrite(principal))));
  }

  /** A term's page. */
  record TermView(
      GlossaryTerm term,
      List<GlossaryTerm> related,
      List<ColumnRef> columns,
      boolean mayWrite,
      boolean mayGovern) {}

  private void term(Context context) {
    Principal principal = Web.signedIn(context);
    GlossaryTerm term = services.glossary().load(context.pathParam("term"));
    List<GlossaryTerm> related =
        term.related().stream().map(services.glossary()::find).flatMap(Optional::stream).toList();
    pages.render(
        context,
        "term.jte",
        Map.of(
            "view",
            new TermView(
                term,
                related,
                services.glossary().columnsUsing(term.id()),
                GlossaryService.mayWrite(principal),
                GlossaryService.mayGovern(principal))));
  }

  /** The term form: values to show, the other terms to relate to, and an error. */
  record TermForm(
      Optional<String> id,
      String name,
      String definition,
      String synonyms,
      String owner,
      List<String> related,
      List<GlossaryTerm> others,
      String error) {}

  private void newTerm(Context context) {
    Principal principal = requireWriter(context);
    renderForm(
        context,
        new TermForm(Optional.empty(), "", "", "", principal.name(), List.of(), others(""), ""));
  }

  private void editTerm(Context context) {
    requireWriter(context);
    GlossaryTerm term = services.glossary().load(context.pathParam("term"));
    renderForm(
        context,
        new TermForm(
            Optional.of(term.id()),
            term.name(),
            term.definition(),
            String.join(", ", term.synonyms()),
            term.owner(),
            term.related(),
            others(term.id()),
            ""));
  }

  private List<GlossaryTerm> others(String id) {
    return services.glossary().list().stream().filter(t -> !t.id().equals(id)).toList();
  }

  private void renderForm(Context context, TermForm form) {
    pages.render(context, "term_form.jte", Map.of("form", form));
  }

  private void create(Context context) {
    Principal principal = requireWriter(context);
    TermInput input = input(context);
    try {
      GlossaryTerm term = services.glossary().create(principal, Optional.empty(), input);
      context.redirect("/glossary/" + term.id(), HttpStatus.SEE_OTHER);
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT && e.code() != ErrorCode.CONFLICT) {
        throw e;
      }
      context.status(e.code() == ErrorCode.CONFLICT ? 409 : 400);
      renderForm(context, formOf(Optional.empty(), input, others(""), e.getMessage()));
    }
  }

  private void update(Context context) {
    Principal principal = requireWriter(context);
    String id = context.pathParam("term");
    services.glossary().load(id);
    TermInput input = input(context);
    try {
      services.glossary().update(principal, id, input);
      context.redirect("/glossary/" + id, HttpStatus.SEE_OTHER);
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT) {
        throw e;
      }
      context.status(400);
      renderForm(context, formOf(Optional.of(id), input, others(id), e.getMessage()));
    }
  }

  private static TermForm formOf(
      Optional<String> id, TermInput input, List<GlossaryTerm> others, String error) {
    return new TermForm(
        id,
        input.name() == null ? "" : input.name(),
        input.definition() == null ? "" : input.definition(),
        String.join(", ", input.synonyms()),
        input.owner() == null ? "" : input.owner(),
        input.related(),
        others,
        error);
  }

  private void status(Context context) {
    Principal principal = Web.signedIn(context);
    String id = context.pathParam("term");
    TermStatus status = parseStatus(context.formParam("status"));
    services.glossary().setStatus(principal, id, status, context.formParam("comment"));
    context.redirect("/glossary/" + id, HttpStatus.SEE_OTHER);
  }

  private Principal requireWriter(Context context) {
    Principal principal = Web.signedIn(context);
    if (!GlossaryService.mayWrite(principal)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name()
              + " may not write glossary terms: needs DATA_STEWARD, DATA_OWNER, DATA_OFFICE or"
              + " ADMIN");
    }
    return principal;
  }

  private static TermInput input(Context context) {
    String synonyms = Optional.ofNullable(context.formParam("synonyms")).orElse("");
    return new TermInput(
        context.formParam("name"),
        context.formParam("definition"),
        Arrays.stream(synonyms.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
        context.formParam("owner"),
        context.formParams("related").stream().filter(s -> !s.isBlank()).toList());
  }

  private static TermStatus parseStatus(String text) {
    for (TermStatus status : TermStatus.values()) {
      if (status.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return status;
      }
    }
    throw ComptoirException.invalidInput(
        "status must be DRAFT, APPROVED or DEPRECATED, got '%s'", text);
  }

  // certification

  private static final java.util.regex.Pattern BELOW_FLOOR =
      java.util.regex.Pattern.compile("score ([0-9]+) fell below the [A-Z]+ floor of ([0-9]+)");

  /**
   * Why a certification ended, in the reader's language: from its status and its level (the stored
   * reason is the English one the API and the audit log give).
   */
  static String endReason(Page page, Certification certification) {
    String level = page.t("certification.level." + certification.level().name());
    return switch (certification.status()) {
      case IN_FORCE -> "";
      case EXPIRED -> page.t("certification.end.EXPIRED", page.date(certification.expiresOn()));
      case SUPERSEDED -> page.t("certification.end.SUPERSEDED");
      case LAPSED -> {
        java.util.regex.Matcher below = BELOW_FLOOR.matcher(certification.endReason());
        yield below.find()
            ? page.t("certification.end.LAPSED", below.group(1), level, below.group(2))
            : certification.endReason();
      }
    };
  }

  /** One manual item of the form with what was answered. */
  record ManualItem(String id, boolean ticked, String comment) {}

  /** The certification form. */
  record CertificationForm(
      DataProduct product,
      DataScore score,
      Optional<Certification> inForce,
      List<Certification> history,
      Map<CertificationLevel, Integer> floors,
      List<io.comptoir.score.CheckAnswer> computed,
      List<ManualItem> manual,
      CertificationLevel level,
      String expiresOn,
      int maxMonths,
      String error) {
    /** Why a certification ended, in the reader's language. */
    public String endReason(Page page, Certification certification) {
      return StandingPages.endReason(page, certification);
    }

    /**
     * The detail of a computed checklist item in the reader's language, from the item and the score
     * shown (the stored comment is the English one the audit log keeps).
     */
    public String detail(Page page, io.comptoir.score.CheckAnswer answer) {
      ChecklistItem item = ChecklistItem.parse(answer.item());
      if (item.criterion().isEmpty()) {
        return answer.comment();
      }
      io.comptoir.score.Criterion criterion = item.criterion().get();
      int percent =
          score.criterion(criterion).map(io.comptoir.score.CriterionScore::percent).orElse(0);
      return page.t(
          "certification.computed-detail",
          page.t("score.criterion." + criterion.key()),
          percent,
          item.minimumPercent());
    }
  }

  private void certificationForm(Context context) {
    Principal principal = requireCertifier(context);
    DataProduct product = services.catalog().loadProduct(ProductId.of(context.pathParam("id")));
    LocalDate today = LocalDate.ofInstant(services.catalog().clock().instant(), ZoneOffset.UTC);
    renderCertification(
        context,
        principal,
        product,
        CertificationLevel.BRONZE,
        today.plusMonths(services.standing().policy().maxMonths()).toString(),
        Map.of(),
        "");
  }

  private void renderCertification(
      Context context,
      Principal principal,
      DataProduct product,
      CertificationLevel level,
      String expiresOn,
      Map<String, ManualAnswer> answers,
      String error) {
    StandingService standing = services.standing();
    DataScore score = standing.breakdown(product.id());
    List<ManualItem> manual = new ArrayList<>();
    for (ChecklistItem item : standing.policy().checklist()) {
      if (!item.computed()) {
        ManualAnswer answer = answers.getOrDefault(item.id(), new ManualAnswer(false, ""));
        manual.add(new ManualItem(item.id(), answer.ticked(), answer.comment()));
      }
    }
    pages.render(
        context,
        "certification.jte",
        Map.of(
            "form",
            new CertificationForm(
                product,
                score,
                standing.inForce(product.id()),
                standing.history(product.id()),
                standing.policy().floors(),
                standing.evaluate(score, Map.of()).stream()
                    .filter(io.comptoir.score.CheckAnswer::computed)
                    .toList(),
                manual,
                level,
                expiresOn,
                standing.policy().maxMonths(),
                error)));
  }

  private void certify(Context context) {
    Principal principal = requireCertifier(context);
    DataProduct product = services.catalog().loadProduct(ProductId.of(context.pathParam("id")));
    String levelText = Optional.ofNullable(context.formParam("level")).orElse("");
    CertificationLevel level;
    try {
      level = CertificationLevel.valueOf(levelText.strip());
    } catch (IllegalArgumentException e) {
      throw ComptoirException.invalidInput(
          "level must be BRONZE, SILVER or GOLD, got '%s'", levelText);
    }
    String expiresText = Optional.ofNullable(context.formParam("expiresOn")).orElse("").strip();
    Map<String, ManualAnswer> answers = new LinkedHashMap<>();
    for (ChecklistItem item : services.standing().policy().checklist()) {
      if (!item.computed()) {
        answers.put(
            item.id(),
            new ManualAnswer(
                context.formParam("tick." + item.id()) != null,
                context.formParam("comment." + item.id())));
      }
    }
    try {
      LocalDate expiresOn;
      try {
        expiresOn = LocalDate.parse(expiresText);
      } catch (DateTimeParseException e) {
        throw ComptoirException.invalidInput(
            "expiry date must be a date (YYYY-MM-DD), got '%s'", expiresText);
      }
      services.standing().grant(principal, product.id(), level, answers, expiresOn);
      context.redirect(
          "/products/"
              + URLEncoder.encode(product.id().value(), StandardCharsets.UTF_8)
              + "/certification?granted="
              + level.name(),
          HttpStatus.SEE_OTHER);
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT && e.code() != ErrorCode.CONFLICT) {
        throw e;
      }
      context.status(e.code() == ErrorCode.CONFLICT ? 409 : 400);
      renderCertification(context, principal, product, level, expiresText, answers, e.getMessage());
    }
  }

  private static Principal requireCertifier(Context context) {
    Principal principal = Web.signedIn(context);
    if (!mayCertify(principal)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name() + " may not certify products: needs DATA_OFFICE or ADMIN");
    }
    return principal;
  }
}
