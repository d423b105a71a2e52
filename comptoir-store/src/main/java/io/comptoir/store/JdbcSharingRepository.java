package io.comptoir.store;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.contract.SharingRepository;
import io.comptoir.contract.SharingScope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** {@link SharingRepository} on SQLite or PostgreSQL. */
final class JdbcSharingRepository implements SharingRepository {
  private final Database database;

  JdbcSharingRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void save(ProductId product, SharingScope scope) {
    requireNonNull(product, "product is null");
    requireNonNull(scope, "scope is null");
    database.run(
        "save the sharing scope of " + product,
        connection ->
            Database.update(
                connection,
                "INSERT INTO product_sharing (product_id, sharing_scope) VALUES (?, ?)"
                    + " ON CONFLICT (product_id) DO UPDATE SET sharing_scope = excluded.sharing_scope",
                product.value(),
                scope.name()));
  }

  @Override
  public SharingScope scopeOf(ProductId product) {
    return database.call(
        "read the sharing scope of " + product,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT sharing_scope FROM product_sharing WHERE product_id = ?")) {
            statement.setString(1, product.value());
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? SharingScope.valueOf(rows.getString(1)) : SharingScope.GROUP;
            }
          }
        });
  }
}
