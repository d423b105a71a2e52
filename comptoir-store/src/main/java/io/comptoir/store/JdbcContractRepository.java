package io.comptoir.store;

import static io.comptoir.store.Database.instant;
import static io.comptoir.store.Database.instantOrNull;
import static io.comptoir.store.Database.optionalInstant;
import static io.comptoir.store.Database.optionalText;
import static io.comptoir.store.Database.textOrNull;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ColumnGrant;
import io.comptoir.contract.Consumer;
import io.comptoir.contract.ContractId;
import io.comptoir.contract.ContractKey;
import io.comptoir.contract.ContractRepository;
import io.comptoir.contract.ContractStatus;
import io.comptoir.contract.ContractTerms;
import io.comptoir.contract.Decision;
import io.comptoir.contract.Generalization;
import io.comptoir.contract.LegalBasis;
import io.comptoir.contract.Masking;
import io.comptoir.contract.MaskingChange;
import io.comptoir.contract.Purpose;
import io.comptoir.contract.PurposeCategory;
import io.comptoir.contract.Revocation;
import io.comptoir.contract.UsageContract;
import io.comptoir.contract.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link ContractRepository} on SQLite or PostgreSQL. */
final class JdbcContractRepository implements ContractRepository {
  private static final String FIELDS =
      "id, product_id, consumer_user, consumer_application, consumer_entity, purpose,"
          + " purpose_category, legal_basis, business_value, usage_referent, row_scope,"
          + " start_date, end_date, review_period, required_roles, status, requested_at,"
          + " last_reviewed_at, revoked_by, revoked_at, revocation_reason, renewal_of";

  private final Database database;

  JdbcContractRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void insert(UsageContract contract, ContractKey key) {
    requireNonNull(contract, "contract is null");
    requireNonNull(key, "key is null");
    database.run(
        "insert contract " + contract.id(),
        connection -> {
          Database.update(
              connection,
              "INSERT INTO contracts ("
                  + FIELDS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              row(contract));
          writeChildren(connection, contract);
          Database.update(
              connection,
              "INSERT INTO contract_keys (contract_id, key_hex) VALUES (?, ?)",
              contract.id().value(),
              HexFormat.of().formatHex(key.bytes()));
        });
  }

  @Override
  public void update(UsageContract contract) {
    requireNonNull(contract, "contract is null");
    database.run(
        "update contract " + contract.id(),
        connection -> {
          Object[] values = row(contract);
          Object[] parameters = new Object[values.length];
          System.arraycopy(values, 1, parameters, 0, values.length - 1);
          parameters[values.length - 1] = contract.id().value();
          String assignments =
              Arrays.stream(FIELDS.split(",\\s*"))
                  .skip(1)
                  .map(field -> field + " = ?")
                  .collect(Collectors.joining(", "));
          int changed =
              Database.update(
                  connection, "UPDATE contracts SET " + assignments + " WHERE id = ?", parameters);
          if (changed == 0) {
            throw new io.comptoir.common.NotFoundException("contract", contract.id());
          }
          for (String table :
              List.of("contract_grants", "contract_decisions", "contract_masking_changes")) {
            Database.update(
                connection,
                "DELETE FROM " + table + " WHERE contract_id = ?",
                contract.id().value());
          }
          writeChildren(connection, contract);
        });
  }

  private static Object[] row(UsageContract contract) {
    return new Object[] {
      contract.id().value(),
      contract.product().value(),
      contract.consumer().user(),
      textOrNull(contract.consumer().application()),
      contract.consumer().entity(),
      contract.purpose().description(),
      contract.purpose().category().name(),
      contract.purpose().legalBasis().name(),
      contract.purpose().businessValue(),
      contract.purpose().usageReferent(),
      contract.rowScope(),
      contract.terms().start().toString(),
      contract.terms().end().toString(),
      contract.terms().reviewPeriod().toString(),
      contract.required().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
      contract.status().name(),
      contract.requestedAt(),
      instantOrNull(contract.lastReviewedAt()),
      textOrNull(contract.revocation().map(Revocation::revokedBy)),
      instantOrNull(contract.revocation().map(Revocation::revokedAt)),
      textOrNull(contract.revocation().map(Revocation::reason)),
      textOrNull(contract.renewalOf().map(ContractId::value))
    };
  }

  private static void writeChildren(Connection connection, UsageContract contract)
      throws SQLException {
    String id = contract.id().value();
    int ordinal = 0;
    for (ColumnGrant grant : contract.grants()) {
      Database.update(
          connection,
          "INSERT INTO contract_grants (contract_id, ordinal, column_name, masking,"
              + " date_granularity, bucket_width) VALUES (?, ?, ?, ?, ?, ?)",
          id,
          ordinal++,
          grant.column(),
          grant.masking().name(),
          grant.generalization().dates().name(),
          grant.generalization().bucketWidth());
    }
    ordinal = 0;
    for (Decision decision : contract.decisions()) {
      Database.update(
          connection,
          "INSERT INTO contract_decisions (contract_id, ordinal, approver_role, approver, verdict,"
              + " comment_text, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          id,
          ordinal++,
          decision.role().name(),
          decision.approver(),
          decision.verdict().name(),
          decision.comment(),
          decision.decidedAt());
    }
    ordinal = 0;
    for (MaskingChange change : contract.maskingChanges()) {
      Database.update(
          connection,
          "INSERT INTO contract_masking_changes (contract_id, ordinal, column_name,"
              + " masking_before, masking_after, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          id,
          ordinal++,
          change.column(),
          change.before().name(),
          change.after().name(),
          change.changedBy(),
          change.changedAt());
    }
  }

  @Override
  public Optional<UsageContract> find(ContractId id) {
    List<UsageContract> found = select("find contract " + id, "WHERE id = ?", id.value());
    return found.stream().findFirst();
  }

  @Override
  public List<UsageContract> listByProduct(ProductId product) {
    return select(
        "list contracts of " + product,
        "WHERE product_id = ? ORDER BY requested_at DESC, id",
        product.value());
  }

  @Override
  public List<UsageContract> listByConsumer(String user) {
    return select(
        "list contracts of " + user,
        "WHERE consumer_user = ? ORDER BY requested_at DESC, id",
        user);
  }

  @Override
  public List<UsageContract> listUndecided() {
    return select(
        "list undecided requests",
        "WHERE status IN ('REQUESTED', 'IN_REVIEW') ORDER BY requested_at, id");
  }

  @Override
  public List<UsageContract> listInForce() {
    return select(
        "list contracts in force",
        "WHERE status IN ('ACTIVE', 'SUSPENDED') ORDER BY requested_at, id");
  }

  private List<UsageContract> select(String action, String where, Object... parameters) {
    return database.call(
        action,
        connection -> {
          List<UsageContract> contracts = new ArrayList<>();
          try (PreparedStatement statement =
              connection.prepareStatement("SELECT " + FIELDS + " FROM contracts " + where)) {
            Database.bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                contracts.add(contract(connection, rows));
              }
            }
          }
          return contracts;
        });
  }

  private static UsageContract contract(Connection connection, ResultSet row) throws SQLException {
    String id = row.getString("id");
    Set<ApproverRole> required = EnumSet.noneOf(ApproverRole.class);
    for (String role : row.getString("required_roles").split(",")) {
      if (!role.isEmpty()) {
        required.add(ApproverRole.valueOf(role));
      }
    }
    Optional<Revocation> revocation =
        optionalText(row, "revoked_by").isPresent()
            ? Optional.of(
                new Revocation(
                    row.getString("revoked_by"),
                    instant(row, "revoked_at"),
                    row.getString("revocation_reason")))
            : Optional.empty();
    return new UsageContract(
        new ContractId(id),
        ProductId.of(row.getString("product_id")),
        new Consumer(
            row.getString("consumer_user"),
            optionalText(row, "consumer_application"),
            row.getString("consumer_entity")),
        new Purpose(
            row.getString("purpose"),
            PurposeCategory.valueOf(row.getString("purpose_category")),
            LegalBasis.valueOf(row.getString("legal_basis")),
            row.getString("business_value"),
            row.getString("usage_referent")),
        grants(connection, id),
        row.getString("row_scope"),
        new ContractTerms(
            LocalDate.parse(row.getString("start_date")),
            LocalDate.parse(row.getString("end_date")),
            Period.parse(row.getString("review_period"))),
        required,
        decisions(connection, id),
        maskingChanges(connection, id),
        ContractStatus.valueOf(row.getString("status")),
        instant(row, "requested_at"),
        optionalInstant(row, "last_reviewed_at"),
        revocation,
        optionalText(row, "renewal_of").map(ContractId::new));
  }

  private static List<ColumnGrant> grants(Connection connection, String id) throws SQLException {
    List<ColumnGrant> grants = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name, masking, date_granularity, bucket_width FROM contract_grants"
                + " WHERE contract_id = ? ORDER BY ordinal")) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          grants.add(
              new ColumnGrant(
                  rows.getString(1),
                  Masking.valueOf(rows.getString(2)),
                  new Generalization(
                      Generalization.DateGranularity.valueOf(rows.getString(3)), rows.getLong(4))));
        }
      }
    }
    return grants;
  }

  private static List<Decision> decisions(Connection connection, String id) throws SQLException {
    List<Decision> decisions = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT approver_role, approver, verdict, comment_text, decided_at"
                + " FROM contract_decisions WHERE contract_id = ? ORDER BY ordinal")) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          decisions.add(
              new Decision(
                  ApproverRole.valueOf(rows.getString(1)),
                  rows.getString(2),
                  Verdict.valueOf(rows.getString(3)),
                  rows.getString(4),
                  instant(rows, "decided_at")));
        }
      }
    }
    return decisions;
  }

  private static List<MaskingChange> maskingChanges(Connection connection, String id)
      throws SQLException {
    List<MaskingChange> changes = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name, masking_before, masking_after, changed_by, changed_at"
                + " FROM contract_masking_changes WHERE contract_id = ? ORDER BY ordinal")) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          changes.add(
              new MaskingChange(
                  rows.getString(1),
                  Masking.valueOf(rows.getString(2)),
                  Masking.valueOf(rows.getString(3)),
                  rows.getString(4),
                  instant(rows, "changed_at")));
        }
      }
    }
    return changes;
  }

  @Override
  public Optional<ContractKey> findKey(ContractId id) {
    return database.call(
        "read the key of contract " + id,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT key_hex FROM contract_keys WHERE contract_id = ?")) {
            statement.setString(1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next()
                  ? Optional.of(ContractKey.of(HexFormat.of().parseHex(rows.getString(1))))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public void destroyKey(ContractId id) {
    database.run(
        "destroy the key of contract " + id,
        connection ->
            Database.update(
                connection, "DELETE FROM contract_keys WHERE contract_id = ?", id.value()));
  }
}
