package io.comptoir.web;

import io.comptoir.api.Caller;
import io.comptoir.api.Login;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Map;

/** Login and logout pages, and the language switch. */
final class LoginPages {
  private final Pages pages;
  private final Login login;

  LoginPages(Pages pages, Login login) {
    this.pages = pages;
    this.login = login;
  }

  void register(RoutesConfig routes) {
    routes.get("/login", this::form);
    routes.post("/login", this::submit);
    routes.post("/logout", this::logout);
    routes.get("/lang/{language}", this::language);
  }

  private void form(Context context) {
    String next = Web.localPath(context.queryParam("next"));
    if (!Caller.of(context).anonymous()) {
      context.redirect(next);
      return;
    }
    pages.render(context, "login.jte", Map.of("next", next, "error", "", "username", ""));
  }

  private void submit(Context context) {
    String username = context.formParam("username");
    String password = context.formParam("password");
    String next = Web.localPath(context.formParam("next"));
    try {
      login.login(context, username == null ? "" : username, password == null ? "" : password);
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.UNAUTHENTICATED && e.code() != ErrorCode.INVALID_INPUT) {
        throw e;
      }
      boolean throttled = Login.throttled(e);
      context.status(throttled ? 429 : 401);
      String error = throttled ? "login.throttled" : "login.failed";
      pages.render(
          context,
          "login.jte",
          Map.of("next", next, "error", error, "username", username == null ? "" : username));
      return;
    }
    context.redirect(next);
  }

  private void logout(Context context) {
    login.logout(context);
    context.redirect("/login");
  }

  private void language(Context context) {
    String language = context.pathParam("language");
    if (Messages.LANGUAGES.contains(language)) {
      Cookie cookie = new Cookie(Pages.LANGUAGE_COOKIE, language);
      cookie.setPath("/");
      cookie.setMaxAge(365 * 24 * 3600);
      cookie.setSameSite(SameSite.LAX);
      cookie.setHttpOnly(true);
      cookie.setSecure(Login.secure(context));
      context.cookie(cookie);
    }
    context.redirect(Web.localPath(context.queryParam("next")));
  }
}
