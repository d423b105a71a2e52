package io.comptoir.store;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.score.Certification;
import io.comptoir.score.CertificationStatus;
import io.comptoir.score.CheckAnswer;
import io.comptoir.score.Criterion;
import io.comptoir.score.CriterionScore;
import io.comptoir.score.DataScore;
import io.comptoir.score.Reason;
import io.comptoir.score.ReasonCode;
import io.comptoir.score.StandingFacts.CertificationLevel;
import io.comptoir.score.StandingRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link StandingRepository} on SQLite or PostgreSQL. */
final class JdbcStandingRepository implements StandingRepository {
  private final Database database;

  JdbcStandingRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void saveScore(DataScore score) {
    requireNonNull(score, "score is null");
    database.run(
        "save the score of " + score.product(),
        connection -> {
          String id = score.product().value();
          // an upsert: another process may save the same product's score at the same time
          Database.update(
              connection,
              "INSERT INTO product_scores (product_id, score, computed_at) VALUES (?, ?, ?)"
                  + " ON CONFLICT (product_id) DO UPDATE SET score = excluded.score,"
                  + " computed_at = excluded.computed_at",
              id,
              score.score(),
              score.computedAt());
          Database.update(
              connection, "DELETE FROM product_score_criteria WHERE product_id = ?", id);
          int ordinal = 0;
          for (CriterionScore criterion : score.criteria()) {
            Database.update(
                connection,
                "INSERT INTO product_score_criteria (product_id, ordinal, criterion, ratio,"
                    + " maximum, points, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (product_id, ordinal) DO UPDATE SET criterion ="
                    + " excluded.criterion, ratio = excluded.ratio, maximum = excluded.maximum,"
                    + " points = excluded.points, reasons = excluded.reasons",
                id,
                ordinal++,
                criterion.criterion().name(),
                Double.toString(criterion.ratio()),
                Double.toString(criterion.maximum()),
                Double.toString(criterion.points()),
                encodeReasons(criterion.reasons()));
          }
        });
  }

  @Override
  public Optional<DataScore> findScore(ProductId product) {
    requireNonNull(product, "product is null");
    List<DataScore> found =
        database.call(
            "read the score of " + product,
            connection -> scores(connection, " WHERE product_id = ?", product.value()));
    return found.stream().findFirst();
  }

  @Override
  public List<DataScore> listScores() {
    return database.call("list the scores", connection -> scores(connection, ""));
  }

  private static List<DataScore> scores(Connection connection, String where, Object... parameters)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    List<java.time.Instant> times = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT product_id, score, computed_at FROM product_scores"
                + where
                + " ORDER BY product_id")) {
      Database.bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
          values.add(rows.getInt(2));
          times.add(Database.instant(rows, "computed_at"));
        }
      }
    }
    List<DataScore> scores = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT criterion, ratio, maximum, points, reasons FROM product_score_criteria"
                + " WHERE product_id = ? ORDER BY ordinal")) {
      for (int i = 0; i < ids.size(); i++) {
        statement.setString(1, ids.get(i));
        List<CriterionScore> criteria = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            String reasons = rows.getString(5);
            criteria.add(
                new CriterionScore(
                    Criterion.valueOf(rows.getString(1)),
                    Double.parseDouble(rows.getString(2)),
                    Double.parseDouble(rows.getString(3)),
                    Double.parseDouble(rows.getString(4)),
                    decodeReasons(reasons)));
          }
        }
        scores.add(new DataScore(new ProductId(ids.get(i)), values.get(i), criteria, times.get(i)));
      }
    }
    return scores;
  }

  @Override
  public void saveCertification(Certification certification) {
    requireNonNull(certification, "certification is null");
    database.run(
        "save certification " + certification.id(),
        connection -> {
          int updated =
              Database.update(
                  connection,
                  "UPDATE certifications SET status = ?, ended_at = ?, end_reason = ? WHERE id = ?",
                  certification.status().name(),
                  Database.instantOrNull(certification.endedAt()),
                  certification.endReason(),
                  certification.id());
          if (updated > 0) {
            return;
          }
          Database.update(
              connection,
              "INSERT INTO certifications (id, product_id, level, score_at_grant, granted_by,"
                  + " granted_at, expires_on, status, ended_at, end_reason, grant_order)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(grant_order), 0) + 1"
                  + " FROM certifications WHERE product_id = ?))",
              certification.id(),
              certification.product().value(),
              certification.level().name(),
              certification.scoreAtGrant(),
              certification.grantedBy(),
              certification.grantedAt(),
              certification.expiresOn().toString(),
              certification.status().name(),
              Database.instantOrNull(certification.endedAt()),
              certification.endReason(),
              certification.product().value());
          int ordinal = 0;
          for (CheckAnswer answer : certification.answers()) {
            Database.update(
                connection,
                "INSERT INTO certification_answers (certification_id, ordinal, item, met,"
                    + " computed, answer_comment) VALUES (?, ?, ?, ?, ?, ?)",
                certification.id(),
                ordinal++,
                answer.item(),
                answer.met() ? 1 : 0,
                answer.computed() ? 1 : 0,
                answer.comment());
          }
        });
  }

  @Override
  public List<Certification> certifications(ProductId product) {
    requireNonNull(product, "product is null");
    return database.call(
        "read the certifications of " + product,
        connection -> certifications(connection, "product_id = ?", product.value()));
  }

  @Override
  public List<Certification> inForce() {
    return database.call(
        "list the certifications in force",
        connection ->
            certifications(connection, "status = ?", CertificationStatus.IN_FORCE.name()));
  }

  private static List<Certification> certifications(
      Connection connection, String where, Object... parameters) throws SQLException {
    List<Certification> found = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, product_id, level, score_at_grant, granted_by, granted_at, expires_on,"
                + " status, ended_at, end_reason FROM certifications WHERE "
                + where
                + " ORDER BY granted_at DESC, grant_order DESC")) {
      Database.bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(
              new Certification(
                  rows.getString("id"),
                  new ProductId(rows.getString("product_id")),
                  CertificationLevel.valueOf(rows.getString("level")),
                  rows.getInt("score_at_grant"),
                  List.of(),
                  rows.getString("granted_by"),
                  Database.instant(rows, "granted_at"),
                  LocalDate.parse(rows.getString("expires_on")),
                  CertificationStatus.valueOf(rows.getString("status")),
                  Database.optionalInstant(rows, "ended_at"),
                  rows.getString("end_reason")));
        }
      }
    }
    List<Certification> withAnswers = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT item, met, computed, answer_comment FROM certification_answers"
                + " WHERE certification_id = ? ORDER BY ordinal")) {
      for (Certification certification : found) {
        statement.setString(1, certification.id());
        List<CheckAnswer> answers = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            answers.add(
                new CheckAnswer(
                    rows.getString(1),
                    rows.getInt(2) == 1,
                    rows.getInt(3) == 1,
                    rows.getString(4)));
          }
        }
        withAnswers.add(
            new Certification(
                certification.id(),
                certification.product(),
                certification.level(),
                certification.scoreAtGrant(),
                answers,
                certification.grantedBy(),
                certification.grantedAt(),
                certification.expiresOn(),
                certification.status(),
                certification.endedAt(),
                certification.endReason()));
      }
    }
    return withAnswers;
  }

  /**
   * Reasons as text: one line per reason, its code then its values, separated by tabs; a backslash,
   * tab or line break inside a value is escaped ({@code \\}, {@code \t}, {@code \n}).
   */
  static String encodeReasons(List<Reason> reasons) {
    StringBuilder text = new StringBuilder();
    for (Reason reason : reasons) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(reason.code().code());
      for (String argument : reason.arguments()) {
        text.append('\t');
        for (char c : argument.toCharArray()) {
          switch (c) {
            case '\\' -> text.append("\\\\");
            case '\t' -> text.append("\\t");
            case '\n' -> text.append("\\n");
            default -> text.append(c);
          }
        }
      }
    }
    return text.toString();
  }

  /**
   * Reads what {@link #encodeReasons} wrote. A line whose code is unknown (a sentence stored before
   * reasons had codes) is left out: the score differs from the one computed next, which replaces
   * it.
   */
  static List<Reason> decodeReasons(String text) {
    List<Reason> reasons = new ArrayList<>();
    if (text.isEmpty()) {
      return reasons;
    }
    for (String line : text.split("\n", -1)) {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < line.length()) {
          char next = line.charAt(++i);
          field.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
        } else if (c == '\t') {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      fields.add(field.toString());
      Optional<ReasonCode> code = ReasonCode.find(fields.get(0));
      List<String> arguments = fields.subList(1, fields.size());
      if (code.isPresent() && code.get().arguments().size() == arguments.size()) {
        reasons.add(new Reason(code.get(), arguments));
      }
    }
    return reasons;
  }
}
