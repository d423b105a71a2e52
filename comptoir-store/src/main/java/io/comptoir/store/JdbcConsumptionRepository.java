package io.comptoir.store;

import static io.comptoir.store.Database.instant;
import static io.comptoir.store.Database.update;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.contract.ConsumptionQuery;
import io.comptoir.contract.ConsumptionRecord;
import io.comptoir.contract.ConsumptionRepository;
import io.comptoir.contract.ContractId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ConsumptionRepository} on SQLite or PostgreSQL: one upsert per read, atomic on both (the
 * row is created or added to in one statement).
 */
final class JdbcConsumptionRepository implements ConsumptionRepository {
  private static final String FIELDS =
      "day, contract_id, product_id, consumer_user, application, reads, row_count, byte_count,"
          + " last_read_at";
  private static final String UPSERT =
      "INSERT INTO consumption_days ("
          + FIELDS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (day, contract_id, product_id, consumer_user, application) DO UPDATE SET"
          + " reads = consumption_days.reads + excluded.reads,"
          + " row_count = consumption_days.row_count + excluded.row_count,"
          + " byte_count = consumption_days.byte_count + excluded.byte_count,"
          + " last_read_at = CASE WHEN excluded.last_read_at > consumption_days.last_read_at"
          + " THEN excluded.last_read_at ELSE consumption_days.last_read_at END";

  private final Database database;

  JdbcConsumptionRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void add(ConsumptionRecord record) {
    requireNonNull(record, "record is null");
    database.run(
        "record consumption",
        connection ->
            update(
                connection,
                UPSERT,
                record.day().toString(),
                record.contract().value(),
                record.product().value(),
                record.consumer(),
                record.application().orElse(""),
                record.reads(),
                record.rows(),
                record.bytes(),
                record.lastReadAt()));
  }

  @Override
  public List<ConsumptionRecord> search(ConsumptionQuery query) {
    requireNonNull(query, "query is null");
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + FIELDS + " FROM consumption_days WHERE day >= ? AND day <= ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(query.from().toString());
    parameters.add(query.to().toString());
    query.product().ifPresent(product -> filter(sql, parameters, "product_id", product.value()));
    query
        .contract()
        .ifPresent(contract -> filter(sql, parameters, "contract_id", contract.value()));
    query.consumer().ifPresent(consumer -> filter(sql, parameters, "consumer_user", consumer));
    sql.append(" ORDER BY day, product_id, contract_id, consumer_user, application");
    return database.call(
        "search consumption",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            Database.bind(statement, parameters.toArray());
            List<ConsumptionRecord> records = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                String application = rows.getString("application");
                records.add(
                    new ConsumptionRecord(
                        LocalDate.parse(rows.getString("day")),
                        new ContractId(rows.getString("contract_id")),
                        ProductId.of(rows.getString("product_id")),
                        rows.getString("consumer_user"),
                        application.isEmpty() ? Optional.empty() : Optional.of(application),
                        rows.getLong("reads"),
                        rows.getLong("row_count"),
                        rows.getLong("byte_count"),
                        instant(rows, "last_read_at")));
              }
            }
            return records;
          }
        });
  }

  private static void filter(
      StringBuilder sql, List<Object> parameters, String column, String value) {
    sql.append(" AND ").append(column).append(" = ?");
    parameters.add(value);
  }

  @Override
  public Map<ContractId, Instant> lastReads() {
    return database.call(
        "read the last read of each contract",
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT contract_id, MAX(last_read_at) AS last_read_at"
                          + " FROM consumption_days GROUP BY contract_id");
              ResultSet rows = statement.executeQuery()) {
            Map<ContractId, Instant> last = new HashMap<>();
            while (rows.next()) {
              last.put(
                  new ContractId(rows.getString("contract_id")), instant(rows, "last_read_at"));
            }
            return last;
          }
        });
  }
}
