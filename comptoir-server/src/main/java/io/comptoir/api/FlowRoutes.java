package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.CatalogJson.Items;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowRun;
import io.comptoir.flow.FlowRunner;
import io.comptoir.flow.FlowService;
import io.comptoir.flow.StoredFlowDocument;
import io.comptoir.flow.UploadSource;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.IngestionService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Ingestion flows and templates: YAML documents saved by version, paused and resumed. */
final class FlowRoutes {
  /** A saved document version: the text as written and, for a flow, the effective one. */
  record FlowJson(
      String id,
      int version,
      String kind,
      String product,
      boolean paused,
      Instant savedAt,
      String savedBy,
      String document,
      String resolved) {
    static FlowJson of(StoredFlowDocument document, boolean paused) {
      return new FlowJson(
          document.id().value(),
          document.version(),
          document.kind().name(),
          document.product().map(ProductId::value).orElse(null),
          paused,
          document.savedAt(),
          document.savedBy(),
          document.document(),
          document.resolved());
    }
  }

  /** A line of a listing, without the texts. */
  record FlowSummaryJson(
      String id,
      int version,
      String kind,
      String product,
      boolean paused,
      Instant savedAt,
      String savedBy) {
    static FlowSummaryJson of(StoredFlowDocument document, boolean paused) {
      return new FlowSummaryJson(
          document.id().value(),
          document.version(),
          document.kind().name(),
          document.product().map(ProductId::value).orElse(null),
          paused,
          document.savedAt(),
          document.savedBy());
    }
  }

  /** What a run did: the ingestion runs, the files set aside as done before, and the failures. */
  record FlowRunJson(
      String flow,
      java.util.List<IngestionJson.RunJson> runs,
      java.util.List<String> skipped,
      java.util.List<String> failed) {
    static FlowRunJson of(FlowRun run) {
      return new FlowRunJson(
          run.flow().value(),
          run.runs().stream().map(IngestionJson.RunJson::of).toList(),
          run.skipped(),
          run.failed());
    }
  }

  /** Runs listed per flow at most. */
  static final int MAX_RUNS = 200;

  private final FlowService flows;
  private final FlowRunner runner;
  private final IngestionService ingestion;
  private final Uploads uploads;

  FlowRoutes(FlowService flows, FlowRunner runner, IngestionService ingestion, Uploads uploads) {
    this.uploads = requireNonNull(uploads, "uploads is null");
    this.flows = requireNonNull(flows, "flows is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/flows", this::list);
    routes.get("/api/v1/flows/{flowId}", this::show);
    routes.put("/api/v1/flows/{flowId}", this::save);
    routes.get("/api/v1/flows/{flowId}/versions", this::history);
    routes.get("/api/v1/flows/{flowId}/versions/{number}", this::version);
    routes.post("/api/v1/flows/{flowId}/pause", context -> pause(context, true));
    routes.post("/api/v1/flows/{flowId}/resume", context -> pause(context, false));
    routes.post("/api/v1/flows/{flowId}/runs", this::run);
    routes.get("/api/v1/flows/{flowId}/runs", this::runs);
    routes.post("/api/v1/flows/{flowId}/uploads", this::upload);
    routes.post("/api/v1/runs/{runId}/replay", this::replay);
  }

  private void run(Context context) {
    context.json(FlowRunJson.of(runner.runNow(Caller.principal(context), flowId(context))));
  }

  /**
   * A file for a flow whose source is upload: checked (rights, kind of source) before the body is
   * read, then ingested by the flow's rules. 201 with the flow run when a version was made; the
   * ingestion's error otherwise (its run is in the flow's history).
   */
  private void upload(Context context) {
    FlowId id = flowId(context);
    Principal principal = Caller.principal(context);
    FlowDefinition definition = flows.definition(flows.load(principal, id));
    if (!(definition.source() instanceof UploadSource)) {
      throw ComptoirException.invalidInput(
          "flow %s reads a %s source: only a flow whose source is upload takes uploads",
          id, definition.source().kind());
    }
    boolean force = Parameters.bool(context, "force").orElse(false);
    String name = Uploads.displayName(context.queryParam("filename"));
    Path file = uploads.newFile();
    try {
      uploads.receive(context.bodyInputStream(), context.req().getContentLengthLong(), file);
      FlowRun run = runner.upload(principal, id, file, name, force);
      context.status(201);
      run.runs().stream()
          .findFirst()
          .ifPresent(r -> context.header("Location", "/api/v1/runs/" + r.id().value()));
      context.json(FlowRunJson.of(run));
    } finally {
      uploads.delete(file);
    }
  }

  private void replay(Context context) {
    context.json(
        FlowRunJson.of(runner.replay(Caller.principal(context), Parameters.runId(context))));
  }

  private void runs(Context context) {
    FlowId id = flowId(context);
    flows.load(Caller.principal(context), id);
    int limit = Parameters.integer(context, "limit", 50);
    if (limit < 1 || limit > MAX_RUNS) {
      throw ComptoirException.invalidInput(
          "query parameter 'limit' must be 1 to %d, got %d", MAX_RUNS, limit);
    }
    context.json(
        new Items<>(
            ingestion.listRunsOfFlow(id.value(), limit).stream()
                .map(IngestionJson.RunJson::of)
                .toList()));
  }

  private void list(Context context) {
    Principal principal = Caller.principal(context);
    context.json(
        new Items<>(
            flows.list(principal).stream()
                .map(d -> FlowSummaryJson.of(d, flows.isPaused(d.id())))
                .toList()));
  }

  private void show(Context context) {
    StoredFlowDocument document = flows.load(Caller.principal(context), flowId(context));
    context.json(FlowJson.of(document, flows.isPaused(document.id())));
  }

  private void save(Context context) {
    FlowId id = flowId(context);
    FlowService.Saved saved =
        flows.save(Caller.principal(context), Optional.of(id), text(context.bodyAsBytes()));
    context.status(saved.created() ? 201 : 200);
    context.json(FlowJson.of(saved.document(), flows.isPaused(id)));
  }

  private void history(Context context) {
    FlowId id = flowId(context);
    boolean paused = flows.isPaused(id);
    context.json(
        new Items<>(
            flows.history(Caller.principal(context), id).stream()
                .map(d -> FlowSummaryJson.of(d, paused))
                .toList()));
  }

  private void version(Context context) {
    FlowId id = flowId(context);
    StoredFlowDocument document =
        flows.loadVersion(Caller.principal(context), id, Parameters.versionNumber(context));
    context.json(FlowJson.of(document, flows.isPaused(id)));
  }

  private void pause(Context context, boolean paused) {
    FlowId id = flowId(context);
    flows.setPaused(Caller.principal(context), id, paused);
    context.json(FlowJson.of(flows.load(Caller.principal(context), id), paused));
  }

  private static FlowId flowId(Context context) {
    return FlowId.of(context.pathParam("flowId"));
  }

  /** The body as UTF-8 text; INVALID_INPUT for other bytes. */
  static String text(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw ComptoirException.invalidInput("the flow document must be UTF-8 text");
    }
  }
}
