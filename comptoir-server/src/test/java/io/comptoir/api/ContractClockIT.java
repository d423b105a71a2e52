package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suspension for an overdue review and expiry, over HTTP, with a clock the test moves. */
class ContractClockIT {
  private static final ProductId PRODUCT = ProductId.of("agences");

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

  @Test
  void suspendsWhenTheReviewIsOverdueAndExpiresAfterTheEndDate() {
    MovingClock clock = new MovingClock();
    try (Comptoir comptoir =
        Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()), clock)) {
      var catalog = comptoir.catalog();
      catalog.saveEntity(new LegalEntity("LBP", "La Banque Postale", ""));
      catalog.saveDomain(new Domain("reseau", "Réseau", ""));
      catalog.saveProduct(
          new DataProduct(
              PRODUCT,
              "Agences",
              "",
              "LBP",
              "reseau",
              "olivier",
              "",
              "",
              Classification.INTERNAL,
              List.of(),
              List.of(
                  new Column("code", DataType.STRING, "", PersonalDataCategory.NONE, ""),
                  new Column("ville", DataType.STRING, "", PersonalDataCategory.NONE, "")),
              clock.instant(),
              clock.instant()));
      Path file =
          Fixtures.write(dataDirectory.resolve("agences.csv"), "code,ville\nA1,Paris\nA2,Lyon\n");
      comptoir.ingestion().ingest(IngestionRequest.of(PRODUCT, file), ProgressListener.NONE);
      ApiServer server = comptoir.startHttp();
      try {
        String url = server.url();
        Http reader = new Http(url, Fixtures.token(comptoir, "paul", "LBP", Role.CONSUMER));
        Http owner = new Http(url, Fixtures.token(comptoir, "olivier", "LBP", Role.DATA_OWNER));
        Http.Response requested =
            reader.postJson(
                "/api/v1/products/agences/requests",
                """
                {"purpose": "carte des agences", "purposeCategory": "REPORTING",
                 "legalBasis": "CONTRACT", "columns": ["code", "ville"],
                 "start": "2026-03-02", "end": "2026-08-31", "reviewPeriod": "P1M"}
                """);
        String id = requested.json().get("id").asText();
        owner.postJson(
            "/api/v1/contracts/" + id + "/decisions",
            "{\"role\": \"DATA_OWNER\", \"verdict\": \"APPROVED\"}");
        assertThat(reader.get(data()).status()).isEqualTo(200);

        clock.now = clock.now.plus(Duration.ofDays(40));
        reader = new Http(url, Fixtures.token(comptoir, "paul", "LBP", Role.CONSUMER));
        owner = new Http(url, Fixtures.token(comptoir, "olivier", "LBP", Role.DATA_OWNER));
        Http.Response suspended = reader.get(data());
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.errorMessage())
            .isEqualTo("contract " + id + " is suspended: its review was due on 2026-04-02");
        assertThat(owner.get("/api/v1/notifications").json().get("overdueReviews").size())
            .isEqualTo(1);
        assertThat(reader.get("/api/v1/contracts/" + id).json().get("status").asText())
            .isEqualTo("SUSPENDED");

        assertThat(owner.postJson("/api/v1/contracts/" + id + "/review", "{}").status())
            .isEqualTo(200);
        assertThat(reader.get(data()).status()).isEqualTo(200);

        clock.now = Instant.parse("2026-08-20T08:00:00Z");
        reader = new Http(url, Fixtures.token(comptoir, "paul", "LBP", Role.CONSUMER));
        owner = new Http(url, Fixtures.token(comptoir, "olivier", "LBP", Role.DATA_OWNER));
        owner.postJson("/api/v1/contracts/" + id + "/review", "{}");
        assertThat(reader.get("/api/v1/notifications").json().get("expiringSoon").size())
            .isEqualTo(1);

        clock.now = Instant.parse("2026-09-01T00:00:01Z");
        reader = new Http(url, Fixtures.token(comptoir, "paul", "LBP", Role.CONSUMER));
        Http.Response expired = reader.get(data());
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.errorMessage()).isEqualTo("contract " + id + " expired on 2026-08-31");
        assertThat(LocalDate.ofInstant(clock.now, ZoneOffset.UTC))
            .isAfter(LocalDate.of(2026, 8, 31));
      } finally {
        server.close();
      }
    }
  }

  private static String data() {
    return "/api/v1/products/agences/data?format=csv";
  }
}
