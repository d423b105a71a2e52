package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.audit.AuditQuery;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole journey over real HTTP: request, committee approval with a DPO tightening, governed
 * reads masked in every format, denials with their reasons, revocation effective at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractJourneyIT {
  private static final ProductId ACCOUNTS = ProductId.of("clients-banque");
  private static final List<String> EMAILS =
      List.of("alice.martin@example.fr", "bruno.petit@example.fr", "chloe.roux@example.fr");

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http consumer;
  private Http owner;
  private Http dpo;
  private Http legal;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    var catalog = comptoir.catalog();
    var now = catalog.clock().instant();
    catalog.saveEntity(new LegalEntity("LBP", "La Banque Postale", ""));
    catalog.saveEntity(new LegalEntity("BSCC", "Courrier Colis", ""));
    catalog.saveDomain(new Domain("clients", "Clients", ""));
    catalog.saveProduct(
        new DataProduct(
            ACCOUNTS,
            "Clients de la banque",
            "",
            "LBP",
            "clients",
            "olivier.proprietaire",
            "",
            "",
            Classification.CONFIDENTIAL,
            List.of(),
            List.of(
                new Column("id", DataType.INTEGER, "", PersonalDataCategory.NONE, ""),
                new Column("email", DataType.STRING, "", PersonalDataCategory.IDENTIFIER, ""),
                new Column(
                    "birth_date", DataType.DATE, "", PersonalDataCategory.QUASI_IDENTIFIER, ""),
                new Column("city", DataType.STRING, "", PersonalDataCategory.NONE, "")),
            now,
            now));
    Path file =
        Fixtures.write(
            dataDirectory.resolve("clients.csv"),
            "id,email,birth_date,city\n"
                + "1,"
                + EMAILS.get(0)
                + ",1980-05-17,Paris\n"
                + "2,"
                + EMAILS.get(1)
                + ",1975-11-02,Lyon\n"
                + "3,"
                + EMAILS.get(2)
                + ",1990-01-30,Paris\n");
    comptoir.ingestion().ingest(IngestionRequest.of(ACCOUNTS, file), ProgressListener.NONE);
    server = comptoir.startHttp();
    String url = server.url();
    consumer =
        new Http(url, Fixtures.token(comptoir, "camille.consommatrice", "BSCC", Role.CONSUMER));
    owner = new Http(url, Fixtures.token(comptoir, "olivier.proprietaire", "LBP", Role.DATA_OWNER));
    dpo = new Http(url, Fixtures.token(comptoir, "denis.dpo", "LBP", Role.DPO));
    legal = new Http(url, Fixtures.token(comptoir, "lea.juriste", "LBP", Role.LEGAL));
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

  @Test
  void fromRequestToMaskedReadsToRevocation() throws Exception {
    assertForbidden(consumer.get(data("csv")), "no usage contract for user camille.consommatrice");
    assertThat(
            owner
                .putJson("/api/v1/products/clients-banque/sharing", "{\"scope\": \"entity\"}")
                .status())
        .isEqualTo(200);
    Http.Response walled =
        consumer.postJson(
            "/api/v1/products/clients-banque/requests",
            "{\"purpose\": \"p\", \"purposeCategory\": \"ANALYTICS\", \"legalBasis\":"
                + " \"CONTRACT\", \"columns\": [\"id\"], \"start\": \"2026-01-01\","
                + " \"end\": \"2026-02-01\", \"reviewPeriod\": \"P1M\"}");
    assertForbidden(
        walled,
        "product clients-banque stays in its entity LBP: consumers of BSCC cannot request it");
    owner.putJson("/api/v1/products/clients-banque/sharing", "{\"scope\": \"GROUP\"}");

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Http.Response requested =
        consumer.postJson(
            "/api/v1/products/clients-banque/requests",
            """
            {"purpose": "Mesurer l'usage des services par ville", "purposeCategory": "analytics",
             "legalBasis": "legitimate_interests", "businessValue": "meilleure couverture",
             "columns": ["id", "email", "birth_date", "city"], "rowScope": "city = 'Paris'",
             "start": "%s", "end": "%s", "reviewPeriod": "P3M"}
            """
                .formatted(today, today.plusMonths(6)));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    JsonNode request = requested.json();
    String id = request.get("id").asText();
    assertThat(request.get("requiredApprovers").toString())
        .isEqualTo("[\"DATA_OWNER\",\"DPO\",\"LEGAL\"]");
    assertForbidden(consumer.get(data("csv")), "is awaiting approval by [DATA_OWNER, DPO, LEGAL]");

    assertThat(owner.get("/api/v1/approvals").body()).contains(id);
    assertThat(dpo.get("/api/v1/notifications").json().get("count").asInt()).isEqualTo(1);
    assertThat(consumer.get("/api/v1/notifications").json().get("count").asInt()).isZero();
    assertForbidden(
        consumer.postJson(decisions(id), "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}"),
        "may not decide as DATA_OWNER");
    assertThat(
            owner
                .postJson(decisions(id), "{\"role\": \"DATA_OWNER\", \"verdict\": \"approved\"}")
                .status())
        .isEqualTo(200);
    Http.Response loosened =
        dpo.postJson(
            decisions(id),
            "{\"role\": \"DPO\", \"verdict\": \"APPROVED\", \"maskings\": {\"email\": \"MASK_NONE\"}}");
    assertThat(loosened.status()).isEqualTo(400);
    assertThat(loosened.json().get("error").get("message").asText())
        .contains("the DPO can only tighten a masking");
    assertThat(
            dpo.postJson(
                    decisions(id),
                    "{\"role\": \"DPO\", \"verdict\": \"APPROVED\", \"comment\": \"année seulement\","
                        + " \"maskings\": {\"birth_date\": \"MASK_DATE_SHOW_YEAR\"}}")
                .status())
        .isEqualTo(200);
    Http.Response active =
        legal.postJson(decisions(id), "{\"role\": \"LEGAL\", \"verdict\": \"APPROVED\"}");
    assertThat(active.json().get("status").asText()).isEqualTo("ACTIVE");

    Http.Response agreement = consumer.get("/api/v1/contracts/" + id + "/agreement");
    assertThat(agreement.status()).isEqualTo(200);
    assertThat(agreement.contentType()).startsWith("application/yaml");
    assertThat(agreement.body())
        .contains("kind: AccessAgreement")
        .contains("dataProduct: clients-banque")
        .contains("contractVersion: 1.0.0")
        .contains("user: camille.consommatrice")
        .contains("startDate: " + today)
        .contains("masking: MASK_DATE_SHOW_YEAR")
        .contains("status: active");

    Http.Response csv = consumer.get(data("csv") + "&order=id");
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("id,email,birth_date,city");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).matches("1,[0-9a-f]{64},1980,Paris");
    assertThat(lines.get(2)).matches("3,[0-9a-f]{64},1990,Paris");
    for (String format : List.of("csv", "jsonl", "parquet")) {
      byte[] body = consumer.getBytes(data(format));
      String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
      for (String email : EMAILS) {
        assertThat(text).as(format).doesNotContain(email);
      }
      assertThat(text).as(format).doesNotContain("1980-05-17").doesNotContain("Lyon");
    }

    Http.Response masked = consumer.get(data("csv") + "&filter=" + encode("email = 'x'"));
    assertThat(masked.status()).isEqualTo(400);
    assertThat(masked.json().get("error").get("message").asText())
        .contains("cannot filter on masked column 'email'");
    for (String parameter :
        List.of(
            "filter=" + encode("id = 1 or 1=1; drop table x --"),
            "filter=" + encode("id = 1 /* comment */"),
            "filter=" + encode("city = read_text('/etc/passwd')"),
            "filter=" + encode("id in (select 1)"),
            "filter=" + encode("getenv('HOME') = 'x'"),
            "filter=" + encode("city = 'Paris' union select * from read_csv('/etc/passwd')"),
            "filter=" + encode("(".repeat(1000) + "id = 1" + ")".repeat(1000)),
            "filter=" + encode("id = " + "9".repeat(1_000)),
            "filter=" + encode("city = '" + "a".repeat(5_000) + "'"),
            "filter=" + encode("birth_date > date '1980-01-01'"),
            "order=" + encode("id; drop table x"),
            "order=" + encode("email"),
            "order=" + encode("random()"),
            "columns=" + encode("id, (select 1)"),
            "columns=" + encode("*"),
            "columns=" + encode("id, secret_column"),
            "limit=-1",
            "limit=abc",
            "offset=-5",
            "version=abc")) {
      Http.Response hostile = consumer.get(data("csv") + "&" + parameter);
      assertThat(hostile.status())
          .as(parameter.substring(0, Math.min(80, parameter.length())))
          .isEqualTo(400);
      assertThat(hostile.json().get("error").get("code").asText()).isEqualTo("INVALID_INPUT");
    }
    Http.Response xml = consumer.get("/api/v1/products/clients-banque/data?format=xml");
    assertThat(xml.status()).isEqualTo(400);
    assertThat(xml.json().get("error").get("message").asText())
        .isEqualTo("unknown format 'xml' (expected csv, jsonl or parquet)");

    // a small read is kept by the read cache: the second is served from it, still audited
    String smallRead = data("csv") + "&order=id&limit=10";
    Http.Response small = consumer.get(smallRead);
    assertThat(small.status()).as(small.body()).isEqualTo(200);
    assertThat(small.body().lines()).hasSize(3);
    assertThat(consumer.get(smallRead).body()).isEqualTo(small.body());

    assertThat(
            dpo.postJson("/api/v1/contracts/" + id + "/revoke", "{\"reason\": \"fin du projet\"}")
                .status())
        .isEqualTo(200);
    assertForbidden(consumer.get(data("csv")), "was revoked by denis.dpo: fin du projet");
    assertForbidden(consumer.get(smallRead), "was revoked by denis.dpo: fin du projet");

    assertThat(comptoir.audit().verify().intact()).isTrue();
    assertThat(dpo.get("/api/v1/audit/verify").json().get("intact").asBoolean()).isTrue();
    assertThat(dpo.get("/api/v1/audit?action=GOVERNED_READ").json().get("items").size())
        .isEqualTo(6);
    assertForbidden(consumer.get("/api/v1/audit"), "may not read the audit log");
    List<String> actions =
        comptoir
            .audit()
            .search(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), null))
            .stream()
            .map(event -> event.entry().action())
            .toList();
    assertThat(actions)
        .contains(
            "ACCESS_REQUESTED",
            "REQUEST_APPROVED",
            "MASKING_TIGHTENED",
            "GOVERNED_READ",
            "GOVERNED_READ_DENIED",
            "CONTRACT_REVOKED");
  }

  @Test
  void refusesReadsUnderRejectedExpiredAndNotYetStartedContracts() {
    Http reader =
        new Http(server.url(), Fixtures.token(comptoir, "paul.lecteur", "LBP", Role.CONSUMER));
    String rejected = requestAs(reader, "2026-01-01", "2026-12-31");
    Http.Response rejection =
        owner.postJson(
            decisions(rejected),
            "{\"role\": \"DATA_OWNER\", \"verdict\": \"REJECTED\", \"comment\": \"pas de"
                + " finalité\"}");
    assertThat(rejection.json().get("status").asText()).isEqualTo("REJECTED");
    assertForbidden(
        reader.get(data("csv")),
        "contract " + rejected + " was rejected: DATA_OWNER olivier.proprietaire: pas de finalité");

    String past = requestAs(reader, "2025-01-01", "2025-06-30");
    owner.postJson(decisions(past), "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}");
    assertForbidden(reader.get(data("csv")), "contract " + past + " expired on 2025-06-30");
    assertThat(reader.get("/api/v1/contracts/" + past).json().get("status").asText())
        .isEqualTo("EXPIRED");

    LocalDate next = LocalDate.now(ZoneOffset.UTC).plusDays(10);
    String future = requestAs(reader, next.toString(), next.plusMonths(1).toString());
    owner.postJson(decisions(future), "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}");
    assertForbidden(reader.get(data("csv")), "contract " + future + " starts on " + next);
  }

  /** A request by a consumer of the product's own entity for a non-personal column. */
  private static String requestAs(Http reader, String start, String end) {
    Http.Response response =
        reader.postJson(
            "/api/v1/products/clients-banque/requests",
            """
            {"purpose": "contrôle", "purposeCategory": "REPORTING", "legalBasis": "CONTRACT",
             "columns": ["id", "city"], "start": "%s", "end": "%s", "reviewPeriod": "P1M"}
            """
                .formatted(start, end));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().get("requiredApprovers").toString()).isEqualTo("[\"DATA_OWNER\"]");
    return response.json().get("id").asText();
  }

  private static String data(String format) {
    return "/api/v1/products/clients-banque/data?format=" + format;
  }

  private static String decisions(String id) {
    return "/api/v1/contracts/" + id + "/decisions";
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void assertForbidden(Http.Response response, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(403);
    assertThat(response.json().get("error").get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(response.json().get("error").get("message").asText()).contains(message);
  }
}
