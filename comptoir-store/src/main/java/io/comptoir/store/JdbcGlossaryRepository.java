package io.comptoir.store;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.glossary.ColumnRef;
import io.comptoir.glossary.GlossaryFacts.TermStatus;
import io.comptoir.glossary.GlossaryRepository;
import io.comptoir.glossary.GlossaryTerm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link GlossaryRepository} on SQLite or PostgreSQL. */
final class JdbcGlossaryRepository implements GlossaryRepository {
  private final Database database;

  JdbcGlossaryRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void save(GlossaryTerm term) {
    requireNonNull(term, "term is null");
    database.run(
        "save glossary term " + term.id(),
        connection -> {
          Database.update(
              connection,
              "INSERT INTO glossary_terms (id, name, definition, owner_name, status, created_at,"
                  + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                  + " name = excluded.name, definition = excluded.definition,"
                  + " owner_name = excluded.owner_name, status = excluded.status,"
                  + " updated_at = excluded.updated_at",
              term.id(),
              term.name(),
              term.definition(),
              term.owner(),
              term.status().name(),
              term.createdAt(),
              term.updatedAt());
          Database.update(connection, "DELETE FROM glossary_synonyms WHERE term_id = ?", term.id());
          int ordinal = 0;
          for (String synonym : term.synonyms()) {
            Database.update(
                connection,
                "INSERT INTO glossary_synonyms (term_id, ordinal, synonym) VALUES (?, ?, ?)",
                term.id(),
                ordinal++,
                synonym);
          }
          Database.update(connection, "DELETE FROM glossary_related WHERE term_id = ?", term.id());
          ordinal = 0;
          for (String related : term.related()) {
            Database.update(
                connection,
                "INSERT INTO glossary_related (term_id, related_id, ordinal) VALUES (?, ?, ?)",
                term.id(),
                related,
                ordinal++);
          }
        });
  }

  @Override
  public Optional<GlossaryTerm> find(String id) {
    requireNonNull(id, "id is null");
    return database
        .call("read glossary term " + id, connection -> terms(connection, " WHERE id = ?", id))
        .stream()
        .findFirst();
  }

  @Override
  public List<GlossaryTerm> list() {
    List<GlossaryTerm> terms =
        new ArrayList<>(database.call("list glossary terms", connection -> terms(connection, "")));
    terms.sort(
        Comparator.comparing((GlossaryTerm t) -> t.name().toLowerCase(Locale.ROOT))
            .thenComparing(GlossaryTerm::id));
    return terms;
  }

  private static List<GlossaryTerm> terms(Connection connection, String where, Object... parameters)
      throws SQLException {
    record Row(
        String id,
        String name,
        String definition,
        String owner,
        String status,
        java.time.Instant created,
        java.time.Instant updated) {}
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, name, definition, owner_name, status, created_at, updated_at"
                + " FROM glossary_terms"
                + where)) {
      Database.bind(statement, parameters);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new Row(
                  result.getString(1),
                  result.getString(2),
                  result.getString(3),
                  result.getString(4),
                  result.getString(5),
                  Database.instant(result, "created_at"),
                  Database.instant(result, "updated_at")));
        }
      }
    }
    Map<String, List<String>> synonyms =
        lists(
            connection, "SELECT term_id, synonym FROM glossary_synonyms ORDER BY term_id, ordinal");
    Map<String, List<String>> related =
        lists(
            connection,
            "SELECT term_id, related_id FROM glossary_related ORDER BY term_id, ordinal");
    List<GlossaryTerm> terms = new ArrayList<>();
    for (Row row : rows) {
      terms.add(
          new GlossaryTerm(
              row.id(),
              row.name(),
              row.definition(),
              synonyms.getOrDefault(row.id(), List.of()),
              row.owner(),
              TermStatus.valueOf(row.status()),
              related.getOrDefault(row.id(), List.of()),
              row.created(),
              row.updated()));
    }
    return terms;
  }

  private static Map<String, List<String>> lists(Connection connection, String sql)
      throws SQLException {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        lists.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
      }
    }
    return lists;
  }

  @Override
  public void delete(String id) {
    requireNonNull(id, "id is null");
    database.run(
        "delete glossary term " + id,
        connection -> {
          Database.update(connection, "DELETE FROM column_terms WHERE term_id = ?", id);
          Database.update(
              connection,
              "DELETE FROM glossary_related WHERE term_id = ? OR related_id = ?",
              id,
              id);
          Database.update(connection, "DELETE FROM glossary_synonyms WHERE term_id = ?", id);
          Database.update(connection, "DELETE FROM glossary_terms WHERE id = ?", id);
        });
  }

  @Override
  public void linkColumn(ColumnRef column, List<String> termIds) {
    requireNonNull(column, "column is null");
    database.run(
        "link column " + column.product() + "." + column.column() + " to glossary terms",
        connection -> {
          Database.update(
              connection,
              "DELETE FROM column_terms WHERE product_id = ? AND column_name = ?",
              column.product().value(),
              column.column());
          int ordinal = 0;
          for (String term : termIds) {
            Database.update(
                connection,
                "INSERT INTO column_terms (product_id, column_name, term_id, ordinal)"
                    + " VALUES (?, ?, ?, ?)",
                column.product().value(),
                column.column(),
                term,
                ordinal++);
          }
        });
  }

  @Override
  public Map<String, List<String>> columnTerms(ProductId product) {
    requireNonNull(product, "product is null");
    return database.call(
        "read the glossary links of " + product,
        connection -> {
          Map<String, List<String>> links = new LinkedHashMap<>();
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT column_name, term_id FROM column_terms WHERE product_id = ?"
                      + " ORDER BY column_name, ordinal")) {
            statement.setString(1, product.value());
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                links
                    .computeIfAbsent(rows.getString(1), key -> new ArrayList<>())
                    .add(rows.getString(2));
              }
            }
          }
          return links;
        });
  }

  @Override
  public List<ColumnRef> columnsUsing(String termId) {
    requireNonNull(termId, "termId is null");
    return database.call(
        "read the columns linked to glossary term " + termId,
        connection -> {
          List<ColumnRef> columns = new ArrayList<>();
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT product_id, column_name FROM column_terms WHERE term_id = ?"
                      + " ORDER BY product_id, column_name")) {
            statement.setString(1, termId);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                columns.add(new ColumnRef(new ProductId(rows.getString(1)), rows.getString(2)));
              }
            }
          }
          return columns;
        });
  }
}
