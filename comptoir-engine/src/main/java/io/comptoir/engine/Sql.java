package io.comptoir.engine;

import io.comptoir.catalog.DataType;
import java.nio.file.Path;

/** Quoting and type mapping for the SQL the engine writes. */
final class Sql {
  private Sql() {}

  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  static String literal(Path path) {
    return literal(path.toAbsolutePath().toString());
  }

  static String literal(char value) {
    return literal(String.valueOf(value));
  }

  static String duckType(DataType type) {
    return switch (type.kind()) {
      case STRING -> "VARCHAR";
      case INTEGER -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }

  /** Maps a DuckDB type name to a Comptoir type; unknown and nested types become strings. */
  static DataType fromDuckType(String duckType) {
    String type = duckType.toUpperCase(java.util.Locale.ROOT);
    if (type.startsWith("DECIMAL")) {
      return DataType.parse(type.toLowerCase(java.util.Locale.ROOT));
    }
    return switch (type) {
      case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" ->
          DataType.INTEGER;
      case "FLOAT", "DOUBLE", "REAL" -> DataType.DOUBLE;
      case "BOOLEAN" -> DataType.BOOLEAN;
      case "DATE" -> DataType.DATE;
      case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP_NS", "TIMESTAMP WITH TIME ZONE" ->
          DataType.TIMESTAMP;
      default -> DataType.STRING;
    };
  }
}
