package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.api.ApiServer;
import io.comptoir.audit.AuditEvent;
import io.comptoir.audit.AuditQuery;
import io.comptoir.contract.AccessRequestForm;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.Consumer;
import io.comptoir.contract.ContractStatus;
import io.comptoir.contract.ContractTerms;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.LegalBasis;
import io.comptoir.contract.Masking;
import io.comptoir.contract.Purpose;
import io.comptoir.contract.PurposeCategory;
import io.comptoir.contract.UsageContract;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approvals inbox, upload and run pages, data office dashboard and administration over real
 * HTTP without a browser: content, forms with their CSRF token, errors, escaping and no secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernancePagesIT {
  static final String HOSTILE = PagesIT.HOSTILE;
  static final long MAX_UPLOAD = 4096;

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;

  @BeforeAll
  void start() {
    comptoir =
        Comptoir.open(
            Fixtures.configuration(
                dataDirectory, Map.of("ingest-max-upload-bytes", Long.toString(MAX_UPLOAD))));
    Fixtures.seed(comptoir.catalog());
    Fixtures.user(comptoir, "camille", "BGPN", Role.CONSUMER);
    Fixtures.user(comptoir, "olivier", "BSCC", Role.DATA_OWNER);
    Fixtures.user(comptoir, "sophie", "BSCC", Role.DATA_STEWARD);
    Fixtures.user(comptoir, "denis", "LBP", Role.DPO);
    Fixtures.user(comptoir, "dora", "BSCC", Role.DATA_OFFICE);
    Fixtures.user(comptoir, "ada", "BSCC", Role.ADMIN);
    server = comptoir.startHttp();
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

  private WebClient login(String username) {
    return new WebClient(server.url()).login(username, Fixtures.PASSWORD);
  }

  /** A request of camille (BGPN) for colis-suivi, the destination in clear, id hashed. */
  private UsageContract request(String purpose) {
    LocalDate today = comptoir.consumption().today();
    return comptoir
        .contracts()
        .request(
            new AccessRequestForm(
                Fixtures.PARCELS,
                new Consumer("camille", Optional.empty(), "BGPN"),
                new Purpose(
                    purpose,
                    PurposeCategory.ANALYTICS,
                    LegalBasis.LEGITIMATE_INTERESTS,
                    "Tournées plus courtes " + HOSTILE,
                    "camille"),
                List.of("id", "destination", "weight"),
                Map.of("destination", Masking.MASK_NONE, "id", Masking.HASH_KEYED),
                "weight > 1",
                new ContractTerms(today, today.plusMonths(6), Period.ofMonths(6)),
                Optional.empty()));
  }

  private static Element card(Document page, UsageContract request) {
    return page.selectFirst("[data-testid=request][data-contract=" + request.id().value() + "]");
  }

  private List<AuditEvent> audit(String action, String target) {
    return comptoir
        .audit()
        .search(new AuditQuery(Optional.empty(), Optional.of(action), Optional.of(target), null));
  }

  // approvals

  @Test
  void showsTheOwnerEverythingNeededToDecide() {
    UsageContract request = request("Optimiser les tournées " + HOSTILE);
    WebClient owner = login("olivier");

    WebClient.Answer answer = owner.get("/approvals");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).doesNotContain("<script>window.pwned");
    Element card = card(answer.html(), request);
    assertThat(card).isNotNull();
    assertThat(card.select("h2 a").attr("href")).isEqualTo("/products/colis-suivi");
    assertThat(card.select("h2 a").text()).isEqualTo("Suivi des colis");
    assertThat(card.select("[data-testid=contract-link]").attr("href"))
        .isEqualTo("/contracts/" + request.id().value());
    assertThat(card.select("[data-testid=consumer]").text()).isEqualTo("camille");
    assertThat(card.select("[data-testid=entities]").text())
        .isEqualTo("demandeur BGPN, produit BSCC partage entre entités");
    assertThat(card.select("[data-testid=purpose]").text())
        .isEqualTo("Optimiser les tournées " + HOSTILE);
    assertThat(card.select("[data-testid=legal-basis]").text()).isEqualTo("intérêt légitime");
    assertThat(card.select("[data-testid=row-scope]").text()).isEqualTo("weight > 1");
    assertThat(card.text())
        .contains("Tournées plus courtes " + HOSTILE)
        .contains("6 mois")
        .contains("analyse");
    assertThat(card.select("[data-testid=columns] tbody tr").eachText())
        .containsExactly(
            "id non haché avec clé (HMAC)",
            "destination quasi-identifiant en clair",
            "weight non en clair");
    assertThat(card.select("[data-testid=committee] li").eachText())
        .containsExactly(
            "propriétaire de données : en attente", "DPO : en attente", "juriste : en attente");
    assertThat(card.select("form[data-testid=decide-DATA_OWNER]")).hasSize(1);
    assertThat(card.select("form[data-testid=decide-DPO]")).isEmpty();
    assertThat(card.select("form input[name=_csrf]").attr("value")).isEqualTo(owner.csrf());
    assertThat(card.select("select")).as("only the DPO changes maskings").isEmpty();
    assertThat(answer.html().select("form label[for]"))
        .allSatisfy(
            label ->
                assertThat(answer.html().getElementById(label.attr("for")))
                    .as(label.attr("for"))
                    .isNotNull());
  }

  @Test
  void showsAReaderInNoCommitteeAnEmptyInbox() {
    request("Une demande que camille ne peut pas décider");

    Document page = login("camille").get("/approvals").html();

    assertThat(page.select("[data-testid=no-seat]").text())
        .isEqualTo(
            "Vous ne siégez dans aucun comité d'approbation : aucune demande ne vous attend.");
    assertThat(page.select("[data-testid=request]")).isEmpty();
    assertThat(page.select("[data-testid=inbox-empty]")).hasSize(1);
  }

  @Test
  void refusesARejectionWithoutAReasonInThePage() {
    UsageContract request = request("Rejet sans raison");
    WebClient owner = login("olivier");
    owner.get("/approvals");

    WebClient.Answer answer =
        owner.post(
            "/approvals/" + request.id().value(),
            Map.of("role", "DATA_OWNER", "verdict", "REJECTED", "comment", "  "));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(card(answer.html(), request).select("[data-testid=decision-error]").text())
        .isEqualTo("Un refus doit être motivé : écrivez la raison dans le commentaire.");
    assertThat(comptoir.contracts().load(request.id()).decisions()).isEmpty();
  }

  @Test
  void rejectsWithAReasonAndTheRequestLeavesTheInbox() {
    UsageContract request = request("Rejet motivé");
    WebClient owner = login("olivier");
    owner.get("/approvals");

    WebClient.Answer answer =
        owner.post(
            "/approvals/" + request.id().value(),
            Map.of("role", "DATA_OWNER", "verdict", "REJECTED", "comment", "Pas de besoin"));

    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.location().orElseThrow())
        .isEqualTo("/approvals?decided=" + request.id().value() + "&verdict=REJECTED");
    Document inbox = owner.get(answer.location().orElseThrow()).html();
    assertThat(inbox.select("[data-testid=decided]").text())
        .isEqualTo("Votre refus de la demande " + request.id().value() + " est enregistré.");
    assertThat(card(inbox, request)).isNull();
    assertThat(comptoir.contracts().load(request.id()).status()).isEqualTo(ContractStatus.REJECTED);
    assertThat(audit("REQUEST_REJECTED", "contract:" + request.id()))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.entry().actor()).isEqualTo("olivier");
              assertThat(event.entry().details())
                  .containsEntry("comment", "Pas de besoin")
                  .containsEntry("role", "DATA_OWNER")
                  .containsEntry("status", "REJECTED");
            });
  }

  @Test
  void letsTheDpoTightenButNotLoosenAMasking() {
    UsageContract request = request("Masquages");
    WebClient dpo = login("denis");
    Document inbox = dpo.get("/approvals").html();
    Element form = card(inbox, request).selectFirst("form[data-testid=decide-DPO]");
    assertThat(form).isNotNull();
    assertThat(form.select("select[name=masking.destination] option[selected]").val())
        .isEqualTo("MASK_NONE");
    assertThat(form.select("select[name=masking.id] option").eachAttr("value"))
        .as("only maskings that apply to an integer")
        .doesNotContain("MASK_SHOW_LAST_4", "MASK_DATE_SHOW_YEAR");

    WebClient.Answer loosen =
        dpo.post(
            "/approvals/" + request.id().value(),
            Map.of("role", "DPO", "verdict", "APPROVED", "comment", "", "masking.id", "MASK_NONE"));

    assertThat(loosen.status()).isEqualTo(400);
    assertThat(card(loosen.html(), request).select("[data-testid=decision-error]").text())
        .isEqualTo(
            "La décision n'a pas été enregistrée : the DPO can only tighten a masking: MASK_NONE"
                + " on column 'id' is looser than HASH_KEYED");

    WebClient.Answer tighten =
        dpo.post(
            "/approvals/" + request.id().value(),
            Map.of(
                "role",
                "DPO",
                "verdict",
                "APPROVED",
                "comment",
                "Code postal généralisé",
                "masking.id",
                "HASH_KEYED",
                "masking.destination",
                "GENERALIZE"));

    assertThat(tighten.status()).isEqualTo(303);
    UsageContract decided = comptoir.contracts().load(request.id());
    assertThat(decided.grant("destination").orElseThrow().masking()).isEqualTo(Masking.GENERALIZE);
    assertThat(decided.grant("id").orElseThrow().masking()).isEqualTo(Masking.HASH_KEYED);
    assertThat(decided.pendingApprovers())
        .containsExactly(ApproverRole.DATA_OWNER, ApproverRole.LEGAL);
    assertThat(audit("MASKING_TIGHTENED", "contract:" + request.id()))
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.entry().details())
                    .containsEntry("column", "destination")
                    .containsEntry("before", "MASK_NONE")
                    .containsEntry("after", "GENERALIZE"));
    assertThat(card(dpo.get("/approvals").html(), request)).isNull();
    Element forOwner = card(login("olivier").get("/approvals").html(), request);
    assertThat(forOwner.select("[data-testid=committee] li[data-role=DPO]").text())
        .startsWith("DPO : approuvé par denis le")
        .endsWith("Code postal généralisé");
    assertThat(forOwner.select("[data-testid=masking-changes] li").text())
        .isEqualTo(
            "Colonne destination : masquage durci de « en clair » à « généralisé » par denis");
  }

  @Test
  void refusesToDecideInARoleTheReaderDoesNotHold() {
    UsageContract request = request("Rôle usurpé");
    WebClient owner = login("olivier");
    owner.get("/approvals");

    WebClient.Answer answer =
        owner.post(
            "/approvals/" + request.id().value(),
            Map.of("role", "DPO", "verdict", "APPROVED", "comment", ""));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.html().select("[data-testid=error] .detail").text())
        .isEqualTo("olivier may not decide as DPO on product colis-suivi: needs DPO");
  }

  // uploads

  /** A multipart POST from a signed-in session, with the CSRF token as a form field. */
  private WebClient.Answer upload(
      String username, String path, String filename, byte[] content, Map<String, String> fields) {
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    try {
      String loginPage = send(http, HttpRequest.newBuilder(uri("/login")).GET()).body();
      String token = Jsoup.parse(loginPage).select("meta[name=csrf-token]").attr("content");
      String form =
          Map.of("_csrf", token, "username", username, "password", Fixtures.PASSWORD, "next", "/")
              .entrySet()
              .stream()
              .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      send(
          http,
          HttpRequest.newBuilder(uri("/login"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)));
      String formPage = send(http, HttpRequest.newBuilder(uri(path)).GET()).body();
      String csrf = Jsoup.parse(formPage).select("form[enctype] input[name=_csrf]").attr("value");
      Map<String, String> all = new LinkedHashMap<>();
      if (!fields.containsKey("_csrf")) {
        all.put("_csrf", csrf);
      }
      all.putAll(fields);
      String boundary = "----comptoir" + UUID.randomUUID();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (Map.Entry<String, String> field : all.entrySet()) {
        body.writeBytes(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + field.getKey()
                    + "\"\r\n\r\n"
                    + field.getValue()
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      if (content != null) {
        body.writeBytes(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + filename
                    + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> response =
          send(
              http,
              HttpRequest.newBuilder(uri(path))
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
      return new WebClient.Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Location"),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create(server.url() + path);
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Parcels with a bad weight on line 3 and a hostile one on line 5. */
  static final String BAD_PARCELS =
      """
      id;destination;weight;shipped
      11;75001;1.50;2024-01-02
      12;13001;abc;2024-01-03
      13;69001;0.80;2024-01-04
      14;33000;<script>window.pwned=1</script>;2024-01-05
      15;59000;2.00;2024-01-06
      """;

  @Test
  void listsTheProductsTheReaderMayLoad() {
    Document owner = login("olivier").get("/uploads").html();
    Document consumer = login("camille").get("/uploads").html();

    assertThat(owner.select("[data-testid=loadable] tbody tr").eachAttr("data-product"))
        .containsExactly("colis-suivi");
    assertThat(owner.select("[data-testid=loadable] a.button").attr("href"))
        .isEqualTo("/products/colis-suivi/upload");
    assertThat(consumer.select("[data-testid=no-products]")).hasSize(1);
  }

  @Test
  void uploadsACsvWithBadRowsAndShowsTheReconciliationAndQuarantine() {
    WebClient.Answer answer =
        upload(
            "olivier",
            "/products/colis-suivi/upload",
            "colis.csv",
            BAD_PARCELS.getBytes(StandardCharsets.UTF_8),
            Map.of(
                "format",
                "",
                "delimiter",
                ";",
                "mode",
                "APPEND",
                "header",
                "true",
                "rejectPercent",
                "50"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(303);
    String runPath = answer.location().orElseThrow();
    assertThat(runPath).startsWith("/runs/");
    WebClient owner = login("olivier");
    WebClient.Answer run = owner.get(runPath);
    assertThat(run.status()).isEqualTo(200);
    assertThat(run.body()).doesNotContain("<script>window.pwned");
    Document page = run.html();
    assertThat(page.select("[data-testid=run-status]").text()).isEqualTo("réussie");
    assertThat(page.select("[data-testid=reconciliation]").text())
        .isEqualTo("5 ligne(s) lue(s) = 3 acceptée(s) + 2 en quarantaine réconcilié");
    assertThat(page.select("[data-testid=rows-read]").text()).isEqualTo("5");
    assertThat(page.select("[data-testid=rows-accepted]").text()).isEqualTo("3");
    assertThat(page.select("[data-testid=rows-quarantined]").text()).isEqualTo("2");
    List<Element> rows = page.select("[data-testid=quarantine] tbody tr");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).select("td").get(0).text()).isEqualTo("3");
    assertThat(rows.get(0).select("td").get(1).text()).isEqualTo("weight");
    assertThat(rows.get(0).select("td").get(4).text()).isEqualTo("12;13001;abc;2024-01-03");
    assertThat(rows.get(1).select("td").get(4).text())
        .isEqualTo("14;33000;<script>window.pwned=1</script>;2024-01-05");
    assertThat(rows.get(0).select("td").get(3).text()).isNotEmpty();

    Document steward = login("sophie").get(runPath).html();
    assertThat(steward.select("[data-testid=quarantine] tbody tr")).hasSize(2);
    Document consumer = login("camille").get(runPath).html();
    assertThat(consumer.select("[data-testid=reconciliation]").text()).startsWith("5 ligne(s)");
    assertThat(consumer.select("[data-testid=quarantine]")).isEmpty();
    assertThat(consumer.select("[data-testid=quarantine-hidden]")).hasSize(1);
  }

  @Test
  void offersEveryWriteModeAndMergesByTheKeysTyped() {
    Document form = login("olivier").get("/products/colis-suivi/upload").html();
    assertThat(form.select("#mode option").eachAttr("value"))
        .containsExactly("OVERWRITE", "APPEND", "MERGE", "SCD2");
    assertThat(form.select("#mode option").eachText())
        .containsExactly(
            "remplacer les données",
            "ajouter aux données",
            "fusionner par clé (upsert)",
            "historiser par clé (scd2)");
    assertThat(form.select("label[for=keys]").text())
        .isEqualTo("Colonnes clés (fusion, historisation)");
    assertThat(form.select("#keys-help").text()).contains("id, destination, weight, shipped");

    String first =
        "id;destination;weight;shipped\n9021;75001;1.00;2024-01-02\n9022;13001;2.00;2024-01-03\n";
    WebClient.Answer loaded =
        upload(
            "olivier",
            "/products/colis-suivi/upload",
            "v1.csv",
            first.getBytes(StandardCharsets.UTF_8),
            Map.of("header", "true", "mode", "MERGE", "keys", "id"));
    assertThat(loaded.status()).as(loaded.body()).isEqualTo(303);
    long rowsAfterFirst =
        comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow().rowCount();

    WebClient.Answer noKeys =
        upload(
            "olivier",
            "/products/colis-suivi/upload",
            "v2.csv",
            "id;destination;weight;shipped\n9022;59000;9.00;2024-02-01\n"
                .getBytes(StandardCharsets.UTF_8),
            Map.of("header", "true", "mode", "SCD2", "keys", ""));
    assertThat(noKeys.status()).as(noKeys.body()).isEqualTo(400);
    Document refused = Jsoup.parse(noKeys.body());
    assertThat(refused.select("[data-testid=upload-error]").text()).contains("needs keys");
    assertThat(refused.select("#mode option[selected]").val()).isEqualTo("SCD2");

    WebClient.Answer merged =
        upload(
            "olivier",
            "/products/colis-suivi/upload",
            "v2.csv",
            "id;destination;weight;shipped\n9022;59000;9.00;2024-02-01\n"
                .getBytes(StandardCharsets.UTF_8),
            Map.of("header", "true", "mode", "MERGE", "keys", "id"));
    assertThat(merged.status()).as(merged.body()).isEqualTo(303);
    Document run = login("olivier").get(merged.location().orElseThrow()).html();
    assertThat(run.select("[data-testid=run-status]").text()).isEqualTo("réussie");
    io.comptoir.ingest.Version latest =
        comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow();
    assertThat(latest.mode()).isEqualTo(io.comptoir.ingest.WriteMode.MERGE);
    assertThat(latest.rowCount()).as("9022 replaced, not added").isEqualTo(rowsAfterFirst);
  }

  @Test
  void pagesTheQuarantinedRows() {
    StringBuilder csv = new StringBuilder("id;destination;weight;shipped\n");
    for (int i = 0; i < 60; i++) {
      csv.append(100 + i).append(";75001;1.00;2024-03-01\n");
      csv.append(200 + i).append(";75001;bad").append(i).append(";2024-03-01\n");
    }
    WebClient.Answer answer =
        upload(
            "olivier",
            "/products/colis-suivi/upload",
            "pages.csv",
            csv.toString().getBytes(StandardCharsets.UTF_8),
            Map.of("header", "true", "mode", "APPEND", "rejectPercent", "60"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(303);
    WebClient owner = login("olivier");

    Document first = owner.get(answer.location().orElseThrow()).html();
    Document second = owner.get(first.select("a[rel=next]").attr("href")).html();

    assertThat(first.select("[data-testid=quarantine] tbody tr")).hasSize(50);
    assertThat(first.select("a[rel=prev]")).isEmpty();
    assertThat(second.select("[data-testid=quarantine] tbody tr")).hasSize(10);
    assertThat(second.select("[data-testid=quarantine] tbody tr td:eq(0)").eachText())
        .startsWith("103", "105");
    assertThat(second.text()).contains("Lignes 51 à 60 sur 60");
    assertThat(second.select("a[rel=next]")).isEmpty();
  }

  @Test
  void speaksEnglishWhenAsked() {
    WebClient owner = login("olivier");
    owner.get("/lang/en?next=/");

    assertThat(owner.get("/approvals").html().select("h1").text()).isEqualTo("Approvals");
    assertThat(owner.get("/uploads").html().select("h1").text()).isEqualTo("Uploads");
    assertThat(owner.get("/products/colis-suivi/upload").html().select("label[for=file]").text())
        .isEqualTo("File");
  }

  @Test
  void showsTheIngestionErrorOfABadFileInTheForm() {
    WebClient.Answer answer =
        upload(
            "olivier",
            "/products/colis-suivi/upload",
            "trop-de-rejets.csv",
            BAD_PARCELS.replace("1.50", "x").getBytes(StandardCharsets.UTF_8),
            Map.of("header", "true", "rejectPercent", "10"));

    assertThat(answer.status()).isEqualTo(400);
    Document page = Jsoup.parse(answer.body());
    assertThat(page.select("[data-testid=upload-error]").text())
        .startsWith("Le fichier a été refusé : trop-de-rejets.csv: 3 of 5 rows rejected")
        .contains("above the tolerated 10.00%");
    assertThat(page.select("[data-testid=failed-run]").attr("href")).startsWith("/runs/");
    assertThat(page.select("#rejectPercent").val()).isEqualTo("10");
  }

  @Test
  void refusesAFileLargerThanTheLimit() {
    byte[] large =
        ("id;destination;weight;shipped\n" + "1;75001;1.50;2024-01-02\n".repeat(300))
            .getBytes(StandardCharsets.UTF_8);
    assertThat(large.length).isGreaterThan((int) MAX_UPLOAD);

    WebClient.Answer answer =
        upload("olivier", "/products/colis-suivi/upload", "grand.csv", large, Map.of());

    assertThat(answer.status()).isEqualTo(413);
    assertThat(Jsoup.parse(answer.body()).select("[data-testid=upload-error]").text())
        .isEqualTo("Le fichier dépasse la taille maximale de 4,0 KiB.");
  }

  @Test
  void refusesABodyFarAboveTheLimitBeforeReadingIt() throws java.io.IOException {
    byte[] huge = new byte[(int) MAX_UPLOAD + 200 * 1024];
    java.util.Arrays.fill(huge, (byte) 'x');

    WebClient.Answer answer =
        upload("olivier", "/products/colis-suivi/upload", "enorme.csv", huge, Map.of());

    assertThat(answer.status()).isEqualTo(413);
    assertThat(Jsoup.parse(answer.body()).select(".detail").text())
        .contains("more than the")
        .contains("allowed");
    try (java.util.stream.Stream<java.nio.file.Path> spooled =
        java.nio.file.Files.list(dataDirectory.resolve("uploads"))) {
      assertThat(spooled).as("nothing written for the refused body").isEmpty();
    }
  }

  @Test
  void refusesAnUploadWithoutFileOrWithoutTheFormToken() {
    WebClient.Answer noFile =
        upload("olivier", "/products/colis-suivi/upload", "", null, Map.of("format", "csv"));
    WebClient.Answer forged =
        upload(
            "olivier",
            "/products/colis-suivi/upload",
            "colis.csv",
            Fixtures.MORE_PARCELS_CSV.getBytes(StandardCharsets.UTF_8),
            Map.of("_csrf", "forged"));
    WebClient steward = login("sophie");
    WebClient.Answer notOwner = steward.get("/products/colis-suivi/upload");

    assertThat(noFile.status()).isEqualTo(400);
    assertThat(Jsoup.parse(noFile.body()).select("[data-testid=upload-error]").text())
        .isEqualTo("Choisissez un fichier à charger.");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.body()).contains("reload the page");
    assertThat(notOwner.status()).isEqualTo(403);
    assertThat(notOwner.html().select("[data-testid=error] .detail").text())
        .startsWith("sophie may not load data into product colis-suivi: needs DATA_OWNER");
  }

  // dashboard

  @Test
  void showsTheDataOfficeTheConsumptionAndContracts() {
    UsageContract read = request("Lu hier");
    comptoir
        .consumption()
        .record(
            read.id(), Fixtures.PARCELS, "camille", Optional.empty(), new ExportSummary(42, 1000));

    WebClient.Answer answer = login("dora").get("/dashboard?days=7");

    assertThat(answer.status()).isEqualTo(200);
    Document page = answer.html();
    String chart = page.select("[data-testid=consumption-chart]").attr("data-chart");
    assertThat(chart).startsWith("{\"kind\":\"line\"").contains("\"label\":\"Lectures\"");
    assertThat(page.select("[data-testid=consumption-chart]").attr("aria-label"))
        .startsWith("Courbe des lectures par jour : 1 lecture(s)");
    assertThat(page.select("[data-testid=consumption-table] tbody tr")).hasSize(30);
    assertThat(page.select("[data-testid=products-by-reads] tbody tr").eachText())
        .containsExactly("Suivi des colis 1 42");
    assertThat(page.select("[data-testid=by-status] tr[data-status=REQUESTED] td").text())
        .isNotEqualTo("0");
    assertThat(page.select("[data-testid=pending] tbody tr").eachText())
        .anySatisfy(row -> assertThat(row).startsWith(read.id().value()));
    assertThat(page.select("#days option[selected]").val()).isEqualTo("7");
    assertThat(page.select("[data-testid=scores] tbody tr").eachAttr("data-product"))
        .contains("colis-suivi");
  }

  @Test
  void keepsTheDashboardForTheDataOfficeAndAdministrators() {
    assertThat(login("camille").get("/dashboard").status()).isEqualTo(403);
    assertThat(login("olivier").get("/dashboard").status()).isEqualTo(403);
    assertThat(login("ada").get("/dashboard").status()).isEqualTo(200);
    WebClient.Answer badDays = login("dora").get("/dashboard?days=99999");
    assertThat(badDays.status()).isEqualTo(400);
    assertThat(badDays.html().select(".detail").text())
        .isEqualTo("query parameter 'days' must be between 1 and 3650, got 99999");
  }

  // administration

  @Test
  void createsAUserWhoCanLogInAndAuditsIt() {
    WebClient admin = login("ada");
    Document form = admin.get("/admin/users/form").html();
    assertThat(form.select("form[data-testid=user-form] input[name=_csrf]").val())
        .isEqualTo(admin.csrf());
    assertThat(form.select("input[type=checkbox][name=roles]").eachAttr("value"))
        .containsExactly(
            "CONSUMER", "DATA_OWNER", "DATA_STEWARD", "DPO", "LEGAL", "DATA_OFFICE", "ADMIN");

    WebClient.Answer created =
        admin.postRaw(
            "/admin/users",
            Map.of(
                "_csrf", admin.csrf(),
                "mode", "create",
                "username", "nina",
                "displayName", "Nina " + HOSTILE,
                "email", "nina@example.org",
                "entity", "LBP",
                "roles", "LEGAL",
                "status", "ACTIVE",
                "password", "nina-password-1"));

    assertThat(created.status()).as(created.body()).isEqualTo(303);
    WebClient.Answer list = admin.get(created.location().orElseThrow());
    assertThat(list.body()).doesNotContain("<script>window.pwned");
    Element row = list.html().selectFirst("[data-testid=users] tr[data-user=nina]");
    assertThat(row.text())
        .isEqualTo("nina Nina " + HOSTILE + " nina@example.org LBP juriste actif");
    assertThat(list.html().select("[data-testid=saved]").text())
        .isEqualTo("Enregistré : user:nina");
    assertThat(new WebClient(server.url()).login("nina", "nina-password-1").get("/").status())
        .isEqualTo(200);
    assertThat(audit("USER_SAVED", "user:nina"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.entry().actor()).isEqualTo("ada");
              assertThat(event.entry().details())
                  .containsEntry("entity", "LBP")
                  .containsEntry("roles", "[LEGAL]")
                  .containsEntry("passwordChanged", "true");
            });
  }

  @Test
  void editsRolesAndStatusKeepingThePassword() {
    Fixtures.user(comptoir, "paul", "BSCC", Role.CONSUMER);
    WebClient admin = login("ada");
    Document form = admin.get("/admin/users/form?username=paul").html();
    assertThat(form.selectFirst("#username").hasAttr("readonly")).isTrue();
    assertThat(form.select("input[name=roles][checked]").eachAttr("value"))
        .containsExactly("CONSUMER");
    assertThat(form.select("#password").val()).isEmpty();

    WebClient.Answer saved =
        admin.post(
            "/admin/users",
            Map.of(
                "mode", "edit",
                "username", "paul",
                "displayName", "Paul",
                "entity", "BSCC",
                "roles", "DATA_STEWARD",
                "status", "DISABLED",
                "password", ""));

    assertThat(saved.status()).isEqualTo(303);
    User paul = comptoir.identities().loadUser(Username.of("paul"));
    assertThat(paul.roles()).containsExactly(Role.DATA_STEWARD);
    assertThat(paul.status()).isEqualTo(AccountStatus.DISABLED);
    assertThat(audit("USER_SAVED", "user:paul").get(0).entry().details())
        .containsEntry("passwordChanged", "false");
  }

  @Test
  void showsUserFormErrorsInThePage() {
    WebClient admin = login("ada");
    admin.get("/admin/users/form");

    WebClient.Answer exists =
        admin.post(
            "/admin/users",
            Map.of(
                "mode", "create",
                "username", "olivier",
                "displayName", "Autre",
                "entity", "BSCC",
                "password", "long-enough-1"));
    WebClient.Answer shortPassword =
        admin.post(
            "/admin/users",
            Map.of(
                "mode", "create",
                "username", "zoe",
                "displayName", "Zoé",
                "entity", "BSCC",
                "password", "court"));
    WebClient.Answer badName =
        admin.post(
            "/admin/users",
            Map.of(
                "mode",
                "create",
                "username",
                "Zoé Martin",
                "displayName",
                "Zoé",
                "entity",
                "BSCC",
                "password",
                "long-enough-1"));

    assertThat(exists.status()).isEqualTo(409);
    assertThat(exists.html().select("[data-testid=form-error]").text())
        .isEqualTo("L'utilisateur olivier existe déjà : modifiez-le depuis la liste.");
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.html().select("[data-testid=form-error]").text())
        .isEqualTo("password must be at least 8 characters");
    assertThat(shortPassword.html().select("#displayName").val()).isEqualTo("Zoé");
    assertThat(shortPassword.html().select("#password").val()).isEmpty();
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.html().select("[data-testid=form-error]").text()).contains("Zoé Martin");
    assertThat(comptoir.identities().findUser(Username.of("zoe"))).isEmpty();
  }

  @Test
  void createsEntitiesAndApplicationsAndAuditsApplications() {
    WebClient admin = login("ada");
    admin.get("/admin/entities/form");

    WebClient.Answer entity =
        admin.post(
            "/admin/entities",
            Map.of(
                "mode", "create", "code", "CNP", "name", "CNP Assurances", "description", HOSTILE));
    WebClient.Answer application =
        admin.post(
            "/admin/applications",
            Map.of(
                "mode", "create",
                "id", "tableau-colis",
                "name", "Tableau colis",
                "owner", "olivier",
                "entity", "",
                "status", "ACTIVE"));
    WebClient.Answer noOwner =
        admin.post(
            "/admin/applications",
            Map.of("mode", "create", "id", "orpheline", "name", "Sans propriétaire", "owner", ""));

    assertThat(entity.status()).isEqualTo(303);
    assertThat(application.status()).isEqualTo(303);
    Document overview = admin.get("/admin").html();
    assertThat(overview.select("[data-testid=entities] tr[data-entity=CNP]").text())
        .isEqualTo("CNP CNP Assurances " + HOSTILE);
    assertThat(
            overview.select("[data-testid=applications] tr[data-application=tableau-colis]").text())
        .isEqualTo("tableau-colis Tableau colis olivier BSCC actif");
    assertThat(audit("APPLICATION_SAVED", "application:tableau-colis").get(0).entry().details())
        .containsEntry("owner", "olivier")
        .containsEntry("entity", "BSCC");
    assertThat(noOwner.status()).isEqualTo(400);
    assertThat(noOwner.html().select("[data-testid=form-error]").text())
        .isEqualTo("owner is required");
  }

  @Test
  void showsNoSecretInTheAdministrationPages() {
    String token = Fixtures.token(comptoir, "tom", "BSCC", Role.CONSUMER);
    WebClient admin = login("ada");

    for (String path :
        List.of("/admin", "/admin/users/form?username=tom", "/admin/users/form?username=ada")) {
      String body = admin.get(path).body();
      assertThat(body)
          .as(path)
          .doesNotContain(token)
          .doesNotContain("cpt_")
          .doesNotContain("$2a$")
          .doesNotContain("$2b$")
          .doesNotContain("$2y$")
          .doesNotContain(Fixtures.PASSWORD);
    }
  }
}
