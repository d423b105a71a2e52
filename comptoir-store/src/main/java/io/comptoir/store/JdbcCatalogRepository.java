package io.comptoir.store;

import static io.comptoir.store.Database.instant;
import static io.comptoir.store.Database.placeholders;
import static io.comptoir.store.Database.update;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link CatalogRepository} on SQLite or PostgreSQL. */
final class JdbcCatalogRepository implements CatalogRepository {
  private static final String PRODUCT_FIELDS =
      "id, title, description, entity_code, domain_id, owner_name, steward, source_system,"
          + " classification, created_at, updated_at";

  private final Database database;

  JdbcCatalogRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void saveEntity(LegalEntity entity) {
    requireNonNull(entity, "entity is null");
    database.run(
        "save entity " + entity.code(),
        connection -> {
          update(
              connection,
              "INSERT INTO entities (code, name, description) VALUES (?, ?, ?)"
                  + " ON CONFLICT (code) DO UPDATE"
                  + " SET name = excluded.name, description = excluded.description",
              entity.code(),
              entity.name(),
              entity.description());
        });
  }

  @Override
  public List<LegalEntity> listEntities() {
    return database.call(
        "list entities",
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT code, name, description FROM entities ORDER BY code");
              ResultSet rows = statement.executeQuery()) {
            List<LegalEntity> entities = new ArrayList<>();
            while (rows.next()) {
              entities.add(readEntity(rows));
            }
            return entities;
          }
        });
  }

  @Override
  public Optional<LegalEntity> findEntity(String code) {
    requireNonNull(code, "code is null");
    return database.call(
        "find entity " + code,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT code, name, description FROM entities WHERE code = ?")) {
            statement.setString(1, code);
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? Optional.of(readEntity(rows)) : Optional.empty();
            }
          }
        });
  }

  private static LegalEntity readEntity(ResultSet row) throws SQLException {
    return new LegalEntity(
        row.getString("code"), row.getString("name"), row.getString("description"));
  }

  @Override
  public void saveDomain(Domain domain) {
    requireNonNull(domain, "domain is null");
    database.run(
        "save domain " + domain.id(),
        connection -> {
          update(
              connection,
              "INSERT INTO domains (id, name, description) VALUES (?, ?, ?)"
                  + " ON CONFLICT (id) DO UPDATE"
                  + " SET name = excluded.name, description = excluded.description",
              domain.id(),
              domain.name(),
              domain.description());
        });
  }

  @Override
  public List<Domain> listDomains() {
    return database.call(
        "list domains",
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT id, name, description FROM domains ORDER BY id");
              ResultSet rows = statement.executeQuery()) {
            List<Domain> domains = new ArrayList<>();
            while (rows.next()) {
              domains.add(readDomain(rows));
            }
            return domains;
          }
        });
  }

  @Override
  public Optional<Domain> findDomain(String id) {
    requireNonNull(id, "id is null");
    return database.call(
        "find domain " + id,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT id, name, description FROM domains WHERE id = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? Optional.of(readDomain(rows)) : Optional.empty();
            }
          }
        });
  }

  private static Domain readDomain(ResultSet row) throws SQLException {
    return new Domain(row.getString("id"), row.getString("name"), row.getString("description"));
  }

  @Override
  public void saveProduct(DataProduct product) {
    requireNonNull(product, "product is null");
    database.run("save product " + product.id(), connection -> writeProduct(connection, product));
  }

  /** Upserts the product row and replaces its tags and columns, in the caller's transaction. */
  void writeProduct(Connection connection, DataProduct product) throws SQLException {
    String id = product.id().value();
    update(
        connection,
        "INSERT INTO products ("
            + PRODUCT_FIELDS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
            + " description = excluded.description, entity_code = excluded.entity_code,"
            + " domain_id = excluded.domain_id, owner_name = excluded.owner_name,"
            + " steward = excluded.steward, source_system = excluded.source_system,"
            + " classification = excluded.classification, created_at = excluded.created_at,"
            + " updated_at = excluded.updated_at",
        id,
        product.title(),
        product.description(),
        product.entity(),
        product.domain(),
        product.owner(),
        product.steward(),
        product.sourceSystem(),
        product.classification().name(),
        product.createdAt(),
        product.updatedAt());
    update(connection, "DELETE FROM product_tags WHERE product_id = ?", id);
    update(connection, "DELETE FROM product_columns WHERE product_id = ?", id);
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO product_tags (product_id, ordinal, tag) VALUES (?, ?, ?)")) {
      for (int ordinal = 0; ordinal < product.tags().size(); ordinal++) {
        statement.setString(1, id);
        statement.setInt(2, ordinal);
        statement.setString(3, product.tags().get(ordinal));
        statement.addBatch();
      }
      statement.executeBatch();
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO product_columns (product_id, "
                + ColumnRows.FIELDS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int ordinal = 0; ordinal < product.columns().size(); ordinal++) {
        statement.setString(1, id);
        ColumnRows.bind(statement, 2, ordinal, product.columns().get(ordinal));
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  @Override
  public Optional<DataProduct> findProduct(ProductId id) {
    requireNonNull(id, "id is null");
    return database.call(
        "find product " + id,
        connection -> {
          List<DataProduct> found =
              readProducts(
                  connection,
                  "SELECT " + PRODUCT_FIELDS + " FROM products WHERE id = ?",
                  List.of(id.value()));
          return found.stream().findFirst();
        });
  }

  @Override
  public Page<DataProduct> listProducts(ProductQuery query) {
    requireNonNull(query, "query is null");
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (query.entity().isPresent()) {
      conditions.add("entity_code = ?");
      parameters.add(query.entity().get());
    }
    if (query.domain().isPresent()) {
      conditions.add("domain_id = ?");
      parameters.add(query.domain().get());
    }
    if (query.tag().isPresent()) {
      conditions.add(
          "EXISTS (SELECT 1 FROM product_tags t WHERE t.product_id = products.id AND t.tag = ?)");
      parameters.add(query.tag().get());
    }
    if (query.classification().isPresent()) {
      conditions.add("classification = ?");
      parameters.add(query.classification().get().name());
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    int offset = query.page().offset();
    int limit = query.page().limit();
    return database.call(
        "list products",
        connection -> {
          long total;
          try (PreparedStatement statement =
              connection.prepareStatement("SELECT COUNT(*) FROM products" + where)) {
            Database.bind(statement, parameters.toArray());
            try (ResultSet rows = statement.executeQuery()) {
              rows.next();
              total = rows.getLong(1);
            }
          }
          List<Object> pageParameters = new ArrayList<>(parameters);
          pageParameters.add(limit);
          pageParameters.add(offset);
          List<DataProduct> items =
              readProducts(
                  connection,
                  "SELECT "
                      + PRODUCT_FIELDS
                      + " FROM products"
                      + where
                      + " ORDER BY id LIMIT ? OFFSET ?",
                  pageParameters);
          return new Page<>(items, total, offset, limit);
        });
  }

  /** Runs a query over products, then loads the tags and columns of the products found. */
  private static List<DataProduct> readProducts(
      Connection connection, String sql, List<Object> parameters) throws SQLException {
    List<ProductRow> products = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Database.bind(statement, parameters.toArray());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          products.add(ProductRow.read(rows));
        }
      }
    }
    if (products.isEmpty()) {
      return List.of();
    }
    List<String> ids = products.stream().map(ProductRow::id).toList();
    Map<String, List<String>> tags = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT product_id, tag FROM product_tags WHERE product_id IN ("
                + placeholders(ids)
                + ") ORDER BY product_id, ordinal")) {
      Database.bind(statement, ids.toArray());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tags.computeIfAbsent(rows.getString("product_id"), key -> new ArrayList<>())
              .add(rows.getString("tag"));
        }
      }
    }
    Map<String, List<Column>> columns = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT product_id, "
                + ColumnRows.FIELDS
                + " FROM product_columns WHERE product_id IN ("
                + placeholders(ids)
                + ") ORDER BY product_id, ordinal")) {
      Database.bind(statement, ids.toArray());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns
              .computeIfAbsent(rows.getString("product_id"), key -> new ArrayList<>())
              .add(ColumnRows.read(rows));
        }
      }
    }
    return products.stream()
        .map(
            row ->
                row.toProduct(
                    tags.getOrDefault(row.id(), List.of()),
                    columns.getOrDefault(row.id(), List.of())))
        .toList();
  }

  /** A products row before its tags and columns are attached. */
  private record ProductRow(
      String id,
      String title,
      String description,
      String entity,
      String domain,
      String owner,
      String steward,
      String sourceSystem,
      Classification classification,
      Instant createdAt,
      Instant updatedAt) {

    static ProductRow read(ResultSet row) throws SQLException {
      return new ProductRow(
          row.getString("id"),
          row.getString("title"),
          row.getString("description"),
          row.getString("entity_code"),
          row.getString("domain_id"),
          row.getString("owner_name"),
          row.getString("steward"),
          row.getString("source_system"),
          Classification.valueOf(row.getString("classification")),
          instant(row, "created_at"),
          instant(row, "updated_at"));
    }

    DataProduct toProduct(List<String> tags, List<Column> columns) {
      return new DataProduct(
          ProductId.of(id),
          title,
          description,
          entity,
          domain,
          owner,
          steward,
          sourceSystem,
          classification,
          tags,
          columns,
          createdAt,
          updatedAt);
    }
  }
}
