package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access policy of the web pages: every page route × every kind of reader → the expected
 * status. Readers authenticate with API tokens (pages accept them like sessions, and a bearer
 * request needs no CSRF token); anonymous readers of a page are sent to the login page (302).
 * Product colis-suivi belongs to BSCC. The data office is of BSCC and legal of LBP (the API's
 * matrix has them the other way round): neither role depends on the entity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageAccessMatrixIT {
  static final String ANONYMOUS = "anonymous";
  static final String CONSUMER = "consumer (BGPN)";
  static final String OWNER = "data owner (BSCC)";
  static final String OTHER_OWNER = "data owner (LBP)";
  static final String STEWARD = "data steward (BSCC)";
  static final String DPO = "dpo (LBP)";
  static final String LEGAL = "legal (LBP)";
  static final String DATA_OFFICE = "data office (BSCC)";
  static final String ADMIN = "admin";
  static final List<String> READERS =
      List.of(ANONYMOUS, CONSUMER, OWNER, OTHER_OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN);

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** A page request: method, path and form body (empty for GET). */
  record Call(String method, String path, String form) {
    static Call get(String path) {
      return new Call("GET", path, "");
    }

    static Call post(String path, String form) {
      return new Call("POST", path, form);
    }
  }

  record PageRoute(String route, Call call, Map<String, Integer> expected) {}

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    tokens.put(CONSUMER, Fixtures.token(comptoir, "camille", "BGPN", Role.CONSUMER));
    tokens.put(OWNER, Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER));
    tokens.put(OTHER_OWNER, Fixtures.token(comptoir, "laurent", "LBP", Role.DATA_OWNER));
    tokens.put(STEWARD, Fixtures.token(comptoir, "sophie", "BSCC", Role.DATA_STEWARD));
    tokens.put(DPO, Fixtures.token(comptoir, "denis", "LBP", Role.DPO));
    tokens.put(LEGAL, Fixtures.token(comptoir, "lea", "LBP", Role.LEGAL));
    tokens.put(DATA_OFFICE, Fixtures.token(comptoir, "dora", "BSCC", Role.DATA_OFFICE));
    tokens.put(ADMIN, Fixtures.adminToken(comptoir));
    Fixtures.user(comptoir, "visitor", "BGPN", Role.CONSUMER);
    try {
      java.nio.file.Files.createDirectories(dataDirectory.resolve("inbox/matrice"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    comptoir
        .flows()
        .save(
            new io.comptoir.identity.Principal(
                io.comptoir.identity.Username.of("olivier"),
                "BSCC",
                java.util.Set.of(Role.DATA_OWNER),
                java.util.Optional.empty()),
            java.util.Optional.empty(),
            "id: colis-matrice\nproduct: colis-suivi\n"
                + "source: {kind: file-drop, directory: inbox/matrice}\n");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (comptoir != null) {
      comptoir.close();
    }
  }

  /** Every signed-in reader gets the status; anonymous readers go to the login page. */
  static Map<String, Integer> signedIn(int status) {
    return expect(
        status, READERS.stream().filter(r -> !r.equals(ANONYMOUS)).toArray(String[]::new));
  }

  /** The listed readers get the status, other signed-in readers 403, anonymous 302 (login). */
  static Map<String, Integer> expect(int allowed, String... readers) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (String reader : READERS) {
      expected.put(reader, reader.equals(ANONYMOUS) ? 302 : 403);
    }
    for (String reader : readers) {
      expected.put(reader, allowed);
    }
    return expected;
  }

  /** The same status for everybody. */
  static Map<String, Integer> everybody(int status) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    READERS.forEach(reader -> expected.put(reader, status));
    return expected;
  }

  private List<PageRoute> routes() {
    Map<String, Integer> login = signedIn(302);
    login.put(ANONYMOUS, 200);
    // anonymous forms carry no CSRF token here: refused (403) before anything else
    Map<String, Integer> loginPost = everybody(302);
    loginPost.put(ANONYMOUS, 403);
    Map<String, Integer> logout = everybody(302);
    logout.put(ANONYMOUS, 403);
    List<PageRoute> routes = new ArrayList<>();
    routes.addAll(productAndContractPages());
    routes.addAll(governancePages());
    routes.addAll(flowPages());
    routes.addAll(standingPages());
    routes.addAll(
        List.of(
            new PageRoute("GET /", Call.get("/"), signedIn(200)),
            new PageRoute("GET /products", Call.get("/products?q=colis"), signedIn(200)),
            new PageRoute("GET /login", Call.get("/login"), login),
            new PageRoute(
                "POST /login",
                Call.post("/login", "username=visitor&password=" + Fixtures.PASSWORD),
                loginPost),
            new PageRoute("POST /logout", Call.post("/logout", ""), logout),
            new PageRoute("GET /lang/{language}", Call.get("/lang/en?next=/"), everybody(302))));
    return routes;
  }

  /** Glossary pages and the certification form. */
  private List<PageRoute> standingPages() {
    if (comptoir.glossary().find("poids").isEmpty()) {
      comptoir
          .glossary()
          .create(
              io.comptoir.identity.Principal.of(
                  comptoir
                      .identities()
                      .findUser(io.comptoir.identity.Username.of(Fixtures.ADMIN))
                      .orElseThrow()),
              java.util.Optional.of("poids"),
              new io.comptoir.glossary.GlossaryService.TermInput(
                  "Poids", "Masse du colis.", List.of(), "", List.of()));
    }
    String[] writers = {OWNER, OTHER_OWNER, STEWARD, DATA_OFFICE, ADMIN};
    Map<String, Integer> invalidTerm = expect(400, writers);
    invalidTerm.put(ANONYMOUS, 403);
    Map<String, Integer> savedTerm = expect(303, writers);
    savedTerm.put(ANONYMOUS, 403);
    Map<String, Integer> status = expect(303, DATA_OFFICE, ADMIN);
    status.put(ANONYMOUS, 403);
    // nothing ticked: the checklist is not met, the form says so
    Map<String, Integer> certify = expect(409, DATA_OFFICE, ADMIN);
    certify.put(ANONYMOUS, 403);
    String expiry = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(6).toString();
    // linking columns to terms: whoever may change the product
    Map<String, Integer> linkTerms = expect(303, OWNER, STEWARD, ADMIN);
    linkTerms.put(ANONYMOUS, 403);
    return List.of(
        new PageRoute(
            "GET /products/{id}/terms",
            Call.get("/products/colis-suivi/terms"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new PageRoute(
            "POST /products/{id}/terms",
            Call.post("/products/colis-suivi/terms", "terms.weight=poids"),
            linkTerms),
        new PageRoute("GET /glossary", Call.get("/glossary"), signedIn(200)),
        new PageRoute("GET /glossary/new", Call.get("/glossary/new"), expect(200, writers)),
        new PageRoute("POST /glossary", Call.post("/glossary", "name=&definition="), invalidTerm),
        new PageRoute("GET /glossary/{term}", Call.get("/glossary/poids"), signedIn(200)),
        new PageRoute(
            "GET /glossary/{term}/edit", Call.get("/glossary/poids/edit"), expect(200, writers)),
        new PageRoute(
            "POST /glossary/{term}",
            Call.post("/glossary/poids", "name=Poids&definition=Masse+du+colis&synonyms=masse"),
            savedTerm),
        new PageRoute(
            "POST /glossary/{term}/status",
            Call.post("/glossary/poids/status", "status=APPROVED&comment=ok"),
            status),
        new PageRoute(
            "GET /products/{id}/certification",
            Call.get("/products/colis-suivi/certification"),
            expect(200, DATA_OFFICE, ADMIN)),
        new PageRoute(
            "POST /products/{id}/certification",
            Call.post("/products/colis-suivi/certification", "level=GOLD&expiresOn=" + expiry),
            certify));
  }

  /** Product, access request, contracts, tokens and notifications pages. */
  private List<PageRoute> productAndContractPages() {
    if (camilleContract == null) {
      java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
      camilleContract =
          comptoir
              .contracts()
              .request(
                  new io.comptoir.contract.AccessRequestForm(
                      Fixtures.PARCELS,
                      new io.comptoir.contract.Consumer(
                          "camille", java.util.Optional.empty(), "BGPN"),
                      new io.comptoir.contract.Purpose(
                          "suivi",
                          io.comptoir.contract.PurposeCategory.ANALYTICS,
                          io.comptoir.contract.LegalBasis.CONTRACT,
                          "",
                          "camille"),
                      List.of("id"),
                      Map.of(),
                      "",
                      new io.comptoir.contract.ContractTerms(
                          today, today.plusMonths(1), java.time.Period.ofMonths(1)),
                      java.util.Optional.empty()))
              .id()
              .value();
      camilleToken =
          comptoir
              .identities()
              .issueToken(
                  io.comptoir.identity.Username.of("camille"),
                  java.util.Optional.empty(),
                  "matrix",
                  1)
              .token()
              .id()
              .value();
    }
    String contract = "/contracts/" + camilleContract;
    // forms sent without a CSRF token: anonymous readers are refused before anything else
    Map<String, Integer> badForm = signedIn(400);
    badForm.put(ANONYMOUS, 403);
    Map<String, Integer> renew = expect(400, CONSUMER);
    renew.put(ANONYMOUS, 403);
    Map<String, Integer> revoke = expect(400, OWNER, DPO, ADMIN);
    revoke.put(ANONYMOUS, 403);
    Map<String, Integer> revokeToken = expect(303, CONSUMER, ADMIN);
    revokeToken.put(ANONYMOUS, 403);
    Map<String, Integer> saveRules = expect(303, OWNER, STEWARD, ADMIN);
    saveRules.put(ANONYMOUS, 403);
    String rules =
        java.net.URLEncoder.encode(
            "rules:\n  - {name: id-set, type: not_null, column: id, severity: warn}\n",
            java.nio.charset.StandardCharsets.UTF_8);
    return List.of(
        new PageRoute("GET /products/{id}", Call.get("/products/colis-suivi"), signedIn(200)),
        new PageRoute(
            "GET /products/{id}/quality",
            Call.get("/products/colis-suivi/quality"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new PageRoute(
            "POST /products/{id}/quality",
            Call.post("/products/colis-suivi/quality", "document=" + rules),
            saveRules),
        new PageRoute(
            "GET /products/{id}/request", Call.get("/products/colis-suivi/request"), signedIn(200)),
        new PageRoute(
            "POST /products/{id}/request",
            Call.post("/products/colis-suivi/request", "purpose=x"),
            badForm),
        new PageRoute(
            "GET /products/{id}/request/committee",
            Call.get(
                "/products/colis-suivi/request/committee?columns=id&purposeCategory=ANALYTICS"),
            signedIn(200)),
        new PageRoute(
            "GET /products/{id}/lineage", Call.get("/products/colis-suivi/lineage"), signedIn(200)),
        new PageRoute("GET /contracts", Call.get("/contracts"), signedIn(200)),
        new PageRoute(
            "GET /contracts/{contractId}",
            Call.get(contract),
            expect(200, CONSUMER, OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN)),
        new PageRoute(
            "POST /contracts/{contractId}/renew", Call.post(contract + "/renew", "start=x"), renew),
        new PageRoute(
            "POST /contracts/{contractId}/revoke",
            Call.post(contract + "/revoke", "reason="),
            revoke),
        new PageRoute("POST /tokens", Call.post("/tokens", "name=&days=1"), badForm),
        new PageRoute(
            "POST /tokens/{tokenId}/revoke",
            Call.post("/tokens/" + camilleToken + "/revoke", ""),
            revokeToken),
        new PageRoute("GET /notifications", Call.get("/notifications"), signedIn(200)));
  }

  private String camilleContract;
  private String camilleToken;

  /**
   * Approvals, uploads, data office dashboard and administration pages. Any signed-in reader may
   * open the approvals inbox (empty when they sit in no committee, as the API's inbox) and the
   * uploads list (empty when they may load no product); forms sent with mistakes answer 400 to
   * those allowed, 403 to the others.
   */
  /** The flows pages: the list for everybody (filtered), a flow for whoever manages it. */
  private List<PageRoute> flowPages() {
    Map<String, Integer> run = expect(200, OWNER, STEWARD, ADMIN);
    run.put(ANONYMOUS, 403);
    Map<String, Integer> pause = expect(303, OWNER, STEWARD, ADMIN);
    Map<String, Integer> upload = expect(400, OWNER, STEWARD, ADMIN);
    upload.put(ANONYMOUS, 403);
    // an unknown run: 404 in the flow's page for those who manage it, 403 for the others
    Map<String, Integer> replay = expect(404, OWNER, STEWARD, ADMIN);
    replay.put(ANONYMOUS, 403);
    pause.put(ANONYMOUS, 403);
    return List.of(
        new PageRoute("GET /flows", Call.get("/flows"), signedIn(200)),
        new PageRoute(
            "GET /flows/{flowId}",
            Call.get("/flows/colis-matrice"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new PageRoute("POST /flows/{flowId}/run", Call.post("/flows/colis-matrice/run", ""), run),
        // no file sent: refused in the flow's page for those who manage it
        new PageRoute(
            "POST /flows/{flowId}/upload", Call.post("/flows/colis-matrice/upload", ""), upload),
        new PageRoute(
            "POST /flows/{flowId}/runs/{runId}/replay",
            Call.post("/flows/colis-matrice/runs/" + java.util.UUID.randomUUID() + "/replay", ""),
            replay),
        new PageRoute(
            "POST /flows/{flowId}/pause", Call.post("/flows/colis-matrice/pause", ""), pause),
        new PageRoute(
            "POST /flows/{flowId}/resume", Call.post("/flows/colis-matrice/resume", ""), pause));
  }

  private List<PageRoute> governancePages() {
    String contract = governanceFixtures()[0];
    String run = governanceFixtures()[1];
    Map<String, Integer> decide = expect(400, DPO);
    decide.put(ANONYMOUS, 403);
    Map<String, Integer> decideAsLegal = expect(400, LEGAL);
    decideAsLegal.put(ANONYMOUS, 403);
    Map<String, Integer> upload = expect(400, OWNER, ADMIN);
    upload.put(ANONYMOUS, 403);
    Map<String, Integer> adminPost = expect(400, ADMIN);
    adminPost.put(ANONYMOUS, 403);
    return List.of(
        new PageRoute("GET /approvals", Call.get("/approvals"), signedIn(200)),
        new PageRoute(
            "POST /approvals/{contractId}",
            // a rejection without a reason: refused in the page, nothing changes
            Call.post("/approvals/" + contract, "role=DPO&verdict=REJECTED&comment="),
            decide),
        // the consumer is of BGPN, the product of BSCC: the request awaits legal too
        new PageRoute(
            "POST /approvals/{contractId}",
            Call.post("/approvals/" + contract, "role=LEGAL&verdict=REJECTED&comment="),
            decideAsLegal),
        new PageRoute("GET /uploads", Call.get("/uploads"), signedIn(200)),
        new PageRoute(
            "GET /products/{id}/upload",
            Call.get("/products/colis-suivi/upload"),
            expect(200, OWNER, ADMIN)),
        new PageRoute(
            "POST /products/{id}/upload",
            Call.post("/products/colis-suivi/upload", "format=csv"),
            upload),
        new PageRoute("GET /runs/{runId}", Call.get("/runs/" + run), signedIn(200)),
        new PageRoute("GET /dashboard", Call.get("/dashboard"), expect(200, DATA_OFFICE, ADMIN)),
        new PageRoute("GET /admin", Call.get("/admin"), expect(200, ADMIN)),
        new PageRoute("GET /admin/users/form", Call.get("/admin/users/form"), expect(200, ADMIN)),
        new PageRoute(
            "POST /admin/users", Call.post("/admin/users", "mode=create&username="), adminPost),
        new PageRoute(
            "GET /admin/entities/form", Call.get("/admin/entities/form"), expect(200, ADMIN)),
        new PageRoute(
            "POST /admin/entities", Call.post("/admin/entities", "mode=create&code="), adminPost),
        new PageRoute(
            "GET /admin/applications/form",
            Call.get("/admin/applications/form"),
            expect(200, ADMIN)),
        new PageRoute(
            "POST /admin/applications",
            Call.post("/admin/applications", "mode=create&id="),
            adminPost));
  }

  private String[] governance;

  /** A pending request awaiting the DPO and a finished run, made once. */
  private String[] governanceFixtures() {
    if (governance == null) {
      io.comptoir.ingest.IngestionRun run =
          comptoir
              .ingestion()
              .ingest(
                  io.comptoir.ingest.IngestionRequest.of(
                          Fixtures.PARCELS,
                          Fixtures.write(dataDirectory.resolve("matrix.csv"), Fixtures.PARCELS_CSV))
                      .withToleratedRejectRate(0.5),
                  io.comptoir.ingest.ProgressListener.NONE);
      java.time.LocalDate today = comptoir.consumption().today();
      io.comptoir.contract.UsageContract request =
          comptoir
              .contracts()
              .request(
                  new io.comptoir.contract.AccessRequestForm(
                      Fixtures.PARCELS,
                      new io.comptoir.contract.Consumer(
                          "camille", java.util.Optional.empty(), "BGPN"),
                      new io.comptoir.contract.Purpose(
                          "Tournées",
                          io.comptoir.contract.PurposeCategory.ANALYTICS,
                          io.comptoir.contract.LegalBasis.LEGITIMATE_INTERESTS,
                          "",
                          "camille"),
                      List.of("id", "destination"),
                      Map.of("destination", io.comptoir.contract.Masking.MASK_NONE),
                      "",
                      new io.comptoir.contract.ContractTerms(
                          today, today.plusMonths(6), java.time.Period.ofMonths(6)),
                      java.util.Optional.empty()));
      governance = new String[] {request.id().value(), run.id().value()};
    }
    return governance;
  }

  @Test
  void everyPageAnswersEveryReaderAsThePolicySays() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (PageRoute route : routes()) {
      for (String reader : READERS) {
        HttpResponse<String> response = send(route.call(), tokens.get(reader));
        int expected = route.expected().get(reader);
        if (response.statusCode() != expected) {
          mismatches.add(
              route.route()
                  + " as "
                  + reader
                  + ": expected "
                  + expected
                  + ", got "
                  + response.statusCode());
        } else if (expected == 302
            && reader.equals(ANONYMOUS)
            && route.call().method().equals("GET")
            && !route.route().startsWith("GET /lang/")) {
          String location = response.headers().firstValue("Location").orElse("");
          if (!location.contains("/login")) {
            mismatches.add(route.route() + " as anonymous: redirected to " + location);
          }
        } else if (expected == 403 && !response.body().contains("data-testid=\"error\"")) {
          mismatches.add(route.route() + " as " + reader + ": no error page");
        }
      }
    }

    assertThat(mismatches).isEmpty();
  }

  @Test
  void coversEveryPage() {
    Set<String> covered = new TreeSet<>(routes().stream().map(PageRoute::route).toList());

    assertThat(covered).isEqualTo(new TreeSet<>(server.pageRoutes()));
  }

  private HttpResponse<String> send(Call call, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + call.path()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (call.method().equals("GET")) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .method(call.method(), HttpRequest.BodyPublishers.ofString(call.form()));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
