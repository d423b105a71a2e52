package io.comptoir.ingest;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the columns of a source differ from a product's: columns the source has and the product does
 * not ({@code added}), columns of the product the source lacks ({@code removed}), and, for sources
 * that carry types (Parquet), columns whose type does not fit the declared one ({@code retyped}, as
 * {@code name: declared -> read}).
 */
public record SchemaChange(List<String> added, List<String> removed, List<String> retyped) {
  public SchemaChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    retyped = List.copyOf(retyped);
  }

  /**
   * Compares the columns read from a source with the declared ones.
   *
   * @param typed whether the source's types are its own (Parquet) rather than guessed from text
   */
  public static Optional<SchemaChange> between(
      List<Column> declared, List<Column> read, boolean typed) {
    Map<String, Column> readByName =
        read.stream().collect(Collectors.toMap(Column::name, Function.identity(), (a, b) -> a));
    List<String> declaredNames = declared.stream().map(Column::name).toList();
    List<String> added =
        read.stream().map(Column::name).filter(name -> !declaredNames.contains(name)).toList();
    List<String> removed = new ArrayList<>();
    List<String> retyped = new ArrayList<>();
    for (Column column : declared) {
      Column source = readByName.get(column.name());
      if (source == null) {
        removed.add(column.name());
      } else if (typed && !fits(source.type(), column)) {
        retyped.add(column.name() + ": " + column.type() + " -> " + source.type());
      }
    }
    if (added.isEmpty() && removed.isEmpty() && retyped.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SchemaChange(added, removed, retyped));
  }

  /**
   * Whether values of a source type convert to a declared column without changing meaning: same
   * kind, or a widening (integer into decimal or double, decimal into double, date into timestamp),
   * or text into a date or timestamp column that declares its format.
   */
  static boolean fits(DataType source, Column declared) {
    DataType.Kind from = source.kind();
    DataType.Kind to = declared.type().kind();
    if (from == to) {
      return true;
    }
    return switch (to) {
      case DOUBLE -> from == DataType.Kind.INTEGER || from == DataType.Kind.DECIMAL;
      case DECIMAL -> from == DataType.Kind.INTEGER;
      case TIMESTAMP ->
          from == DataType.Kind.DATE
              || (from == DataType.Kind.STRING && !declared.format().isEmpty());
      case DATE -> from == DataType.Kind.STRING && !declared.format().isEmpty();
      default -> false;
    };
  }

  /** For messages: {@code added [a], removed [b], retyped [c: integer -> string]}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("added " + added);
    }
    if (!removed.isEmpty()) {
      parts.add("removed " + removed);
    }
    if (!retyped.isEmpty()) {
      parts.add("retyped " + retyped);
    }
    return String.join(", ", parts);
  }
}
