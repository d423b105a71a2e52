package io.comptoir.api;

import io.comptoir.glossary.GlossaryFacts.TermStatus;
import io.comptoir.glossary.GlossaryTerm;
import io.comptoir.score.Certification;
import io.comptoir.score.CertificationStatus;
import io.comptoir.score.CheckAnswer;
import io.comptoir.score.CriterionScore;
import io.comptoir.score.DataScore;
import io.comptoir.score.Reason;
import io.comptoir.score.StandingFacts.CertificationLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** JSON shapes of the data score, certification and glossary routes. */
final class StandingJson {
  private StandingJson() {}

  /**
   * A reason: its stable code (the key a client may rely on), the values it names, and the sentence
   * in English.
   */
  record ReasonJson(String code, List<String> arguments, String message) {
    static ReasonJson of(Reason reason) {
      return new ReasonJson(reason.code().code(), reason.arguments(), reason.message());
    }
  }

  record CriterionJson(
      String criterion, double points, double maximum, int percent, List<ReasonJson> reasons) {
    static CriterionJson of(CriterionScore criterion) {
      return new CriterionJson(
          criterion.criterion().key(),
          round(criterion.points()),
          round(criterion.maximum()),
          criterion.percent(),
          criterion.reasons().stream().map(ReasonJson::of).toList());
    }
  }

  record ScoreJson(
      String product,
      int score,
      Instant computedAt,
      List<CriterionJson> criteria,
      CertificationLevel certification) {
    static ScoreJson of(DataScore score, java.util.Optional<CertificationLevel> certification) {
      return new ScoreJson(
          score.product().value(),
          score.score(),
          score.computedAt(),
          score.criteria().stream().map(CriterionJson::of).toList(),
          certification.orElse(null));
    }
  }

  record CheckJson(String item, boolean met, boolean computed, String comment) {
    static CheckJson of(CheckAnswer answer) {
      return new CheckJson(answer.item(), answer.met(), answer.computed(), answer.comment());
    }
  }

  record CertificationJson(
      String id,
      String product,
      CertificationLevel level,
      CertificationStatus status,
      int scoreAtGrant,
      String grantedBy,
      Instant grantedAt,
      LocalDate expiresOn,
      Instant endedAt,
      String endReason,
      List<CheckJson> checklist) {
    static CertificationJson of(Certification certification) {
      return new CertificationJson(
          certification.id(),
          certification.product().value(),
          certification.level(),
          certification.status(),
          certification.scoreAtGrant(),
          certification.grantedBy(),
          certification.grantedAt(),
          certification.expiresOn(),
          certification.endedAt().orElse(null),
          certification.endReason(),
          certification.answers().stream().map(CheckJson::of).toList());
    }
  }

  record FloorJson(CertificationLevel level, int floor) {}

  record CertificationStateJson(
      String product,
      int score,
      CertificationJson inForce,
      List<FloorJson> floors,
      List<CheckJson> checklist,
      List<CertificationJson> history) {}

  record AnswerInput(boolean ticked, String comment) {}

  record GrantInput(
      CertificationLevel level, LocalDate expiresOn, Map<String, AnswerInput> answers) {}

  record TermInputJson(
      String id,
      String name,
      String definition,
      List<String> synonyms,
      String owner,
      List<String> related) {}

  record StatusInput(TermStatus status, String comment) {}

  record ColumnRefJson(String product, String column) {}

  record TermJson(
      String id,
      String name,
      String definition,
      List<String> synonyms,
      String owner,
      TermStatus status,
      List<String> related,
      Instant createdAt,
      Instant updatedAt,
      List<ColumnRefJson> columns) {
    static TermJson of(GlossaryTerm term, List<ColumnRefJson> columns) {
      return new TermJson(
          term.id(),
          term.name(),
          term.definition(),
          term.synonyms(),
          term.owner(),
          term.status(),
          term.related(),
          term.createdAt(),
          term.updatedAt(),
          columns);
    }
  }

  record TermLinksInput(List<String> terms) {}

  record TermLinksJson(String product, String column, List<String> terms) {}

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
