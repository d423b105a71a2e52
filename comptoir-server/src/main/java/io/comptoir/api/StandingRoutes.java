package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.StandingJson.AnswerInput;
import io.comptoir.api.StandingJson.CertificationJson;
import io.comptoir.api.StandingJson.CertificationStateJson;
import io.comptoir.api.StandingJson.CheckJson;
import io.comptoir.api.StandingJson.ColumnRefJson;
import io.comptoir.api.StandingJson.FloorJson;
import io.comptoir.api.StandingJson.GrantInput;
import io.comptoir.api.StandingJson.ScoreJson;
import io.comptoir.api.StandingJson.StatusInput;
import io.comptoir.api.StandingJson.TermInputJson;
import io.comptoir.api.StandingJson.TermJson;
import io.comptoir.api.StandingJson.TermLinksInput;
import io.comptoir.api.StandingJson.TermLinksJson;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.glossary.GlossaryService;
import io.comptoir.glossary.GlossaryService.TermInput;
import io.comptoir.glossary.GlossaryTerm;
import io.comptoir.score.Certification;
import io.comptoir.score.DataScore;
import io.comptoir.score.StandingFacts.CertificationLevel;
import io.comptoir.score.StandingService;
import io.comptoir.score.StandingService.ManualAnswer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data score, certifications and the business glossary. */
final class StandingRoutes {
  private final CatalogService catalog;
  private final StandingService standing;
  private final GlossaryService glossary;
  private final ObjectMapper mapper;

  StandingRoutes(
      CatalogService catalog,
      StandingService standing,
      GlossaryService glossary,
      ObjectMapper mapper) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.standing = requireNonNull(standing, "standing is null");
    this.glossary = requireNonNull(glossary, "glossary is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/products/{id}/score", this::score);
    routes.get("/api/v1/products/{id}/certification", this::certification);
    routes.post("/api/v1/products/{id}/certification", this::grant);
    routes.put("/api/v1/products/{id}/columns/{column}/terms", this::linkTerms);
    routes.get("/api/v1/glossary", this::terms);
    routes.post("/api/v1/glossary", this::createTerm);
    routes.get("/api/v1/glossary/{term}", this::term);
    routes.put("/api/v1/glossary/{term}", this::updateTerm);
    routes.delete("/api/v1/glossary/{term}", this::deleteTerm);
    routes.post("/api/v1/glossary/{term}/status", this::termStatus);
  }

  private void score(Context context) {
    Caller.principal(context);
    ProductId id = Parameters.productId(context);
    DataScore score = standing.breakdown(id);
    context.json(ScoreJson.of(score, standing.certification(id)));
  }

  private void certification(Context context) {
    Caller.principal(context);
    ProductId id = Parameters.productId(context);
    context.json(state(id, Map.of()));
  }

  private CertificationStateJson state(ProductId id, Map<String, ManualAnswer> answers) {
    DataScore score = standing.breakdown(id);
    Optional<Certification> inForce = standing.inForce(id);
    return new CertificationStateJson(
        id.value(),
        score.score(),
        inForce.map(CertificationJson::of).orElse(null),
        Arrays.stream(CertificationLevel.values())
            .map(level -> new FloorJson(level, standing.policy().floor(level)))
            .toList(),
        standing.evaluate(score, answers).stream().map(CheckJson::of).toList(),
        standing.history(id).stream().map(CertificationJson::of).toList());
  }

  private void grant(Context context) {
    var principal = Caller.principal(context);
    ProductId id = Parameters.productId(context);
    catalog.loadProduct(id);
    GrantInput body = Json.read(mapper, context.bodyInputStream(), GrantInput.class);
    if (body.level() == null) {
      throw ComptoirException.invalidInput("level (BRONZE, SILVER or GOLD) is required");
    }
    Map<String, ManualAnswer> answers = new LinkedHashMap<>();
    if (body.answers() != null) {
      for (Map.Entry<String, AnswerInput> answer : body.answers().entrySet()) {
        AnswerInput value = answer.getValue();
        answers.put(
            answer.getKey(),
            new ManualAnswer(
                value != null && value.ticked(), value == null ? "" : value.comment()));
      }
    }
    Certification granted = standing.grant(principal, id, body.level(), answers, body.expiresOn());
    context.status(201).json(CertificationJson.of(granted));
  }

  private void linkTerms(Context context) {
    var principal = Caller.principal(context);
    ProductId id = Parameters.productId(context);
    String column = context.pathParam("column");
    TermLinksInput body = Json.read(mapper, context.bodyInputStream(), TermLinksInput.class);
    List<String> terms = glossary.linkColumn(principal, id, column, body.terms());
    context.json(new TermLinksJson(id.value(), column, terms));
  }

  private void terms(Context context) {
    Caller.principal(context);
    Optional<String> status = Parameters.string(context, "status");
    List<TermJson> terms =
        glossary.list().stream()
            .filter(term -> status.isEmpty() || term.status().name().equalsIgnoreCase(status.get()))
            .map(term -> TermJson.of(term, columns(term.id())))
            .toList();
    context.json(new CatalogJson.Items<>(terms));
  }

  private List<ColumnRefJson> columns(String term) {
    return glossary.columnsUsing(term).stream()
        .map(ref -> new ColumnRefJson(ref.product().value(), ref.column()))
        .toList();
  }

  private void term(Context context) {
    Caller.principal(context);
    GlossaryTerm term = glossary.load(context.pathParam("term"));
    context.json(TermJson.of(term, columns(term.id())));
  }

  private void createTerm(Context context) {
    var principal = Caller.principal(context);
    TermInputJson body = Json.read(mapper, context.bodyInputStream(), TermInputJson.class);
    GlossaryTerm term = glossary.create(principal, Optional.ofNullable(body.id()), input(body));
    context.status(201).json(TermJson.of(term, List.of()));
  }

  private void updateTerm(Context context) {
    var principal = Caller.principal(context);
    TermInputJson body = Json.read(mapper, context.bodyInputStream(), TermInputJson.class);
    GlossaryTerm term = glossary.update(principal, context.pathParam("term"), input(body));
    context.json(TermJson.of(term, columns(term.id())));
  }

  private void deleteTerm(Context context) {
    var principal = Caller.principal(context);
    glossary.delete(principal, context.pathParam("term"));
    context.status(204);
  }

  private void termStatus(Context context) {
    var principal = Caller.principal(context);
    StatusInput body = Json.read(mapper, context.bodyInputStream(), StatusInput.class);
    if (body.status() == null) {
      throw ComptoirException.invalidInput("status (DRAFT, APPROVED or DEPRECATED) is required");
    }
    GlossaryTerm term =
        glossary.setStatus(principal, context.pathParam("term"), body.status(), body.comment());
    context.json(TermJson.of(term, columns(term.id())));
  }

  private static TermInput input(TermInputJson body) {
    return new TermInput(
        body.name(), body.definition(), body.synonyms(), body.owner(), body.related());
  }
}
