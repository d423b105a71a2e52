package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ColumnSelection;
import io.comptoir.contract.ContractKey;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.Generalization;
import io.comptoir.contract.GovernedColumn;
import io.comptoir.contract.GovernedQuery;
import io.comptoir.contract.Masking;
import io.comptoir.contract.OutputFormat;
import io.comptoir.contract.RowFilter;
import io.comptoir.contract.SortOrder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernedExportTest {
  static final List<Column> PEOPLE =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("name", DataType.STRING),
          Column.of("email", DataType.STRING),
          Column.of("postcode", DataType.STRING),
          Column.of("birth", DataType.DATE),
          Column.of("seen", DataType.TIMESTAMP),
          Column.of("amount", DataType.decimal(10, 2)),
          Column.of("score", DataType.DOUBLE),
          Column.of("age", DataType.INTEGER),
          Column.of("vip", DataType.BOOLEAN));

  private static final String ROWS =
      "SELECT * FROM (VALUES"
          + " (1, 'Alice Martin', 'alice@example.fr', '75011', DATE '1985-07-14',"
          + "  TIMESTAMP '2024-03-05 10:11:12', 1234.56, 17.5, 37, true),"
          + " (2, 'Bob', 'bob@ex.fr', '97411', DATE '1990-12-31',"
          + "  TIMESTAMP '2023-01-01 00:00:00', -17.25, -2.5, 42, false),"
          + " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))"
          + " AS t(id, name, email, postcode, birth, seen, amount, score, age, vip)";

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path directory;
  DuckDbEngine engine;
  Path file;

  @BeforeEach
  void start() throws SQLException {
    engine = new DuckDbEngine(EngineSettings.defaults(directory.resolve("tmp")));
    file = parquet("people.parquet", ROWS);
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  Path parquet(String name, String select) throws SQLException {
    Path path = directory.resolve(name);
    String typed =
        "SELECT id::BIGINT AS id, name::VARCHAR AS name, email::VARCHAR AS email,"
            + " postcode::VARCHAR AS postcode, birth::DATE AS birth, seen::TIMESTAMP AS seen,"
            + " amount::DECIMAL(10,2) AS amount, score::DOUBLE AS score, age::BIGINT AS age,"
            + " vip::BOOLEAN AS vip FROM ("
            + select
            + ")";
    try (DuckDBConnection connection = engine.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("COPY (" + typed + ") TO " + Sql.literal(path) + " (FORMAT parquet)");
    }
    return path;
  }

  static GovernedColumn column(String name, Masking masking) {
    return column(name, masking, Generalization.DEFAULT);
  }

  static GovernedColumn column(String name, Masking masking, Generalization generalization) {
    DataType type =
        PEOPLE.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().type();
    return new GovernedColumn(name, type, masking, generalization);
  }

  GovernedQuery query(List<GovernedColumn> granted, OutputFormat format, ContractKey key) {
    return new GovernedQuery(
        List.of(file),
        PEOPLE,
        granted,
        RowFilter.all(),
        RowFilter.all(),
        ColumnSelection.all(),
        SortOrder.parse("id"),
        OptionalLong.empty(),
        0,
        format,
        key);
  }

  String csv(List<GovernedColumn> granted) {
    return export(query(granted, OutputFormat.CSV, ContractKey.generate(RANDOM)));
  }

  String export(GovernedQuery query) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportSummary summary = engine.export(query, out);
    assertThat(summary.bytes()).isEqualTo(out.size());
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The values of one column of a CSV export, null for empty fields (no commas in the data). */
  static List<String> values(String csv) {
    List<String> lines = List.of(csv.split("\r\n"));
    List<String> values = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String value = line.substring(line.indexOf(',') + 1);
      values.add(value.isEmpty() ? null : value);
    }
    return values;
  }

  List<String> masked(String column, Masking masking) {
    return values(csv(List.of(column("id", Masking.MASK_NONE), column(column, masking))));
  }

  List<String> generalized(String column, Generalization generalization) {
    return values(
        csv(
            List.of(
                column("id", Masking.MASK_NONE),
                column(column, Masking.GENERALIZE, generalization))));
  }

  @Test
  void writesEveryTypeInClearWithMaskNone() {
    String csv = csv(PEOPLE.stream().map(c -> column(c.name(), Masking.MASK_NONE)).toList());

    assertThat(csv)
        .isEqualTo(
            "id,name,email,postcode,birth,seen,amount,score,age,vip\r\n"
                + "1,Alice Martin,alice@example.fr,75011,1985-07-14,2024-03-05 10:11:12,1234.56,"
                + "17.5,37,true\r\n"
                + "2,Bob,bob@ex.fr,97411,1990-12-31,2023-01-01 00:00:00,-17.25,-2.5,42,false\r\n"
                + "3,,,,,,,,,\r\n");
  }

  @Test
  void masksNullOnEveryType() {
    for (Column column : PEOPLE.subList(1, PEOPLE.size())) {
      assertThat(masked(column.name(), Masking.MASK_NULL))
          .as(column.name())
          .containsExactly(null, null, null);
    }
  }

  @Test
  void redactsStringsAndNullsOtherTypesWithMask() {
    assertThat(masked("name", Masking.MASK)).containsExactly("xxxx", "xxxx", null);
    for (String column : List.of("birth", "seen", "amount", "score", "age", "vip")) {
      assertThat(masked(column, Masking.MASK)).as(column).containsExactly(null, null, null);
    }
  }

  @Test
  void showsTheLastOrFirstFourCharacters() {
    assertThat(masked("name", Masking.MASK_SHOW_LAST_4))
        .containsExactly("xxxxxxxxrtin", "Bob", null);
    assertThat(masked("email", Masking.MASK_SHOW_FIRST_4))
        .containsExactly("alicxxxxxxxxxxxx", "bob@xxxxx", null);
  }

  @Test
  void showsOnlyTheYearOfDatesAndTimestamps() {
    assertThat(masked("birth", Masking.MASK_DATE_SHOW_YEAR)).containsExactly("1985", "1990", null);
    assertThat(masked("seen", Masking.MASK_DATE_SHOW_YEAR)).containsExactly("2024", "2023", null);
  }

  @Test
  void generalizesDatesToMonthOrYear() {
    Generalization month = new Generalization(Generalization.DateGranularity.MONTH, 10);
    Generalization year = new Generalization(Generalization.DateGranularity.YEAR, 10);

    assertThat(generalized("birth", month)).containsExactly("1985-07", "1990-12", null);
    assertThat(generalized("birth", year)).containsExactly("1985", "1990", null);
    assertThat(generalized("seen", month)).containsExactly("2024-03", "2023-01", null);
  }

  @Test
  void generalizesPostcodesToTheirDepartment() {
    assertThat(generalized("postcode", Generalization.DEFAULT)).containsExactly("75", "974", null);
  }

  @Test
  void generalizesNumbersToTheLowerBoundOfTheirBucket() {
    Generalization tens = new Generalization(Generalization.DateGranularity.MONTH, 10);
    Generalization hundreds = new Generalization(Generalization.DateGranularity.MONTH, 100);

    assertThat(generalized("age", tens)).containsExactly("30", "40", null);
    assertThat(generalized("amount", hundreds)).containsExactly("1200.00", "-100.00", null);
    assertThat(generalized("score", tens)).containsExactly("10.0", "-10.0", null);
  }

  @Test
  void hashesWithTheContractKeyExactlyLikeJavaxCryptoHmac() throws Exception {
    ContractKey key = ContractKey.generate(RANDOM);
    String csv =
        export(
            query(
                List.of(
                    column("id", Masking.MASK_NONE),
                    column("email", Masking.HASH_KEYED),
                    column("age", Masking.HASH_KEYED),
                    column("birth", Masking.HASH_KEYED)),
                OutputFormat.CSV,
                key));

    List<String> lines = List.of(csv.split("\r\n"));
    assertThat(lines.get(1).split(",", -1))
        .containsExactly(
            "1", hmac(key, "alice@example.fr"), hmac(key, "37"), hmac(key, "1985-07-14"));
    assertThat(lines.get(2).split(",", -1))
        .containsExactly("2", hmac(key, "bob@ex.fr"), hmac(key, "42"), hmac(key, "1990-12-31"));
    assertThat(lines.get(3)).isEqualTo("3,,,");
  }

  @Test
  void hashesNonAsciiTextAsUtf8() throws Exception {
    file = parquet("accents.parquet", ROWS.replace("'Alice Martin'", "'Élodie Ñúñez 東京'"));
    ContractKey key = ContractKey.generate(RANDOM);

    String csv =
        export(
            query(
                List.of(column("id", Masking.MASK_NONE), column("name", Masking.HASH_KEYED)),
                OutputFormat.CSV,
                key));

    assertThat(values(csv)).containsExactly(hmac(key, "Élodie Ñúñez 東京"), hmac(key, "Bob"), null);
  }

  @Test
  void givesEqualTokensWithinOneKeyAndDifferentTokensAcrossKeys() throws SQLException {
    file = parquet("twins.parquet", ROWS.replace("'bob@ex.fr'", "'alice@example.fr'"));
    List<GovernedColumn> granted =
        List.of(column("id", Masking.MASK_NONE), column("email", Masking.HASH_KEYED));

    List<String> first =
        values(export(query(granted, OutputFormat.CSV, ContractKey.generate(RANDOM))));
    List<String> second =
        values(export(query(granted, OutputFormat.CSV, ContractKey.generate(RANDOM))));

    assertThat(first.get(0)).isEqualTo(first.get(1)).hasSize(64);
    assertThat(second.get(0)).isEqualTo(second.get(1));
    assertThat(second.get(0)).isNotEqualTo(first.get(0));
  }

  static String hmac(ContractKey key, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void neverWritesAMaskedValueInClearInAnyFormat() throws Exception {
    List<GovernedColumn> granted =
        List.of(
            column("id", Masking.MASK_NONE),
            column("name", Masking.MASK_SHOW_LAST_4),
            column("email", Masking.HASH_KEYED),
            column("postcode", Masking.GENERALIZE),
            column("birth", Masking.MASK_DATE_SHOW_YEAR),
            column("seen", Masking.GENERALIZE),
            column("amount", Masking.MASK_NULL),
            column("score", Masking.MASK),
            column("age", Masking.GENERALIZE),
            column("vip", Masking.MASK_NULL));
    List<String> raw =
        List.of(
            "Alice Martin",
            "Alice",
            "alice@example.fr",
            "bob@ex.fr",
            "75011",
            "97411",
            "1985-07-14",
            "1990-12-31",
            "10:11:12",
            "1234.56",
            "17.25");
    List<String> rawFields = List.of("37", "42", "17.5", "-2.5", "true", "false", "1985-07");
    ContractKey key = ContractKey.generate(RANDOM);

    for (OutputFormat format : OutputFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ExportSummary summary = engine.export(query(granted, format, key), out);
      assertThat(summary.rows()).as(format.name()).isEqualTo(3);
      String text =
          format == OutputFormat.PARQUET
              ? parquetAsText(out.toByteArray())
              : out.toString(StandardCharsets.UTF_8);
      assertThat(text).as(format.name()).contains("xxxxxxxxrtin", "974", "2024-03");
      String bytes = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
      for (String value : raw) {
        assertThat(text).as(format + " " + value).doesNotContain(value);
        assertThat(bytes).as(format + " bytes " + value).doesNotContain(value);
      }
      assertThat(text.split("[,\\r\\n:{}\"]+"))
          .as(format.name())
          .doesNotContainAnyElementsOf(rawFields);
    }
  }

  /** Every value of a Parquet export as text, one row per line. */
  String parquetAsText(byte[] parquet) throws Exception {
    Path copy = Files.write(directory.resolve("export-" + System.nanoTime() + ".parquet"), parquet);
    StringBuilder text = new StringBuilder();
    try (DuckDBConnection connection = engine.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT * FROM read_parquet(" + Sql.literal(copy) + ")")) {
      int count = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= count; i++) {
          text.append(rs.getString(i)).append(',');
        }
        text.append('\n');
      }
    }
    return text.toString();
  }

  @Test
  void writesJsonLinesWithTypedValues() {
    String jsonl =
        export(
            query(
                PEOPLE.stream().map(c -> column(c.name(), Masking.MASK_NONE)).toList(),
                OutputFormat.JSONL,
                ContractKey.generate(RANDOM)));

    assertThat(jsonl.split("\n"))
        .containsExactly(
            "{\"id\":1,\"name\":\"Alice Martin\",\"email\":\"alice@example.fr\","
                + "\"postcode\":\"75011\",\"birth\":\"1985-07-14\","
                + "\"seen\":\"2024-03-05 10:11:12\",\"amount\":1234.56,\"score\":17.5,"
                + "\"age\":37,\"vip\":true}",
            "{\"id\":2,\"name\":\"Bob\",\"email\":\"bob@ex.fr\",\"postcode\":\"97411\","
                + "\"birth\":\"1990-12-31\",\"seen\":\"2023-01-01 00:00:00\",\"amount\":-17.25,"
                + "\"score\":-2.5,\"age\":42,\"vip\":false}",
            "{\"id\":3,\"name\":null,\"email\":null,\"postcode\":null,\"birth\":null,"
                + "\"seen\":null,\"amount\":null,\"score\":null,\"age\":null,\"vip\":null}");
  }

  @Test
  void quotesCsvAndEscapesJsonAsTheStandardsSay() throws SQLException {
    file =
        parquet(
            "quotes.parquet",
            ROWS.replace("'Alice Martin'", "'Martin, \"Alice\"' || chr(10) || 'line'")
                .replace("'Bob'", "''"));
    List<GovernedColumn> granted =
        List.of(column("id", Masking.MASK_NONE), column("name", Masking.MASK_NONE));

    String csv = export(query(granted, OutputFormat.CSV, ContractKey.generate(RANDOM)));
    String jsonl = export(query(granted, OutputFormat.JSONL, ContractKey.generate(RANDOM)));

    assertThat(csv).isEqualTo("id,name\r\n1,\"Martin, \"\"Alice\"\"\nline\"\r\n2,\"\"\r\n3,\r\n");
    assertThat(jsonl)
        .isEqualTo(
            "{\"id\":1,\"name\":\"Martin, \\\"Alice\\\"\\nline\"}\n"
                + "{\"id\":2,\"name\":\"\"}\n{\"id\":3,\"name\":null}\n");
  }

  @Test
  void exportsParquetThatDuckDbReadsBack() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportSummary summary =
        engine.export(
            query(
                List.of(column("id", Masking.MASK_NONE), column("name", Masking.MASK_NONE)),
                OutputFormat.PARQUET,
                ContractKey.generate(RANDOM)),
            out);

    assertThat(summary).isEqualTo(new ExportSummary(3, out.size()));
    assertThat(Arrays.copyOf(out.toByteArray(), 4))
        .isEqualTo("PAR1".getBytes(StandardCharsets.US_ASCII));
    assertThat(parquetAsText(out.toByteArray())).isEqualTo("1,Alice Martin,\n2,Bob,\n3,null,\n");
    assertThat(Files.list(directory.resolve("tmp").resolve("exports"))).isEmpty();
  }

  @Test
  void appliesContractFilterConsumerFilterOrderLimitAndOffset() {
    GovernedQuery query =
        new GovernedQuery(
            List.of(file),
            PEOPLE,
            List.of(column("id", Masking.MASK_NONE), column("age", Masking.MASK_NONE)),
            RowFilter.parse("email like '%.fr' or email is null"),
            RowFilter.parse("age is null or age between 30 and 50"),
            ColumnSelection.parse("age, id"),
            SortOrder.parse("age desc, id"),
            OptionalLong.of(2),
            1,
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));

    assertThat(export(query)).isEqualTo("age,id\r\n37,1\r\n,3\r\n");
  }

  @Test
  void filtersOnTheRawValueOfAMaskedColumnInTheContractFilterOnly() {
    GovernedQuery query =
        new GovernedQuery(
            List.of(file),
            PEOPLE,
            List.of(column("id", Masking.MASK_NONE), column("name", Masking.MASK)),
            RowFilter.parse("name = 'Bob' or postcode = '75011'"),
            RowFilter.all(),
            ColumnSelection.all(),
            SortOrder.parse("id"),
            OptionalLong.empty(),
            0,
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));

    assertThat(export(query)).isEqualTo("id,name\r\n1,xxxx\r\n2,xxxx\r\n");
  }

  List<String> ids(String filter) {
    GovernedQuery query =
        new GovernedQuery(
            List.of(file),
            PEOPLE,
            PEOPLE.stream().map(c -> column(c.name(), Masking.MASK_NONE)).toList(),
            RowFilter.all(),
            RowFilter.parse(filter),
            ColumnSelection.parse("id"),
            SortOrder.parse("id"),
            OptionalLong.empty(),
            0,
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));
    List<String> lines = List.of(export(query).split("\r\n"));
    return lines.subList(1, lines.size());
  }

  @Test
  void comparesEveryTypeWithItsBoundLiterals() {
    assertThat(ids("name = 'Bob'")).containsExactly("2");
    assertThat(ids("name != 'Bob'")).containsExactly("1");
    assertThat(ids("name like 'A%n'")).containsExactly("1");
    assertThat(ids("name not like '_ob'")).containsExactly("1");
    assertThat(ids("postcode in ('97411', '13001')")).containsExactly("2");
    assertThat(ids("postcode not in ('97411')")).containsExactly("1");
    assertThat(ids("age >= 40")).containsExactly("2");
    assertThat(ids("age between 30 and 40")).containsExactly("1");
    assertThat(ids("age not between 30 and 40")).containsExactly("2");
    assertThat(ids("amount > 1000.5")).containsExactly("1");
    assertThat(ids("amount = -17.25")).containsExactly("2");
    assertThat(ids("amount < 99999999999999999999")).containsExactly("1", "2");
    assertThat(ids("score <= -2.5")).containsExactly("2");
    assertThat(ids("score > 17")).containsExactly("1");
    assertThat(ids("vip = true")).containsExactly("1");
    assertThat(ids("vip <> true")).containsExactly("2");
    assertThat(ids("birth < date '1990-01-01'")).containsExactly("1");
    assertThat(ids("birth between date '1990-12-31' and date '1991-01-01'")).containsExactly("2");
    assertThat(ids("seen >= date '2024-01-01'")).containsExactly("1");
    assertThat(ids("seen < timestamp '2024-03-05 10:11:12'")).containsExactly("2");
    assertThat(ids("seen <= timestamp '2024-03-05T10:11:12'")).containsExactly("1", "2");
    assertThat(ids("name is null")).containsExactly("3");
    assertThat(ids("not (name is not null) or false")).containsExactly("3");
    assertThat(ids("name like '%' or name is null")).containsExactly("1", "2", "3");
  }

  @Test
  void escapesLikeWildcardsWithABackslash() throws SQLException {
    file = parquet("percent.parquet", ROWS.replace("'Bob'", "'100%'"));

    assertThat(ids("name like '%\\%'")).containsExactly("2");
    assertThat(ids("name like '%\\_%'")).isEmpty();
  }

  @Test
  void consumerFilterCannotWidenTheContractFilter() {
    GovernedQuery query =
        new GovernedQuery(
            List.of(file),
            PEOPLE,
            List.of(column("id", Masking.MASK_NONE)),
            RowFilter.parse("id = 2"),
            RowFilter.parse("id = 1 or true"),
            ColumnSelection.all(),
            SortOrder.none(),
            OptionalLong.empty(),
            0,
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));

    GovernedSql.Compiled compiled = GovernedSql.compile(query);

    assertThat(compiled.sql())
        .endsWith(" WHERE (\"id\" = CAST(? AS BIGINT)) AND ((\"id\" = CAST(? AS BIGINT) OR TRUE))");
    assertThat(compiled.parameters()).containsExactly(2L, 1L);
    assertThat(export(query)).isEqualTo("id\r\n2\r\n");
  }

  @Test
  void bindsEveryFilterConstantAsAParameter() {
    String hostile = "x' or 1=1; drop table t; --";
    GovernedQuery query =
        new GovernedQuery(
            List.of(file),
            PEOPLE,
            List.of(column("id", Masking.MASK_NONE), column("name", Masking.MASK_NONE)),
            RowFilter.all(),
            RowFilter.parse(
                "name = 'x'' or 1=1; drop table t; --' or name in ('a', 'b') or name like '%'''"),
            ColumnSelection.all(),
            SortOrder.none(),
            OptionalLong.empty(),
            0,
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));

    GovernedSql.Compiled compiled = GovernedSql.compile(query);

    assertThat(compiled.sql()).doesNotContain("drop", "1=1", "'a'", "%");
    assertThat(compiled.parameters()).containsExactly(hostile, "a", "b", "%'");
    assertThat(export(query)).isEqualTo("id,name\r\n");
  }

  @Test
  void writesOnlyTheHeaderOfAVersionWithoutFiles() {
    GovernedQuery query =
        new GovernedQuery(
            List.of(),
            PEOPLE,
            List.of(column("id", Masking.MASK_NONE), column("email", Masking.HASH_KEYED)),
            RowFilter.parse("age > 3"),
            RowFilter.all(),
            ColumnSelection.all(),
            SortOrder.none(),
            OptionalLong.empty(),
            0,
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));

    assertThat(export(query)).isEqualTo("id,email\r\n");
  }

  @Test
  void reportsAFailingOutputStreamAsAnInternalError() {
    GovernedQuery query =
        query(
            List.of(column("id", Masking.MASK_NONE)),
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));

    assertThatThrownBy(
            () ->
                engine.export(
                    query,
                    new java.io.OutputStream() {
                      @Override
                      public void write(int b) throws java.io.IOException {
                        throw new java.io.IOException("client went away");
                      }
                    }))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("cannot write the export: client went away")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void writesTimestampFractionsAndNonFiniteDoublesAsDuckDbPrintsThem() throws SQLException {
    file =
        parquet(
            "edges.parquet",
            ROWS.replace("TIMESTAMP '2024-03-05 10:11:12'", "TIMESTAMP '2024-03-05 10:11:12.25'")
                .replace("17.5", "'nan'::DOUBLE")
                .replace("-2.5", "'-inf'::DOUBLE"));
    List<GovernedColumn> granted =
        List.of(
            column("id", Masking.MASK_NONE),
            column("seen", Masking.MASK_NONE),
            column("score", Masking.MASK_NONE));

    String csv = export(query(granted, OutputFormat.CSV, ContractKey.generate(RANDOM)));
    String jsonl = export(query(granted, OutputFormat.JSONL, ContractKey.generate(RANDOM)));

    assertThat(csv)
        .isEqualTo(
            "id,seen,score\r\n1,2024-03-05 10:11:12.25,nan\r\n"
                + "2,2023-01-01 00:00:00,-inf\r\n3,,\r\n");
    assertThat(jsonl)
        .isEqualTo(
            "{\"id\":1,\"seen\":\"2024-03-05 10:11:12.25\",\"score\":\"nan\"}\n"
                + "{\"id\":2,\"seen\":\"2023-01-01 00:00:00\",\"score\":\"-inf\"}\n"
                + "{\"id\":3,\"seen\":null,\"score\":null}\n");
  }

  @Test
  void smallReadsRunOnTheSingleThreadedDatabaseAndGiveTheSameRows() {
    ContractKey key = ContractKey.generate(RANDOM);
    List<GovernedColumn> granted =
        List.of(column("id", Masking.MASK_NONE), column("email", Masking.HASH_KEYED));
    GovernedQuery whole = query(granted, OutputFormat.CSV, key);
    GovernedQuery page =
        new GovernedQuery(
            List.of(file),
            PEOPLE,
            granted,
            RowFilter.all(),
            RowFilter.all(),
            ColumnSelection.all(),
            SortOrder.parse("id"),
            OptionalLong.of(2),
            1,
            OutputFormat.CSV,
            key);
    GovernedQuery beyond =
        new GovernedQuery(
            List.of(file),
            PEOPLE,
            granted,
            RowFilter.all(),
            RowFilter.all(),
            ColumnSelection.all(),
            SortOrder.parse("id"),
            OptionalLong.of(GovernedExport.SMALL_ROWS),
            1,
            OutputFormat.CSV,
            key);

    String[] lines = export(whole).split("\r\n");

    assertThat(GovernedExport.isSmall(page)).isTrue();
    assertThat(GovernedExport.isSmall(beyond)).as("offset counted").isFalse();
    assertThat(GovernedExport.isSmall(whole)).isFalse();
    assertThat(export(page)).isEqualTo(lines[0] + "\r\n" + lines[2] + "\r\n" + lines[3] + "\r\n");
    assertThat(export(beyond)).isEqualTo(export(page));
  }

  GovernedQuery limited(long limit, long offset) {
    return new GovernedQuery(
        List.of(file, file),
        PEOPLE,
        List.of(column("id", Masking.MASK_NONE)),
        RowFilter.all(),
        RowFilter.all(),
        ColumnSelection.all(),
        SortOrder.parse("id"),
        OptionalLong.of(limit),
        offset,
        OutputFormat.CSV,
        ContractKey.generate(RANDOM));
  }

  @Test
  void dropsALimitThatTheFilesCannotReachAndKeepsOneThatCuts() throws SQLException {
    // the same file twice: six rows; DuckDB runs a LIMIT in one thread, so a limit that cuts
    // nothing is left out of large exports
    try (DuckDBConnection connection = engine.connect()) {
      assertThat(GovernedExport.withoutIdleLimit(connection, limited(6, 0)).limit()).isEmpty();
      assertThat(GovernedExport.withoutIdleLimit(connection, limited(20_000, 0)).limit()).isEmpty();
      assertThat(GovernedExport.withoutIdleLimit(connection, limited(5, 1)).limit()).isEmpty();
      assertThat(GovernedExport.withoutIdleLimit(connection, limited(Long.MAX_VALUE, 3)).limit())
          .isEmpty();
      assertThat(GovernedExport.withoutIdleLimit(connection, limited(5, 0)).limit()).hasValue(5);
      assertThat(GovernedExport.withoutIdleLimit(connection, limited(4, 1)).limit()).hasValue(4);
    }
    String[] all = export(limited(20_000, 0)).split("\r\n");
    assertThat(all).containsExactly("id", "1", "1", "2", "2", "3", "3");
    assertThat(export(limited(20_000, 4)).split("\r\n")).containsExactly("id", "3", "3");
    assertThat(export(limited(GovernedExport.SMALL_ROWS + 1, 0).withoutLimit()))
        .isEqualTo(export(limited(20_000, 0)));
  }

  GovernedQuery firstRows(List<GovernedColumn> granted, ContractKey key, String filter) {
    return new GovernedQuery(
        List.of(file),
        PEOPLE,
        granted,
        RowFilter.all(),
        RowFilter.parse(filter),
        ColumnSelection.all(),
        SortOrder.parse("id"),
        OptionalLong.of(100),
        0,
        OutputFormat.CSV,
        key);
  }

  @Test
  void aSmallReadRunsItsQueryOnceAndGivesTheSameBytesAgain() throws Exception {
    ContractKey key = ContractKey.generate(RANDOM);
    List<GovernedColumn> granted =
        List.of(column("id", Masking.MASK_NONE), column("email", Masking.HASH_KEYED));
    ReadCache cache = engine.readCache();

    String first = export(firstRows(granted, key, ""));
    String second = export(firstRows(granted, key, ""));

    assertThat(second).isEqualTo(first).contains(hmac(key, "alice@example.fr"));
    assertThat(cache.misses()).isEqualTo(1);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.count()).isEqualTo(1);
  }

  @Test
  void twoContractsNeverShareACachedRead() throws Exception {
    List<GovernedColumn> granted =
        List.of(column("id", Masking.MASK_NONE), column("email", Masking.HASH_KEYED));
    ContractKey one = ContractKey.generate(RANDOM);
    ContractKey other = ContractKey.generate(RANDOM);

    String underOne = export(firstRows(granted, one, ""));
    String underOther = export(firstRows(granted, other, ""));

    assertThat(underOne).contains(hmac(one, "alice@example.fr"));
    assertThat(underOther)
        .contains(hmac(other, "alice@example.fr"))
        .doesNotContain(hmac(one, "alice@example.fr"));
    assertThat(engine.readCache().hits()).isZero();
    assertThat(engine.readCache().count()).isEqualTo(2);
  }

  @Test
  void aDifferentFilterOrMaskingIsAnotherCachedRead() {
    ContractKey key = ContractKey.generate(RANDOM);
    List<GovernedColumn> clear =
        List.of(column("id", Masking.MASK_NONE), column("name", Masking.MASK_NONE));
    List<GovernedColumn> masked =
        List.of(column("id", Masking.MASK_NONE), column("name", Masking.MASK));

    assertThat(export(firstRows(clear, key, "id = 1"))).isEqualTo("id,name\r\n1,Alice Martin\r\n");
    assertThat(export(firstRows(clear, key, "id = 2"))).isEqualTo("id,name\r\n2,Bob\r\n");
    assertThat(export(firstRows(masked, key, "id = 2"))).isEqualTo("id,name\r\n2,xxxx\r\n");
    assertThat(engine.readCache().hits()).isZero();
  }

  @Test
  void aFileChangedUnderTheSamePathIsReadAgain() throws Exception {
    ContractKey key = ContractKey.generate(RANDOM);
    List<GovernedColumn> granted =
        List.of(column("id", Masking.MASK_NONE), column("name", Masking.MASK_NONE));
    String before = export(firstRows(granted, key, ""));
    Files.delete(file);
    parquet("people.parquet", ROWS.replace("'Bob'", "'Robert'"));
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

    String after = export(firstRows(granted, key, ""));

    assertThat(before).contains("2,Bob\r\n");
    assertThat(after).contains("2,Robert\r\n");
    assertThat(engine.readCache().hits()).isZero();
  }

  @Test
  void withoutACacheEverySmallReadRunsItsQuery() {
    engine.close();
    engine = new DuckDbEngine(new EngineSettings(directory.resolve("tmp2"), "1GB", 2, "0MB"));
    ContractKey key = ContractKey.generate(RANDOM);
    List<GovernedColumn> granted = List.of(column("id", Masking.MASK_NONE));

    assertThat(export(firstRows(granted, key, ""))).isEqualTo("id\r\n1\r\n2\r\n3\r\n");
    assertThat(export(firstRows(granted, key, ""))).isEqualTo("id\r\n1\r\n2\r\n3\r\n");
    assertThat(engine.readCache().enabled()).isFalse();
    assertThat(engine.readCache().count()).isZero();
  }

  @Test
  void asksDuckDbForRfc4180CsvWithCrlfLineEnds() {
    GovernedQuery query =
        new GovernedQuery(
            List.of(file),
            PEOPLE,
            List.of(column("id", Masking.MASK_NONE)),
            RowFilter.all(),
            RowFilter.all(),
            ColumnSelection.all(),
            SortOrder.parse("id"),
            OptionalLong.of(1),
            0,
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));
    GovernedSql.Compiled compiled = GovernedSql.compile(query);

    assertThat(GovernedExport.copy(compiled, query, directory.resolve("x.csv")))
        .startsWith("COPY (" + compiled.sql() + ") TO ")
        .endsWith(
            "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL '',"
                + " NEW_LINE '\\r\\n', USE_TMP_FILE false)");
  }

  @Test
  void reportsAFailingQueryWithoutWaitingForeverAndExportsAgainAfterIt() {
    file = directory.resolve("missing.parquet");
    GovernedQuery missing =
        query(
            List.of(column("id", Masking.MASK_NONE)),
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));

    for (int i = 0; i < 50; i++) {
      // a COPY that fails at once, before or after the reader opens the pipe: never a hang
      assertThatThrownBy(() -> engine.export(missing, new ByteArrayOutputStream()))
          .isInstanceOf(ComptoirException.class)
          .hasMessageStartingWith("governed export failed: ")
          .hasMessageContaining("missing.parquet");
    }

    file = directory.resolve("people.parquet");
    assertThat(csv(List.of(column("id", Masking.MASK_NONE)))).isEqualTo("id\r\n1\r\n2\r\n3\r\n");
  }

  @Test
  void cancelsTheCopyWhenTheClientGoesAwayMidwayAndExportsAgainAfterIt() throws SQLException {
    file =
        parquet(
            "many.parquet",
            "SELECT i AS id, 'n' || i AS name, 'e' || i AS email, NULL AS postcode, NULL AS birth,"
                + " NULL AS seen, NULL AS amount, NULL AS score, NULL AS age, NULL AS vip"
                + " FROM range(3000000) t(i)");
    GovernedQuery query =
        query(
            List.of(column("id", Masking.MASK_NONE), column("email", Masking.HASH_KEYED)),
            OutputFormat.CSV,
            ContractKey.generate(RANDOM));
    java.io.OutputStream goesAway =
        new java.io.OutputStream() {
          long written;

          @Override
          public void write(int b) throws java.io.IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            written += length;
            if (written > 1_000_000) {
              throw new java.io.IOException("client went away");
            }
          }
        };

    assertThatThrownBy(() -> engine.export(query, goesAway))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("cannot write the export: client went away");

    file = directory.resolve("people.parquet");
    assertThat(csv(List.of(column("id", Masking.MASK_NONE)))).isEqualTo("id\r\n1\r\n2\r\n3\r\n");
  }

  @Test
  @org.junit.jupiter.api.Disabled(
      "named-pipe exports are switched off (GovernedExport.NAMED_PIPES): an export after a"
          + " cancelled one deadlocked in CI on 2026-11-27; exports go through temporary files")
  void runsConcurrentExportsEachOnItsOwnPipeAndReusesThePipes() throws Exception {
    List<GovernedColumn> granted =
        List.of(column("id", Masking.MASK_NONE), column("name", Masking.MASK_SHOW_LAST_4));
    String expected = "id,name\r\n1,xxxxxxxxrtin\r\n2,Bob\r\n3,\r\n";
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 3; round++) {
        List<java.util.concurrent.Future<String>> outputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          outputs.add(pool.submit(() -> csv(granted)));
        }
        for (java.util.concurrent.Future<String> output : outputs) {
          assertThat(output.get(1, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(expected);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    try (java.util.stream.Stream<Path> processes =
        Files.list(directory.resolve("tmp").resolve("pipes"))) {
      Path pipes = processes.findFirst().orElseThrow();
      try (java.util.stream.Stream<Path> files = Files.list(pipes)) {
        assertThat(files.count()).as("pipes made for 24 exports, 8 at a time").isBetween(1L, 8L);
      }
    }
  }
}
