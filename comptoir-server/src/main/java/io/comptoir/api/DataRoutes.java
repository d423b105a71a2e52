package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.contract.DataRequest;
import io.comptoir.contract.GovernedReadService;
import io.comptoir.contract.OutputFormat;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The governed data API: data leaves Comptoir only here, under an active contract. */
final class DataRoutes {
  private final GovernedReadService reads;
  private final io.comptoir.lineage.LineageEmitter lineage;

  DataRoutes(GovernedReadService reads, io.comptoir.lineage.LineageEmitter lineage) {
    this.reads = requireNonNull(reads, "reads is null");
    this.lineage = requireNonNull(lineage, "lineage is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/products/{id}/data", this::data);
  }

  private void data(Context context) {
    Principal principal = Caller.principal(context);
    ProductId product = Parameters.productId(context);
    String version = context.queryParam("version");
    String limit = context.queryParam("limit");
    DataRequest request =
        new DataRequest(
            product,
            principal.user().value(),
            principal.application().map(ApplicationId::value),
            version == null
                ? OptionalInt.empty()
                : OptionalInt.of(Parameters.integer(context, "version", 0)),
            context.queryParam("columns"),
            context.queryParam("filter"),
            context.queryParam("order"),
            limit == null
                ? OptionalLong.empty()
                : OptionalLong.of(Parameters.integer(context, "limit", 0)),
            Parameters.integer(context, "offset", 0),
            OutputFormat.parse(
                context.queryParamAsClass("format", String.class).getOrDefault("csv")));
    GovernedReadService.PreparedRead read = reads.prepare(request);
    context.contentType(contentType(request.format()));
    context.header("X-Comptoir-Contract", read.contract().value());
    context.header("X-Comptoir-Version", Integer.toString(read.version().number()));
    if (request.format() == OutputFormat.PARQUET) {
      context.header(
          "Content-Disposition", "attachment; filename=\"" + product.value() + ".parquet\"");
    }
    try (OutputStream out = context.outputStream()) {
      lineage.read(request, read, reads.stream(request, read, out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String contentType(OutputFormat format) {
    return switch (format) {
      case CSV -> "text/csv; charset=utf-8";
      case JSONL -> "application/x-ndjson; charset=utf-8";
      case PARQUET -> "application/vnd.apache.parquet";
    };
  }
}
