package io.comptoir.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.Services;
import io.comptoir.api.Uploads;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.flow.FlowDocumentKind;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowRun;
import io.comptoir.flow.StoredFlowDocument;
import io.comptoir.flow.UploadSource;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.RunStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flows dashboard: the flows a reader may manage with their last run, and for each flow its
 * document, its run history with a chart of rows and failures per run, and the buttons to run it
 * now, pause and resume it. The same rights as the API ({@code FlowService} checks them).
 */
final class FlowPages {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs shown on a flow's page, most recent first. */
  static final int HISTORY = 50;

  /** A line of the flows list. */
  record FlowLine(StoredFlowDocument document, boolean paused, Optional<IngestionRun> lastRun) {}

  /** A run in the history, with its duration. */
  record RunLine(IngestionRun run, Optional<Duration> duration) {
    boolean failed() {
      return run.status() == RunStatus.FAILED;
    }
  }

  /** What a flow's page shows. */
  record FlowView(
      StoredFlowDocument document,
      boolean paused,
      List<RunLine> runs,
      String chartJson,
      boolean takesUploads) {
    boolean isFlow() {
      return document.kind() == FlowDocumentKind.FLOW;
    }

    long failures() {
      return runs.stream().filter(RunLine::failed).count();
    }
  }

  private final Pages pages;
  private final Services services;
  private final Uploads uploads;

  FlowPages(Pages pages, Services services, Uploads uploads) {
    this.pages = pages;
    this.services = services;
    this.uploads = uploads;
  }

  void register(RoutesConfig routes) {
    routes.get("/flows", this::list);
    routes.get("/flows/{flowId}", this::show);
    routes.post("/flows/{flowId}/run", this::run);
    routes.post("/flows/{flowId}/upload", this::upload);
    routes.post("/flows/{flowId}/runs/{runId}/replay", this::replay);
    routes.post("/flows/{flowId}/pause", context -> pause(context, true));
    routes.post("/flows/{flowId}/resume", context -> pause(context, false));
  }

  private void list(Context context) {
    Principal principal = Web.signedIn(context);
    List<FlowLine> lines = new ArrayList<>();
    for (StoredFlowDocument document : services.flows().list(principal)) {
      Optional<IngestionRun> last =
          services.ingestion().listRunsOfFlow(document.id().value(), 1).stream().findFirst();
      lines.add(new FlowLine(document, services.flows().isPaused(document.id()), last));
    }
    pages.render(context, "flows.jte", Map.of("flows", lines));
  }

  private void show(Context context) {
    render(context, flowId(context), Optional.empty(), Optional.empty());
  }

  private void run(Context context) {
    FlowId id = flowId(context);
    try {
      FlowRun run = services.flowRunner().runNow(Web.signedIn(context), id);
      render(context, id, Optional.of(run), Optional.empty());
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT && e.code() != ErrorCode.CONFLICT) {
        throw e;
      }
      context.status(e.code() == ErrorCode.CONFLICT ? 409 : 400);
      render(context, id, Optional.empty(), Optional.of(e.getMessage()));
    }
  }

  /**
   * A file sent to a flow whose source is upload (multipart, field {@code file}, checkbox {@code
   * force}): ingested by the flow's rules, then the flow's page shows what the run did.
   */
  private void upload(Context context) {
    FlowId id = flowId(context);
    Principal principal = Web.signedIn(context);
    services.flows().load(principal, id);
    Messages messages = Pages.messages(context);
    long max = services.uploads().maxBytes();
    if (context.req().getContentLengthLong() > max + UploadPages.MULTIPART_SLACK) {
      context.status(HttpStatus.CONTENT_TOO_LARGE);
      render(
          context,
          id,
          Optional.empty(),
          Optional.of(messages.text("upload.error.too-large", pages.page(context).bytes(max))));
      return;
    }
    UploadedFile file = context.uploadedFile("file");
    if (file == null || file.size() == 0) {
      context.status(HttpStatus.BAD_REQUEST);
      render(context, id, Optional.empty(), Optional.of(messages.text("upload.error.no-file")));
      return;
    }
    if (file.size() > max) {
      context.status(HttpStatus.CONTENT_TOO_LARGE);
      render(
          context,
          id,
          Optional.empty(),
          Optional.of(messages.text("upload.error.too-large", pages.page(context).bytes(max))));
      return;
    }
    Path path = uploads.newFile();
    try {
      try (InputStream content = file.content()) {
        uploads.receive(content, file.size(), path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      FlowRun run =
          services
              .flowRunner()
              .upload(
                  principal,
                  id,
                  path,
                  Uploads.displayName(file.filename()),
                  context.formParam("force") != null);
      render(context, id, Optional.of(run), Optional.empty());
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT && e.code() != ErrorCode.CONFLICT) {
        throw e;
      }
      context.status(e.code() == ErrorCode.CONFLICT ? 409 : 400);
      render(
          context,
          id,
          Optional.empty(),
          Optional.of(messages.text("upload.error.refused", e.getMessage())));
    } finally {
      uploads.delete(path);
    }
  }

  private void replay(Context context) {
    FlowId id = flowId(context);
    try {
      FlowRun run =
          services
              .flowRunner()
              .replay(
                  Web.signedIn(context), new io.comptoir.ingest.RunId(context.pathParam("runId")));
      render(context, id, Optional.of(run), Optional.empty());
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT
          && e.code() != ErrorCode.CONFLICT
          && e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      context.status(
          switch (e.code()) {
            case CONFLICT -> 409;
            case NOT_FOUND -> 404;
            default -> 400;
          });
      render(context, id, Optional.empty(), Optional.of(e.getMessage()));
    }
  }

  private void pause(Context context, boolean paused) {
    FlowId id = flowId(context);
    services.flows().setPaused(Web.signedIn(context), id, paused);
    context.redirect("/flows/" + id.value(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void render(
      Context context, FlowId id, Optional<FlowRun> lastRun, Optional<String> error) {
    Principal principal = Web.signedIn(context);
    StoredFlowDocument document = services.flows().load(principal, id);
    List<RunLine> runs =
        services.ingestion().listRunsOfFlow(id.value(), HISTORY).stream()
            .map(
                run ->
                    new RunLine(
                        run, run.finishedAt().map(end -> Duration.between(run.startedAt(), end))))
            .toList();
    Messages messages = Pages.messages(context);
    boolean takesUploads =
        document.kind() == FlowDocumentKind.FLOW
            && services.flows().definition(document).source() instanceof UploadSource;
    FlowView view =
        new FlowView(
            document, services.flows().isPaused(id), runs, chart(runs, messages), takesUploads);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("view", view);
    model.put("lastRun", lastRun);
    model.put("error", error.orElse(""));
    pages.render(context, "flow.jte", model);
  }

  /** Rows accepted and quarantined, and failures, per run, oldest first. */
  private static String chart(List<RunLine> runs, Messages messages) {
    List<RunLine> oldestFirst = new ArrayList<>(runs);
    java.util.Collections.reverse(oldestFirst);
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("kind", "bars");
    chart.put(
        "labels",
        oldestFirst.stream().map(r -> r.run().startedAt().toString().substring(5, 16)).toList());
    chart.put(
        "series",
        List.of(
            Map.of(
                "label",
                messages.text("flows.chart.accepted"),
                "values",
                oldestFirst.stream().map(r -> r.run().rowsAccepted()).toList()),
            Map.of(
                "label",
                messages.text("flows.chart.quarantined"),
                "values",
                oldestFirst.stream().map(r -> r.run().rowsQuarantined()).toList()),
            Map.of(
                "label",
                messages.text("flows.chart.failures"),
                "values",
                oldestFirst.stream().map(r -> r.failed() ? 1 : 0).toList())));
    try {
      return JSON.writeValueAsString(chart);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write chart data", e);
    }
  }

  private static FlowId flowId(Context context) {
    return FlowId.of(context.pathParam("flowId"));
  }
}
