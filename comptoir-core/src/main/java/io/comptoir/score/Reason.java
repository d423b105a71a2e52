package io.comptoir.score;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One fact behind a criterion's points: a stable code and the values it names. The API gives the
 * code, the values and the English {@link #message()}; the pages write the same fact in the
 * reader's language from the code.
 */
public record Reason(ReasonCode code, List<String> arguments) {
  public Reason {
    requireNonNull(code, "code is null");
    arguments =
        arguments.stream()
            .map(a -> requireNonNull(a, "argument is null").replace('\n', ' ').replace('\r', ' '))
            .toList();
    if (arguments.size() != code.arguments().size()) {
      throw new IllegalArgumentException(
          "reason "
              + code.code()
              + " takes "
              + code.arguments().size()
              + " values, got "
              + arguments);
    }
  }

  public static Reason of(ReasonCode code, Object... arguments) {
    return new Reason(code, java.util.Arrays.stream(arguments).map(String::valueOf).toList());
  }

  /** The fact in English: the code's sentence with its values. */
  public String message() {
    String text = code.english();
    for (int i = 0; i < arguments.size(); i++) {
      String value = arguments.get(i);
      if (code.arguments().get(i) == ReasonCode.Argument.DURATION) {
        value = ScoreCalculator.describe(Duration.parse(value));
      }
      text = text.replace("{" + i + "}", value);
    }
    return text;
  }

  @Override
  public String toString() {
    return message();
  }
}
