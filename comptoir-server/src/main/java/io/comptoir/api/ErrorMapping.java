package io.comptoir.api;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the HTTP server turns exceptions into responses (web pages delegate to {@link
 * ErrorPages}): {@code {"error": {"code": "NOT_FOUND", "message": "..."}}}. Unexpected exceptions
 * are logged with a reference and answered with a generic message: never a stack trace.
 */
final class ErrorMapping {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

  /** The body of every error response. */
  record ErrorJson(Error error) {
    record Error(String code, String message) {}
  }

  private final ErrorPages pages;

  private ErrorMapping(ErrorPages pages) {
    this.pages = pages;
  }

  static void register(RoutesConfig routes, ErrorPages pages) {
    ErrorMapping mapping = new ErrorMapping(pages);
    routes.exception(ComptoirException.class, mapping::comptoir);
    routes.exception(HttpResponseException.class, mapping::http);
    routes.exception(Exception.class, mapping::unexpected);
  }

  static int status(ComptoirException e) {
    if (e instanceof UploadTooLargeException) {
      return 413;
    }
    return switch (e.code()) {
      case NOT_FOUND -> 404;
      case INVALID_INPUT -> 400;
      case CONFLICT -> 409;
      case FORBIDDEN -> 403;
      case UNAUTHENTICATED -> 401;
      case INTERNAL -> 500;
    };
  }

  private void comptoir(ComptoirException e, Context context) {
    if (e.code() == ErrorCode.INTERNAL) {
      log.error("{} {} failed", context.method(), context.path(), e);
    } else {
      log.debug("{} {}: {}", context.method(), context.path(), e.getMessage(), e);
    }
    if (e instanceof UploadTooLargeException) {
      discardRefusedBody(context);
    }
    respond(context, status(e), e.code(), e.getMessage());
  }

  /** The most of a refused request body read and thrown away before the 413 is sent. */
  static final long DISCARD_LIMIT = 16L * 1024 * 1024;

  /**
   * Reads what is left of a refused body, up to {@link #DISCARD_LIMIT}, into a small buffer that is
   * thrown away: nothing is kept or written. A server that answers and closes with the body still
   * unread makes the system reset the connection, and the reset can reach the client before it has
   * read the answer: it then sees a broken connection instead of the 413 (seen in CI, about one
   * upload in forty with the machine busy). A body larger than the limit is not read: the
   * connection is closed after the answer.
   */
  private static void discardRefusedBody(Context context) {
    long length = context.req().getContentLengthLong();
    if (length > DISCARD_LIMIT) {
      context.header("Connection", "close");
      return;
    }
    try (InputStream in = context.req().getInputStream()) {
      byte[] buffer = new byte[16 * 1024];
      long read = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        read += n;
        if (read > DISCARD_LIMIT) {
          context.header("Connection", "close");
          return;
        }
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away, or the body was taken as a form or parts already: answer anyway
      context.header("Connection", "close");
    }
  }

  private void http(HttpResponseException e, Context context) {
    int status = e.getStatus();
    ErrorCode code =
        switch (status) {
          case 401 -> ErrorCode.UNAUTHENTICATED;
          case 403 -> ErrorCode.FORBIDDEN;
          case 404 -> ErrorCode.NOT_FOUND;
          case 409 -> ErrorCode.CONFLICT;
          default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_INPUT;
        };
    String message =
        status == 404
            ? "no route " + context.method() + " " + context.path()
            : e.getMessage() == null ? "HTTP " + status : e.getMessage();
    respond(context, status, code, message);
  }

  private void unexpected(Exception e, Context context) {
    String reference = UUID.randomUUID().toString();
    log.error("{} {} failed (reference {})", context.method(), context.path(), reference, e);
    respond(
        context,
        500,
        ErrorCode.INTERNAL,
        "internal error, reference " + reference + "; the server log has the details");
  }

  private void respond(Context context, int status, ErrorCode code, String message) {
    if (pages.handles(context)) {
      pages.render(context, status, code, message);
      return;
    }
    if (status == 401) {
      // RFC 9110: a 401 names the authentication scheme it expects
      context.header("WWW-Authenticate", "Bearer realm=\"comptoir\"");
    }
    context.status(status).json(new ErrorJson(new ErrorJson.Error(code.name(), message)));
  }
}
