package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.CatalogJson.Items;
import io.comptoir.api.IngestionJson.ImportJson;
import io.comptoir.api.IngestionJson.QuarantinePageJson;
import io.comptoir.api.IngestionJson.QuarantinedRowJson;
import io.comptoir.api.IngestionJson.RunJson;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.PageRequest;
import io.comptoir.identity.Access;
import io.comptoir.ingest.ImportDirectories;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.ProgressListener;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.file.Path;
import java.util.List;

/** Ingestion runs, their quarantined rows, uploads and server-side imports. */
final class IngestionRoutes {
  private final CatalogService catalog;
  private final IngestionService ingestion;
  private final ImportDirectories importDirectories;
  private final Uploads uploads;
  private final ObjectMapper mapper;

  IngestionRoutes(
      CatalogService catalog,
      IngestionService ingestion,
      ImportDirectories importDirectories,
      Uploads uploads,
      ObjectMapper mapper) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
    this.importDirectories = requireNonNull(importDirectories, "importDirectories is null");
    this.uploads = requireNonNull(uploads, "uploads is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/products/{id}/runs", this::runs);
    routes.get("/api/v1/runs/{runId}", this::run);
    routes.get("/api/v1/runs/{runId}/quarantine", this::quarantine);
    routes.post("/api/v1/products/{id}/uploads", this::upload);
    routes.post("/api/v1/products/{id}/imports", this::importFile);
  }

  private void runs(Context context) {
    ProductId product = catalog.loadProduct(Parameters.productId(context)).id();
    PageRequest page = Parameters.page(context);
    List<IngestionRun> runs = ingestion.listRuns(product, page.offset() + page.limit());
    context.json(
        Items.of(runs.subList(Math.min(page.offset(), runs.size()), runs.size()), RunJson::of));
  }

  private void run(Context context) {
    context.json(RunJson.of(ingestion.loadRun(Parameters.runId(context))));
  }

  private void quarantine(Context context) {
    IngestionRun run = ingestion.loadRun(Parameters.runId(context));
    Access.readQuarantine(Caller.principal(context), catalog.loadProduct(run.product()));
    PageRequest page = Parameters.page(context);
    List<QuarantinedRowJson> rows =
        ingestion.quarantinedRows(run, page.offset(), page.limit()).stream()
            .map(QuarantinedRowJson::of)
            .toList();
    context.json(new QuarantinePageJson(rows, run.rowsQuarantined(), page.offset(), page.limit()));
  }

  private void upload(Context context) {
    ProductId product = loadForIngestion(context);
    Path file = uploads.newFile();
    IngestionRequest request =
        uploadOptions(context)
            .toRequest(product, file, Uploads.displayName(context.queryParam("filename")));
    uploads.receive(context.bodyInputStream(), context.req().getContentLengthLong(), file);
    try {
      created(context, ingestion.ingest(request, ProgressListener.NONE));
    } finally {
      uploads.delete(file);
    }
  }

  private void importFile(Context context) {
    ProductId product = loadForIngestion(context);
    ImportJson body = Json.read(mapper, context.bodyInputStream(), ImportJson.class);
    Path source = importDirectories.resolve(body.path());
    IngestionRequest request =
        body.options().toRequest(product, source, source.getFileName().toString());
    created(context, ingestion.ingest(request, ProgressListener.NONE));
  }

  /** The product data is loaded into, once the caller is allowed to. */
  private ProductId loadForIngestion(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    Access.ingest(Caller.principal(context), product);
    return product.id();
  }

  private static IngestOptions uploadOptions(Context context) {
    return new IngestOptions(
        Parameters.string(context, "format"),
        Parameters.raw(context, "delimiter"),
        Parameters.string(context, "decimal-separator"),
        Parameters.string(context, "encoding"),
        Parameters.bool(context, "header"),
        Parameters.string(context, "mode"),
        Parameters.string(context, "keys"),
        Parameters.bool(context, "force"),
        Parameters.decimal(context, "tolerated-reject-rate"));
  }

  private static void created(Context context, IngestionRun run) {
    context.status(HttpStatus.CREATED);
    context.header("Location", "/api/v1/runs/" + run.id().value());
    context.json(RunJson.of(run));
  }
}
