package io.comptoir.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile {@code filter}, {@code order} and {@code columns} values, as a consumer could send them:
 * each is refused with INVALID_INPUT and a message that says why.
 */
class HostileInputTest {
  static final List<Column> SCHEMA =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("x", DataType.STRING),
          Column.of("email", DataType.STRING),
          Column.of("birth", DataType.DATE),
          Column.of("secret", DataType.STRING));
  static final List<GovernedColumn> GRANTED =
      List.of(
          GovernedColumn.of("id", DataType.INTEGER, Masking.MASK_NONE),
          GovernedColumn.of("x", DataType.STRING, Masking.MASK_NONE),
          GovernedColumn.of("email", DataType.STRING, Masking.HASH_KEYED),
          GovernedColumn.of("birth", DataType.DATE, Masking.GENERALIZE));

  static GovernedQuery query(String filter, String order, String columns) {
    return new GovernedQuery(
        List.of(Path.of("/lake/p/data/1.parquet")),
        SCHEMA,
        GRANTED,
        RowFilter.parse("id > 0"),
        RowFilter.parse(filter),
        ColumnSelection.parse(columns),
        SortOrder.parse(order),
        OptionalLong.of(100),
        0,
        OutputFormat.CSV,
        ContractKey.generate(new SecureRandom()));
  }

  static void refused(Runnable action, String message) {
    assertThatThrownBy(action::run)
        .isInstanceOf(ComptoirException.class)
        .hasMessage(message)
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.INVALID_INPUT);
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of(
            "x = '1' or 1=1 --", "invalid filter at position 16: comments are not allowed"),
        Arguments.of(
            "x = '1' or 1=1",
            "invalid filter at position 12: expected a column name, 'not', '(', 'true' or 'false',"
                + " found '1'"),
        Arguments.of("x = '1' --", "invalid filter at position 9: comments are not allowed"),
        Arguments.of("x = '1' /* c */", "invalid filter at position 9: comments are not allowed"),
        Arguments.of(
            "id = 1; drop table t", "invalid filter at position 7: unexpected character ';'"),
        Arguments.of(
            "id = 1 union select * from secret",
            "invalid filter at position 21: unexpected character '*'"),
        Arguments.of(
            "read_csv('/etc/passwd')",
            "invalid filter at position 1: functions are not allowed: 'read_csv'"),
        Arguments.of(
            "x = read_text('/etc/passwd')",
            "invalid filter at position 5: functions are not allowed: 'read_text'"),
        Arguments.of(
            "x = getenv('HOME')",
            "invalid filter at position 5: functions are not allowed: 'getenv'"),
        Arguments.of(
            "x in (glob('/*'))", "invalid filter at position 7: functions are not allowed: 'glob'"),
        Arguments.of("x = (select 1)", "invalid filter at position 5: expected a value, found '('"),
        Arguments.of(
            "id in (select id from t)",
            "invalid filter at position 8: expected a value (columns compare with constants only),"
                + " found 'select'"),
        Arguments.of(
            "x = \"id\"", "invalid filter at position 5: quoted identifiers are not allowed"),
        Arguments.of("x = 'a' || 'b'", "invalid filter at position 9: unexpected character '|'"),
        Arguments.of("x = $1", "invalid filter at position 5: unexpected character '$'"),
        Arguments.of("x = ?", "invalid filter at position 5: unexpected character '?'"),
        Arguments.of("x::int = 1", "invalid filter at position 2: unexpected character ':'"),
        Arguments.of(
            "id = 1e9", "invalid filter at position 7: unexpected character 'e' after a number"),
        Arguments.of(
            "id = 0x10", "invalid filter at position 7: unexpected character 'x' after a number"),
        Arguments.of("x = ʼ1ʼ", "invalid filter at position 5: unexpected character U+02BC"),
        Arguments.of("x = ＇1＇", "invalid filter at position 5: unexpected character U+FF07"),
        Arguments.of("ｘ = '1'", "invalid filter at position 1: unexpected character U+FF58"),
        Arguments.of("x\u00a0= '1'", "invalid filter at position 2: unexpected character U+00A0"),
        Arguments.of("x = '1'\u0000", "invalid filter at position 8: unexpected character U+0000"),
        Arguments.of("x = '1' \u202e", "invalid filter at position 9: unexpected character U+202E"),
        Arguments.of(
            "x = '" + "a".repeat(1024 * 1024) + "'",
            "filter is too long: 1048582 characters (at most 4096 bytes)"),
        Arguments.of(
            "(".repeat(10_000) + "id = 1" + ")".repeat(10_000),
            "filter is too long: 20006 characters (at most 4096 bytes)"),
        Arguments.of(
            "(".repeat(2000) + "id = 1" + ")".repeat(2000),
            "invalid filter at position 21: nested deeper than 20 levels"),
        Arguments.of("unknown = 1", "unknown column 'unknown' in filter"),
        Arguments.of("secret = 'a'", "unknown column 'secret' in filter"),
        Arguments.of("id = 1 or email = 'a@b.fr'", "cannot filter on masked column 'email'"),
        Arguments.of("birth is null", "cannot filter on masked column 'birth'"),
        Arguments.of("ID = 1", "unknown column 'ID' in filter"),
        Arguments.of("id = '1'", "column 'id' of type integer cannot be compared with a string"),
        Arguments.of("x = 1", "column 'x' of type string cannot be compared with the number 1"),
        Arguments.of("id like '1%'", "'like' needs a string column, column 'id' is integer"));
  }

  @ParameterizedTest
  @MethodSource("filters")
  void refusesHostileFilters(String filter, String message) {
    refused(() -> query(filter, "", ""), message);
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of("id; drop table t", "invalid order at position 3: unexpected character ';'"),
        Arguments.of(
            "id desc, (select 1)",
            "invalid order at position 10: expected a column name, found '('"),
        Arguments.of(
            "random()",
            "invalid order at position 7: expected 'asc', 'desc', ',' or the end, found '('"),
        Arguments.of("1", "invalid order at position 1: expected a column name, found '1'"),
        Arguments.of("id -- x", "invalid order at position 4: comments are not allowed"),
        Arguments.of(
            "id desc desc",
            "invalid order at position 9: expected 'asc', 'desc', ',' or the end, found 'desc'"),
        Arguments.of("id, id", "invalid order at position 5: column 'id' appears twice"),
        Arguments.of("id,", "invalid order at position 4: expected a column name, found the end"),
        Arguments.of("\"id\"", "invalid order at position 1: quoted identifiers are not allowed"),
        Arguments.of("ｉd", "invalid order at position 1: unexpected character U+FF49"),
        Arguments.of(
            "id " + " ".repeat(5000), "order is too long: 5003 characters (at most 4096 bytes)"),
        Arguments.of("unknown", "unknown column 'unknown' in order"),
        Arguments.of("secret", "unknown column 'secret' in order"),
        Arguments.of("id, email desc", "cannot sort on masked column 'email'"));
  }

  @ParameterizedTest
  @MethodSource("orders")
  void refusesHostileOrders(String order, String message) {
    refused(() -> query("", order, ""), message);
  }

  static Stream<Arguments> columnLists() {
    return Stream.of(
        Arguments.of("*", "invalid columns at position 1: unexpected character '*'"),
        Arguments.of(
            "id, (select 1)", "invalid columns at position 5: expected a column name, found '('"),
        Arguments.of(
            "id, x as y", "invalid columns at position 7: expected ',' or the end, found 'as'"),
        Arguments.of(
            "getenv('HOME')", "invalid columns at position 7: expected ',' or the end, found '('"),
        Arguments.of("id;", "invalid columns at position 3: unexpected character ';'"),
        Arguments.of("id, id", "invalid columns at position 5: column 'id' appears twice"),
        Arguments.of("id,,x", "invalid columns at position 4: expected a column name, found ','"),
        Arguments.of(
            "a,".repeat(3000) + "a", "columns is too long: 6001 characters (at most 4096 bytes)"),
        Arguments.of("secret", "unknown column 'secret' in columns"),
        Arguments.of("id, nope", "unknown column 'nope' in columns"));
  }

  @ParameterizedTest
  @MethodSource("columnLists")
  void refusesHostileColumnLists(String columns, String message) {
    refused(() -> query("", "", columns), message);
  }
}
