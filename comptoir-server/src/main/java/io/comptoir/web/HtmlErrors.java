package io.comptoir.web;

import io.comptoir.api.ErrorPages;
import io.comptoir.common.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Errors of web pages as HTML in the reader's language: anonymous readers of a page that needs a
 * login go to the login page (and come back after), other errors get a page with the message.
 */
final class HtmlErrors implements ErrorPages {
  private final Pages pages;

  HtmlErrors(Pages pages) {
    this.pages = pages;
  }

  @Override
  public boolean handles(Context context) {
    return Web.isPage(context);
  }

  @Override
  public void render(Context context, int status, ErrorCode code, String message) {
    if (status == 401 && context.method() == HandlerType.GET && !Pages.htmx(context)) {
      String back =
          context.queryString() == null
              ? context.path()
              : context.path() + "?" + context.queryString();
      context.redirect("/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
      return;
    }
    context.status(status);
    pages.render(
        context, "error.jte", Map.of("status", status, "code", code.name(), "message", message));
  }
}
