package io.comptoir.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.audit.AuditService;
import io.comptoir.catalog.CatalogService;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ConsumptionService;
import io.comptoir.contract.ContractService;
import io.comptoir.contract.GovernedReadService;
import io.comptoir.identity.IdentityProvider;
import io.comptoir.identity.IdentityService;
import io.comptoir.ingest.ImportDirectories;
import io.comptoir.ingest.IngestionService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import java.util.List;

/** The HTTP server: REST API under {@code /api/v1}, {@code /openapi.json} and {@code /health}. */
public final class ApiServer implements AutoCloseable {
  private final Javalin app;
  private final String host;

  private ApiServer(Javalin app, String host) {
    this.app = app;
    this.host = host;
  }

  /**
   * Declares every route, then listens.
   *
   * @param port 0 picks a free port, see {@link #port()}
   */
  public static ApiServer start(
      String host,
      int port,
      CatalogService catalog,
      IngestionService ingestion,
      ImportDirectories importDirectories,
      UploadSettings uploads,
      IdentityService identities,
      IdentityProvider identityProvider,
      Sessions sessions,
      ContractService contracts,
      GovernedReadService reads,
      AuditService audit,
      ConsumptionService consumption) {
    Authenticator authenticator = new RequestAuthenticator(identities, sessions);
    ObjectMapper mapper = Json.mapper();
    IdentityRoutes identityRoutes =
        new IdentityRoutes(identities, identityProvider, sessions, mapper, audit);
    CatalogRoutes catalogRoutes = new CatalogRoutes(catalog, ingestion, mapper);
    VersionRoutes versionRoutes = new VersionRoutes(catalog, ingestion);
    StandardsRoutes standardsRoutes =
        new StandardsRoutes(catalog, ingestion, new io.comptoir.odcs.OdcsDocuments());
    Uploads uploadFiles = new Uploads(uploads);
    uploadFiles.removeLeftovers();
    IngestionRoutes ingestionRoutes =
        new IngestionRoutes(catalog, ingestion, importDirectories, uploadFiles, mapper);
    SystemRoutes systemRoutes = new SystemRoutes();
    ContractRoutes contractRoutes =
        new ContractRoutes(catalog, contracts, identities, audit, ingestion, mapper);
    DataRoutes dataRoutes = new DataRoutes(reads);
    AuditRoutes auditRoutes = new AuditRoutes(audit);
    ConsumptionRoutes consumptionRoutes = new ConsumptionRoutes(consumption);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.routes.before("/api/*", context -> authenticate(authenticator, context));
              catalogRoutes.register(config.routes);
              versionRoutes.register(config.routes);
              standardsRoutes.register(config.routes);
              ingestionRoutes.register(config.routes);
              identityRoutes.register(config.routes);
              contractRoutes.register(config.routes);
              dataRoutes.register(config.routes);
              auditRoutes.register(config.routes);
              consumptionRoutes.register(config.routes);
              systemRoutes.register(config.routes);
              ErrorMapping.register(config.routes);
            });
    try {
      app.start(host, port);
    } catch (RuntimeException e) {
      app.stop();
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return new ApiServer(app, host);
  }

  /**
   * Resolves the caller of an API request. Every API route but login and logout needs an
   * authenticated caller; those two ignore bad credentials, so that a stale cookie or token never
   * prevents logging in again.
   */
  private static void authenticate(Authenticator authenticator, Context context) {
    if (IdentityRoutes.PUBLIC.contains(context.path())) {
      Caller caller;
      try {
        caller = authenticator.authenticate(context);
      } catch (ComptoirException e) {
        caller = Caller.ANONYMOUS;
      }
      context.attribute(Caller.ATTRIBUTE, caller);
      return;
    }
    Caller caller = authenticator.authenticate(context);
    context.attribute(Caller.ATTRIBUTE, caller);
    caller.require();
  }

  /** The port listened on, useful when started on port 0. */
  public int port() {
    return app.port();
  }

  /** The base URL, with {@code localhost} for the loopback and wildcard addresses. */
  public String url() {
    String shown =
        switch (host) {
          case "0.0.0.0", "::", "127.0.0.1", "::1" -> "localhost";
          default -> host;
        };
    if (shown.contains(":")) {
      shown = "[" + shown + "]";
    }
    return "http://" + shown + ":" + port();
  }

  /** "GET /api/v1/products" for every HTTP route declared. */
  List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map((ParsedEndpoint parsed) -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  @Override
  public void close() {
    app.stop();
  }
}
