package io.comptoir.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaChangeTest {
  private static final List<Column> DECLARED =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("weight", DataType.decimal(10, 2)),
          Column.of("score", DataType.DOUBLE),
          new Column("shipped", DataType.DATE, "", PersonalDataCategory.NONE, "dd/MM/yyyy"),
          Column.of("seen", DataType.TIMESTAMP),
          Column.of("label", DataType.STRING));

  @Test
  void findsNothingWhenTheColumnsAreTheSameInAnotherOrder() {
    List<Column> reversed = new java.util.ArrayList<>(DECLARED);
    java.util.Collections.reverse(reversed);
    assertThat(SchemaChange.between(DECLARED, reversed, true)).isEmpty();
  }

  @Test
  void namesAddedAndRemovedColumns() {
    List<Column> read =
        List.of(
            Column.of("id", DataType.INTEGER),
            Column.of("weight", DataType.decimal(10, 2)),
            Column.of("colour", DataType.STRING),
            Column.of("score", DataType.DOUBLE),
            Column.of("label", DataType.STRING));

    SchemaChange change = SchemaChange.between(DECLARED, read, false).orElseThrow();

    assertThat(change.added()).containsExactly("colour");
    assertThat(change.removed()).containsExactly("shipped", "seen");
    assertThat(change.retyped()).isEmpty();
    assertThat(change.describe()).isEqualTo("added [colour], removed [shipped, seen]");
  }

  @Test
  void comparesTypesOnlyForTypedSourcesAndAcceptsWidenings() {
    List<Column> widened =
        List.of(
            Column.of("id", DataType.INTEGER),
            Column.of("weight", DataType.INTEGER),
            Column.of("score", DataType.decimal(5, 1)),
            Column.of("shipped", DataType.STRING),
            Column.of("seen", DataType.DATE),
            Column.of("label", DataType.STRING));
    assertThat(SchemaChange.between(DECLARED, widened, true)).isEmpty();

    List<Column> retyped =
        List.of(
            Column.of("id", DataType.STRING),
            Column.of("weight", DataType.DOUBLE),
            Column.of("score", DataType.DOUBLE),
            Column.of("shipped", DataType.DATE),
            Column.of("seen", DataType.STRING),
            Column.of("label", DataType.INTEGER));
    SchemaChange change = SchemaChange.between(DECLARED, retyped, true).orElseThrow();
    assertThat(change.retyped())
        .containsExactly(
            "id: integer -> string",
            "weight: decimal(10,2) -> double",
            "seen: timestamp -> string",
            "label: string -> integer");
    assertThat(SchemaChange.between(DECLARED, retyped, false)).as("text sources").isEmpty();
  }
}
