package io.comptoir.store;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.quality.QualityFacts.RuleResult;
import io.comptoir.quality.QualityRepository;
import io.comptoir.quality.StoredRules;
import io.comptoir.quality.VersionResults;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link QualityRepository} on SQLite or PostgreSQL. */
final class JdbcQualityRepository implements QualityRepository {
  private final Database database;

  JdbcQualityRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void saveRules(StoredRules rules) {
    requireNonNull(rules, "rules is null");
    database.run(
        "save the quality rules of " + rules.product(),
        connection ->
            Database.update(
                connection,
                "INSERT INTO quality_rules (product_id, document, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (product_id) DO UPDATE SET"
                    + " document = excluded.document, updated_by = excluded.updated_by,"
                    + " updated_at = excluded.updated_at",
                rules.product().value(),
                rules.document(),
                rules.updatedBy(),
                rules.updatedAt()));
  }

  @Override
  public Optional<StoredRules> findRules(ProductId product) {
    return database.call(
        "read the quality rules of " + product,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT document, updated_by, updated_at FROM quality_rules"
                      + " WHERE product_id = ?")) {
            statement.setString(1, product.value());
            try (ResultSet rows = statement.executeQuery()) {
              if (!rows.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new StoredRules(
                      product,
                      rows.getString("document"),
                      rows.getString("updated_by"),
                      Database.instant(rows, "updated_at")));
            }
          }
        });
  }

  @Override
  public void saveResults(ProductId product, VersionResults results) {
    requireNonNull(results, "results is null");
    database.run(
        "save the quality results of " + product + " version " + results.version(),
        connection -> {
          Database.update(
              connection,
              "DELETE FROM quality_results WHERE product_id = ? AND version_number = ?",
              product.value(),
              results.version());
          int ordinal = 0;
          for (RuleResult result : results.results()) {
            Database.update(
                connection,
                "INSERT INTO quality_results (product_id, version_number, ordinal, rule_name,"
                    + " rule_type, column_names, severity, success, failing_rows, message,"
                    + " evaluated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                product.value(),
                results.version(),
                ordinal++,
                result.rule(),
                result.type(),
                result.column(),
                result.severity(),
                result.success() ? 1 : 0,
                result.failingRows(),
                result.message(),
                results.evaluatedAt());
          }
        });
  }

  @Override
  public Optional<VersionResults> findResults(ProductId product, int version) {
    return database.call(
        "read the quality results of " + product + " version " + version,
        connection -> {
          List<VersionResults> found = read(connection, product, version, 1);
          return found.stream().findFirst();
        });
  }

  @Override
  public List<VersionResults> listResults(ProductId product, int limit) {
    return database.call(
        "read the quality results of " + product,
        connection -> read(connection, product, -1, limit));
  }

  /** Results of one version, or of the latest {@code limit} versions when version is -1. */
  private static List<VersionResults> read(
      Connection connection, ProductId product, int version, int limit) throws SQLException {
    List<Integer> numbers = new ArrayList<>();
    if (version >= 0) {
      numbers.add(version);
    } else {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT DISTINCT version_number FROM quality_results WHERE product_id = ?"
                  + " ORDER BY version_number DESC LIMIT ?")) {
        statement.setString(1, product.value());
        statement.setInt(2, limit);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            numbers.add(rows.getInt(1));
          }
        }
      }
    }
    List<VersionResults> results = new ArrayList<>();
    for (int number : numbers) {
      List<RuleResult> rules = new ArrayList<>();
      Instant evaluatedAt = null;
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT rule_name, rule_type, column_names, severity, success, failing_rows,"
                  + " message, evaluated_at FROM quality_results"
                  + " WHERE product_id = ? AND version_number = ? ORDER BY ordinal")) {
        statement.setString(1, product.value());
        statement.setInt(2, number);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            evaluatedAt = Database.instant(rows, "evaluated_at");
            rules.add(
                new RuleResult(
                    rows.getString("rule_name"),
                    rows.getString("rule_type"),
                    rows.getString("column_names"),
                    rows.getString("severity"),
                    rows.getInt("success") == 1,
                    rows.getLong("failing_rows"),
                    rows.getString("message")));
          }
        }
      }
      if (evaluatedAt != null) {
        results.add(new VersionResults(number, evaluatedAt, rules));
      }
    }
    return results;
  }
}
