package io.comptoir.contract;

import static io.comptoir.contract.HostileInputTest.GRANTED;
import static io.comptoir.contract.HostileInputTest.SCHEMA;
import static io.comptoir.contract.HostileInputTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.DataType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GovernedQueryTest {
  static GovernedQuery query(
      List<GovernedColumn> granted, String contractFilter, OptionalLong limit, long offset) {
    return new GovernedQuery(
        List.of(Path.of("/lake/p/data/1.parquet")),
        SCHEMA,
        granted,
        RowFilter.parse(contractFilter),
        RowFilter.all(),
        ColumnSelection.all(),
        SortOrder.none(),
        limit,
        offset,
        OutputFormat.JSONL,
        ContractKey.generate(new SecureRandom()));
  }

  @Test
  void letsTheContractFilterReadMaskedAndUngrantedColumns() {
    GovernedQuery query =
        query(GRANTED, "email like '%@laposte.fr' and secret is not null", OptionalLong.empty(), 0);

    assertThat(query.contractFilter().columns()).containsExactly("email", "secret");
  }

  @Test
  void checksTheContractFilterAgainstTheVersion() {
    refused(
        () -> query(GRANTED, "missing = 1", OptionalLong.empty(), 0),
        "unknown column 'missing' in contract filter");
    refused(
        () -> query(GRANTED, "birth > 3", OptionalLong.empty(), 0),
        "column 'birth' of type date cannot be compared with the number 3");
  }

  @Test
  void checksTheGrantedColumnsAgainstTheVersion() {
    refused(
        () ->
            query(
                List.of(GovernedColumn.of("gone", DataType.STRING, Masking.MASK_NONE)),
                "",
                OptionalLong.empty(),
                0),
        "granted column 'gone' is not in the version");
    refused(
        () ->
            query(
                List.of(GovernedColumn.of("id", DataType.STRING, Masking.MASK_NONE)),
                "",
                OptionalLong.empty(),
                0),
        "granted column 'id' is string but the version has integer");
    refused(
        () ->
            query(
                List.of(
                    GovernedColumn.of("id", DataType.INTEGER, Masking.MASK_NONE),
                    GovernedColumn.of("id", DataType.INTEGER, Masking.MASK)),
                "",
                OptionalLong.empty(),
                0),
        "column 'id' is granted twice");
    refused(() -> query(List.of(), "", OptionalLong.empty(), 0), "no column is granted");
  }

  @Test
  void checksLimitAndOffset() {
    refused(() -> query(GRANTED, "", OptionalLong.of(-1), 0), "limit must be >= 0, got -1");
    refused(() -> query(GRANTED, "", OptionalLong.empty(), -5), "offset must be >= 0, got -5");
    assertThat(GovernedQuery.requireLimit(OptionalLong.empty(), 1000))
        .isEqualTo(OptionalLong.of(1000));
    assertThat(GovernedQuery.requireLimit(OptionalLong.of(10), 1000))
        .isEqualTo(OptionalLong.of(10));
    refused(
        () -> GovernedQuery.requireLimit(OptionalLong.of(1001), 1000),
        "limit must be between 0 and 1000, got 1001");
  }

  @Test
  void writesTheSelectedColumnsInTheirOrder() {
    GovernedQuery query =
        new GovernedQuery(
            List.of(),
            SCHEMA,
            GRANTED,
            RowFilter.all(),
            RowFilter.parse("x = 'a'"),
            ColumnSelection.parse("email, id"),
            SortOrder.parse("x DESC, id asc"),
            OptionalLong.empty(),
            0,
            OutputFormat.CSV,
            ContractKey.generate(new SecureRandom()));

    assertThat(query.output()).extracting(GovernedColumn::name).containsExactly("email", "id");
    assertThat(query.order().keys())
        .containsExactly(
            new SortOrder.Key("x", SortOrder.Direction.DESC),
            new SortOrder.Key("id", SortOrder.Direction.ASC));
    assertThat(query.toString()).contains("key=ContractKey[hidden]");
  }

  @Test
  void parsesOrdersAndColumnLists() {
    assertThat(SortOrder.parse(" a , b DESC,c asc ").keys())
        .containsExactly(
            new SortOrder.Key("a", SortOrder.Direction.ASC),
            new SortOrder.Key("b", SortOrder.Direction.DESC),
            new SortOrder.Key("c", SortOrder.Direction.ASC));
    assertThat(SortOrder.parse(null)).isEqualTo(SortOrder.none());
    assertThat(ColumnSelection.parse("a,b ,  c").columns()).containsExactly("a", "b", "c");
    assertThat(ColumnSelection.parse("")).isEqualTo(ColumnSelection.all());
  }
}
