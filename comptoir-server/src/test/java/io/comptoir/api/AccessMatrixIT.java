package io.comptoir.api;

import static io.comptoir.server.Fixtures.PARCELS_CSV;
import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access policy over real HTTP: every route × every kind of caller → the expected status.
 * Product colis-suivi belongs to BSCC; its data owner and steward are of BSCC, the other data owner
 * of LBP, the consumer of BGPN. Legal is of BSCC (being of the product's entity gives no producer
 * right), the data office of LBP (its rights are the group's, whatever its entity); both sit in
 * every contract's committee, as the DPO (of LBP) does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {
  private static final String ANONYMOUS = "anonymous";
  private static final String CONSUMER = "consumer (BGPN)";
  private static final String OWNER = "data owner (BSCC)";
  private static final String OTHER_OWNER = "data owner (LBP)";
  private static final String STEWARD = "data steward (BSCC)";
  private static final String ADMIN = "admin";
  private static final String DPO = "dpo (LBP)";
  private static final String LEGAL = "legal (BSCC)";
  private static final String DATA_OFFICE = "data office (LBP)";
  private static final List<String> CALLERS =
      List.of(ANONYMOUS, CONSUMER, OWNER, OTHER_OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN);

  /** Routes open to anybody, whose answers are tested in {@link AuthenticationIT}. */
  private static final Set<String> TESTED_ELSEWHERE =
      Set.of(
          "POST /api/v1/login",
          "POST /api/v1/logout",
          "GET /health",
          "GET /metrics",
          "GET /openapi.json");

  private static final String PRODUCT_BODY =
      """
      {"title": "Suivi des colis", "entity": "BSCC", "domain": "colis",
       "owner": "data-colis@example.org", "classification": "INTERNAL",
       "columns": [
         {"name": "id", "type": "integer"},
         {"name": "destination", "type": "string", "personalData": "QUASI_IDENTIFIER"},
         {"name": "weight", "type": "decimal(10,2)"},
         {"name": "shipped", "type": "date"}]}
      """;

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private final Map<String, Http> clients = new LinkedHashMap<>();
  private final AtomicInteger uniqueRows = new AtomicInteger(100);
  private String runId;
  private String consumerContract;
  private String ownerContract;
  private String odcsDocument;

  private record Route(
      String route, Function<Http, Http.Response> call, Map<String, Integer> expected) {}

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    Http anonymous = new Http(server.url());
    clients.put(ANONYMOUS, anonymous);
    clients.put(
        CONSUMER, anonymous.withToken(Fixtures.token(comptoir, "camille", "BGPN", Role.CONSUMER)));
    clients.put(
        OWNER, anonymous.withToken(Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER)));
    clients.put(
        OTHER_OWNER,
        anonymous.withToken(Fixtures.token(comptoir, "laurent", "LBP", Role.DATA_OWNER)));
    clients.put(
        STEWARD,
        anonymous.withToken(Fixtures.token(comptoir, "sophie", "BSCC", Role.DATA_STEWARD)));
    clients.put(ADMIN, anonymous.withToken(Fixtures.adminToken(comptoir)));
    clients.put(DPO, anonymous.withToken(Fixtures.token(comptoir, "denis", "LBP", Role.DPO)));
    clients.put(LEGAL, anonymous.withToken(Fixtures.token(comptoir, "lea", "BSCC", Role.LEGAL)));
    clients.put(
        DATA_OFFICE,
        anonymous.withToken(Fixtures.token(comptoir, "dora", "LBP", Role.DATA_OFFICE)));
    Http.Response run =
        clients
            .get(ADMIN)
            .post(
                "/api/v1/products/colis-suivi/uploads?filename=p.csv&tolerated-reject-rate=0.5",
                PARCELS_CSV);
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    runId = run.json().path("id").asText();
    // the profile follows the upload in the background: its route is checked once it is stored
    comptoir.ingestion().profiled(Fixtures.PARCELS, 1).join();
    consumerContract = request(clients.get(CONSUMER));
    ownerContract = request(clients.get(OWNER));
    Http.Response approved =
        clients
            .get(OWNER)
            .postJson(
                "/api/v1/contracts/" + ownerContract + "/decisions",
                "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}");
    assertThat(approved.json().path("status").asText()).as(approved.body()).isEqualTo("ACTIVE");
    odcsDocument = clients.get(ADMIN).get("/api/v1/products/colis-suivi/odcs").body();
    Http.Response flow = clients.get(ADMIN).putYaml("/api/v1/flows/colis-depot", FLOW);
    try {
      java.nio.file.Files.createDirectories(dataDirectory.resolve("inbox/colis"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(flow.status()).as(flow.body()).isEqualTo(201);
    Http.Response term = clients.get(ADMIN).postJson("/api/v1/glossary", POIDS);
    assertThat(term.status()).as(term.body()).isEqualTo(201);
    Http.Response uploadFlow =
        clients.get(ADMIN).putYaml("/api/v1/flows/colis-guichet", UPLOAD_FLOW);
    assertThat(uploadFlow.status()).as(uploadFlow.body()).isEqualTo(201);
    assertThat(
            clients
                .get(ADMIN)
                .putJson(
                    "/api/v1/applications/tableau",
                    "{\"name\": \"Tableau\", \"owner\": \"olivier\"}")
                .status())
        .isEqualTo(200);
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

  /** Every authenticated caller gets 200. */
  private static Map<String, Integer> anyAuthenticated() {
    return expect(200, CONSUMER, OWNER, OTHER_OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN);
  }

  /** A fresh access request to colis-suivi by the client's user; returns its id. */
  private static String request(Http client) {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    Http.Response response =
        client.postJson(
            "/api/v1/products/colis-suivi/requests",
            """
            {"purpose": "tableau de bord", "purposeCategory": "REPORTING",
             "legalBasis": "LEGITIMATE_INTERESTS", "columns": ["id", "weight"],
             "start": "%s", "end": "%s", "reviewPeriod": "P6M"}
            """
                .formatted(today, today.plusMonths(3)));
    return response.status() == 201 ? response.json().path("id").asText() : "";
  }

  /** The listed callers get the status, other authenticated callers 403, anonymous 401. */
  private static Map<String, Integer> expect(int allowed, String... callers) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (String caller : CALLERS) {
      expected.put(caller, caller.equals(ANONYMOUS) ? 401 : 403);
    }
    for (String caller : callers) {
      expected.put(caller, allowed);
    }
    return expected;
  }

  private List<Route> routes() {
    String product = "/api/v1/products/colis-suivi";
    return List.of(
        new Route("GET /api/v1/entities", h -> h.get("/api/v1/entities"), anyAuthenticated()),
        new Route("GET /api/v1/domains", h -> h.get("/api/v1/domains"), anyAuthenticated()),
        new Route("GET /api/v1/products", h -> h.get("/api/v1/products"), anyAuthenticated()),
        new Route("GET /api/v1/products/{id}", h -> h.get(product), anyAuthenticated()),
        new Route(
            "GET /api/v1/products/{id}/versions",
            h -> h.get(product + "/versions"),
            anyAuthenticated()),
        new Route(
            "GET /api/v1/products/{id}/versions/{number}",
            h -> h.get(product + "/versions/1"),
            anyAuthenticated()),
        new Route(
            "GET /api/v1/products/{id}/versions/{number}/profile",
            h -> h.get(product + "/versions/1/profile"),
            anyAuthenticated()),
        new Route(
            // a first version has no drift: 404 for whoever may read the product
            "GET /api/v1/products/{id}/versions/{number}/drift",
            h -> h.get(product + "/versions/1/drift"),
            expect(404, CONSUMER, OWNER, OTHER_OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN)),
        new Route(
            "GET /api/v1/products/{id}/versions/{number}/rows",
            h -> h.get(product + "/versions/1/rows"),
            expect(200, OWNER, ADMIN)),
        new Route(
            "GET /api/v1/products/{id}/runs", h -> h.get(product + "/runs"), anyAuthenticated()),
        new Route(
            "GET /api/v1/runs/{runId}", h -> h.get("/api/v1/runs/" + runId), anyAuthenticated()),
        new Route(
            "GET /api/v1/runs/{runId}/quarantine",
            h -> h.get("/api/v1/runs/" + runId + "/quarantine"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "PUT /api/v1/entities/{code}",
            h -> h.putJson("/api/v1/entities/BSCC", "{\"name\": \"BSCC\"}"),
            expect(200, ADMIN)),
        new Route(
            "PUT /api/v1/domains/{id}",
            h -> h.putJson("/api/v1/domains/colis", "{\"name\": \"Colis\"}"),
            expect(200, ADMIN)),
        new Route(
            "PUT /api/v1/products/{id}",
            h -> h.putJson(product, PRODUCT_BODY),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "POST /api/v1/products/{id}/uploads",
            h -> h.post(product + "/uploads?filename=more.csv", uniqueCsv()),
            expect(201, OWNER, ADMIN)),
        new Route(
            "POST /api/v1/products/{id}/imports",
            h -> {
              String name = "import-" + uniqueRows.incrementAndGet() + ".csv";
              Fixtures.write(dataDirectory.resolve("inbox").resolve(name), uniqueCsv());
              return h.postJson(product + "/imports", "{\"path\": \"" + name + "\"}");
            },
            expect(201, OWNER, ADMIN)),
        new Route("GET /api/v1/me", h -> h.get("/api/v1/me"), anyAuthenticated()),
        new Route(
            "GET /api/v1/products/{id}/quality",
            h -> h.get(product + "/quality"),
            anyAuthenticated()),
        new Route(
            "PUT /api/v1/products/{id}/quality",
            h ->
                h.putYaml(
                    product + "/quality",
                    "rules:\n  - {name: id-set, type: not_null, column: id, severity: warn}\n"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "GET /api/v1/products/{id}/quality/results",
            h -> h.get(product + "/quality/results"),
            anyAuthenticated()),
        new Route(
            "GET /api/v1/products/{id}/odcs", h -> h.get(product + "/odcs"), anyAuthenticated()),
        new Route(
            "PUT /api/v1/products/{id}/odcs",
            h -> h.putYaml(product + "/odcs", odcsDocument),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "POST /api/v1/products/{id}/requests",
            h ->
                h.postJson(
                    product + "/requests",
                    """
                    {"purpose": "p", "purposeCategory": "ANALYTICS", "legalBasis": "CONTRACT",
                     "columns": ["id"], "start": "2026-01-01", "end": "2026-06-30",
                     "reviewPeriod": "P3M"}
                    """),
            expect(201, CONSUMER, OWNER, OTHER_OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN)),
        new Route("GET /api/v1/contracts", h -> h.get("/api/v1/contracts"), anyAuthenticated()),
        new Route(
            "GET /api/v1/products/{id}/sharing",
            h -> h.get(product + "/sharing"),
            anyAuthenticated()),
        new Route(
            "PUT /api/v1/products/{id}/sharing",
            h -> h.putJson(product + "/sharing", "{\"scope\": \"GROUP\"}"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route("GET /api/v1/approvals", h -> h.get("/api/v1/approvals"), anyAuthenticated()),
        new Route(
            "GET /api/v1/notifications", h -> h.get("/api/v1/notifications"), anyAuthenticated()),
        new Route(
            "GET /api/v1/contracts/{contractId}",
            h -> h.get("/api/v1/contracts/" + consumerContract),
            expect(200, CONSUMER, OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN)),
        new Route(
            "GET /api/v1/contracts/{contractId}/agreement",
            h -> h.get("/api/v1/contracts/" + consumerContract + "/agreement"),
            expect(200, CONSUMER, OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN)),
        new Route(
            "POST /api/v1/contracts/{contractId}/decisions",
            h ->
                h.postJson(
                    "/api/v1/contracts/" + request(clients.get(CONSUMER)) + "/decisions",
                    "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}"),
            expect(200, OWNER)),
        // the consumer is of BGPN, the product of BSCC: legal approves, and only legal
        new Route(
            "POST /api/v1/contracts/{contractId}/decisions",
            h ->
                h.postJson(
                    "/api/v1/contracts/" + request(clients.get(CONSUMER)) + "/decisions",
                    "{\"role\": \"LEGAL\", \"verdict\": \"APPROVED\"}"),
            expect(200, LEGAL)),
        // the data office holds that seat, but this request (INTERNAL, not certified) needs no
        // approval of the data office: 400 for it, 403 for those who do not hold the seat
        new Route(
            "POST /api/v1/contracts/{contractId}/decisions",
            h ->
                h.postJson(
                    "/api/v1/contracts/" + request(clients.get(CONSUMER)) + "/decisions",
                    "{\"role\": \"DATA_OFFICE\", \"verdict\": \"APPROVED\"}"),
            expect(400, DATA_OFFICE)),
        new Route(
            "POST /api/v1/contracts/{contractId}/revoke",
            h ->
                h.postJson(
                    "/api/v1/contracts/" + request(clients.get(CONSUMER)) + "/revoke",
                    "{\"reason\": \"test\"}"),
            expect(200, OWNER, DPO, ADMIN)),
        new Route(
            "POST /api/v1/contracts/{contractId}/review",
            h -> h.postJson("/api/v1/contracts/" + ownerContract + "/review", "{}"),
            expect(200, OWNER, DPO, ADMIN)),
        new Route(
            "POST /api/v1/contracts/{contractId}/renew",
            h ->
                h.postJson(
                    "/api/v1/contracts/" + consumerContract + "/renew",
                    "{\"start\": \"2026-07-01\", \"end\": \"2026-09-30\"}"),
            expect(201, CONSUMER)),
        new Route(
            "GET /api/v1/products/{id}/data",
            h -> h.get(product + "/data?format=jsonl"),
            expect(200, OWNER)),
        new Route(
            "GET /api/v1/audit", h -> h.get("/api/v1/audit"), expect(200, DPO, DATA_OFFICE, ADMIN)),
        new Route(
            "GET /api/v1/audit/verify",
            h -> h.get("/api/v1/audit/verify"),
            expect(200, DPO, DATA_OFFICE, ADMIN)),
        new Route("GET /api/v1/consumption", h -> h.get("/api/v1/consumption"), anyAuthenticated()),
        // asking for another consumer's reads needs DATA_OWNER, DPO, DATA_OFFICE or ADMIN
        new Route(
            "GET /api/v1/consumption",
            h -> h.get("/api/v1/consumption?consumer=camille"),
            expect(200, CONSUMER, OWNER, OTHER_OWNER, DPO, DATA_OFFICE, ADMIN)),
        new Route(
            "GET /api/v1/consumption/products",
            h -> h.get("/api/v1/consumption/products"),
            anyAuthenticated()),
        new Route(
            "GET /api/v1/consumption/unused",
            h -> h.get("/api/v1/consumption/unused?days=30"),
            anyAuthenticated()),
        new Route(
            "POST /api/v1/lineage",
            h ->
                h.postJson(
                    "/api/v1/lineage",
                    """
                    {"eventType": "COMPLETE", "eventTime": "2026-11-20T10:00:00Z",
                     "producer": "https://github.com/apache/airflow", "schemaURL":
                     "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                     "run": {"runId": "0193a1b2-4c5d-7e6f-8a9b-0c1d2e3f4a5b"},
                     "job": {"namespace": "airflow", "name": "colis.export"},
                     "inputs": [{"namespace": "comptoir", "name": "colis-suivi"}]}
                    """),
            expect(201, OWNER, OTHER_OWNER, STEWARD, DATA_OFFICE, ADMIN)),
        new Route(
            "GET /api/v1/lineage/graph",
            h -> h.get("/api/v1/lineage/graph?product=colis-suivi&columns=true"),
            anyAuthenticated()),
        new Route("GET /api/v1/tokens", h -> h.get("/api/v1/tokens"), anyAuthenticated()),
        new Route(
            "POST /api/v1/tokens",
            h -> h.postJson("/api/v1/tokens", "{\"name\": \"matrice\", \"days\": 1}"),
            expect(201, CONSUMER, OWNER, OTHER_OWNER, STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN)),
        // a token of the consumer's: revoked by its user or an admin
        new Route(
            "DELETE /api/v1/tokens/{tokenId}",
            h -> h.delete("/api/v1/tokens/" + consumerTokenId()),
            expect(200, CONSUMER, ADMIN)),
        new Route(
            "PUT /api/v1/users/{username}",
            h ->
                h.putJson(
                    "/api/v1/users/matrice",
                    "{\"displayName\": \"Matrice\", \"entity\": \"BSCC\", \"roles\": []}"),
            expect(200, ADMIN)),
        new Route(
            "PUT /api/v1/applications/{applicationId}",
            h ->
                h.putJson(
                    "/api/v1/applications/tableau",
                    "{\"name\": \"Tableau\", \"owner\": \"olivier\"}"),
            expect(200, ADMIN)),
        new Route("GET /api/v1/search", h -> h.get("/api/v1/search?q=colis"), anyAuthenticated()),
        new Route(
            "GET /api/v1/users/{username}",
            h -> h.get("/api/v1/users/olivier"),
            expect(200, ADMIN)),
        new Route(
            "GET /api/v1/applications/{applicationId}",
            h -> h.get("/api/v1/applications/tableau"),
            expect(200, ADMIN)),
        new Route("GET /api/v1/flows", h -> h.get("/api/v1/flows"), anyAuthenticated()),
        new Route(
            "GET /api/v1/flows/{flowId}",
            h -> h.get("/api/v1/flows/colis-depot"),
            expect(200, OWNER, STEWARD, ADMIN)),
        // saving the same document again keeps its version: 200
        new Route(
            "PUT /api/v1/flows/{flowId}",
            h -> h.putYaml("/api/v1/flows/colis-depot", FLOW),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "GET /api/v1/flows/{flowId}/versions",
            h -> h.get("/api/v1/flows/colis-depot/versions"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "GET /api/v1/flows/{flowId}/versions/{number}",
            h -> h.get("/api/v1/flows/colis-depot/versions/1"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "POST /api/v1/flows/{flowId}/pause",
            h -> h.postJson("/api/v1/flows/colis-depot/pause", ""),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "POST /api/v1/flows/{flowId}/resume",
            h -> h.postJson("/api/v1/flows/colis-depot/resume", ""),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "POST /api/v1/flows/{flowId}/runs",
            h -> h.postJson("/api/v1/flows/colis-depot/runs", ""),
            expect(200, OWNER, STEWARD, ADMIN)),
        // an upload's run: those who manage the product's flows learn it has no flow to replay
        new Route(
            "POST /api/v1/runs/{runId}/replay",
            h -> h.postJson("/api/v1/runs/" + runId + "/replay", ""),
            expect(400, OWNER, STEWARD, ADMIN)),
        new Route(
            "GET /api/v1/flows/{flowId}/runs",
            h -> h.get("/api/v1/flows/colis-depot/runs"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route(
            "POST /api/v1/flows/{flowId}/uploads",
            h -> h.post("/api/v1/flows/colis-guichet/uploads?filename=guichet.csv", uniqueCsv()),
            expect(201, OWNER, STEWARD, ADMIN)),
        new Route(
            "GET /api/v1/products/{id}/score", h -> h.get(product + "/score"), anyAuthenticated()),
        new Route(
            "GET /api/v1/products/{id}/certification",
            h -> h.get(product + "/certification"),
            anyAuthenticated()),
        // the data office or an admin may grant; the manual items are not ticked here: 409
        new Route(
            "POST /api/v1/products/{id}/certification",
            h ->
                h.postJson(
                    product + "/certification",
                    "{\"level\": \"BRONZE\", \"expiresOn\": \""
                        + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(6)
                        + "\"}"),
            expect(409, DATA_OFFICE, ADMIN)),
        new Route(
            "PUT /api/v1/products/{id}/columns/{column}/terms",
            h -> h.putJson(product + "/columns/weight/terms", "{\"terms\": [\"poids\"]}"),
            expect(200, OWNER, STEWARD, ADMIN)),
        new Route("GET /api/v1/glossary", h -> h.get("/api/v1/glossary"), anyAuthenticated()),
        new Route(
            "GET /api/v1/glossary/{term}",
            h -> h.get("/api/v1/glossary/poids"),
            anyAuthenticated()),
        new Route(
            "POST /api/v1/glossary",
            h ->
                h.postJson(
                    "/api/v1/glossary",
                    "{\"name\": \"Terme "
                        + uniqueRows.incrementAndGet()
                        + "\", \"definition\": \"Un terme.\"}"),
            expect(201, OWNER, OTHER_OWNER, STEWARD, DATA_OFFICE, ADMIN)),
        new Route(
            "PUT /api/v1/glossary/{term}",
            h -> h.putJson("/api/v1/glossary/poids", POIDS),
            expect(200, OWNER, OTHER_OWNER, STEWARD, DATA_OFFICE, ADMIN)),
        new Route(
            "POST /api/v1/glossary/{term}/status",
            h -> h.postJson("/api/v1/glossary/poids/status", "{\"status\": \"APPROVED\"}"),
            expect(200, DATA_OFFICE, ADMIN)),
        new Route(
            "DELETE /api/v1/glossary/{term}",
            h -> {
              String id = "jetable-" + uniqueRows.incrementAndGet();
              clients
                  .get(ADMIN)
                  .postJson(
                      "/api/v1/glossary",
                      "{\"id\": \"" + id + "\", \"name\": \"Jetable\", \"definition\": \"x\"}");
              return h.delete("/api/v1/glossary/" + id);
            },
            expect(204, DATA_OFFICE, ADMIN)));
  }

  static final String POIDS =
      """
      {"name": "Poids", "definition": "Masse d'un colis, en kilogrammes.",
       "synonyms": ["masse"]}
      """;

  static final String UPLOAD_FLOW =
      """
      id: colis-guichet
      product: colis-suivi
      source: {kind: upload, delimiter: ";"}
      write: {mode: append}
      """;

  static final String FLOW =
      """
      id: colis-depot
      product: colis-suivi
      source:
        kind: file-drop
        directory: inbox/colis
      """;

  /** The id of a new API token of the consumer's, which the consumer's client does not use. */
  private String consumerTokenId() {
    return comptoir
        .identities()
        .issueToken(io.comptoir.identity.Username.of("camille"), Optional.empty(), "matrice", 1)
        .token()
        .id()
        .value();
  }

  private String uniqueCsv() {
    return "id;destination;weight;shipped\n"
        + uniqueRows.incrementAndGet()
        + ";75001;1.00;2024-03-01\n";
  }

  @Test
  void everyRouteAnswersEveryCallerAsThePolicySays() {
    List<String> mismatches = new ArrayList<>();
    for (Route route : routes()) {
      for (String caller : CALLERS) {
        Http.Response response = route.call().apply(clients.get(caller));
        int expected = route.expected().get(caller);
        if (response.status() != expected) {
          mismatches.add(
              route.route()
                  + " as "
                  + caller
                  + ": expected "
                  + expected
                  + ", got "
                  + response.status()
                  + " "
                  + response.body());
        } else if (expected == 401 || expected == 403 || expected == 404) {
          String code =
              expected == 401 ? "UNAUTHENTICATED" : expected == 403 ? "FORBIDDEN" : "NOT_FOUND";
          if (!response.errorCode().equals(code) || response.errorMessage().isBlank()) {
            mismatches.add(route.route() + " as " + caller + ": " + response.body());
          }
        }
      }
    }

    assertThat(mismatches).isEmpty();
  }

  @Test
  void coversEveryRoute() {
    Set<String> covered = new TreeSet<>(routes().stream().map(Route::route).toList());
    covered.addAll(TESTED_ELSEWHERE);

    assertThat(covered).isEqualTo(new TreeSet<>(server.apiRoutes()));
  }

  @Test
  void theApprovalsInboxHoldsTheRequestsAwaitingASeatTheCallerHolds() {
    // the consumer (BGPN) asked for a product of BSCC: its data owner and legal must approve
    assertThat(clients.get(LEGAL).get("/api/v1/approvals").body()).contains(consumerContract);
    assertThat(clients.get(OWNER).get("/api/v1/approvals").body()).contains(consumerContract);
    assertThat(clients.get(DATA_OFFICE).get("/api/v1/approvals").body())
        .doesNotContain(consumerContract);
    // no personal column is asked for: no DPO; an admin alone holds no seat
    assertThat(clients.get(DPO).get("/api/v1/approvals").body()).doesNotContain(consumerContract);
    assertThat(clients.get(ADMIN).get("/api/v1/approvals").body()).doesNotContain(consumerContract);
  }

  @Test
  void explainsADenialWithWhatWasNeededAndWhatTheCallerHas() {
    Http.Response response =
        clients.get(OTHER_OWNER).get("/api/v1/products/colis-suivi/versions/1/rows");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorMessage())
        .isEqualTo(
            "laurent may not read the rows of product colis-suivi: needs DATA_OWNER of entity"
                + " BSCC or ADMIN, has DATA_OWNER in LBP");
  }

  @Test
  void aProductCannotBeMovedToAnEntityWhereTheCallerHasNoRole() {
    Http.Response response =
        clients
            .get(OWNER)
            .putJson("/api/v1/products/colis-suivi", PRODUCT_BODY.replace("\"BSCC\"", "\"LBP\""));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorMessage())
        .isEqualTo(
            "olivier may not change product colis-suivi: needs DATA_OWNER or DATA_STEWARD of"
                + " entity LBP or ADMIN, has DATA_OWNER in BSCC");
  }
}
