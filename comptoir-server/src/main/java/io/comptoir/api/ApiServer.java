package io.comptoir.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.web.Web;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import java.util.List;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP server: REST API under {@code /api/v1}, {@code /openapi.json}, {@code /health} and the
 * web pages ({@link Web}).
 */
public final class ApiServer implements AutoCloseable {
  /** Jetty's output buffer: a large export is written to the socket in writes of this size. */
  static final int EXPORT_BUFFER_BYTES = 256 * 1024;

  /** The buffer through which Javalin copies a response into Jetty's output buffer. */
  static final int RESPONSE_COPY_BYTES = 8 * 1024;

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
  public static ApiServer start(String host, int port, Services services) {
    Authenticator authenticator =
        new RequestAuthenticator(services.identities(), services.sessions());
    ObjectMapper mapper = Json.mapper();
    Login login = new Login(services.identityProvider(), services.sessions(), services.audit());
    IdentityRoutes identityRoutes =
        new IdentityRoutes(
            services.identities(), services.identityProvider(), login, mapper, services.audit());
    CatalogRoutes catalogRoutes =
        new CatalogRoutes(services.catalog(), services.ingestion(), mapper, services.standing());
    StandingRoutes standingRoutes =
        new StandingRoutes(services.catalog(), services.standing(), services.glossary(), mapper);
    VersionRoutes versionRoutes = new VersionRoutes(services.catalog(), services.ingestion());
    StandardsRoutes standardsRoutes =
        new StandardsRoutes(
            services.catalog(),
            services.ingestion(),
            new io.comptoir.odcs.OdcsDocuments(),
            services.quality());
    Uploads uploadFiles = new Uploads(services.uploads());
    uploadFiles.removeLeftovers();
    IngestionRoutes ingestionRoutes =
        new IngestionRoutes(
            services.catalog(),
            services.ingestion(),
            services.importDirectories(),
            uploadFiles,
            mapper);
    SystemRoutes systemRoutes = new SystemRoutes(services.metrics());
    ContractRoutes contractRoutes =
        new ContractRoutes(
            services.catalog(),
            services.contracts(),
            services.identities(),
            services.audit(),
            services.ingestion(),
            mapper);
    DataRoutes dataRoutes = new DataRoutes(services.reads(), services.lineage().emitter());
    LineageRoutes lineageRoutes = new LineageRoutes(services.lineage(), services.catalog(), mapper);
    AuditRoutes auditRoutes = new AuditRoutes(services.audit());
    ConsumptionRoutes consumptionRoutes = new ConsumptionRoutes(services.consumption());
    SearchRoutes searchRoutes = new SearchRoutes(services.search(), services.standing());
    FlowRoutes flowRoutes =
        new FlowRoutes(services.flows(), services.flowRunner(), services.ingestion(), uploadFiles);
    QualityRoutes qualityRoutes = new QualityRoutes(services.catalog(), services.quality());
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              // large responses (governed exports) leave in 256 KiB writes, not Jetty's 32 KiB
              config.jetty.modifyHttpConfiguration(
                  http -> http.setOutputBufferSize(EXPORT_BUFFER_BYTES));
              // Jetty's default buffer pool keeps buffers of up to 64 KiB: each response's 256 KiB
              // output buffer was allocated anew and dropped (about 0.3 MB of garbage per request,
              // a young collection every 0.3 s under load). This connector's pool keeps them.
              ArrayByteBufferPool buffers = new ArrayByteBufferPool(0, -1, EXPORT_BUFFER_BYTES);
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(
                            server, null, null, buffers, -1, -1, new HttpConnectionFactory(http));
                    connector.setHost(host);
                    connector.setPort(port);
                    return connector;
                  });
              // Javalin copies each response through a buffer of this size, allocated per response
              // (32 KiB by default: most of the server's garbage under load); Jetty's pooled output
              // buffer above still gathers what it copies into writes of up to 256 KiB
              config.http.responseBufferSize = RESPONSE_COPY_BYTES;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.routes.before("/api/*", context -> authenticate(authenticator, context));
              // first: Javalin tries the routes of a method in order, one pattern match each, and
              // the governed data route takes most requests; no earlier pattern overlaps it
              dataRoutes.register(config.routes);
              catalogRoutes.register(config.routes);
              standingRoutes.register(config.routes);
              versionRoutes.register(config.routes);
              standardsRoutes.register(config.routes);
              ingestionRoutes.register(config.routes);
              identityRoutes.register(config.routes);
              contractRoutes.register(config.routes);
              auditRoutes.register(config.routes);
              consumptionRoutes.register(config.routes);
              flowRoutes.register(config.routes);
              qualityRoutes.register(config.routes);
              lineageRoutes.register(config.routes);
              searchRoutes.register(config.routes);
              systemRoutes.register(config.routes);
              ErrorPages pages = Web.register(config, services, authenticator, login, uploadFiles);
              ErrorMapping.register(config.routes, pages);
            });
    try {
      app.start();
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

  /** The routes of the REST API and machine endpoints: everything but the web pages. */
  List<String> apiRoutes() {
    return routes().stream().filter(route -> !Web.isPagePath(route.split(" ", 2)[1])).toList();
  }

  /** The routes of the web pages, "GET /products" and so on. */
  public List<String> pageRoutes() {
    return routes().stream().filter(route -> Web.isPagePath(route.split(" ", 2)[1])).toList();
  }

  @Override
  public void close() {
    app.stop();
  }
}
