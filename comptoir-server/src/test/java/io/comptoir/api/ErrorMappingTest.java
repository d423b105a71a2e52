package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.NotFoundException;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  private Javalin app;
  private Http http;

  @BeforeEach
  void start() {
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get(
                      "/not-found",
                      context -> {
                        throw new NotFoundException("product", "nope");
                      });
                  config.routes.get(
                      "/conflict",
                      context -> {
                        throw ComptoirException.conflict("already there: %s", "x");
                      });
                  config.routes.get(
                      "/forbidden",
                      context -> {
                        throw new ComptoirException(ErrorCode.FORBIDDEN, "not yours");
                      });
                  config.routes.get(
                      "/unauthenticated",
                      context -> {
                        throw new ComptoirException(ErrorCode.UNAUTHENTICATED, "who are you");
                      });
                  config.routes.get(
                      "/internal",
                      context -> {
                        throw new ComptoirException(ErrorCode.INTERNAL, "disk full");
                      });
                  config.routes.get(
                      "/too-large",
                      context -> {
                        throw new UploadTooLargeException("too large");
                      });
                  config.routes.get(
                      "/bug",
                      context -> {
                        throw new IllegalStateException("secret internals at /srv/x");
                      });
                  ErrorMapping.register(config.routes, ErrorPages.none());
                })
            .start("127.0.0.1", 0);
    http = new Http("http://127.0.0.1:" + app.port());
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void mapsEachErrorCodeToItsStatus() {
    assertError("/not-found", 404, "NOT_FOUND", "product not found: nope");
    assertError("/conflict", 409, "CONFLICT", "already there: x");
    assertError("/forbidden", 403, "FORBIDDEN", "not yours");
    assertError("/unauthenticated", 401, "UNAUTHENTICATED", "who are you");
    assertError("/internal", 500, "INTERNAL", "disk full");
    assertError("/too-large", 413, "INVALID_INPUT", "too large");
  }

  @Test
  void hidesUnexpectedExceptionsBehindAGenericMessage() {
    Http.Response response = http.get("/bug");

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.errorCode()).isEqualTo("INTERNAL");
    assertThat(response.errorMessage())
        .matches("internal error, reference [0-9a-f-]{36}; the server log has the details");
    assertThat(response.body()).doesNotContain("secret", "IllegalStateException", "at io.");
  }

  @Test
  void answersUnknownRoutesWithJson() {
    assertError("/nowhere", 404, "NOT_FOUND", "no route GET /nowhere");
  }

  private void assertError(String path, int status, String code, String message) {
    Http.Response response = http.get(path);
    assertThat(response.status()).as(path).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.errorCode()).isEqualTo(code);
    assertThat(response.errorMessage()).isEqualTo(message);
  }
}
