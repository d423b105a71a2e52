package io.comptoir.api;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Health check, the OpenAPI document and the Prometheus metrics. */
final class SystemRoutes {
  static final String OPENAPI_RESOURCE = "openapi.json";

  private final byte[] openApi;
  private final PrometheusMeterRegistry metrics;

  SystemRoutes(PrometheusMeterRegistry metrics) {
    this.openApi = openApiDocument();
    this.metrics = metrics;
  }

  void register(RoutesConfig routes) {
    routes.get("/health", this::health);
    routes.get("/openapi.json", this::openApi);
    routes.get("/metrics", this::metrics);
  }

  /** Prometheus text format; open like /health, for scrapers (it names flows, never data). */
  private void metrics(Context context) {
    context.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private void health(Context context) {
    context.json(Map.of("status", "UP"));
  }

  private void openApi(Context context) {
    context.contentType(ContentType.APPLICATION_JSON).result(openApi);
  }

  static byte[] openApiDocument() {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new ComptoirException(ErrorCode.INTERNAL, OPENAPI_RESOURCE + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "cannot read " + OPENAPI_RESOURCE, e);
    }
  }
}
