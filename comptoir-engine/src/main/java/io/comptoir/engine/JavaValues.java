package io.comptoir.engine;

import java.sql.Date;
import java.sql.Timestamp;

/** Plain Java values from JDBC objects: LocalDate, LocalDateTime, Long, Double, BigDecimal... */
final class JavaValues {
  private JavaValues() {}

  static Object of(Object value) {
    if (value instanceof Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof Integer integer) {
      return integer.longValue();
    }
    if (value instanceof Float number) {
      return number.doubleValue();
    }
    return value;
  }
}
