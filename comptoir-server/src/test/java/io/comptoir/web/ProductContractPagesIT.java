package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.ApiServer;
import io.comptoir.audit.AuditQuery;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ColumnGrant;
import io.comptoir.contract.ContractId;
import io.comptoir.contract.Decision;
import io.comptoir.contract.Masking;
import io.comptoir.contract.SharingScope;
import io.comptoir.contract.UsageContract;
import io.comptoir.contract.Verdict;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product, access request, contracts, tokens and notifications pages over real HTTP with real
 * services: content, forms with their errors, governed samples, escaping and no secrets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductContractPagesIT {
  static final ProductId SUBSCRIBERS = ProductId.of("abonnes");
  static final ProductId WALLED = ProductId.of("colis-internes");
  static final List<String> EMAILS =
      List.of("alice.martin@example.fr", "bruno.petit@example.fr", "chloe.roux@example.fr");

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    seedSubscribers(comptoir, dataDirectory);
    comptoir
        .ingestion()
        .ingest(
            IngestionRequest.of(
                    Fixtures.PARCELS,
                    Fixtures.write(dataDirectory.resolve("p.csv"), Fixtures.PARCELS_CSV))
                .withToleratedRejectRate(0.5),
            ProgressListener.NONE);
    comptoir
        .ingestion()
        .ingest(
            IngestionRequest.of(
                Fixtures.PARCELS,
                Fixtures.write(dataDirectory.resolve("more.csv"), Fixtures.MORE_PARCELS_CSV)),
            ProgressListener.NONE);
    var now = comptoir.catalog().clock().instant();
    comptoir
        .catalog()
        .saveProduct(
            new DataProduct(
                WALLED,
                "Colis internes",
                "Reste chez BSCC",
                "BSCC",
                "colis",
                "olivier",
                "",
                "",
                Classification.INTERNAL,
                List.of(),
                List.of(Column.of("id", DataType.INTEGER)),
                now,
                now));
    comptoir.contracts().setSharing(WALLED, SharingScope.ENTITY);
    Fixtures.user(comptoir, "camille", "BGPN", Role.CONSUMER);
    Fixtures.user(comptoir, "claire", "BSCC", Role.CONSUMER);
    Fixtures.user(comptoir, "bea", "BSCC", Role.CONSUMER);
    Fixtures.user(comptoir, "olivier", "BSCC", Role.DATA_OWNER);
    Fixtures.user(comptoir, "denis", "LBP", Role.DPO);
    Fixtures.user(comptoir, "lea", "LBP", Role.LEGAL);
    server = comptoir.startHttp();
  }

  /** A BSCC product with an identifier column, hostile text and a hostile value. */
  static void seedSubscribers(Comptoir comptoir, Path directory) {
    var now = comptoir.catalog().clock().instant();
    comptoir
        .catalog()
        .saveProduct(
            new DataProduct(
                SUBSCRIBERS,
                "Abonnés aux alertes",
                "Abonnés " + PagesIT.HOSTILE,
                "BSCC",
                "colis",
                "olivier",
                "sophie",
                "CRM Alertes",
                Classification.CONFIDENTIAL,
                List.of("rgpd"),
                List.of(
                    new Column("id", DataType.INTEGER, "Numéro", PersonalDataCategory.NONE, ""),
                    new Column(
                        "email", DataType.STRING, "Courriel", PersonalDataCategory.IDENTIFIER, ""),
                    new Column("city", DataType.STRING, "Ville", PersonalDataCategory.NONE, "")),
                now,
                now));
    comptoir
        .ingestion()
        .ingest(
            IngestionRequest.of(
                SUBSCRIBERS,
                Fixtures.write(
                    directory.resolve("abonnes.csv"),
                    "id,email,city\n1,"
                        + EMAILS.get(0)
                        + ",Paris\n2,"
                        + EMAILS.get(1)
                        + ",Lyon\n3,"
                        + EMAILS.get(2)
                        + ",\"<b>Paris</b>\"\n")),
            ProgressListener.NONE);
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

  private WebClient as(String user) {
    return new WebClient(server.url()).login(user, Fixtures.PASSWORD);
  }

  @Test
  void productPageShowsFactsColumnsVersionsAndChartsWithTheirText() throws Exception {
    Document page = as("claire").get("/products/colis-suivi").html();

    assertThat(page.select("h1").text()).isEqualTo("Suivi des colis");
    assertThat(page.select("[data-testid=facts]").text())
        .contains("data-colis@example.org", "steward@example.org", "SI Colis", "interne");
    assertThat(page.select("[data-testid=pii-destination]").text()).isEqualTo("quasi-identifiant");
    assertThat(page.select("[data-testid=versions] tbody tr")).hasSize(2);
    assertThat(page.select("[data-testid=versions] tbody tr").get(0).select("td.number").eachText())
        .containsExactly("3", "1");
    JsonNode chart =
        new ObjectMapper().readTree(page.select("[data-testid=versions-chart]").attr("data-chart"));
    assertThat(chart.get("kind").asText()).isEqualTo("bars");
    assertThat(chart.get("labels").toString()).isEqualTo("[\"v1\",\"v2\"]");
    assertThat(chart.get("series").get(1).get("values").get(0).asLong()).isEqualTo(1);
    assertThat(page.select("[data-testid=versions-chart]").attr("aria-label")).contains("2");
    assertThat(page.select("[data-testid=consumption-chart]").attr("data-chart"))
        .contains("\"kind\":\"line\"");
    assertThat(page.select("[data-testid=consumption] tbody tr")).hasSize(30);
    assertThat(page.select("[data-testid=request-access] a").attr("href"))
        .isEqualTo("/products/colis-suivi/request");
  }

  @Test
  void withoutAContractEveryPersonalColumnIsMaskedAndNeverSent() {
    WebClient.Answer answer = as("bea").get("/products/abonnes");
    Document page = answer.html();

    assertThat(page.select("[data-testid=sample]").attr("data-kind")).isEqualTo("MASKED");
    assertThat(page.select("[data-testid=sample-table] tbody tr")).hasSize(3);
    assertThat(page.select("[data-testid=sample-table] td.masked").eachText())
        .containsOnly("masqué")
        .hasSize(3);
    assertThat(page.select("[data-testid=sample-table] tbody").text()).contains("Paris", "Lyon");
    EMAILS.forEach(email -> assertThat(answer.body()).doesNotContain(email));
    assertThat(answer.body()).doesNotContain("alice.martin");
  }

  @Test
  void consumersOfAnotherEntitySeeTheDescriptionButNoSample() {
    WebClient.Answer answer = as("camille").get("/products/abonnes");
    Document page = answer.html();

    assertThat(page.select("[data-testid=sample]").attr("data-kind")).isEqualTo("HIDDEN");
    assertThat(page.select("[data-testid=sample-table]")).isEmpty();
    assertThat(page.select("[data-testid=description]").text()).startsWith("Abonnés <script>");
    assertThat(answer.body()).doesNotContain("Lyon").doesNotContain("alice.martin");
  }

  @Test
  void aProductThatStaysInItsEntityOffersNoRequestToOtherEntities() {
    WebClient camille = as("camille");
    Document page = camille.get("/products/colis-internes").html();

    assertThat(page.select("[data-testid=request-access] a")).isEmpty();
    assertThat(page.select("[data-testid=request-access]").text())
        .contains("Ce produit reste dans son entité (BSCC)");
    WebClient.Answer form = camille.get("/products/colis-internes/request");
    assertThat(form.status()).isEqualTo(403);
    assertThat(form.html().select("[data-testid=error] .detail").text())
        .isEqualTo(
            "product colis-internes stays in its entity BSCC: consumers of BGPN cannot request it");
    assertThat(as("claire").get("/products/colis-internes/request").status()).isEqualTo(200);
  }

  @Test
  void theRequestFormShowsDefaultMaskingsAndTheApproversBeforeSending() {
    WebClient camille = as("camille");
    Document form = camille.get("/products/abonnes/request").html();

    assertThat(form.select("form#request-form input[name=_csrf]").attr("value"))
        .isEqualTo(camille.csrf())
        .isNotEmpty();
    assertThat(form.select("#masking_email option[selected]").attr("value"))
        .isEqualTo("HASH_KEYED");
    assertThat(form.select("#masking_id option[selected]").attr("value")).isEqualTo("MASK_NONE");
    assertThat(form.select("label[for=column-email]")).hasSize(1);
    assertThat(form.select("[data-testid=committee-problem]").text())
        .isEqualTo("Choisissez au moins une colonne pour voir qui devra approuver.");
    for (var input : form.select("form#request-form input:not([type=hidden]), select, textarea")) {
      assertThat(form.select("label[for=" + input.id() + "]")).as(input.id()).hasSize(1);
    }

    Map<String, String> htmx = Map.of("HX-Request", "true");
    Document withEmail =
        camille
            .send(
                "/products/abonnes/request/committee?columns=id&columns=email"
                    + "&masking_email=HASH_KEYED&purposeCategory=ANALYTICS",
                htmx)
            .html();
    Document emailNulled =
        camille
            .send(
                "/products/abonnes/request/committee?columns=id&columns=email"
                    + "&masking_email=MASK_NULL&purposeCategory=ANALYTICS",
                htmx)
            .html();
    Document sameEntity =
        as("claire")
            .send("/products/abonnes/request/committee?columns=id&purposeCategory=ANALYTICS", htmx)
            .html();

    assertThat(withEmail.select("[data-testid=approvers] li").eachAttr("data-role"))
        .containsExactly("DATA_OWNER", "DPO", "LEGAL");
    assertThat(withEmail.select("[data-testid=approvers] li").eachText())
        .containsExactly("propriétaire de données", "DPO", "juriste");
    assertThat(withEmail.select("header")).as("a partial, not a page").isEmpty();
    assertThat(emailNulled.select("[data-testid=approvers] li").eachAttr("data-role"))
        .containsExactly("DATA_OWNER", "LEGAL");
    assertThat(sameEntity.select("[data-testid=approvers] li").eachAttr("data-role"))
        .containsExactly("DATA_OWNER");
  }

  @Test
  void anInvalidRequestIsShownAgainWithItsErrorAndTheValuesKept() {
    WebClient camille = as("camille");
    camille.get("/products/abonnes/request");
    Map<String, String> form = new LinkedHashMap<>(requestForm(PagesIT.HOSTILE));
    form.remove("columns");

    WebClient.Answer noColumn = camille.post("/products/abonnes/request", form);

    assertThat(noColumn.status()).isEqualTo(400);
    Document page = noColumn.html();
    assertThat(page.select("[data-testid=form-error]").text())
        .isEqualTo("Choisissez au moins une colonne.");
    assertThat(page.select("#purpose").text()).isEqualTo(PagesIT.HOSTILE);
    assertThat(page.select("#usageReferent").attr("value")).isEqualTo("Camille C.");
    assertThat(page.select("#legalBasis option[selected]").attr("value")).isEqualTo("CONTRACT");
    assertThat(page.select("script").eachAttr("src"))
        .allMatch(src -> src.startsWith("/webjars/") || src.startsWith("/assets/"));

    Map<String, String> badScope = new LinkedHashMap<>(requestForm("Mesurer"));
    badScope.put("rowScope", "city = ");
    WebClient.Answer scope = camille.post("/products/abonnes/request", badScope);
    assertThat(scope.status()).isEqualTo(400);
    assertThat(scope.html().select("[data-testid=form-error]").text())
        .startsWith("La demande n'a pas pu être envoyée :");
    assertThat(scope.html().select("#rowScope").attr("value")).isEqualTo("city = ");

    Map<String, String> backwards = new LinkedHashMap<>(requestForm("Mesurer"));
    backwards.put("end", "2020-01-01");
    assertThat(
            camille
                .post("/products/abonnes/request", backwards)
                .html()
                .select("[data-testid=form-error]")
                .text())
        .isEqualTo("La date de fin est avant la date de début.");

    WebClient.Answer forged =
        camille.postRaw("/products/abonnes/request", Map.of("_csrf", "forged", "columns", "id"));
    assertThat(forged.status()).isEqualTo(403);
  }

  @Test
  void fromRequestToGovernedSampleTokensRenewalRevocationAndTimeline() {
    WebClient claire = as("claire");
    claire.get("/products/abonnes/request");
    Map<String, String> form = new LinkedHashMap<>(requestForm("Alerter " + PagesIT.HOSTILE));
    form.put("rowScope", "city = 'Paris'");

    WebClient.Answer sent = claire.post("/products/abonnes/request", form);

    assertThat(sent.status()).isEqualTo(303);
    String contractPath = sent.location().orElseThrow();
    ContractId id = new ContractId(contractPath.substring("/contracts/".length()));
    assertThat(
            comptoir
                .audit()
                .search(
                    new AuditQuery(
                        Optional.empty(), Optional.empty(), Optional.of("contract:" + id), null))
                .stream()
                .map(e -> e.entry().action()))
        .contains("ACCESS_REQUESTED");
    Document requested = claire.get(contractPath).html();
    assertThat(requested.select("[data-testid=contract-status]").text()).isEqualTo("demandé");
    assertThat(requested.select("[data-testid=seats] li").eachAttr("data-role"))
        .containsExactly("DATA_OWNER", "DPO");
    assertThat(requested.select("[data-testid=masking-email]").text())
        .isEqualTo("haché avec clé (HMAC)");
    assertThat(requested.select("[data-testid=row-filter]").text()).isEqualTo("city = 'Paris'");
    assertThat(requested.select("[data-testid=terms]").text()).contains("Alerter <script>");
    assertThat(requested.select("[data-testid=revoke-form]")).as("not for the consumer").isEmpty();

    WebClient olivier = as("olivier");
    Document inbox = olivier.get("/notifications").html();
    assertThat(inbox.select("[data-testid=pending] a").eachAttr("href")).contains(contractPath);

    comptoir
        .contracts()
        .decide(
            id,
            new Decision(ApproverRole.DATA_OWNER, "olivier", Verdict.APPROVED, "ok", now()),
            List.of());
    comptoir
        .contracts()
        .decide(
            id,
            new Decision(ApproverRole.DPO, "denis", Verdict.APPROVED, "masque plus fort", now()),
            List.of(ColumnGrant.of("email", Masking.MASK)));

    WebClient.Answer product = claire.get("/products/abonnes");
    Document sample = product.html();
    assertThat(sample.select("[data-testid=sample]").attr("data-kind")).isEqualTo("CONTRACT");
    assertThat(sample.select("[data-testid=sample-table] tbody tr")).hasSize(1);
    assertThat(sample.select("[data-testid=sample-table] thead th").eachText())
        .containsExactly("email masqué (xxxx)");
    assertThat(sample.select("[data-testid=sample-table] tbody").text()).isEqualTo("xxxx");
    EMAILS.forEach(email -> assertThat(product.body()).doesNotContain(email));
    byte[] key =
        comptoir
            .contracts()
            .activeContractFor(SUBSCRIBERS, "claire", Optional.empty())
            .key()
            .bytes();
    assertNoKey(product.body(), key);

    Document mine = claire.get("/contracts").html();
    var row = mine.select("tr[data-contract=" + id.value() + "]");
    assertThat(row.select("[data-testid=status]").text()).isEqualTo("actif");
    assertThat(row.select("[data-testid=status]").hasClass("ACTIVE")).isTrue();
    assertThat(row.text()).doesNotContain("jamais").contains("Abonnés aux alertes");
    assertThat(mine.select("form[action=/contracts/" + id.value() + "/renew] input[name=_csrf]"))
        .hasSize(1);

    Document timeline = claire.get(contractPath).html();
    assertThat(timeline.select("[data-testid=timeline] li").eachAttr("data-kind"))
        .containsExactly("REQUESTED", "APPROVED", "APPROVED", "MASKING", "READS");
    assertThat(timeline.select("[data-testid=timeline]").text())
        .contains("Approuvé (DPO)", "masque plus fort", "Masquage de email resserré")
        .contains("1 lecture(s), 1 ligne(s) ce jour-là");
    assertNoKey(claire.get(contractPath).body(), key);

    // tokens: the secret once
    WebClient.Answer noName = claire.post("/tokens", Map.of("name", " ", "days", "5"));
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.html().select("[data-testid=form-error]").text())
        .isEqualTo("Donnez un nom au jeton.");
    WebClient.Answer created = claire.post("/tokens", Map.of("name", "notebook <i>", "days", "5"));
    assertThat(created.status()).isEqualTo(201);
    String secret = created.html().select("[data-testid=secret]").attr("value");
    assertThat(secret).startsWith("cpt_");
    assertThat(created.html().select("[data-testid=issued-token] h2").text())
        .isEqualTo("Jeton « notebook <i> » créé");
    assertThat(apiStatus("/api/v1/me", secret)).isEqualTo(200);
    WebClient.Answer later = claire.get("/contracts");
    assertThat(later.body()).doesNotContain(secret);
    assertThat(later.html().select("[data-testid=issued-token]")).isEmpty();
    String tokenId = later.html().select("tr[data-token]").first().attr("data-token");
    assertThat(as("camille").post("/tokens/" + tokenId + "/revoke", Map.of()).status())
        .isEqualTo(403);
    assertThat(claire.post("/tokens/" + tokenId + "/revoke", Map.of()).status()).isEqualTo(303);
    assertThat(apiStatus("/api/v1/me", secret)).isEqualTo(401);
    assertThat(
            claire.get("/contracts").html().select("tr[data-token=" + tokenId + "] .status").text())
        .isEqualTo("révoqué");

    // renewal
    String renewPath = "/contracts/" + id.value() + "/renew";
    claire.get("/contracts");
    WebClient.Answer tooLong =
        claire.post(renewPath, Map.of("start", "2026-01-01", "end", "2036-01-01"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.html().select("[data-testid=form-error]").text())
        .startsWith("Le renouvellement n'a pas pu être demandé :");
    assertThat(as("camille").post(renewPath, Map.of("start", "x", "end", "y")).status())
        .isEqualTo(403);
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    WebClient.Answer renewed =
        claire.post(
            renewPath, Map.of("start", today.toString(), "end", today.plusMonths(3).toString()));
    assertThat(renewed.status()).isEqualTo(303);
    Document renewal = claire.get(renewed.location().orElseThrow()).html();
    assertThat(renewal.select("[data-kind=RENEWS] a").attr("href")).isEqualTo(contractPath);
    assertThat(claire.get(contractPath).html().select("[data-kind=RENEWED] a").attr("href"))
        .isEqualTo(renewed.location().orElseThrow());

    // revocation by the owner
    Document governed = olivier.get(contractPath).html();
    assertThat(governed.select("[data-testid=revoke-form] input[name=_csrf]")).hasSize(1);
    assertThat(claire.post(contractPath + "/revoke", Map.of("reason", "x")).status())
        .isEqualTo(403);
    WebClient.Answer noReason = olivier.post(contractPath + "/revoke", Map.of("reason", "  "));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.html().select("[data-testid=form-error]").text())
        .isEqualTo("Indiquez le motif de la révocation.");
    assertThat(olivier.post(contractPath + "/revoke", Map.of("reason", "fin du projet")).status())
        .isEqualTo(303);
    Document revoked = claire.get(contractPath).html();
    assertThat(revoked.select("[data-testid=contract-status]").text()).isEqualTo("révoqué");
    assertThat(revoked.select("[data-kind=REVOKED]").text()).contains("fin du projet", "olivier");
    assertThat(
            claire.get("/products/abonnes").html().select("[data-testid=sample]").attr("data-kind"))
        .isEqualTo("MASKED");
  }

  @Test
  void notificationsListContractsExpiringSoonAndSayWhenThereIsNothing() {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    Fixtures.user(comptoir, "marc", "BSCC", Role.CONSUMER);
    UsageContract request =
        comptoir
            .contracts()
            .request(
                new io.comptoir.contract.AccessRequestForm(
                    Fixtures.PARCELS,
                    new io.comptoir.contract.Consumer("marc", Optional.empty(), "BSCC"),
                    new io.comptoir.contract.Purpose(
                        "suivi",
                        io.comptoir.contract.PurposeCategory.OPERATIONS,
                        io.comptoir.contract.LegalBasis.CONTRACT,
                        "",
                        "marc"),
                    List.of("id"),
                    Map.of(),
                    "",
                    new io.comptoir.contract.ContractTerms(
                        today, today.plusDays(10), java.time.Period.ofMonths(1)),
                    Optional.empty()));
    comptoir
        .contracts()
        .decide(
            request.id(),
            new Decision(ApproverRole.DATA_OWNER, "olivier", Verdict.APPROVED, "", now()),
            List.of());

    Document page = as("marc").get("/notifications").html();

    assertThat(page.select("[data-testid=expiring] a").attr("href"))
        .isEqualTo("/contracts/" + request.id().value());
    assertThat(page.select("[data-testid=notifications-count]").text()).isEqualTo("1");
    assertThat(
            as("lea").get("/notifications").html().select("[data-testid=no-notifications]").text())
        .isEqualTo("Rien à faire pour l'instant.");
  }

  @Test
  void pagesSpeakEnglishWhenAsked() {
    WebClient claire = as("claire");
    claire.get("/lang/en?next=/");

    Document product = claire.get("/products/abonnes").html();
    Document form = claire.get("/products/abonnes/request").html();

    assertThat(product.select("html").attr("lang")).isEqualTo("en");
    assertThat(product.select("[data-testid=request-access] a").text()).isEqualTo("Request access");
    assertThat(form.select("#masking_email option[selected]").text())
        .isEqualTo("keyed hash (HMAC)");
    assertThat(claire.get("/contracts").html().select("h1").text()).isEqualTo("My contracts");
  }

  private static void assertNoKey(String body, byte[] key) {
    assertThat(body)
        .doesNotContain(HexFormat.of().formatHex(key))
        .doesNotContain(Base64.getEncoder().encodeToString(key))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
  }

  private static Map<String, String> requestForm(String purpose) {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("columns", "email");
    form.put("purpose", purpose);
    form.put("purposeCategory", "OPERATIONS");
    form.put("legalBasis", "CONTRACT");
    form.put("businessValue", "moins de colis perdus");
    form.put("usageReferent", "Camille C.");
    form.put("start", today.toString());
    form.put("end", today.plusMonths(6).toString());
    form.put("reviewPeriod", "P3M");
    form.put("rowScope", "");
    return form;
  }

  private java.time.Instant now() {
    return comptoir.catalog().clock().instant();
  }

  private int apiStatus(String path, String token) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(server.url() + path))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
