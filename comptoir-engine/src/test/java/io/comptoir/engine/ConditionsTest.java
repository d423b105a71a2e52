package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The custom SQL allow-list against a corpus of hostile expressions. */
class ConditionsTest {
  private static final List<Column> COLUMNS =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("name", DataType.STRING),
          Column.of("weight", DataType.DOUBLE),
          Column.of("day", DataType.DATE));

  @TempDir Path directory;
  private DuckDbEngine engine;

  @BeforeEach
  void start() {
    engine = new DuckDbEngine(EngineSettings.defaults(directory.resolve("tmp")));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "weight > 0",
        "weight BETWEEN 0 AND 100 AND name IS NOT NULL",
        "lower(name) LIKE 'a%' OR upper(name) ILIKE 'B%'",
        "CASE WHEN id > 10 THEN weight < 5 ELSE true END",
        "regexp_full_match(name, '[a-z]+')",
        "day <= current_date AND year(day) >= 2000",
        "coalesce(weight, 0) >= 0",
        "CAST(id AS VARCHAR) <> 'x' AND length(name) < 40",
        "name IN ('a', 'b') OR id % 2 = 0",
        "\"weight\" >= 0"
      })
  void acceptsRowExpressions(String condition) {
    assertThatCode(() -> engine.validateCondition(condition, COLUMNS)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "id IN (SELECT 1 FROM read_csv('/etc/passwd'))",
        "EXISTS (SELECT * FROM read_parquet('/data/lake/**/*.parquet'))",
        "(SELECT count(*) FROM glob('/etc/*')) > 0",
        "id > 0; COPY (SELECT 1) TO '/tmp/x.csv'",
        "id > 0; ATTACH '/tmp/x.db' AS x",
        "id > 0) AS ok FROM __comptoir_rows, read_csv('/etc/passwd') --",
        "id > 0) AS ok FROM read_json('http://evil.example/x.json') AS __comptoir_rows WHERE (true",
        "read_text('/etc/passwd') IS NOT NULL",
        "length(read_blob('/etc/shadow')) > 0",
        "getenv('HOME') IS NOT NULL",
        "current_setting('temp_directory') <> ''",
        "name = (SELECT name FROM __comptoir_rows LIMIT 1)",
        "sum(weight) > 0",
        "count(*) OVER () > 1",
        "row_number() OVER () > 0",
        "id = $1",
        "id = ?",
        "list_filter([1, 2], x -> x > 1) IS NOT NULL",
        "main.lower(name) = 'a'",
        "system.main.lower(name) = 'a'",
        "x.id > 0",
        "unknown_column > 0",
        "weight > 0 /* comment */",
        "weight > 0 -- comment",
        "httpfs_get('http://evil.example') IS NOT NULL",
        "query('SELECT 1') IS NOT NULL",
        "query_table('secrets') IS NOT NULL",
        "nonexistent_function(id)",
        "COLUMNS(*) > 0",
        "name::BLOB IS NOT NULL AND 'x' IN (SELECT * FROM duckdb_secrets())",
        "id > 0 UNION SELECT 1",
        "strlen(name) > 0 AND (WITH x AS (SELECT 1) SELECT * FROM x) = 1"
      })
  void refusesHostileOrNonRowExpressions(String condition) {
    assertThatThrownBy(() -> engine.validateCondition(condition, COLUMNS))
        .isInstanceOfSatisfying(
            ComptoirException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.code())
                    .isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("custom SQL refused");
  }
}
