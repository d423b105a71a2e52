package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.NotFoundException;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.lineage.DatasetRef;
import io.comptoir.lineage.Lineage;
import io.comptoir.lineage.LineageEvent;
import io.comptoir.lineage.LineageGraph;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenLineage in and out: {@code POST /api/v1/lineage} takes events from other tools (Spark,
 * Airflow, dbt integrations, like Marquez's endpoint), checked against the OpenLineage 2-0-2
 * schema; {@code GET /api/v1/lineage/graph} walks the graph around a product or a dataset. Posting
 * needs DATA_OWNER, DATA_STEWARD, DATA_OFFICE or ADMIN (an integration uses an application token of
 * such a user); any authenticated caller reads the graph, behind the entity walls.
 */
final class LineageRoutes {
  static final int MAXIMUM_EVENT_BYTES = 5 << 20;
  private static final Set<Role> POSTERS =
      Set.of(Role.DATA_OWNER, Role.DATA_STEWARD, Role.DATA_OFFICE, Role.ADMIN);

  /** Loaded at the first event posted: the CLI commands that never serve do not pay for it. */
  private static final class Schemas {
    static final io.comptoir.lineage.OpenLineageSchemas INSTANCE =
        new io.comptoir.lineage.OpenLineageSchemas();
  }

  private final Lineage lineage;
  private final CatalogService catalog;
  private final ObjectMapper mapper;

  LineageRoutes(Lineage lineage, CatalogService catalog, ObjectMapper mapper) {
    this.lineage = requireNonNull(lineage, "lineage is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/lineage", this::post);
    routes.get("/api/v1/lineage/graph", this::graph);
  }

  record Received(
      String kind, String eventType, String job, List<String> inputs, List<String> outputs) {}

  private void post(Context context) {
    Principal principal = Caller.principal(context);
    if (POSTERS.stream().noneMatch(principal::hasRole)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name()
              + " may not post lineage events: needs DATA_OWNER, DATA_STEWARD, DATA_OFFICE or"
              + " ADMIN");
    }
    byte[] body = context.bodyAsBytes();
    if (body.length > MAXIMUM_EVENT_BYTES) {
      throw ComptoirException.invalidInput(
          "a lineage event is at most %d bytes, got %d", MAXIMUM_EVENT_BYTES, body.length);
    }
    JsonNode document;
    try {
      document = mapper.readTree(body);
    } catch (java.io.IOException e) {
      throw ComptoirException.invalidInput("the body is not JSON: %s", firstLine(e));
    }
    if (document == null || !document.isObject()) {
      throw ComptoirException.invalidInput("an OpenLineage event is a JSON object");
    }
    List<String> problems = Schemas.INSTANCE.problems(document);
    if (!problems.isEmpty()) {
      throw ComptoirException.invalidInput(
          "not an OpenLineage 2-0-2 event: %s",
          String.join("; ", problems.subList(0, Math.min(problems.size(), 10))));
    }
    Map<String, Object> event;
    String json;
    try {
      event = mapper.convertValue(document, new TypeReference<Map<String, Object>>() {});
      json = mapper.writeValueAsString(document);
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw ComptoirException.invalidInput("cannot read the event: %s", e.getMessage());
    }
    LineageEvent recorded =
        lineage.service().recordReceived(event, json, "api:" + principal.name());
    context.status(HttpStatus.CREATED);
    context.json(
        new Received(
            recorded.kind().name(),
            recorded.eventType(),
            recorded.job().map(Object::toString).orElse(null),
            recorded.inputs().stream().map(Object::toString).toList(),
            recorded.outputs().stream().map(Object::toString).toList()));
  }

  private void graph(Context context) {
    Principal principal = Caller.principal(context);
    DatasetRef start = start(context);
    int depth = Parameters.integer(context, "depth", 3);
    boolean columns = Parameters.bool(context, "columns").orElse(false);
    LineageGraph graph = lineage.service().graph(principal, start, depth, columns);
    context.json(GraphOut.of(graph, columns));
  }

  /** The product ({@code product=id}), or a dataset ({@code namespace=...&name=...}). */
  private DatasetRef start(Context context) {
    var product = Parameters.string(context, "product");
    var namespace = Parameters.string(context, "namespace");
    var name = Parameters.string(context, "name");
    if (product.isPresent() == (namespace.isPresent() || name.isPresent())) {
      throw ComptoirException.invalidInput(
          "give either product=<id>, or namespace=<namespace>&name=<name> of a dataset");
    }
    if (product.isPresent()) {
      ProductId id = ProductId.of(product.get());
      if (catalog.findProduct(id).isEmpty()) {
        throw new NotFoundException("product", id);
      }
      return lineage.service().productDataset(id);
    }
    if (namespace.isEmpty() || name.isEmpty()) {
      throw ComptoirException.invalidInput("a dataset needs both namespace and name");
    }
    return new DatasetRef(namespace.get(), name.get());
  }

  /** The graph as JSON. */
  record GraphOut(List<NodeOut> nodes, List<EdgeOut> edges, List<ColumnOut> columns) {
    static GraphOut of(LineageGraph graph, boolean columns) {
      return new GraphOut(
          graph.nodes().stream()
              .map(
                  n ->
                      new NodeOut(
                          n.id(),
                          n.kind().name().toLowerCase(java.util.Locale.ROOT),
                          n.namespace().isEmpty() ? null : n.namespace(),
                          n.name().isEmpty() ? null : n.name(),
                          n.product().orElse(null),
                          n.layer()))
              .toList(),
          graph.edges().stream().map(e -> new EdgeOut(e.from(), e.to())).toList(),
          columns
              ? graph.columns().stream()
                  .map(
                      c ->
                          new ColumnOut(
                              c.from(), c.fromField(), c.to(), c.toField(), c.transformation()))
                  .toList()
              : null);
    }
  }

  record NodeOut(
      String id, String kind, String namespace, String name, String product, int layer) {}

  record EdgeOut(String from, String to) {}

  record ColumnOut(
      String from, String fromField, String to, String toField, String transformation) {}

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
