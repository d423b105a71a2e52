package io.comptoir.web;

import io.comptoir.api.Authenticator;
import io.comptoir.api.Caller;
import io.comptoir.api.ErrorPages;
import io.comptoir.api.Login;
import io.comptoir.api.Services;
import io.comptoir.api.Uploads;
import io.comptoir.common.ComptoirException;
import io.comptoir.identity.Principal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.Set;

/**
 * The web pages: server-rendered JTE templates with htmx, in French and English, served by the same
 * server as the API with the same authorization rules (the services check them).
 */
public final class Web {
  /** Paths that are not pages: the API, static assets and machine endpoints. */
  private static final List<String> NOT_PAGES =
      List.of("/api/", "/assets/", "/webjars/", "/openapi.json", "/health", "/metrics");

  private static final Set<HandlerType> SAFE_METHODS =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  /** Room for the form fields around the file of an upload. */
  static final long MULTIPART_SLACK = 64 * 1024;

  private Web() {}

  /** Declares the pages, their assets and filters; returns how page errors are shown. */
  public static ErrorPages register(
      JavalinConfig config,
      Services services,
      Authenticator authenticator,
      Login login,
      Uploads uploads) {
    Csrf csrf = new Csrf(login);
    Pages pages = new Pages(csrf, services.contracts());
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/assets";
          files.directory = "/io/comptoir/web/assets";
          files.location = Location.CLASSPATH;
          files.headers = java.util.Map.of("Cache-Control", "max-age=3600");
        });
    config.staticFiles.enableWebjars();
    // multipart bodies (uploads) are spooled to the uploads directory, never beyond the limit
    long maxBytes = services.uploads().maxBytes();
    config.jetty.multipartConfig.cacheDirectory(services.uploads().directory().toString());
    // the page checks the file's own size and says so in the form; Jetty bounds the whole body
    config.jetty.multipartConfig.maxFileSize(
        maxBytes + MULTIPART_SLACK, io.javalin.config.SizeUnit.BYTES);
    config.jetty.multipartConfig.maxTotalRequestSize(
        maxBytes + MULTIPART_SLACK, io.javalin.config.SizeUnit.BYTES);
    config.jetty.multipartConfig.maxInMemoryFileSize(64 * 1024, io.javalin.config.SizeUnit.BYTES);
    config.routes.before(
        context -> {
          if (isPage(context)) {
            prepare(authenticator, csrf, context, maxBytes + MULTIPART_SLACK);
          }
        });
    new LoginPages(pages, login).register(config.routes);
    new CatalogPages(pages, services).register(config.routes);
    new ProductPages(pages, services).register(config.routes);
    new QualityPages(pages, services).register(config.routes);
    new LineagePages(pages, services).register(config.routes);
    new ContractPages(pages, services).register(config.routes);
    GovernancePages.register(pages, services, uploads, config.routes);
    new FlowPages(pages, services, uploads).register(config.routes);
    return new HtmlErrors(pages);
  }

  static boolean isPage(Context context) {
    return isPagePath(context.path());
  }

  /** Whether a path is a web page (not the API, an asset or a machine endpoint). */
  public static boolean isPagePath(String path) {
    for (String prefix : NOT_PAGES) {
      if (path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Resolves the reader (a stale session reads as anonymous: the page then asks to log in), sets
   * the security headers, and checks the CSRF token of every form sent.
   */
  private static void prepare(
      Authenticator authenticator, Csrf csrf, Context context, long maxBodyBytes) {
    Caller caller;
    try {
      caller = authenticator.authenticate(context);
    } catch (ComptoirException e) {
      caller = Caller.ANONYMOUS;
    }
    context.attribute(Caller.ATTRIBUTE, caller);
    context.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    context.header("X-Content-Type-Options", "nosniff");
    context.header("Referrer-Policy", "same-origin");
    context.header("Cache-Control", "no-store");
    // a bearer token is never sent by a browser on its own: only cookie sessions need the token
    // refused before the CSRF check reads the body: nothing too large is ever spooled
    if (context.req().getContentLengthLong() > maxBodyBytes) {
      throw new io.comptoir.api.UploadTooLargeException(
          "the request body has "
              + context.req().getContentLengthLong()
              + " bytes, more than the "
              + maxBodyBytes
              + " allowed");
    }
    if (!SAFE_METHODS.contains(context.method()) && context.header("Authorization") == null) {
      csrf.check(context);
    }
  }

  /** The signed-in reader; UNAUTHENTICATED (the login page) for anonymous readers. */
  static Principal signedIn(Context context) {
    return Caller.principal(context);
  }

  /** A local path to return to after login or a language switch; "/" for anything else. */
  static String localPath(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.length() > 2000
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "/";
    }
    return next;
  }
}
