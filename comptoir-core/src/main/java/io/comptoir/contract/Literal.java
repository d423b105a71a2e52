package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** A constant of the filter language. The engine binds it as a statement parameter. */
public sealed interface Literal {
  /** A single-quoted string. */
  record Text(String value) implements Literal {
    public Text {
      requireNonNull(value, "value is null");
    }
  }

  /** A decimal number such as {@code 42}, {@code -1.5}. */
  record Number(BigDecimal value) implements Literal {
    public Number {
      requireNonNull(value, "value is null");
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements Literal {}

  /** {@code date '2024-01-31'}. */
  record Date(LocalDate value) implements Literal {
    public Date {
      requireNonNull(value, "value is null");
    }
  }

  /** {@code timestamp '2024-01-31 10:00:00'}. */
  record Timestamp(LocalDateTime value) implements Literal {
    public Timestamp {
      requireNonNull(value, "value is null");
    }
  }
}
