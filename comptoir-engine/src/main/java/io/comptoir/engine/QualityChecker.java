package io.comptoir.engine;

import static io.comptoir.engine.Sql.identifier;
import static io.comptoir.engine.Sql.literal;

import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.QualityCheckRequest;
import io.comptoir.ingest.QualityCheckResult;
import io.comptoir.ingest.QuarantineCount;
import io.comptoir.ingest.StagedData;
import io.comptoir.quality.QualityRule;
import io.comptoir.quality.RuleType;
import io.comptoir.quality.Severity;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * Evaluates quality rules on staged Parquet files in one pass: a temporary table holds every row
 * with one flag per row-level rule (true when the row fails it). Counts come from the flags; rows
 * failing an error rule are added to the quarantine (error type {@code QUALITY}, message naming the
 * first such rule) and the other rows are written again as the staged data.
 */
final class QualityChecker {
  static final String ERROR_TYPE = "QUALITY";
  private static final String ROW = "__comptoir_row";

  private final DuckDBConnection connection;
  private final QualityCheckRequest request;
  private final String table;

  QualityChecker(DuckDBConnection connection, QualityCheckRequest request) {
    this.connection = connection;
    this.request = request;
    this.table = "quality_" + request.filePrefix().replaceAll("[^A-Za-z0-9]", "_");
  }

  QualityCheckResult check() throws SQLException {
    StagedData staged = request.staged();
    List<QualityRule> rowRules = request.rules().stream().filter(r -> r.type().rowLevel()).toList();
    List<QualityRule> freshness =
        request.rules().stream().filter(r -> r.type() == RuleType.FRESHNESS).toList();
    for (QualityRule rule : rowRules) {
      if (rule.type() == RuleType.CUSTOM_SQL) {
        Conditions.validate(connection, rule.condition(), request.columns());
      }
    }
    Map<String, Long> failing = new LinkedHashMap<>();
    Map<String, Instant> newest = new LinkedHashMap<>();
    if (staged.dataFiles().isEmpty()) {
      rowRules.forEach(rule -> failing.put(rule.name(), 0L));
      return new QualityCheckResult(staged, failing, newest);
    }
    String files =
        DuckDbEngine.fileList(
            staged.dataFiles().stream().map(StagedData.StagedFile::path).toList());
    StringBuilder select = new StringBuilder("CREATE TEMP TABLE " + table + " AS SELECT *");
    for (int i = 0; i < rowRules.size(); i++) {
      select
          .append(", coalesce(")
          .append(failure(rowRules.get(i)))
          .append(", false) AS ")
          .append(flag(i));
    }
    select
        .append(" FROM (SELECT *, row_number() OVER () AS ")
        .append(ROW)
        .append(" FROM read_parquet(")
        .append(files)
        .append(") AS ")
        .append(Conditions.ROWS)
        .append(") AS ")
        .append(Conditions.ROWS);
    try {
      DuckDbEngine.executeUpdate(connection, select.toString());
      if (!rowRules.isEmpty()) {
        StringBuilder counts = new StringBuilder("SELECT ");
        for (int i = 0; i < rowRules.size(); i++) {
          counts.append(i == 0 ? "" : ", ").append("count_if(").append(flag(i)).append(")");
        }
        counts.append(" FROM ").append(table);
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(counts.toString())) {
          rs.next();
          for (int i = 0; i < rowRules.size(); i++) {
            failing.put(rowRules.get(i).name(), rs.getLong(i + 1));
          }
        }
      }
      for (QualityRule rule : freshness) {
        try (Statement statement = connection.createStatement();
            ResultSet rs =
                statement.executeQuery(
                    "SELECT epoch_ms(max("
                        + identifier(rule.column())
                        + ")::TIMESTAMP) FROM "
                        + table)) {
          rs.next();
          long millis = rs.getLong(1);
          if (!rs.wasNull()) {
            newest.put(rule.name(), Instant.ofEpochMilli(millis));
          }
        }
      }
      List<Integer> errors = new ArrayList<>();
      for (int i = 0; i < rowRules.size(); i++) {
        if (rowRules.get(i).severity() == Severity.ERROR
            && failing.get(rowRules.get(i).name()) > 0) {
          errors.add(i);
        }
      }
      StagedData result = errors.isEmpty() ? staged : quarantine(rowRules, errors);
      return new QualityCheckResult(result, failing, newest);
    } catch (SQLException e) {
      throw ComptoirException.invalidInput(
          "cannot evaluate the quality rules: %s", firstLine(e.getMessage()));
    } finally {
      DuckDbEngine.executeUpdate(connection, "DROP TABLE IF EXISTS " + table);
    }
  }

  /** Moves the rows failing an error rule to the quarantine and rewrites the accepted rows. */
  private StagedData quarantine(List<QualityRule> rules, List<Integer> errors) throws SQLException {
    StagedData staged = request.staged();
    String anyError = String.join(" OR ", errors.stream().map(QualityChecker::flag).toList());
    StringBuilder column = new StringBuilder("CASE");
    StringBuilder message = new StringBuilder("CASE");
    for (int i : errors) {
      QualityRule rule = rules.get(i);
      column
          .append(" WHEN ")
          .append(flag(i))
          .append(" THEN ")
          .append(literal(String.join(",", rule.columns())));
      message
          .append(" WHEN ")
          .append(flag(i))
          .append(" THEN ")
          .append(
              literal("quality rule '" + rule.name() + "' (" + rule.type().code() + ") failed"));
    }
    column.append(" END");
    message.append(" END");
    StringBuilder raw = new StringBuilder("struct_pack(");
    for (int i = 0; i < request.columns().size(); i++) {
      String name = request.columns().get(i).name();
      raw.append(i == 0 ? "" : ", ")
          .append(identifier(name))
          .append(" := ")
          .append(identifier(name));
    }
    raw.append(")::VARCHAR");
    String rejected =
        "SELECT "
            + ROW
            + "::BIGINT AS line, "
            + column
            + "::VARCHAR AS column_name, "
            + literal(ERROR_TYPE)
            + "::VARCHAR AS error_type, "
            + message
            + "::VARCHAR AS message, "
            + raw
            + " AS raw FROM "
            + table
            + " WHERE "
            + anyError;
    String all = rejected;
    if (staged.quarantineFile().isPresent()) {
      all =
          "SELECT line::BIGINT AS line, column_name::VARCHAR AS column_name,"
              + " error_type::VARCHAR AS error_type, message::VARCHAR AS message,"
              + " raw::VARCHAR AS raw FROM read_parquet("
              + literal(staged.quarantineFile().get())
              + ") UNION ALL "
              + rejected;
    }
    Path quarantineFile =
        request.stagingDirectory().resolve(request.filePrefix() + "-quarantine.parquet");
    DuckDbEngine.executeUpdate(
        connection,
        "COPY (" + all + " ORDER BY line) TO " + literal(quarantineFile) + " (FORMAT parquet)");
    List<QuarantineCount> counts = new ArrayList<>(staged.quarantineCounts());
    long moved = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT column_name, count(*) FROM ("
                    + rejected
                    + ") GROUP BY ALL ORDER BY 2 DESC, 1")) {
      while (rs.next()) {
        counts.add(new QuarantineCount(ERROR_TYPE, rs.getString(1), rs.getLong(2)));
        moved += rs.getLong(2);
      }
    }
    String projection =
        String.join(", ", request.columns().stream().map(c -> identifier(c.name())).toList());
    Path dataFile = request.stagingDirectory().resolve(request.filePrefix() + "-0.parquet");
    long accepted =
        DuckDbEngine.executeUpdate(
            connection,
            "COPY (SELECT "
                + projection
                + " FROM "
                + table
                + " WHERE NOT ("
                + anyError
                + ") ORDER BY "
                + ROW
                + ") TO "
                + literal(dataFile)
                + " (FORMAT parquet, ROW_GROUP_SIZE "
                + Stager.ROW_GROUP_ROWS
                + ")");
    for (StagedData.StagedFile file : staged.dataFiles()) {
      Stager.deleteIfExists(file.path());
    }
    staged.quarantineFile().ifPresent(Stager::deleteIfExists);
    List<StagedData.StagedFile> files = new ArrayList<>();
    if (accepted > 0) {
      files.add(new StagedData.StagedFile(dataFile, accepted, Stager.size(dataFile)));
    } else {
      Stager.deleteIfExists(dataFile);
    }
    return new StagedData(
        staged.rowsRead(),
        accepted,
        staged.rowsQuarantined() + moved,
        files,
        Optional.of(quarantineFile),
        counts);
  }

  private static String flag(int index) {
    return "__comptoir_q" + index;
  }

  /** The SQL that is true when a row fails the rule (NULL counts as passing). */
  private String failure(QualityRule rule) {
    String column = rule.columns().isEmpty() ? "" : identifier(rule.column());
    return switch (rule.type()) {
      case NOT_NULL -> column + " IS NULL";
      case UNIQUE -> {
        List<String> columns = rule.columns().stream().map(Sql::identifier).toList();
        StringBuilder sql =
            new StringBuilder("(count(*) OVER (PARTITION BY ")
                .append(String.join(", ", columns))
                .append(") > 1");
        columns.forEach(c -> sql.append(" AND ").append(c).append(" IS NOT NULL"));
        yield sql.append(")").toString();
      }
      case RANGE -> {
        List<String> parts = new ArrayList<>();
        rule.min().ifPresent(min -> parts.add(column + " < " + number(min)));
        rule.max().ifPresent(max -> parts.add(column + " > " + number(max)));
        yield "(" + String.join(" OR ", parts) + ")";
      }
      case REGEX ->
          "NOT regexp_full_match(CAST(" + column + " AS VARCHAR), " + literal(rule.pattern()) + ")";
      case ALLOWED_VALUES ->
          "CAST("
              + column
              + " AS VARCHAR) NOT IN ("
              + String.join(", ", rule.values().stream().map(Sql::literal).toList())
              + ")";
      case REFERENCE -> {
        List<Path> files = request.references().getOrDefault(rule.name(), List.of());
        QualityRule.Reference reference = rule.reference().orElseThrow();
        String values =
            files.isEmpty()
                ? "SELECT NULL::VARCHAR WHERE false"
                : "SELECT CAST("
                    + identifier(reference.column())
                    + " AS VARCHAR) FROM read_parquet("
                    + DuckDbEngine.fileList(files)
                    + ") WHERE "
                    + identifier(reference.column())
                    + " IS NOT NULL";
        yield "("
            + column
            + " IS NOT NULL AND CAST("
            + column
            + " AS VARCHAR) NOT IN ("
            + values
            + "))";
      }
      case CUSTOM_SQL -> "NOT coalesce(CAST((" + rule.condition() + ") AS BOOLEAN), false)";
      case ROW_COUNT_CHANGE, FRESHNESS ->
          throw new IllegalArgumentException(rule.type() + " is not a row-level rule");
    };
  }

  private static String number(BigDecimal value) {
    return value.toPlainString();
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message;
    int newline = text.indexOf('\n');
    return newline > 0 ? text.substring(0, newline) : text;
  }
}
