package io.comptoir.web;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.IngestOptions;
import io.comptoir.api.Services;
import io.comptoir.api.Uploads;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Access;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.QuarantinedRow;
import io.comptoir.ingest.RunId;
import io.comptoir.ingest.Version;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loading files into products from the browser: the products the reader may load, the upload form
 * (multipart, the same options and checks as {@code POST /api/v1/products/{id}/uploads}), and the
 * run page with its reconciliation and quarantined rows.
 */
final class UploadPages {
  /** Recent runs shown per product. */
  static final int RECENT_RUNS = 5;

  /** Quarantined rows per page of the run page. */
  static final int QUARANTINE_PAGE = 50;

  /** Room left for the multipart framing around the file when checking the declared length. */
  static final long MULTIPART_SLACK = 64 * 1024;

  /** A product the reader may load, with its latest version and recent runs. */
  record Loadable(DataProduct product, Optional<Version> latest, List<IngestionRun> runs) {
    /** The product's declared columns, for the key field's help. */
    String columnNames() {
      return String.join(", ", product.columns().stream().map(c -> c.name()).toList());
    }
  }

  /** What the upload form was filled with, shown again after an error. */
  record UploadForm(
      String format,
      String delimiter,
      String mode,
      String keys,
      boolean header,
      boolean force,
      String rejectPercent) {
    static UploadForm defaults() {
      return new UploadForm("", "", "OVERWRITE", "", true, false, "");
    }

    /** The tolerated share of rejected rows, 0 to 1, from a percentage; empty for the default. */
    Optional<Double> toleratedRejectRate() {
      if (rejectPercent.isEmpty()) {
        return Optional.empty();
      }
      try {
        double percent = Double.parseDouble(rejectPercent.replace(',', '.'));
        if (percent >= 0 && percent <= 100) {
          return Optional.of(percent / 100);
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw ComptoirException.invalidInput(
          "the tolerated share of rejected rows must be a percentage from 0 to 100, got '%s'",
          rejectPercent);
    }
  }

  /** A page of quarantined rows. */
  record Quarantine(List<QuarantinedRow> rows, long total, int offset, int limit, boolean visible) {
    boolean hasPrevious() {
      return offset > 0;
    }

    boolean hasNext() {
      return offset + limit < total;
    }
  }

  private final Pages pages;
  private final Services services;
  private final Uploads uploads;

  UploadPages(Pages pages, Services services, Uploads uploads) {
    this.pages = requireNonNull(pages, "pages is null");
    this.services = requireNonNull(services, "services is null");
    this.uploads = requireNonNull(uploads, "uploads is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/uploads", this::list);
    routes.get("/products/{id}/upload", this::form);
    routes.post("/products/{id}/upload", this::upload);
    routes.get("/runs/{runId}", this::run);
  }

  /** The products the reader may load data into (Access.ingest), with their recent runs. */
  private void list(Context context) {
    Principal principal = Web.signedIn(context);
    List<Loadable> loadable = new ArrayList<>();
    for (DataProduct product : services.catalog().allProducts()) {
      if (mayIngest(principal, product)) {
        loadable.add(loadable(product));
      }
    }
    pages.render(context, "uploads.jte", Map.of("products", loadable));
  }

  private static boolean mayIngest(Principal principal, DataProduct product) {
    try {
      Access.ingest(principal, product);
      return true;
    } catch (ComptoirException e) {
      if (e.code() == ErrorCode.FORBIDDEN) {
        return false;
      }
      throw e;
    }
  }

  private Loadable loadable(DataProduct product) {
    return new Loadable(
        product,
        services.ingestion().findLatestVersion(product.id()),
        services.ingestion().listRuns(product.id(), RECENT_RUNS));
  }

  private DataProduct loadForIngestion(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = services.catalog().loadProduct(ProductId.of(context.pathParam("id")));
    Access.ingest(principal, product);
    return product;
  }

  private void form(Context context) {
    DataProduct product = loadForIngestion(context);
    renderForm(context, product, UploadForm.defaults(), "");
  }

  private void renderForm(Context context, DataProduct product, UploadForm form, String error) {
    renderForm(context, product, form, error, Optional.empty());
  }

  private void renderForm(
      Context context,
      DataProduct product,
      UploadForm form,
      String error,
      Optional<IngestionRun> failed) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("failed", failed);
    model.put("item", loadable(product));
    model.put("form", form);
    model.put("error", error);
    model.put("maxBytes", services.uploads().maxBytes());
    pages.render(context, "upload.jte", model);
  }

  /**
   * Receives the file through {@link Uploads} (size limit, temporary file deleted after the run),
   * ingests it synchronously, then shows the run.
   */
  private void upload(Context context) {
    DataProduct product = loadForIngestion(context);
    Messages messages = Pages.messages(context);
    long max = services.uploads().maxBytes();
    if (context.req().getContentLengthLong() > max + MULTIPART_SLACK) {
      tooLarge(context, product, UploadForm.defaults(), messages, max);
      return;
    }
    UploadForm form =
        new UploadForm(
            field(context, "format"),
            Optional.ofNullable(context.formParam("delimiter")).orElse(""),
            field(context, "mode").isEmpty() ? "OVERWRITE" : field(context, "mode"),
            field(context, "keys"),
            context.formParam("header") != null,
            context.formParam("force") != null,
            field(context, "rejectPercent"));
    UploadedFile file = context.uploadedFile("file");
    if (file == null || file.size() == 0) {
      context.status(HttpStatus.BAD_REQUEST);
      renderForm(context, product, form, messages.text("upload.error.no-file"));
      return;
    }
    if (file.size() > max) {
      tooLarge(context, product, form, messages, max);
      return;
    }
    Path path = uploads.newFile();
    java.time.Instant before = services.catalog().clock().instant();
    IngestionRun run;
    try {
      IngestionRequest request =
          new IngestOptions(
                  Optional.of(form.format()),
                  Optional.of(form.delimiter()),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(form.header()),
                  Optional.of(form.mode()),
                  keysOf(form),
                  Optional.of(form.force()),
                  form.toleratedRejectRate())
              .toRequest(product.id(), path, Uploads.displayName(file.filename()));
      try (InputStream content = file.content()) {
        uploads.receive(content, file.size(), path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      run = services.ingestion().ingest(request, ProgressListener.NONE);
    } catch (ComptoirException e) {
      if (e.code() == ErrorCode.FORBIDDEN
          || e.code() == ErrorCode.UNAUTHENTICATED
          || e.code() == ErrorCode.INTERNAL) {
        throw e;
      }
      context.status(e.code() == ErrorCode.CONFLICT ? 409 : 400);
      // a run that failed (too many rejected rows...) is recorded: its page shows why
      Optional<IngestionRun> failed =
          services.ingestion().listRuns(product.id(), 1).stream()
              .filter(r -> !r.startedAt().isBefore(before))
              .findFirst();
      renderForm(
          context, product, form, messages.text("upload.error.refused", e.getMessage()), failed);
      return;
    } finally {
      uploads.delete(path);
    }
    context.redirect("/runs/" + run.id().value(), HttpStatus.SEE_OTHER);
  }

  private void tooLarge(
      Context context, DataProduct product, UploadForm form, Messages messages, long max) {
    context.status(HttpStatus.CONTENT_TOO_LARGE);
    Page page = pages.page(context);
    renderForm(context, product, form, messages.text("upload.error.too-large", page.bytes(max)));
  }

  /**
   * The key columns typed in the form, for the modes that take them: the field stays filled when
   * the mode is changed back, and is then not sent.
   */
  private static Optional<String> keysOf(UploadForm form) {
    boolean keyed = form.mode().equalsIgnoreCase("MERGE") || form.mode().equalsIgnoreCase("SCD2");
    return keyed && !form.keys().isEmpty() ? Optional.of(form.keys()) : Optional.empty();
  }

  private static String field(Context context, String name) {
    String value = context.formParam(name);
    return value == null ? "" : value.strip();
  }

  /**
   * A run, as {@code GET /api/v1/runs/{id}} shows it to any signed-in reader; its quarantined rows
   * only to those who may read them (Access.readQuarantine), like the API's quarantine route.
   */
  private void run(Context context) {
    Principal principal = Web.signedIn(context);
    IngestionRun run = services.ingestion().loadRun(new RunId(context.pathParam("runId")));
    DataProduct product = services.catalog().loadProduct(run.product());
    int offset = Parameters.nonNegative(context, "offset");
    boolean visible;
    try {
      Access.readQuarantine(principal, product);
      visible = true;
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.FORBIDDEN) {
        throw e;
      }
      visible = false;
    }
    List<QuarantinedRow> rows =
        visible && run.rowsQuarantined() > 0
            ? services.ingestion().quarantinedRows(run, offset, QUARANTINE_PAGE)
            : List.of();
    Quarantine quarantine =
        new Quarantine(rows, run.rowsQuarantined(), offset, QUARANTINE_PAGE, visible);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("run", run);
    model.put("product", product);
    model.put("quarantine", quarantine);
    model.put("mayLoad", mayIngest(principal, product));
    pages.render(context, "run.jte", model);
  }
}
