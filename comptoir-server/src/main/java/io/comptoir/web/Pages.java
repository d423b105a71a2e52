package io.comptoir.web;

import static java.util.Objects.requireNonNull;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.comptoir.api.Caller;
import io.comptoir.contract.ContractService;
import io.comptoir.identity.Principal;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the JTE templates (compiled at build time from {@code src/main/jte}) with the {@link
 * Page} of the request. Templates escape every value by context; none uses unescaped output.
 */
public final class Pages {
  private static final Logger log = LoggerFactory.getLogger(Pages.class);

  /** Cookie holding the chosen language. */
  static final String LANGUAGE_COOKIE = "comptoir_lang";

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, Pages.class.getClassLoader(), Pages.class.getPackageName());
  private final Csrf csrf;
  private final ContractService contracts;

  Pages(Csrf csrf, ContractService contracts) {
    this.csrf = requireNonNull(csrf, "csrf is null");
    this.contracts = requireNonNull(contracts, "contracts is null");
  }

  /** The page model of a request. */
  public Page page(Context context) {
    Optional<Principal> principal = Caller.of(context).principal();
    int notifications = 0;
    if (principal.isPresent()) {
      try {
        notifications = contracts.notifications(principal.get()).count();
      } catch (RuntimeException e) {
        log.warn("cannot count notifications of {}", principal.get().name(), e);
      }
    }
    String path = context.path();
    String query = context.queryString();
    return new Page(
        messages(context),
        principal,
        notifications,
        csrf.token(context),
        query == null ? path : path + "?" + query);
  }

  /** The texts in the request's language (cookie, else French). */
  public static Messages messages(Context context) {
    return Messages.of(context.cookie(LANGUAGE_COOKIE));
  }

  /**
   * Renders a template with the request's {@code page} and the given parameters.
   *
   * @param template the file under src/main/jte, e.g. {@code "home.jte"}
   */
  public void render(Context context, String template, Map<String, Object> parameters) {
    Map<String, Object> all = new HashMap<>(parameters);
    all.put("page", page(context));
    StringOutput output = new StringOutput();
    engine.render(template, all, output);
    context.contentType("text/html; charset=utf-8").result(output.toString());
  }

  /** Whether the request came from htmx (a partial update rather than a whole page). */
  public static boolean htmx(Context context) {
    return "true".equals(context.header("HX-Request"));
  }
}
