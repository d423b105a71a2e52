package io.comptoir.catalog;

import io.comptoir.common.ComptoirException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logical type of a column: {@code string, integer, double, decimal(p,s), boolean, date,
 * timestamp}. Integers are 64-bit.
 */
public record DataType(Kind kind, int precision, int scale) {
  private static final Pattern DECIMAL =
      Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)", Pattern.CASE_INSENSITIVE);

  public enum Kind {
    STRING,
    INTEGER,
    DOUBLE,
    DECIMAL,
    BOOLEAN,
    DATE,
    TIMESTAMP
  }

  public static final DataType STRING = new DataType(Kind.STRING, 0, 0);
  public static final DataType INTEGER = new DataType(Kind.INTEGER, 0, 0);
  public static final DataType DOUBLE = new DataType(Kind.DOUBLE, 0, 0);
  public static final DataType BOOLEAN = new DataType(Kind.BOOLEAN, 0, 0);
  public static final DataType DATE = new DataType(Kind.DATE, 0, 0);
  public static final DataType TIMESTAMP = new DataType(Kind.TIMESTAMP, 0, 0);

  public DataType {
    if (kind == null) {
      throw ComptoirException.invalidInput("data type kind is null");
    }
    if (kind == Kind.DECIMAL) {
      if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
        throw ComptoirException.invalidInput(
            "decimal needs 1 <= precision <= 38 and 0 <= scale <= precision, got decimal(%d,%d)",
            precision, scale);
      }
    } else if (precision != 0 || scale != 0) {
      throw ComptoirException.invalidInput("only decimal takes a precision and scale");
    }
  }

  public static DataType decimal(int precision, int scale) {
    return new DataType(Kind.DECIMAL, precision, scale);
  }

  /** Parses the names printed by {@link #toString()}, case-insensitive. */
  public static DataType parse(String text) {
    if (text == null || text.isBlank()) {
      throw ComptoirException.invalidInput("data type is empty");
    }
    String value = text.trim().toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(value);
    if (decimal.matches()) {
      return decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
    }
    return switch (value) {
      case "string", "varchar", "text" -> STRING;
      case "integer", "int", "bigint", "long" -> INTEGER;
      case "double", "float", "real" -> DOUBLE;
      case "decimal" -> decimal(18, 3);
      case "boolean", "bool" -> BOOLEAN;
      case "date" -> DATE;
      case "timestamp", "datetime" -> TIMESTAMP;
      default ->
          throw ComptoirException.invalidInput(
              "unknown data type '%s' (expected string, integer, double, decimal(p,s), boolean,"
                  + " date, timestamp)",
              text);
    };
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL
        ? "decimal(" + precision + "," + scale + ")"
        : kind.name().toLowerCase(Locale.ROOT);
  }
}
