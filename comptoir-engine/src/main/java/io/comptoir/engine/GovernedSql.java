package io.comptoir.engine;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.contract.FilterExpression;
import io.comptoir.contract.FilterExpression.And;
import io.comptoir.contract.FilterExpression.Between;
import io.comptoir.contract.FilterExpression.Comparison;
import io.comptoir.contract.FilterExpression.Constant;
import io.comptoir.contract.FilterExpression.In;
import io.comptoir.contract.FilterExpression.IsNull;
import io.comptoir.contract.FilterExpression.Like;
import io.comptoir.contract.FilterExpression.Not;
import io.comptoir.contract.FilterExpression.Or;
import io.comptoir.contract.Generalization;
import io.comptoir.contract.GovernedColumn;
import io.comptoir.contract.GovernedQuery;
import io.comptoir.contract.Literal;
import io.comptoir.contract.SortOrder;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles a {@link GovernedQuery} to one DuckDB SELECT. Identifiers come only from the schema and
 * are quoted; every constant of a filter, and the HMAC pads, are bound parameters, never part of
 * the SQL text. The contract filter and the consumer filter are joined as {@code (contract) AND
 * (consumer)}, so no consumer filter can widen the contract's rows.
 */
final class GovernedSql {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  /** The redaction of {@code MASK} on strings. */
  static final String REDACTED = "xxxx";

  /** SQL text and its parameters in order. */
  record Compiled(String sql, List<Object> parameters) {
    Compiled {
      parameters = List.copyOf(parameters);
    }

    void bind(PreparedStatement statement) throws SQLException {
      for (int i = 0; i < parameters.size(); i++) {
        Object value = parameters.get(i);
        int index = i + 1;
        if (value instanceof String text) {
          statement.setString(index, text);
        } else if (value instanceof Long number) {
          statement.setLong(index, number);
        } else if (value instanceof BigDecimal number) {
          statement.setBigDecimal(index, number);
        } else if (value instanceof Boolean bool) {
          statement.setBoolean(index, bool);
        } else if (value instanceof byte[] bytes) {
          statement.setBytes(index, bytes);
        } else {
          throw new IllegalStateException("unsupported parameter " + value.getClass());
        }
      }
    }
  }

  private final GovernedQuery query;
  private final List<Object> parameters = new ArrayList<>();
  private final HmacPads pads;

  private GovernedSql(GovernedQuery query) {
    this.query = query;
    this.pads = HmacPads.of(query.key());
  }

  static Compiled compile(GovernedQuery query) {
    return new GovernedSql(query).compile();
  }

  private Compiled compile() {
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(
        query.output().stream()
            .map(c -> masked(c) + " AS " + Sql.identifier(c.name()))
            .collect(Collectors.joining(", ")));
    sql.append(" FROM ").append(source());
    List<String> conditions = new ArrayList<>();
    query.contractFilter().expression().ifPresent(e -> conditions.add(filter(e)));
    query.consumerFilter().expression().ifPresent(e -> conditions.add(filter(e)));
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ")
          .append(conditions.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND ")));
    }
    if (!query.order().keys().isEmpty()) {
      sql.append(" ORDER BY ")
          .append(
              query.order().keys().stream()
                  .map(
                      k ->
                          Sql.identifier(k.column())
                              + (k.direction() == SortOrder.Direction.DESC ? " DESC" : " ASC")
                              + " NULLS LAST")
                  .collect(Collectors.joining(", ")));
    }
    if (query.limit().isPresent()) {
      sql.append(" LIMIT ?");
      parameters.add(query.limit().getAsLong());
    }
    if (query.offset() > 0) {
      sql.append(" OFFSET ?");
      parameters.add(query.offset());
    }
    return new Compiled(sql.toString(), parameters);
  }

  /** The version's files, or a typed empty relation when it has none. */
  private String source() {
    if (!query.files().isEmpty()) {
      return "read_parquet(" + DuckDbEngine.fileList(query.files()) + ")";
    }
    List<String> columns = new ArrayList<>();
    for (Column column : query.schema()) {
      columns.add(
          "CAST(NULL AS " + Sql.duckType(column.type()) + ") AS " + Sql.identifier(column.name()));
    }
    return "(SELECT " + String.join(", ", columns) + " LIMIT 0)";
  }

  private String masked(GovernedColumn column) {
    String c = Sql.identifier(column.name());
    DataType type = column.type();
    String duckType = Sql.duckType(type);
    return switch (column.masking()) {
      case MASK_NONE -> c;
      case MASK_NULL -> "CAST(NULL AS " + duckType + ")";
      case MASK ->
          type.kind() == DataType.Kind.STRING
              ? "CASE WHEN " + c + " IS NULL THEN NULL ELSE " + Sql.literal(REDACTED) + " END"
              : "CAST(NULL AS " + duckType + ")";
      case MASK_SHOW_LAST_4 ->
          "CASE WHEN length(%1$s) <= 4 THEN %1$s ELSE repeat('x', length(%1$s) - 4) || right(%1$s, 4) END"
              .formatted(c);
      case MASK_SHOW_FIRST_4 ->
          "CASE WHEN length(%1$s) <= 4 THEN %1$s ELSE left(%1$s, 4) || repeat('x', length(%1$s) - 4) END"
              .formatted(c);
      case MASK_DATE_SHOW_YEAR -> "year(" + c + ")";
      case GENERALIZE -> generalized(c, type, column.generalization());
      case HASH_KEYED -> {
        parameters.add(pads.outer());
        parameters.add(pads.inner());
        yield "CASE WHEN %1$s IS NULL THEN NULL ELSE sha256(CAST(? AS BLOB) || unhex(sha256(CAST(? AS BLOB) || encode(CAST(%1$s AS VARCHAR))))) END"
            .formatted(c);
      }
    };
  }

  private static String generalized(String c, DataType type, Generalization generalization) {
    long width = generalization.bucketWidth();
    return switch (type.kind()) {
      case DATE, TIMESTAMP ->
          generalization.dates() == Generalization.DateGranularity.MONTH
              ? "strftime(" + c + ", '%Y-%m')"
              : "CAST(year(" + c + ") AS VARCHAR)";
      case STRING ->
          "CASE WHEN left(%1$s, 2) = '97' THEN left(%1$s, 3) ELSE left(%1$s, 2) END".formatted(c);
      case INTEGER, DECIMAL ->
          "CAST(%1$s - ((%1$s %% %2$d) + %2$d) %% %2$d AS %3$s)"
              .formatted(c, width, Sql.duckType(type));
      case DOUBLE -> "floor(%1$s / %2$d) * %2$d".formatted(c, width);
      case BOOLEAN -> throw new IllegalStateException("GENERALIZE on a boolean");
    };
  }

  private String filter(FilterExpression expression) {
    if (expression instanceof And and) {
      return and.operands().stream()
          .map(this::filter)
          .collect(Collectors.joining(" AND ", "(", ")"));
    }
    if (expression instanceof Or or) {
      return or.operands().stream().map(this::filter).collect(Collectors.joining(" OR ", "(", ")"));
    }
    if (expression instanceof Not not) {
      return "(NOT " + filter(not.operand()) + ")";
    }
    if (expression instanceof Constant constant) {
      return constant.value() ? "TRUE" : "FALSE";
    }
    if (expression instanceof Comparison comparison) {
      return Sql.identifier(comparison.column())
          + " "
          + comparison.operator().sql()
          + " "
          + parameter(comparison.value());
    }
    if (expression instanceof In in) {
      return Sql.identifier(in.column())
          + " IN ("
          + in.values().stream().map(this::parameter).collect(Collectors.joining(", "))
          + ")";
    }
    if (expression instanceof Like like) {
      parameters.add(like.pattern());
      return Sql.identifier(like.column()) + " LIKE CAST(? AS VARCHAR) ESCAPE '\\'";
    }
    if (expression instanceof Between between) {
      String low = parameter(between.low());
      String high = parameter(between.high());
      return Sql.identifier(between.column()) + " BETWEEN " + low + " AND " + high;
    }
    if (expression instanceof IsNull isNull) {
      return Sql.identifier(isNull.column()) + " IS NULL";
    }
    throw new IllegalStateException("unknown filter node " + expression);
  }

  private String parameter(Literal literal) {
    if (literal instanceof Literal.Text text) {
      parameters.add(text.value());
      return "CAST(? AS VARCHAR)";
    }
    if (literal instanceof Literal.Number number) {
      BigDecimal value = number.value();
      if (value.scale() <= 0) {
        try {
          parameters.add(value.longValueExact());
          return "CAST(? AS BIGINT)";
        } catch (ArithmeticException e) {
          // too large for a BIGINT: a decimal below
        }
      }
      parameters.add(value);
      return "CAST(? AS DECIMAL(38, " + Math.max(0, value.scale()) + "))";
    }
    if (literal instanceof Literal.Bool bool) {
      parameters.add(bool.value());
      return "CAST(? AS BOOLEAN)";
    }
    if (literal instanceof Literal.Date date) {
      parameters.add(date.value().toString());
      return "CAST(? AS DATE)";
    }
    if (literal instanceof Literal.Timestamp timestamp) {
      parameters.add(TIMESTAMP.format(timestamp.value()));
      return "CAST(? AS TIMESTAMP)";
    }
    throw new IllegalStateException("unknown literal " + literal);
  }
}
