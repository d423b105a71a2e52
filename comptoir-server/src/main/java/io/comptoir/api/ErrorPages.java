package io.comptoir.api;

import io.comptoir.common.ErrorCode;
import io.javalin.http.Context;

/** Renders errors of web pages as HTML; API errors stay JSON (see {@link ErrorMapping}). */
public interface ErrorPages {
  /** Whether the request is for a web page rather than the API. */
  boolean handles(Context context);

  void render(Context context, int status, ErrorCode code, String message);

  /** No web pages: every error is JSON. */
  static ErrorPages none() {
    return new ErrorPages() {
      @Override
      public boolean handles(Context context) {
        return false;
      }

      @Override
      public void render(Context context, int status, ErrorCode code, String message) {
        throw new IllegalStateException("no error pages");
      }
    };
  }
}
