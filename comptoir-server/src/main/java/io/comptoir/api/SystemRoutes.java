package io.comptoir.api;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Health check and the OpenAPI document. */
final class SystemRoutes {
  static final String OPENAPI_RESOURCE = "openapi.json";

  private final byte[] openApi;

  SystemRoutes() {
    this.openApi = openApiDocument();
  }

  void register(RoutesConfig routes) {
    routes.get("/health", this::health);
    routes.get("/openapi.json", this::openApi);
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
