package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.audit.AuditEvent;
import io.comptoir.audit.AuditQuery;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.MetadataChanges;
import io.comptoir.glossary.GlossaryFacts.TermStatus;
import io.comptoir.glossary.GlossaryService.TermInput;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import io.comptoir.score.Certification;
import io.comptoir.score.CertificationStatus;
import io.comptoir.score.Criterion;
import io.comptoir.score.StandingFacts.CertificationLevel;
import io.comptoir.score.StandingService.ManualAnswer;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data score, certification and glossary through the services and over HTTP, with a clock the
 * test moves.
 */
class StandingIT {
  private static final ProductId PARCELS = Fixtures.PARCELS;
  private static final Map<String, ManualAnswer> TICKED =
      Map.of(
          "support-contact", new ManualAnswer(true, "support-colis@example.org"),
          "incident-process", new ManualAnswer(true, "runbook RB-12"));

  /** A clock the test moves forward. */
  static final class MovingClock extends Clock {
    volatile Instant now = Instant.parse("2026-03-02T08:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir Path dataDirectory;
  private final MovingClock clock = new MovingClock();
  private Comptoir comptoir;
  private Principal office;
  private Principal steward;

  @BeforeEach
  void open() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()), clock);
    Fixtures.seed(comptoir.catalog());
    Fixtures.user(comptoir, "dora", "LBP", Role.DATA_OFFICE);
    Fixtures.user(comptoir, "sophie", "BSCC", Role.DATA_STEWARD);
    office = principal("dora");
    steward = principal("sophie");
  }

  @AfterEach
  void close() {
    if (comptoir != null) {
      comptoir.close();
    }
  }

  private Principal principal(String name) {
    return Principal.of(comptoir.identities().findUser(Username.of(name)).orElseThrow());
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.now, ZoneOffset.UTC);
  }

  private List<AuditEvent> audit(String action) {
    return comptoir
        .audit()
        .search(new AuditQuery(Optional.empty(), Optional.of(action), Optional.empty(), null));
  }

  private DataProduct withoutDescriptions() {
    DataProduct product = comptoir.catalog().loadProduct(PARCELS);
    List<Column> columns = new ArrayList<>();
    for (Column column : product.columns()) {
      columns.add(column.withDescription("", column.personalData()));
    }
    return new DataProduct(
        product.id(),
        product.title(),
        "",
        product.entity(),
        product.domain(),
        product.owner(),
        "",
        "",
        product.classification(),
        product.tags(),
        columns,
        product.createdAt(),
        product.updatedAt());
  }

  @Test
  void theScoreIsRecomputedAndStoredWhenItsInputsChange() {
    var standing = comptoir.standing();
    List<MetadataChanges.Change> published = new ArrayList<>();
    comptoir.changes().subscribe(published::add);
    int before = standing.score(PARCELS).orElseThrow();

    comptoir.catalog().saveProduct(withoutDescriptions());

    int after = standing.score(PARCELS).orElseThrow();
    assertThat(after).isLessThan(before);
    assertThat(published)
        .contains(
            new MetadataChanges.Change(MetadataChanges.Kind.PRODUCT, PARCELS.value()),
            new MetadataChanges.Change(MetadataChanges.Kind.STANDING, PARCELS.value()));
    assertThat(standing.breakdown(PARCELS).criterion(Criterion.OWNERSHIP).orElseThrow().reasons())
        .extracting(io.comptoir.score.Reason::message)
        .contains("no steward named", "no master source named");

    // a version makes the product fresh; publishing it recomputes the score
    comptoir
        .ingestion()
        .ingest(
            io.comptoir.ingest.IngestionRequest.of(
                    PARCELS, Fixtures.write(dataDirectory.resolve("p.csv"), Fixtures.PARCELS_CSV))
                .withToleratedRejectRate(0.5),
            io.comptoir.ingest.ProgressListener.NONE);
    assertThat(published)
        .contains(new MetadataChanges.Change(MetadataChanges.Kind.VERSION, PARCELS.value()));
    assertThat(standing.score(PARCELS).orElseThrow()).isGreaterThan(after);
    assertThat(
            standing
                .breakdown(PARCELS)
                .criterion(Criterion.FRESHNESS)
                .orElseThrow()
                .reasons()
                .get(0)
                .message())
        .startsWith("version 1 is 0 h old");

    // a column linked to a glossary term counts for documentation
    double documentation =
        standing.breakdown(PARCELS).criterion(Criterion.DOCUMENTATION).orElseThrow().points();
    comptoir
        .glossary()
        .create(
            steward,
            Optional.empty(),
            new TermInput("Poids", "Masse du colis.", List.of(), "", List.of()));
    comptoir.glossary().linkColumn(steward, PARCELS, "weight", List.of("poids"));
    assertThat(
            standing.breakdown(PARCELS).criterion(Criterion.DOCUMENTATION).orElseThrow().points())
        .isGreaterThan(documentation);
  }

  @Test
  void weightsComeFromTheConfiguration() {
    comptoir.close();
    comptoir =
        Comptoir.open(
            Fixtures.configuration(
                dataDirectory,
                Map.of(
                    "score-weights",
                    "documentation=1,ownership=1,classification=0,quality=0,freshness=0,contract=0")),
            clock);

    var score = comptoir.standing().breakdown(PARCELS);

    assertThat(score.criterion(Criterion.DOCUMENTATION).orElseThrow().maximum()).isEqualTo(50.0);
    assertThat(score.criterion(Criterion.QUALITY).orElseThrow().maximum()).isZero();
    // documentation: description, 4 of 4 described, 0 linked = 2/3; ownership complete
    assertThat(score.score()).isEqualTo(83);
    assertThatThrownBy(
            () ->
                Comptoir.open(
                    Fixtures.configuration(
                        dataDirectory.resolve("other"), Map.of("score-weights", "documentation=2")),
                    clock))
        .hasMessageContaining("no weight for ownership");
  }

  @Test
  void certificationIsRefusedUntilTheChecklistIsMetThenGrantedAndAudited() {
    var standing = comptoir.standing();
    LocalDate expiry = today().plusMonths(6);

    assertThatThrownBy(
            () -> standing.grant(steward, PARCELS, CertificationLevel.BRONZE, TICKED, expiry))
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThatThrownBy(
            () ->
                standing.grant(
                    office,
                    PARCELS,
                    CertificationLevel.GOLD,
                    Map.of("support-contact", new ManualAnswer(true, "")),
                    expiry))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("is below the GOLD floor of 70")
        .hasMessageContaining("support-contact must be ticked with a comment")
        .hasMessageContaining("incident-process must be ticked with a comment")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.CONFLICT);
    assertThatThrownBy(
            () ->
                standing.grant(
                    office, PARCELS, CertificationLevel.BRONZE, TICKED, today().plusMonths(13)))
        .hasMessageContaining("more than 12 months away");
    assertThat(standing.certification(PARCELS)).isEmpty();

    Certification silver =
        standing.grant(office, PARCELS, CertificationLevel.SILVER, TICKED, expiry);

    assertThat(standing.certification(PARCELS)).contains(CertificationLevel.SILVER);
    assertThat(silver.answers())
        .anySatisfy(
            answer -> {
              assertThat(answer.item()).isEqualTo("incident-process");
              assertThat(answer.comment()).isEqualTo("runbook RB-12");
              assertThat(answer.met()).isTrue();
            });
    AuditEvent granted = audit("CERTIFICATION_GRANTED").get(0);
    assertThat(granted.entry().actor()).isEqualTo("dora");
    assertThat(granted.entry().target()).isEqualTo("product:colis-suivi");
    assertThat(granted.entry().details())
        .containsEntry("level", "SILVER")
        .containsEntry("expiresOn", expiry.toString())
        .containsEntry("check.support-contact", "support-colis@example.org");

    // a new grant supersedes the one in force
    standing.grant(office, PARCELS, CertificationLevel.BRONZE, TICKED, expiry);
    assertThat(standing.history(PARCELS))
        .extracting(Certification::level, Certification::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                CertificationLevel.BRONZE, CertificationStatus.IN_FORCE),
            org.assertj.core.groups.Tuple.tuple(
                CertificationLevel.SILVER, CertificationStatus.SUPERSEDED));
  }

  @Test
  void aCertificationLapsesOnItsExpiryDateOnceInTheAuditLog() {
    var standing = comptoir.standing();
    standing.grant(office, PARCELS, CertificationLevel.BRONZE, TICKED, today().plusDays(10));

    clock.now = clock.now.plus(Duration.ofDays(9));
    assertThat(standing.certification(PARCELS)).contains(CertificationLevel.BRONZE);
    clock.now = clock.now.plus(Duration.ofDays(1));

    assertThat(standing.certification(PARCELS)).isEmpty();
    assertThat(standing.certification(PARCELS)).isEmpty();
    assertThat(standing.history(PARCELS).get(0).status()).isEqualTo(CertificationStatus.EXPIRED);
    List<AuditEvent> expired = audit("CERTIFICATION_EXPIRED");
    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).entry().actor()).isEqualTo("system");
  }

  @Test
  void theStandingsOfEveryProductEndAnExpiredCertificationOnce() {
    var standing = comptoir.standing();
    standing.grant(office, PARCELS, CertificationLevel.BRONZE, TICKED, today().plusDays(10));
    assertThat(standing.standings().get(PARCELS).certification())
        .map(Certification::level)
        .contains(CertificationLevel.BRONZE);

    clock.now = clock.now.plus(Duration.ofDays(10));

    assertThat(standing.standings().get(PARCELS).certification()).isEmpty();
    assertThat(standing.standings().get(PARCELS).certification()).isEmpty();
    assertThat(standing.history(PARCELS).get(0).status()).isEqualTo(CertificationStatus.EXPIRED);
    assertThat(audit("CERTIFICATION_EXPIRED")).hasSize(1);
  }

  @Test
  void aCertificationLapsesWhenTheScoreFallsBelowTheFloor() {
    var standing = comptoir.standing();
    standing.grant(office, PARCELS, CertificationLevel.SILVER, TICKED, today().plusMonths(3));

    comptoir.catalog().saveProduct(withoutDescriptions());

    assertThat(standing.score(PARCELS).orElseThrow()).isLessThan(55);
    assertThat(standing.certification(PARCELS)).isEmpty();
    Certification lapsed = standing.history(PARCELS).get(0);
    assertThat(lapsed.status()).isEqualTo(CertificationStatus.LAPSED);
    assertThat(lapsed.endReason()).contains("fell below the SILVER floor of 55");
    assertThat(audit("CERTIFICATION_LAPSED")).hasSize(1);
  }

  @Test
  void aSearchAfterTheExpiryDateEndsTheCertificationBeforeShowingIt() {
    comptoir
        .standing()
        .grant(office, PARCELS, CertificationLevel.SILVER, TICKED, today().plusDays(3));
    ApiServer server = comptoir.startHttp();
    try {
      Http consumer =
          new Http(server.url())
              .withToken(Fixtures.token(comptoir, "camille", "BGPN", Role.CONSUMER));
      JsonNode before = consumer.get("/api/v1/search?certification=SILVER").json();
      assertThat(texts(before.path("items"), "id")).containsExactly(PARCELS.value());

      // nothing reads the product itself: the search ends the certification it would show
      clock.now = clock.now.plus(Duration.ofDays(3));
      consumer = // a token lives a day
          new Http(server.url())
              .withToken(Fixtures.token(comptoir, "camille2", "BGPN", Role.CONSUMER));
      Http.Response searched = consumer.get("/api/v1/search?certification=SILVER");
      assertThat(searched.status()).as(searched.body()).isEqualTo(200);
      JsonNode after = searched.json();
      assertThat(after.path("total").asInt()).isZero();

      assertThat(after.path("items")).isEmpty();
      JsonNode all = consumer.get("/api/v1/search").json();
      assertThat(all.path("items"))
          .filteredOn(item -> item.path("id").asText().equals(PARCELS.value()))
          .singleElement()
          .satisfies(item -> assertThat(item.path("certification").isTextual()).isFalse());
      List<AuditEvent> expired = audit("CERTIFICATION_EXPIRED");
      assertThat(expired).hasSize(1);
      assertThat(expired.get(0).entry().details()).containsEntry("reason", "expired on " + today());
      consumer.get("/api/v1/search?certification=SILVER");
      assertThat(audit("CERTIFICATION_EXPIRED")).as("written once").hasSize(1);
    } finally {
      server.close();
    }
  }

  @Test
  void aListingReadOnceTheVersionGrewStaleEndsTheCertificationWhoseScoreFellBelowItsFloor() {
    comptoir
        .ingestion()
        .ingest(
            io.comptoir.ingest.IngestionRequest.of(
                    PARCELS, Fixtures.write(dataDirectory.resolve("p.csv"), Fixtures.PARCELS_CSV))
                .withToleratedRejectRate(0.5),
            io.comptoir.ingest.ProgressListener.NONE);
    int fresh = comptoir.standing().score(PARCELS).orElseThrow();
    // a floor 5 points under the fresh score: losing the 10 points of freshness lapses it
    comptoir.close();
    comptoir =
        Comptoir.open(
            Fixtures.configuration(
                dataDirectory,
                Map.of("certification-floors", "BRONZE=" + (fresh - 5) + ",SILVER=100,GOLD=100")),
            clock);
    office = principal("dora");
    comptoir
        .standing()
        .grant(office, PARCELS, CertificationLevel.BRONZE, TICKED, today().plusMonths(6));
    ApiServer server = comptoir.startHttp();
    try {
      Http consumer =
          new Http(server.url())
              .withToken(Fixtures.token(comptoir, "camille", "BGPN", Role.CONSUMER));

      // two default freshness periods (31 days) later the freshness criterion gives nothing;
      // no change was published meanwhile, only the listing reads
      clock.now = clock.now.plus(Duration.ofDays(62));
      consumer = // a token lives a day
          new Http(server.url())
              .withToken(Fixtures.token(comptoir, "camille2", "BGPN", Role.CONSUMER));
      Http.Response response = consumer.get("/api/v1/products?sort=score");
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      JsonNode listed = response.json();

      JsonNode parcels = null;
      for (JsonNode item : listed.path("items")) {
        if (item.path("id").asText().equals(PARCELS.value())) {
          parcels = item;
        }
      }
      assertThat(parcels).isNotNull();
      assertThat(parcels.path("score").asInt()).isLessThan(fresh - 5);
      assertThat(parcels.path("certification").isTextual()).isFalse();
      Certification lapsed = comptoir.standing().history(PARCELS).get(0);
      assertThat(lapsed.status()).isEqualTo(CertificationStatus.LAPSED);
      assertThat(lapsed.endReason()).contains("fell below the BRONZE floor of " + (fresh - 5));
      assertThat(audit("CERTIFICATION_LAPSED")).hasSize(1);
      assertThat(consumer.get("/api/v1/search?certification=BRONZE").json().path("items"))
          .isEmpty();
    } finally {
      server.close();
    }
  }

  @Test
  void badInputToTheScoreCertificationAndGlossaryRoutesGetsAStableErrorCode() {
    ApiServer server = comptoir.startHttp();
    try {
      Http office =
          new Http(server.url())
              .withToken(Fixtures.token(comptoir, "dora", "LBP", Role.DATA_OFFICE));
      Http steward =
          new Http(server.url())
              .withToken(Fixtures.token(comptoir, "sophie", "BSCC", Role.DATA_STEWARD));
      String certification = "/api/v1/products/colis-suivi/certification";
      String expiry = today().plusMonths(2).toString();

      assertError(office.postJson(certification, "{\"level\": "), 400, "INVALID_INPUT");
      assertError(
          office.postJson(
              certification, "{\"level\": \"PLATINUM\", \"expiresOn\": \"" + expiry + "\"}"),
          400,
          "INVALID_INPUT");
      assertError(
          office.postJson(certification, "{\"level\": \"GOLD\", \"expiresOn\": \"2026-13-45\"}"),
          400,
          "INVALID_INPUT");
      Http.Response past =
          office.postJson(certification, "{\"level\": \"GOLD\", \"expiresOn\": \"2020-01-01\"}");
      assertError(past, 400, "INVALID_INPUT");
      assertThat(past.errorMessage()).contains("must be after today");
      Http.Response unknownItem =
          office.postJson(
              certification,
              "{\"level\": \"GOLD\", \"expiresOn\": \""
                  + expiry
                  + "\", \"answers\": {\"coffee\": {\"ticked\": true, \"comment\": \"x\"}}}");
      assertError(unknownItem, 400, "INVALID_INPUT");
      assertThat(unknownItem.errorMessage()).contains("'coffee' is not a manual item");
      assertError(office.get("/api/v1/products/absent/score"), 404, "NOT_FOUND");
      assertError(office.get("/api/v1/products/absent/certification"), 404, "NOT_FOUND");

      assertError(steward.postJson("/api/v1/glossary", "{\"name\": \"\"}"), 400, "INVALID_INPUT");
      assertError(steward.postJson("/api/v1/glossary", "[1, 2]"), 400, "INVALID_INPUT");
      assertError(
          steward.postJson("/api/v1/glossary/absent/status", "{\"status\": \"APPROVED\"}"),
          403,
          "FORBIDDEN");
      assertError(
          office.postJson("/api/v1/glossary/absent/status", "{\"status\": \"GONE\"}"),
          400,
          "INVALID_INPUT");
      Http.Response unknownTerm =
          steward.putJson(
              "/api/v1/products/colis-suivi/columns/weight/terms", "{\"terms\": [\"absent\"]}");
      assertError(unknownTerm, 400, "INVALID_INPUT");
      assertThat(unknownTerm.errorMessage()).contains("unknown glossary term 'absent'");
      assertError(
          steward.putJson("/api/v1/products/colis-suivi/columns/nope/terms", "{\"terms\": []}"),
          404,
          "NOT_FOUND");
      assertThat(audit("CERTIFICATION_GRANTED")).isEmpty();
      assertThat(audit("COLUMN_TERMS_LINKED")).isEmpty();
    } finally {
      server.close();
    }
  }

  private static void assertError(Http.Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.errorCode()).as(response.body()).isEqualTo(code);
    assertThat(response.errorMessage()).isNotBlank();
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.path(field).asText()));
    return values;
  }

  @Test
  void glossaryTermsHaveALifeAndDeprecationFlagsTheColumnsUsingThem() {
    var glossary = comptoir.glossary();
    var term =
        glossary.create(
            steward,
            Optional.empty(),
            new TermInput(
                "Code postal",
                "Code de la commune.",
                List.of("CP", "postcode", "cp"),
                "",
                List.of()));

    assertThat(term.id()).isEqualTo("code-postal");
    assertThat(term.status()).isEqualTo(TermStatus.DRAFT);
    assertThat(term.synonyms()).containsExactly("CP", "postcode");
    assertThat(term.owner()).isEqualTo("sophie");
    assertThatThrownBy(
            () ->
                glossary.create(
                    steward, Optional.empty(), new TermInput("Code postal", "x", null, "", null)))
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.CONFLICT);
    assertThatThrownBy(() -> glossary.setStatus(steward, "code-postal", TermStatus.APPROVED, ""))
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThatThrownBy(
            () ->
                glossary.update(
                    steward,
                    "code-postal",
                    new TermInput("Code postal", "x", null, "", List.of("absent"))))
        .hasMessageContaining("related term 'absent' does not exist");

    glossary.create(
        steward,
        Optional.of("commune"),
        new TermInput("Commune", "Une commune.", null, "", List.of("code-postal")));
    glossary.setStatus(office, "code-postal", TermStatus.APPROVED, "validé en comité");
    glossary.linkColumn(steward, PARCELS, "destination", List.of("code-postal"));

    assertThat(glossary.terms())
        .filteredOn(t -> t.id().equals("code-postal"))
        .singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(TermStatus.APPROVED));
    assertThat(glossary.columnTerms(PARCELS)).containsEntry("destination", List.of("code-postal"));
    assertThat(glossary.deprecatedLinks(PARCELS)).isEmpty();
    assertThatThrownBy(() -> glossary.linkColumn(steward, PARCELS, "nope", List.of("code-postal")))
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);

    glossary.setStatus(office, "code-postal", TermStatus.DEPRECATED, "remplacé");

    assertThat(glossary.deprecatedLinks(PARCELS)).containsOnlyKeys("destination");
    assertThat(audit("GLOSSARY_TERM_DEPRECATED").get(0).entry().details())
        .containsEntry("columns", "1")
        .containsEntry("comment", "remplacé");

    glossary.delete(office, "code-postal");
    assertThat(glossary.columnTerms(PARCELS)).isEmpty();
    assertThat(glossary.load("commune").related()).isEmpty();
  }

  @Test
  void theApiShowsTheBreakdownGrantsForTheDataOfficeAndSortsByScore() {
    ApiServer server = comptoir.startHttp();
    try {
      Http anonymous = new Http(server.url());
      Http office = anonymous.withToken(Fixtures.token(comptoir, "dora", "LBP", Role.DATA_OFFICE));
      Http consumer =
          anonymous.withToken(Fixtures.token(comptoir, "camille", "BGPN", Role.CONSUMER));

      JsonNode score = consumer.get("/api/v1/products/colis-suivi/score").json();
      assertThat(score.path("score").asInt()).isBetween(1, 100);
      assertThat(score.path("criteria")).hasSize(6);
      assertThat(score.path("criteria").get(3).path("criterion").asText()).isEqualTo("quality");
      JsonNode noRules = score.path("criteria").get(3).path("reasons").get(0);
      assertThat(noRules.path("code").asText()).isEqualTo("quality.no-rules");
      assertThat(noRules.path("message").asText()).isEqualTo("no quality rules");
      JsonNode described = score.path("criteria").get(0).path("reasons").get(1);
      assertThat(described.path("code").asText()).isEqualTo("documentation.described");
      assertThat(described.path("arguments").toString()).isEqualTo("[\"4\",\"4\"]");
      assertThat(described.path("message").asText()).isEqualTo("4 of 4 columns are described");

      String grant =
          "{\"level\": \"BRONZE\", \"expiresOn\": \"%s\", \"answers\": {\"support-contact\": {\"ticked\": true, \"comment\": \"x@example.org\"}, \"incident-process\": {\"ticked\": true, \"comment\": \"RB-1\"}}}"
              .formatted(today().plusMonths(2));
      assertThat(consumer.postJson("/api/v1/products/colis-suivi/certification", grant).status())
          .isEqualTo(403);
      Http.Response refused =
          office.postJson(
              "/api/v1/products/colis-suivi/certification",
              "{\"level\": \"BRONZE\", \"expiresOn\": \"%s\"}".formatted(today().plusMonths(2)));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.errorCode()).isEqualTo("CONFLICT");
      assertThat(refused.errorMessage()).contains("support-contact must be ticked with a comment");
      Http.Response granted = office.postJson("/api/v1/products/colis-suivi/certification", grant);
      assertThat(granted.status()).as(granted.body()).isEqualTo(201);
      assertThat(granted.json().path("level").asText()).isEqualTo("BRONZE");

      JsonNode state = consumer.get("/api/v1/products/colis-suivi/certification").json();
      assertThat(state.path("inForce").path("level").asText()).isEqualTo("BRONZE");
      assertThat(state.path("floors")).hasSize(3);
      assertThat(state.path("history")).hasSize(1);

      JsonNode sorted = consumer.get("/api/v1/products?sort=score").json();
      List<Integer> scores = new ArrayList<>();
      sorted.path("items").forEach(item -> scores.add(item.path("score").asInt()));
      assertThat(scores).hasSize(2).isSortedAccordingTo(java.util.Comparator.reverseOrder());
      assertThat(sorted.path("items").get(0).path("certification").asText()).isEqualTo("BRONZE");
      assertThat(consumer.get("/api/v1/products?sort=title").errorCode())
          .isEqualTo("INVALID_INPUT");
      // the search sorts by score too, and says so in each hit
      JsonNode searched = consumer.get("/api/v1/search?sort=score").json();
      List<Integer> searchScores = new ArrayList<>();
      searched.path("items").forEach(item -> searchScores.add(item.path("dataScore").asInt()));
      assertThat(searchScores).isEqualTo(scores);
      assertThat(searched.path("items").get(0).path("certification").asText()).isEqualTo("BRONZE");
      assertThat(consumer.get("/api/v1/search?sort=best").errorCode()).isEqualTo("INVALID_INPUT");

      Http.Response term =
          office.postJson(
              "/api/v1/glossary",
              "{\"name\": \"Colis\", \"definition\": \"Un envoi.\", \"synonyms\": [\"paquet\"]}");
      assertThat(term.status()).as(term.body()).isEqualTo(201);
      assertThat(
              office
                  .postJson("/api/v1/glossary/colis/status", "{\"status\": \"APPROVED\"}")
                  .json()
                  .path("status")
                  .asText())
          .isEqualTo("APPROVED");
      assertThat(consumer.get("/api/v1/glossary?status=APPROVED").json().path("items")).hasSize(1);
      assertThat(consumer.get("/api/v1/glossary/absent").status()).isEqualTo(404);
    } finally {
      server.close();
    }
  }
}
