package io.comptoir.score;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.score.StandingFacts.CertificationLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A certification granted by the data office.
 *
 * @param scoreAtGrant the data score when it was granted
 * @param expiresOn the first day it is no longer in force (UTC)
 * @param endedAt when it stopped being in force, with {@code endReason}; empty while in force
 */
public record Certification(
    String id,
    ProductId product,
    CertificationLevel level,
    int scoreAtGrant,
    List<CheckAnswer> answers,
    String grantedBy,
    Instant grantedAt,
    LocalDate expiresOn,
    CertificationStatus status,
    Optional<Instant> endedAt,
    String endReason) {
  public Certification {
    requireNonNull(id, "id is null");
    requireNonNull(product, "product is null");
    requireNonNull(level, "level is null");
    answers = List.copyOf(answers);
    requireNonNull(grantedBy, "grantedBy is null");
    requireNonNull(grantedAt, "grantedAt is null");
    requireNonNull(expiresOn, "expiresOn is null");
    requireNonNull(status, "status is null");
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    endReason = endReason == null ? "" : endReason;
  }

  public Certification ended(CertificationStatus newStatus, Instant at, String reason) {
    return new Certification(
        id,
        product,
        level,
        scoreAtGrant,
        answers,
        grantedBy,
        grantedAt,
        expiresOn,
        newStatus,
        Optional.of(at),
        reason);
  }
}
